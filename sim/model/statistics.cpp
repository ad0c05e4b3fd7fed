#include "statistics.hpp"

#include <stdexcept>

namespace freightsim::detail {

statistics::statistics(const corridor& model, bool observing)
    : observing_(observing), node_count_(model.net.node_count()) {
  result_.flows.resize(model.flows.size());
  result_.nodes.resize(model.net.node_count());
  result_.links.resize(model.net.link_count());
  for (auto& f : result_.flows) {
    f.node_h.resize(model.net.node_count());
    f.link_h.resize(model.net.link_count());
  }
}

void statistics::created(std::uint32_t id, std::uint32_t flow) {
  if (id >= lives_.size()) lives_.resize(id + 1);
  ++result_.flows[flow].created;
  ++result_.created;
}

void statistics::wait_ended(std::uint32_t id, vertex v, wait_cause cause, sim_time duration) {
  log_part(id, static_cast<std::uint32_t>(v * stop_part_count + static_cast<std::size_t>(cause)), duration);
  if (observing_) result_.nodes[v].wait_by_cause_h[static_cast<std::size_t>(cause)] += to_hours(duration);
}

void statistics::server_wait(vertex v, sim_time wait) {
  if (!observing_) return;
  node_result& r = result_.nodes[v];
  r.wait_h.add(to_hours(wait));
  r.wait_quantiles.add(to_hours(wait));
}

void statistics::service(std::uint32_t id, vertex v, sim_time duration) {
  log_part(id, static_cast<std::uint32_t>(v * stop_part_count + service_part), duration);
}

void statistics::travel(std::uint32_t id, std::uint32_t link, sim_time duration, double hours) {
  log_part(id, static_cast<std::uint32_t>(node_count_ * stop_part_count + link), duration);
  if (!observing_) return;
  ++result_.links[link].units;
  result_.links[link].travel_h += hours <= to_hours(max_sim_time) ? to_hours(from_hours(hours)) : hours;
}

void statistics::vehicle(std::uint32_t link) {
  if (observing_) ++result_.links[link].vehicles;
}

void statistics::left_behind(std::uint32_t link, std::size_t units) {
  if (observing_) result_.links[link].left_behind += units;
}

void statistics::departed(vertex v) {
  if (observing_) ++result_.nodes[v].departures;
}

void statistics::delivered(std::uint32_t id, const shipment& s, sim_time now) {
  ++result_.delivered_total;
  if (observing_) {
    flow_result& r = result_.flows[s.flow];
    const double transit = to_hours(now - s.created);
    ++r.delivered;
    r.transit_h.add(transit);
    r.transit_quantiles.add(transit);
    r.cost_usd.add(s.cost);
    add_life(id, s, now);
  }
  lives_[id].clear();
}

void statistics::log_part(std::uint32_t id, std::uint32_t place, sim_time duration) {
  if (duration > sim_time{0}) lives_[id].push_back({place, duration});
}

void statistics::add_life(std::uint32_t id, const shipment& s, sim_time now) {
  flow_result& r = result_.flows[s.flow];
  const std::size_t stops = node_count_ * stop_part_count;
  sim_time total{0};
  for (const life_part& p : lives_[id]) {
    total += p.duration;
    if (p.place < stops) {
      r.node_h[p.place / stop_part_count][p.place % stop_part_count] += to_hours(p.duration);
    } else {
      r.link_h[p.place - stops] += to_hours(p.duration);
    }
  }
  if (total != now - s.created)
    throw std::logic_error("simulation: a unit's time parts do not add up to its transit time");
}

}  // namespace freightsim::detail
