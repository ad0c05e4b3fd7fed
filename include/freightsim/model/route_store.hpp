// The planned links of every flow, stored once per destination: flows routed by a rule (shortest, cheapest)
// to the same destination share one tree of next hops toward it, so memory grows with nodes x destinations,
// not with flows x route length. A flow whose planned route is not the tree's path from its origin (a tie
// broken the other way, an explicit list, an adaptive flow's alternatives) keeps its own list of links.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "freightsim/model/corridor.hpp"

namespace freightsim {

class route_store {
 public:
  explicit route_store(const corridor& model);

  struct hop {
    vertex next;
    std::uint32_t link;
  };
  // The hop a unit of `flow` on path `path` takes from node `at`, the `index`-th node of that path.
  hop next(std::uint32_t flow, std::uint8_t path, vertex at, std::uint32_t index) const {
    const flow_entry& f = flows_[flow];
    if (f.shared) return {trees_[*f.tree].next[at], trees_[*f.tree].link[at]};
    return {(*f.nodes[path])[index + 1], f.links[path][index]};
  }
  // The tree toward the destination of a flow routed by a rule (nullopt for others): next hop per node
  // (next[v] == v where none), as next_hops_toward gives with nothing closed. Rerouting units use it too.
  std::optional<std::size_t> tree_of(std::uint32_t flow) const { return flows_[flow].tree; }
  const std::vector<vertex>& tree_next(std::size_t tree) const { return trees_[tree].next; }
  // True when the flow's planned route is its tree's path (it stores no list of its own).
  bool shares_tree(std::uint32_t flow) const { return flows_[flow].shared; }
  // Links of `flow`'s path `path` in order (an own list, or walked along its tree).
  std::vector<std::uint32_t> links_of(std::uint32_t flow, std::uint8_t path) const;
  // Stored hops: a tree counts its nodes, an own list its links; for the memory test.
  std::size_t stored_entries() const;
  std::size_t tree_count() const { return trees_.size(); }

 private:
  struct tree {
    vertex destination;
    route_rule rule;
    double value_of_time_usd_per_h;
    std::vector<vertex> next;
    std::vector<std::uint32_t> link;  // to next[v]; unused where next[v] == v
  };
  struct flow_entry {
    std::optional<std::size_t> tree;
    bool shared = false;
    vertex origin = 0, destination = 0;
    std::vector<const std::vector<vertex>*> nodes;  // by path, the flow's own (not copied)
    std::vector<std::vector<std::uint32_t>> links;  // by path: links[p][i] joins node i and i + 1
  };
  std::vector<tree> trees_;
  std::vector<flow_entry> flows_;
};

}  // namespace freightsim
