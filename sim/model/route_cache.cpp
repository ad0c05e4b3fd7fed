#include "route_cache.hpp"

#include <limits>

#include "freightsim/model/routing.hpp"

namespace freightsim::detail {

route_cache::route_cache(const corridor& model)
    : net_(model.net),
      node_closed_(model.net.node_count(), false),
      link_closed_(model.net.link_count(), false) {
  const auto& g = net_.graph();
  for (const auto& f : model.flows) {
    flow_routes& r = flows_.emplace_back();
    r.spec = &f;
    r.next_hop_epoch = std::numeric_limits<std::uint64_t>::max();
    for (std::size_t i = 0; i + 1 < f.route.size(); ++i)
      r.links.push_back(static_cast<std::uint32_t>(
          g[*best_link(net_, f.route[i], f.route[i + 1], f.rule, f.value_of_time_usd_per_h)].index));
    if (f.reroute)
      next_hops_toward(net_, f.route.back(), f.rule, f.value_of_time_usd_per_h, node_closed_, link_closed_,
                       r.open_next_hop);
  }
}

void route_cache::choose_next(shipment& s) {
  flow_routes& f = flows_[s.flow];
  const vertex destination = f.spec->route.back();
  if (s.at == destination) {
    s.next = s.at;
    s.link = no_link;
    return;
  }
  if (!f.spec->reroute) {
    s.next = f.spec->route[s.hop + 1];
    s.link = f.links[s.hop];
    return;
  }
  if (f.next_hop_epoch != closure_epoch_) {
    next_hops_toward(net_, destination, f.spec->rule, f.spec->value_of_time_usd_per_h, node_closed_,
                     link_closed_, f.next_hop);
    f.next_hop_epoch = closure_epoch_;
  }
  s.next = f.next_hop[s.at] != s.at ? f.next_hop[s.at] : f.open_next_hop[s.at];
  s.link = static_cast<std::uint32_t>(
      net_.link(*best_link(net_, s.at, s.next, f.spec->rule, f.spec->value_of_time_usd_per_h)).index);
}

void route_cache::set_node_closed(vertex v, bool closed) {
  if (node_closed_[v] == closed) return;
  node_closed_[v] = closed;
  ++closure_epoch_;
}

void route_cache::set_link_closed(std::uint32_t link, bool closed) {
  if (link_closed_[link] == closed) return;
  link_closed_[link] = closed;
  ++closure_epoch_;
}

}  // namespace freightsim::detail
