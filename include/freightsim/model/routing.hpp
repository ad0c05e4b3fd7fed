// Route choice on the corridor network: by expected time (shortest) or by generalized cost (cheapest).
#pragma once

#include <optional>
#include <vector>

#include "freightsim/model/flow.hpp"
#include "freightsim/model/network.hpp"

namespace freightsim {

// The Dijkstra weight of travelling link e and being served at its destination: expected hours for
// `shortest`, or USD (link cost + destination fee + value of time x expected hours) for `cheapest`.
double hop_weight(const network& net, edge e, route_rule rule, double value_of_time_usd_per_h);

// The best of the links from u to v by `rule` (several may join the same nodes: road and rail), if any.
std::optional<edge> best_link(const network& net, vertex u, vertex v, route_rule rule = route_rule::shortest,
                              double value_of_time_usd_per_h = 0);

// Expected hours to travel a link and then be served at its destination.
double expected_hop_hours(const network& net, edge e);

// Best path by `rule`; nullopt when `to` cannot be reached from `from`.
std::optional<std::vector<vertex>> best_route(const network& net, vertex from, vertex to, route_rule rule,
                                              double value_of_time_usd_per_h = 0);
std::optional<std::vector<vertex>> shortest_route(const network& net, vertex from, vertex to);

// For every node, the next node on the best path to `to` avoiding closed nodes and links (indexed by vertex
// and by link index); next[v] == v where no open path exists. `next` is resized to the node count.
void next_hops_toward(const network& net, vertex to, route_rule rule, double value_of_time_usd_per_h,
                      const std::vector<bool>& node_closed, const std::vector<bool>& link_closed,
                      std::vector<vertex>& next);

// Up to k loopless paths from `from` to `to`, best first by `rule` (Yen's algorithm; ties in cost keep the
// order found). Two paths differ in their nodes: parallel links between the same nodes are one path, taking
// the best link. Empty when `to` cannot be reached.
std::vector<std::vector<vertex>> k_best_routes(const network& net, vertex from, vertex to, std::size_t k,
                                               route_rule rule, double value_of_time_usd_per_h = 0);

// The sum of hop weights along a route (each hop on its best link).
double route_weight(const network& net, const std::vector<vertex>& route, route_rule rule,
                    double value_of_time_usd_per_h = 0);

// True when every consecutive pair of the route is joined by a link.
bool follows_links(const network& net, const std::vector<vertex>& route);

}  // namespace freightsim
