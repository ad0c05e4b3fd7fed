// Route choice on the corridor network.
#pragma once

#include <optional>
#include <vector>

#include "freightsim/model/network.hpp"

namespace freightsim {

// Expected hours to travel a link and then be served at its destination: the Dijkstra weight.
double expected_hop_hours(const network& net, edge e);

// Shortest path by expected time (Dijkstra on link time plus service time at each node entered);
// nullopt when `to` cannot be reached from `from`.
std::optional<std::vector<vertex>> shortest_route(const network& net, vertex from, vertex to);

// True when every consecutive pair of the route is joined by a link.
bool follows_links(const network& net, const std::vector<vertex>& route);

}  // namespace freightsim
