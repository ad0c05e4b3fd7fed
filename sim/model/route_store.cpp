#include "freightsim/model/route_store.hpp"

#include <algorithm>

#include "freightsim/model/routing.hpp"

namespace freightsim {

namespace {

std::uint32_t best_link_index(const network& net, vertex u, vertex v, route_rule rule, double value_of_time) {
  return static_cast<std::uint32_t>(net.link(*best_link(net, u, v, rule, value_of_time)).index);
}

}  // namespace

route_store::route_store(const corridor& model) {
  const network& net = model.net;
  const std::size_t n = net.node_count();
  const std::vector<bool> none_closed_nodes(n, false), none_closed_links(net.link_count(), false);
  // Flows routed by a rule, grouped by what their tree would be: (destination, rule, value of time).
  const auto same_tree = [](const flow_spec& a, const flow_spec& b) {
    return a.route.back() == b.route.back() && a.rule == b.rule &&
           a.value_of_time_usd_per_h == b.value_of_time_usd_per_h;
  };
  const auto by_rule = [](const flow_spec& f) { return f.rule != route_rule::explicit_list && !f.adaptive; };
  for (const auto& f : model.flows) {
    flow_entry& e = flows_.emplace_back();
    e.origin = f.route.front();
    e.destination = f.route.back();
    if (by_rule(f)) {
      auto t = std::find_if(trees_.begin(), trees_.end(), [&](const tree& x) {
        return x.destination == e.destination && x.rule == f.rule &&
               x.value_of_time_usd_per_h == f.value_of_time_usd_per_h;
      });
      if (t == trees_.end()) {
        // A tree costs a next hop and a link per node, a flow's own list a link per hop and its two vectors:
        // built when it is the smaller, or when one of its flows reroutes (that needs the tree).
        const std::size_t tree_bytes = n * (sizeof(vertex) + sizeof(std::uint32_t));
        std::size_t own_bytes = 0;
        bool reroutes = false;
        for (const auto& other : model.flows)
          if (by_rule(other) && same_tree(f, other)) {
            own_bytes += (other.route.size() - 1) * sizeof(std::uint32_t) + 2 * sizeof(std::vector<vertex>);
            reroutes = reroutes || other.reroute;
          }
        if (own_bytes >= tree_bytes || reroutes) {
          tree& made = trees_.emplace_back();
          made.destination = e.destination;
          made.rule = f.rule;
          made.value_of_time_usd_per_h = f.value_of_time_usd_per_h;
          next_hops_toward(net, e.destination, f.rule, f.value_of_time_usd_per_h, none_closed_nodes,
                           none_closed_links, made.next);
          made.link.assign(n, 0);
          for (vertex v = 0; v < n; ++v)
            if (made.next[v] != v)
              made.link[v] = best_link_index(net, v, made.next[v], f.rule, f.value_of_time_usd_per_h);
          t = trees_.end() - 1;
        }
      }
      if (t != trees_.end()) {
        // Shared only when walking the tree from the origin gives the planned route (a tie may differ).
        std::size_t i = 0;
        for (vertex v = e.origin; i + 1 < f.route.size() && t->next[v] == f.route[i + 1]; v = t->next[v])
          ++i;
        e.tree = static_cast<std::size_t>(t - trees_.begin());
        e.shared = i + 1 == f.route.size();
        if (e.shared) continue;
      }
    }
    if (!f.adaptive) e.nodes.push_back(&f.route);
    if (f.adaptive)
      for (const auto& path : f.alternatives)
        e.nodes.push_back(&path);
    for (const auto* path : e.nodes) {
      auto& links = e.links.emplace_back();
      for (std::size_t i = 0; i + 1 < path->size(); ++i)
        links.push_back(best_link_index(net, (*path)[i], (*path)[i + 1], f.rule, f.value_of_time_usd_per_h));
    }
  }
}

std::vector<std::uint32_t> route_store::links_of(std::uint32_t flow, std::uint8_t path) const {
  const flow_entry& f = flows_[flow];
  if (!f.shared) return f.links[path];
  const tree& t = trees_[*f.tree];
  std::vector<std::uint32_t> out;
  for (vertex v = f.origin; v != f.destination; v = t.next[v])
    out.push_back(t.link[v]);
  return out;
}

std::size_t route_store::stored_entries() const {
  std::size_t total = 0;
  for (const auto& t : trees_)
    total += t.next.size();
  for (const auto& f : flows_)
    for (const auto& links : f.links)
      total += links.size();
  return total;
}

}  // namespace freightsim
