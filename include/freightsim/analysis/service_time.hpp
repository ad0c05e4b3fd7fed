// The time a unit holds a server at a node, as the analytic model sees it: its mean and squared coefficient
// of variation. The one place that knows what a node's service is made of (service, inspection share,
// transfer).
#pragma once

#include "freightsim/model/node.hpp"

namespace freightsim {

struct time_moments {
  double mean = 0;  // hours
  double scv = 0;   // variance / mean^2 (0 for a zero mean)
};

// Service plus, with the inspection's probability, its extra time plus, for a share `transfer_share` of units
// (those changing mode here), the transfer time; the three parts are independent. A junction gives {0, 0}.
time_moments node_service_time(const node_spec& node, double transfer_share);

}  // namespace freightsim
