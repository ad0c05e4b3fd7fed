#include "freightsim/model/network.hpp"

#include <utility>

namespace freightsim {

bool network::add_node(node_spec node) {
  if (by_id_.contains(node.id)) return false;
  const std::string id = node.id;
  by_id_.emplace(id, boost::add_vertex(std::move(node), graph_));
  return true;
}

bool network::add_link(link_spec link) {
  const auto u = find(link.from);
  const auto v = find(link.to);
  if (!u || !v) return false;
  boost::add_edge(*u, *v, std::move(link), graph_);
  return true;
}

std::optional<vertex> network::find(std::string_view id) const {
  const auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

}  // namespace freightsim
