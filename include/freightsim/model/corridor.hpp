// What one replication simulates: the network and the flows over it.
#pragma once

#include <vector>

#include "freightsim/model/fleet.hpp"
#include "freightsim/model/flow.hpp"
#include "freightsim/model/network.hpp"

namespace freightsim {

struct corridor {
  network net;
  std::vector<flow_spec> flows;
  std::vector<fleet_spec> fleets;  // links name them by index (link_spec::fleet)
};

}  // namespace freightsim
