#include "statistics.hpp"

#include <algorithm>
#include <stdexcept>

namespace freightsim::detail {

statistics::statistics(const corridor& model, bool observing, sim_time horizon)
    : observing_(observing), node_count_(model.net.node_count()), series_grid_(horizon, series_points) {
  result_.flows.resize(model.flows.size());
  result_.nodes.resize(model.net.node_count());
  result_.links.resize(model.net.link_count());
  const auto& g = model.net.graph();
  link_origin_.resize(model.net.link_count());
  storage_.resize(model.net.node_count());
  for (const auto v : boost::make_iterator_range(boost::vertices(g)))
    if (!g[v].storage.empty()) storage_[v] = &g[v].storage;
  for (const auto e : boost::make_iterator_range(boost::edges(g)))
    link_origin_[g[e].index] = static_cast<std::uint32_t>(boost::source(e, g));
  for (std::size_t i = 0; i < result_.flows.size(); ++i) {
    flow_result& f = result_.flows[i];
    f.by_path.resize(model.flows[i].adaptive ? model.flows[i].alternatives.size() : 1);
  }
  series_slot_.assign(model.net.node_count(), no_series);
  for (const std::uint32_t v : series_nodes(model)) {
    series_slot_[v] = static_cast<std::uint32_t>(result_.series.size());
    result_.series.emplace_back().departed.assign(series_points, 0);
  }
  quantile_stops_.resize(model.flows.size());
  for (std::size_t i = 0; i < model.flows.size(); ++i) {
    const auto& route = model.flows[i].route;
    if (route.size() > max_quantile_path_stops) continue;
    for (const auto v : route)
      quantile_stops_[i].push_back(static_cast<std::uint32_t>(v));
    std::sort(quantile_stops_[i].begin(), quantile_stops_[i].end());
  }
}

void statistics::delivered(const trace_record& e) {
  ++result_.delivered_total;
  end_stay(e.shipment, static_cast<std::uint32_t>(e.where));
  if (observing_) {
    flow_result& r = result_.flows[e.flow];
    const double transit = to_hours(e.duration);
    ++r.delivered;
    r.transit_h.add(transit);
    r.transit_quantiles.add(transit);
    double storage = 0;
    for (const storage_charge& c : charges_[e.shipment]) {
      storage += c.usd;
      r.node_storage_usd[c.node] += c.usd;
    }
    r.storage_usd.add(storage);
    r.cost_usd.add(e.value + storage);
    add_life(e);
  }
  lives_[e.shipment].clear();
  charges_[e.shipment].clear();
}

void statistics::add_life(const trace_record& e) {
  flow_result& r = result_.flows[e.flow];
  const std::size_t stops = node_count_ * stop_part_count;
  sim_time total{0};
  const std::vector<std::uint32_t>& quantile_stops = quantile_stops_[e.flow];
  // The time since creation at which the unit left node v (boarded a link, or was delivered there).
  const auto leave = [&](std::uint32_t v) {
    if (std::binary_search(quantile_stops.begin(), quantile_stops.end(), v))
      r.leave_quantiles[v].add(to_hours(total));
  };
  for (const life_part& p : lives_[e.shipment]) {
    if (p.place < stops) {
      r.node_h[p.place / stop_part_count][p.place % stop_part_count] += to_hours(p.duration);
    } else {
      leave(link_origin_[p.place - stops]);
      r.link_h[p.place - stops] += to_hours(p.duration);
    }
    total += p.duration;
  }
  leave(static_cast<std::uint32_t>(e.where));
  if (total != e.duration)
    throw std::logic_error("simulation: a unit's time parts do not add up to its transit time");
}

}  // namespace freightsim::detail
