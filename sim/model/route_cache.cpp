#include "route_cache.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "fleets.hpp"
#include "freightsim/model/departure_wait.hpp"
#include "freightsim/model/routing.hpp"
#include "link_transport.hpp"
#include "stations.hpp"

namespace freightsim::detail {

route_cache::route_cache(const corridor& model, std::uint64_t seed, std::uint32_t rep)
    : net_(model.net),
      store_(model),
      reroute_(store_.tree_count(), open_hops{{}, std::numeric_limits<std::uint64_t>::max()}),
      node_closed_(model.net.node_count(), false),
      link_closed_(model.net.link_count(), false) {
  const auto& g = net_.graph();
  planned_rate_.assign(net_.link_count(), 0.0);
  for (std::uint32_t i = 0; i < model.flows.size(); ++i) {
    const flow_spec& f = model.flows[i];
    for (std::size_t k = 0; k + 1 < f.route.size(); ++k)
      if (const auto e = best_link(net_, f.route[k], f.route[k + 1], f.rule, f.value_of_time_usd_per_h))
        planned_rate_[g[*e].index] += f.rate_per_hour;
    flow_routes& r = flows_.emplace_back();
    r.spec = &f;
    if (!f.adaptive) continue;
    for (const auto& path : f.alternatives) {
      // Waits for departures (trains, sailings, paths) are added at each choice (departure_wait_hours).
      double hours = 0.0, usd = 0.0;
      std::vector<std::uint32_t>& links = r.links.emplace_back();
      std::vector<double>& arrive = r.arrive_h.emplace_back(1, 0.0);
      std::vector<double>& depart = r.depart_h.emplace_back();
      std::vector<double>& round_trip = r.round_trip_h.emplace_back();
      for (std::size_t k = 0; k + 1 < path.size(); ++k) {
        const edge e = *best_link(net_, path[k], path[k + 1], f.rule, f.value_of_time_usd_per_h);
        depart.push_back(hours);
        const double trip = g[e].expected_travel_hours();
        round_trip.push_back(g[e].fleet ? trip + mean(model.fleets[*g[e].fleet].return_time) : 0.0);
        hours += trip;
        arrive.push_back(hours);
        hours += g[path[k + 1]].expected_service_hours();
        usd += g[e].cost_usd + g[path[k + 1]].fee_usd;
        links.push_back(static_cast<std::uint32_t>(g[e].index));
      }
      r.fixed_hours.push_back(hours +
                              (f.value_of_time_usd_per_h > 0 ? usd / f.value_of_time_usd_per_h : 0.0));
    }
    if (f.dispersion_per_h > 0) r.choice = random_stream(seed, rep, "routing", f.id);
  }
}

void route_cache::choose_path(shipment& s, const stations& nodes, const link_transport& links,
                              const fleets& vehicles) {
  flow_routes& f = flows_[s.flow];
  if (!f.spec->adaptive) return;
  // Expected hours on each path: its fixed part; the units now waiting at (or for a place at) each node on
  // it, each holding one of its servers for their mean server time (delays have no queue: they are in the
  // fixed part once); each link's expected wait for its departure, with what is in its buffer now; what is
  // closed now, for as long as it is expected to stay closed after the unit would get there; and on a link
  // whose departures need a vehicle, the expected wait for one.
  std::array<double, 16> cost{};
  for (std::size_t p = 0; p < f.fixed_hours.size(); ++p) {
    cost[p] = f.fixed_hours[p];
    const auto& path = f.spec->alternatives[p];
    for (std::size_t i = 0; i < path.size(); ++i) {
      const station& n = nodes[path[i]];
      cost[p] += n.spec->expected_queue_hours(n.waiting + n.approaching);
      cost[p] += std::max(0.0, nodes.reopen_hours(path[i]) - f.arrive_h[p][i]);
    }
    for (std::size_t k = 0; k < f.links[p].size(); ++k) {
      const std::uint32_t l = f.links[p][k];
      const link_spec& spec = *links[l].spec;
      cost[p] += departure_wait_hours(spec, links.waiting(l, planned_rate_[l]));
      cost[p] += std::max(0.0, links.reopen_hours(l) - f.depart_h[p][k]);
      if (spec.fleet) cost[p] += vehicles.expected_wait_hours(*spec.fleet, f.round_trip_h[p][k]);
    }
  }
  const auto count = static_cast<std::ptrdiff_t>(f.fixed_hours.size());
  const auto least = std::min_element(cost.begin(), cost.begin() + count);
  s.path = static_cast<std::uint8_t>(least - cost.begin());
  // No logit among paths that all wait forever (a batch nothing else arrives for, without max_wait).
  if (f.spec->dispersion_per_h <= 0 || std::isinf(*least)) return;
  // Logit: weights relative to the least, so that none underflows to a total of 0.
  std::array<double, 16> weight{};
  double total = 0.0;
  for (std::ptrdiff_t p = 0; p < count; ++p)
    total += weight[static_cast<std::size_t>(p)] =
        std::exp(-f.spec->dispersion_per_h * (cost[static_cast<std::size_t>(p)] - *least));
  double u = f.choice.uniform01() * total;
  for (std::ptrdiff_t p = 0; p < count; ++p) {
    s.path = static_cast<std::uint8_t>(p);
    if ((u -= weight[static_cast<std::size_t>(p)]) <= 0.0) break;
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
    const auto hop = store_.next(s.flow, s.path, s.at, s.hop);
    s.next = static_cast<std::uint32_t>(hop.next);
    s.link = hop.link;
    return;
  }
  const std::size_t tree = *store_.tree_of(s.flow);
  open_hops& around = reroute_[tree];
  if (around.epoch != closure_epoch_) {
    next_hops_toward(net_, destination, f.spec->rule, f.spec->value_of_time_usd_per_h, node_closed_,
                     link_closed_, around.next);
    around.epoch = closure_epoch_;
  }
  const std::vector<vertex>& open_next = store_.tree_next(tree);
  s.next = static_cast<std::uint32_t>(around.next[s.at] != s.at ? around.next[s.at] : open_next[s.at]);
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
