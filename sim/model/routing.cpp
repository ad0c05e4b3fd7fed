#include "freightsim/model/routing.hpp"

#include <algorithm>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <limits>

namespace freightsim {

namespace {
constexpr double unreachable = std::numeric_limits<double>::infinity();
}  // namespace

double expected_hop_hours(const network& net, edge e) {
  const auto& g = net.graph();
  return g[e].expected_hours() + g[boost::target(e, g)].expected_service_hours();
}

double hop_weight(const network& net, edge e, route_rule rule, double value_of_time_usd_per_h) {
  const double hours = expected_hop_hours(net, e);
  if (rule != route_rule::cheapest) return hours;
  const auto& g = net.graph();
  return g[e].cost_usd + g[boost::target(e, g)].fee_usd + value_of_time_usd_per_h * hours;
}

std::optional<edge> best_link(const network& net, vertex u, vertex v, route_rule rule,
                              double value_of_time_usd_per_h) {
  const auto& g = net.graph();
  std::optional<edge> best;
  double best_weight = 0.0;
  for (const auto e : boost::make_iterator_range(boost::out_edges(u, g))) {
    if (boost::target(e, g) != v) continue;
    const double w = hop_weight(net, e, rule, value_of_time_usd_per_h);
    if (!best || w < best_weight) {
      best = e;
      best_weight = w;
    }
  }
  return best;
}

std::optional<std::vector<vertex>> best_route(const network& net, vertex from, vertex to, route_rule rule,
                                              double value_of_time_usd_per_h) {
  const auto& g = net.graph();
  const auto n = boost::num_vertices(g);
  std::vector<vertex> pred(n);
  std::vector<double> dist(n, unreachable);
  const auto weight = boost::make_function_property_map<edge, double>(
      [&](edge e) { return hop_weight(net, e, rule, value_of_time_usd_per_h); });
  boost::dijkstra_shortest_paths(g, from,
                                 boost::weight_map(weight)
                                     .predecessor_map(pred.data())
                                     .distance_map(dist.data())
                                     .distance_inf(unreachable));
  if (dist[to] == unreachable) return std::nullopt;
  std::vector<vertex> route{to};
  for (vertex v = to; v != from; v = pred[v])
    route.push_back(pred[v]);
  std::reverse(route.begin(), route.end());
  return route;
}

std::optional<std::vector<vertex>> shortest_route(const network& net, vertex from, vertex to) {
  return best_route(net, from, to, route_rule::shortest);
}

void next_hops_toward(const network& net, vertex to, route_rule rule, double value_of_time_usd_per_h,
                      const std::vector<bool>& node_closed, const std::vector<bool>& link_closed,
                      std::vector<vertex>& next) {
  // Dijkstra from the destination over reversed links: a node's predecessor in that search is its next hop.
  const auto& g = net.graph();
  const auto reversed = boost::make_reverse_graph(g);
  const auto n = boost::num_vertices(g);
  next.resize(n);
  std::vector<double> dist(n, unreachable);
  using reversed_edge = boost::graph_traits<decltype(reversed)>::edge_descriptor;
  const auto weight = boost::make_function_property_map<reversed_edge, double>([&](reversed_edge re) {
    const edge e = re.underlying_descx;  // the forward link (Boost.Graph names it so)
    if (link_closed[g[e].index] || node_closed[boost::target(e, g)]) return unreachable;
    return hop_weight(net, e, rule, value_of_time_usd_per_h);
  });
  boost::dijkstra_shortest_paths(reversed, to,
                                 boost::weight_map(weight)
                                     .predecessor_map(next.data())
                                     .distance_map(dist.data())
                                     .distance_inf(unreachable));
  for (std::size_t v = 0; v < n; ++v)
    if (dist[v] == unreachable) next[v] = v;
}

double route_weight(const network& net, const std::vector<vertex>& route, route_rule rule,
                    double value_of_time_usd_per_h) {
  double total = 0.0;
  for (std::size_t i = 0; i + 1 < route.size(); ++i)
    total += hop_weight(net, *best_link(net, route[i], route[i + 1], rule, value_of_time_usd_per_h), rule,
                        value_of_time_usd_per_h);
  return total;
}

std::vector<std::vector<vertex>> k_best_routes(const network& net, vertex from, vertex to, std::size_t k,
                                               route_rule rule, double value_of_time_usd_per_h) {
  std::vector<std::vector<vertex>> found;
  auto first = best_route(net, from, to, rule, value_of_time_usd_per_h);
  if (!first || k == 0) return found;
  found.push_back(std::move(*first));
  const auto& g = net.graph();
  const std::size_t n = net.node_count();
  std::vector<std::pair<double, std::vector<vertex>>> candidates;
  std::vector<vertex> next;
  while (found.size() < k) {
    const std::vector<vertex>& last = found.back();
    // Each node of the last path but the destination is a spur: keep the root up to it, and leave it by a
    // link no found path with the same root took, avoiding the root's other nodes (no loops).
    for (std::size_t j = 0; j + 1 < last.size(); ++j) {
      std::vector<bool> node_closed(n, false), link_closed(net.link_count(), false);
      for (std::size_t i = 0; i < j; ++i)
        node_closed[last[i]] = true;
      for (const auto& p : found) {
        if (p.size() <= j + 1 ||
            !std::equal(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(j + 1), p.begin()))
          continue;
        for (const auto e : boost::make_iterator_range(boost::out_edges(p[j], g)))
          if (boost::target(e, g) == p[j + 1]) link_closed[g[e].index] = true;
      }
      // The best path from the spur to `to` over what is left open (the destination's tree of next hops).
      next_hops_toward(net, to, rule, value_of_time_usd_per_h, node_closed, link_closed, next);
      std::vector<vertex> path(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(j + 1));
      if (next[last[j]] == last[j]) continue;
      bool loops = false;
      for (vertex v = last[j]; v != to && !loops; v = path.back()) {
        path.push_back(next[v]);
        loops = path.size() > n || node_closed[next[v]];
      }
      if (loops) continue;
      const bool known =
          std::any_of(found.begin(), found.end(), [&](const auto& p) { return p == path; }) ||
          std::any_of(candidates.begin(), candidates.end(), [&](const auto& c) { return c.second == path; });
      if (!known) candidates.emplace_back(route_weight(net, path, rule, value_of_time_usd_per_h), path);
    }
    if (candidates.empty()) break;
    const auto best = std::min_element(candidates.begin(), candidates.end(),
                                       [](const auto& a, const auto& b) { return a.first < b.first; });
    found.push_back(std::move(best->second));
    candidates.erase(best);
  }
  return found;
}

bool follows_links(const network& net, const std::vector<vertex>& route) {
  for (std::size_t i = 0; i + 1 < route.size(); ++i)
    if (!best_link(net, route[i], route[i + 1])) return false;
  return true;
}

}  // namespace freightsim
