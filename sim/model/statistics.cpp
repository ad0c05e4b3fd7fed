#include "statistics.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace freightsim::detail {

statistics::statistics(const corridor& model, run_window window)
    : observing_(window.warmup == sim_time{0}),
      node_count_(model.net.node_count()),
      levels_(model.net.node_count()),
      fleets_(model.fleets.size()),
      lives_((model.net.node_count() << part_bits) + model.net.link_count()),
      series_grid_(window.horizon, series_points) {
  result_.flows.resize(model.flows.size());
  result_.nodes.resize(model.net.node_count());
  result_.links.resize(model.net.link_count());
  const auto& g = model.net.graph();
  for (std::size_t f = 0; f < fleets_.size(); ++f)
    fleets_[f].size = model.fleets[f].size;
  for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
    levels_[v].has_servers = g[v].has_servers();
    // The middle of the observation window: the growth warning compares the queue's halves.
    levels_[v].queue.split_at(window.warmup + (window.horizon - window.warmup) / 2);
  }
  link_origin_.resize(model.net.link_count());
  storage_.resize(model.net.node_count());
  for (const auto v : boost::make_iterator_range(boost::vertices(g)))
    if (!g[v].storage.empty()) {
      storage_[v] = &g[v].storage;
      any_storage_ = true;
    }
  for (const auto e : boost::make_iterator_range(boost::edges(g)))
    link_origin_[g[e].index] = static_cast<std::uint32_t>(boost::source(e, g));
  for (std::size_t i = 0; i < result_.flows.size(); ++i) {
    flow_result& f = result_.flows[i];
    f.by_path.resize(model.flows[i].adaptive ? model.flows[i].alternatives.size() : 1);
    if (model.flows[i].adaptive) f.by_path_series.assign(f.by_path.size() * series_points, 0);
  }
  series_slot_.assign(model.net.node_count(), no_series);
  for (const std::uint32_t v : series_nodes(model)) {
    series_slot_[v] = static_cast<std::uint32_t>(result_.series.size());
    node_series& s = result_.series.emplace_back();
    s.node = v;
    s.departed.assign(series_points, 0);
    queue_samples_.emplace_back(series_grid_);
    approach_samples_.emplace_back(series_grid_);
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

void statistics::start_observing(sim_time now) {
  observing_ = true;
  for (node_levels& l : levels_) {
    l.busy.reset(now);
    l.capacity.reset(now);
    l.queue.reset(now);
    l.approach.reset(now);
    l.total.reset(now);
  }
  for (fleet_levels& f : fleets_)
    f.busy.reset(now);
}

void statistics::finish_levels(sim_time end) {
  for (std::size_t v = 0; v < levels_.size(); ++v) {
    const node_levels& l = levels_[v];
    node_result& r = result_.nodes[v];
    const double capacity = l.capacity.average(end);
    if (l.has_servers && capacity > 0.0) r.utilization = l.busy.average(end) / capacity;
    r.queue_mean = l.queue.average(end);
    r.queue_max = l.queue.max();
    r.approach_mean = l.approach.average(end);
    r.approach_max = l.approach.max();
    r.waiting_total_mean = l.waiting_total().average(end);
    r.waiting_total_max = l.waiting_total().max();
    if (const auto halves = l.queue.halves(end)) std::tie(r.queue_first_half, r.queue_second_half) = *halves;
  }
  result_.fleets.clear();
  for (const fleet_levels& f : fleets_) {
    const double busy = f.busy.average(end);
    const double wait = f.granted ? f.wait_h / static_cast<double>(f.granted) : 0.0;
    result_.fleets.push_back({busy, busy / f.size, f.granted, wait});
  }
  for (std::size_t slot = 0; slot < result_.series.size(); ++slot) {
    queue_samples_[slot].finish(end);
    approach_samples_[slot].finish(end);
    result_.series[slot].queue = queue_samples_[slot].values();
    result_.series[slot].approach = approach_samples_[slot].values();
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
    if (any_storage_)
      for (const storage_charge& c : charges_[e.shipment]) {
        storage += c.usd;
        r.node_storage_usd[c.node] += c.usd;
      }
    r.storage_usd.add(storage);
    r.cost_usd.add(e.value + storage);
    add_life(e);
  }
  lives_.clear(e.shipment);
  if (any_storage_) charges_[e.shipment].clear();
}

void statistics::add_life(const trace_record& e) {
  flow_result& r = result_.flows[e.flow];
  const std::uint32_t stops = stop_place(node_count_, 0);
  sim_time total{0};
  const std::vector<std::uint32_t>& quantile_stops = quantile_stops_[e.flow];
  // The time since creation at which the unit left node v (boarded a link, or was delivered there).
  const auto leave = [&](std::uint32_t v) {
    if (std::binary_search(quantile_stops.begin(), quantile_stops.end(), v))
      r.leave_quantiles[v].add(to_hours(total));
  };
  lives_.for_each(e.shipment, [&](const life_log::part& p) {
    if (p.place < stops) {
      r.node_h[node_of(p.place)][part_of(p.place)] += to_hours(p.duration);
    } else {
      leave(link_origin_[p.place - stops]);
      r.link_h[p.place - stops] += to_hours(p.duration);
    }
    total += p.duration;
  });
  // At the destination a unit leaves at its transit time: the quantile path's last stop reads the flow's
  // transit sketch (summary.cpp), not a copy of it.
  if (total != e.duration)
    throw std::logic_error("simulation: a unit's time parts do not add up to its transit time");
}

}  // namespace freightsim::detail
