// The analytic model of a scenario: traffic equations, utilization, waits per node and transit per flow, in
// milliseconds instead of a simulated year. Approximations (README, "Analytic estimates"):
// - arrivals and service at a node: exact M/M/c (Erlang C) when every arriving stream is Poisson and service
//   is exponential with constant servers; otherwise Allen–Cunneen, with squared coefficients of variation
//   propagated through the network as in Whitt's QNA (departures, splitting, superposition);
// - units arriving in groups (trains, ships): the M^X/G/1 batch term, its within-batch part spread over c
//   servers;
// - batch formation: the exact mean wait of Poisson arrivals with max_wait ((N-1)/(2 lambda) without it);
//   sailings: headway / 2;
// - fleets: c servers (vehicles) for the departures of the links using the fleet, each held for a round trip
//   (link time and delay, then the return), Allen–Cunneen with Poisson departures (Erlang C for an
//   exponential round trip); a departure's units all wait as long as it does;
// - shifts and disruptions: a deterministic fluid queue over the changing number of servers, plus the
//   stationary wait of the servers open while no backlog remains; breakdowns: average capacity reduced by
//   availability, plus each outage's backlog cleared at the spare capacity;
// - waiting places (`capacity`), blocking, priorities and rerouting are not modelled (planned routes, FCFS,
//   unlimited waiting room).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "freightsim/scenario/scenario.hpp"

namespace freightsim {

struct node_estimate {
  std::string id;
  bool junction = false;
  std::uint32_t servers = 0;
  double servers_mean = 0;  // time-average servers open over the observation window, times availability
  double arrival_rate_h = 0;
  double service_mean_h = 0, service_scv = 0;
  double arrival_scv = 0;  // of arriving groups (1 for a Poisson stream of single units)
  double utilization = 0;  // rho = lambda E[S] / servers_mean
  double wait_h = 0;       // mean wait for a server (infinite when unstable)
  double wait_p95_h = 0;
  double p_wait = 0;                 // probability of waiting at all
  double train_forming_h = 0;        // mean per unit leaving the node
  double sailing_h = 0;              // mean per unit leaving the node
  double vehicle_h = 0;              // mean per unit leaving the node: waits for a fleet's vehicle
  std::string method;                // "erlang_c", "allen_cunneen", "... + fluid" ...
  std::uint32_t servers_needed = 0;  // fewest servers (added to every open shift) with rho < 1
};

struct link_estimate {
  std::string from, to;
  double arrival_rate_h = 0;
  double travel_mean_h = 0;
  double train_forming_h = 0;  // mean wait for a batch to form
  double sailing_h = 0;        // mean wait for a departure
  double vehicle_h = 0;        // mean wait for a vehicle of the link's fleet
  double utilization = 0;      // schedule with capacity: lambda headway / capacity
  std::uint32_t capacity_needed = 0;
};

struct flow_estimate {
  std::string id;
  double rate_h = 0;
  double transit_mean_h = 0;  // sum along the route of waits, service and link times
  double transit_sd_h = 0;    // sum of the parts' variances (treated as independent)
  double transit_p95_h = 0;   // normal approximation: mean + 1.645 sd
};

// A node or link with rho >= 1.
struct stability_issue {
  std::string kind;  // "node", "link" or "fleet"
  std::string id;    // node id, "from->to" or fleet id
  double utilization = 0;
  std::uint32_t needed = 0;  // servers (node), units per departure (link) or vehicles (fleet)
  std::string message;       // one line
};

struct network_estimate {
  std::vector<node_estimate> nodes;  // in scenario order
  std::vector<link_estimate> links;  // in scenario order
  std::vector<flow_estimate> flows;
  std::vector<stability_issue> issues;
};

// Throws std::invalid_argument if the traffic equations have no solution.
network_estimate estimate_network(const scenario& s);

}  // namespace freightsim
