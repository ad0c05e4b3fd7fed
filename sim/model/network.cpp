#include "freightsim/model/network.hpp"

namespace freightsim {

// Boost.Graph copies bundled properties in (add_vertex and add_edge take them by const reference).
bool network::add_node(node_spec node) {
  if (by_id_.contains(node.id)) return false;
  const std::string id = node.id;
  by_id_.emplace(id, boost::add_vertex(node, graph_));
  return true;
}

bool network::add_link(link_spec link) {
  const auto u = find(link.from);
  const auto v = find(link.to);
  if (!u || !v) return false;
  boost::add_edge(*u, *v, link, graph_);
  return true;
}

std::optional<vertex> network::find(std::string_view id) const {
  const auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

}  // namespace freightsim
