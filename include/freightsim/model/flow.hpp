// A stream of shipments from an origin to a destination.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "freightsim/model/network.hpp"

namespace freightsim {

enum class route_rule { explicit_list, shortest, cheapest };
enum class arrival_process { poisson, fixed };

struct flow_spec {
  std::string id;
  std::string from, to;
  std::string unit = "unit";
  arrival_process process = arrival_process::poisson;
  double rate_per_hour = 0;   // Poisson rate, or 1 / interval for fixed arrivals
  sim_time first_arrival{0};  // fixed arrivals: time of the first one
  // Poisson arrivals with a profile: the rate per hour in each equal part of a period repeating from time 0
  // (their mean is rate_per_hour). Empty: a constant rate.
  std::vector<double> profile_rates;
  double profile_period_h = 0;
  route_rule rule = route_rule::shortest;
  bool reroute = false;                // choose each next hop around closed links and nodes
  double value_of_time_usd_per_h = 0;  // for route: cheapest
  std::int32_t priority = 0;           // higher is served first at every node
  std::vector<vertex> route;           // resolved node sequence, origin first (the planned route)
  // route: adaptive: the k shortest loopless paths by expected time, best first (alternatives[0] == route).
  // Each unit, when created, takes the path of least expected time including the current queues and
  // departures being formed on it (route_cache::choose_path)
  // (plus its fees and link costs over value_of_time_usd_per_h, when that is given), or with a dispersion
  // draws one by a logit split on that cost.
  bool adaptive = false;
  std::vector<std::vector<vertex>> alternatives;
  double dispersion_per_h = 0;  // logit dispersion (1/h); 0: always the least
};

}  // namespace freightsim
