// A stream of shipments from an origin to a destination along a fixed route.
#pragma once

#include <string>
#include <vector>

#include "freightsim/model/network.hpp"

namespace freightsim {

enum class route_rule { explicit_list, shortest };

struct flow_spec {
  std::string id;
  std::string from, to;
  std::string unit = "unit";
  double rate_per_hour = 0;  // Poisson arrival rate
  route_rule rule = route_rule::shortest;
  std::vector<vertex> route;  // resolved node sequence, origin first
};

}  // namespace freightsim
