// The corridor network: a Boost.Graph adjacency_list with nodes and links as bundled properties.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "freightsim/model/link.hpp"
#include "freightsim/model/node.hpp"

namespace freightsim {

using network_graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, node_spec, link_spec>;
using vertex = network_graph::vertex_descriptor;
using edge = network_graph::edge_descriptor;

class network {
 public:
  // Adds a node; false if the id is already taken.
  bool add_node(node_spec node);
  // Adds a link between existing nodes; false if either end is unknown.
  bool add_link(link_spec link);

  [[nodiscard]] std::optional<vertex> find(std::string_view id) const;

  [[nodiscard]] const network_graph& graph() const { return graph_; }
  [[nodiscard]] std::size_t node_count() const { return boost::num_vertices(graph_); }
  [[nodiscard]] std::size_t link_count() const { return boost::num_edges(graph_); }
  [[nodiscard]] const node_spec& node(vertex v) const { return graph_[v]; }
  [[nodiscard]] node_spec& node(vertex v) { return graph_[v]; }
  [[nodiscard]] const link_spec& link(edge e) const { return graph_[e]; }

 private:
  network_graph graph_;
  std::unordered_map<std::string, vertex> by_id_;
};

}  // namespace freightsim
