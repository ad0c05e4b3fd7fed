// The time a unit holds a server at a node, as the analytic model sees it: its mean and squared coefficient
// of variation. The one place that knows what a node's service is made of (service, inspection share,
// transfer).
#pragma once

#include <string>

#include "freightsim/model/node.hpp"

namespace freightsim {

struct time_moments {
  double mean = 0;  // hours
  double scv = 0;   // variance / mean^2 (0 for a zero mean)
};

// Service plus, with the inspection's probability, its extra time plus, for a share `transfer_share` of units
// (those changing mode here), the transfer time; the three parts are independent. A junction gives {0, 0}.
// With `stages:`, the service stages plus each inspection stage's share of its time. A node without servers
// gives {0, 0}.
time_moments node_service_time(const node_spec& node, double transfer_share);

// The time without a server at a node for a unit of flow `flow_id`: its delay stages (those that apply to the
// flow, with their share) and, for a share `transfer_share`, its transfer stages. Infinite-server time: no
// queue, so it adds to transit and not to any utilization.
time_moments node_delay_time(const node_spec& node, const std::string& flow_id, double transfer_share);

}  // namespace freightsim
