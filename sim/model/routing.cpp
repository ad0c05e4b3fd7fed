#include "freightsim/model/routing.hpp"

#include <algorithm>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <limits>

namespace freightsim {

double expected_hop_hours(const network& net, edge e) {
  const auto& g = net.graph();
  return mean(g[e].time) + g[boost::target(e, g)].expected_service_hours();
}

std::optional<std::vector<vertex>> shortest_route(const network& net, vertex from, vertex to) {
  const auto& g = net.graph();
  const auto n = boost::num_vertices(g);
  std::vector<vertex> pred(n);
  std::vector<double> dist(n, std::numeric_limits<double>::infinity());
  const auto weight =
      boost::make_function_property_map<edge, double>([&net](edge e) { return expected_hop_hours(net, e); });
  boost::dijkstra_shortest_paths(g, from,
                                 boost::weight_map(weight).predecessor_map(pred.data()).distance_map(dist.data()));
  if (dist[to] == std::numeric_limits<double>::infinity()) return std::nullopt;
  std::vector<vertex> route{to};
  for (vertex v = to; v != from; v = pred[v]) route.push_back(pred[v]);
  std::reverse(route.begin(), route.end());
  return route;
}

bool follows_links(const network& net, const std::vector<vertex>& route) {
  for (std::size_t i = 0; i + 1 < route.size(); ++i)
    if (!net.best_link(route[i], route[i + 1])) return false;
  return true;
}

}  // namespace freightsim
