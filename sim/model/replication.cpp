#include "replication.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>
#include <vector>

namespace freightsim::detail {

namespace {
enum replication_kind : std::uint8_t { warmup_end };
}

replication::replication(const corridor& model, run_window window, std::uint64_t seed, std::uint32_t rep,
                         const trace_sink* trace, const run_limits& limits)
    : window(window),
      stats(model, window),
      tracer(trace),
      routes(model, seed, rep),
      arrivals(*this, model, seed, rep),
      nodes(*this, model, seed, rep),
      entry(*this, model),
      links(*this, model, seed, rep),
      vehicles(*this, model, seed, rep),
      limits_(limits) {}

replication_result replication::run() {
  if (window.warmup > sim_time{0}) schedule(window.warmup, owner::replication, warmup_end, 0);
  nodes.start();
  links.start();
  arrivals.start();
  sched.run_until(
      window.horizon, [this](const event& e) { handle(e); }, [this] { return must_stop(); });
  finish();
  return std::move(stats.result());
}

void replication::handle(const event& e) {
  switch (owner_of(e.kind)) {
    case owner::sources:
      return arrivals.handle(own_kind(e.kind), e.id);
    case owner::stations:
      return nodes.handle(own_kind(e.kind), e.id);
    case owner::links:
      return links.handle(own_kind(e.kind), e.id);
    case owner::fleets:
      return vehicles.handle(own_kind(e.kind), e.id);
    case owner::replication:
      return start_observing();
  }
  throw std::logic_error("simulation: unknown event kind");
}

void replication::deliver(std::uint32_t id) {
  const shipment& s = pool[id];
  emit<trace_kind::delivered>(id, s.at, wait_cause::queue, now() - s.created, s.cost);
  pool.release(id);
}

void replication::start_observing() {
  stats.start_observing(now());
}

bool replication::must_stop() {
  replication_result& result = stats.result();
  if (pool.in_network() > limits_.max_in_network) {
    result.stopped = stop_reason::saturated;
    // The node with the most units waiting at it, for it, or at its links' origins.
    std::vector<std::uint64_t> held(nodes.size(), 0);
    for (std::size_t v = 0; v < nodes.size(); ++v)
      held[v] = nodes[v].waiting + entry.queue(v).size();
    for (std::uint32_t l = 0; l < links.size(); ++l)
      held[links[l].from] += links[l].at_origin();
    const auto worst = std::max_element(held.begin(), held.end());
    result.saturated_node = static_cast<std::size_t>(worst - held.begin());
    result.saturated_units = *worst;
    return true;
  }
  if (limits_.cancel && limits_.cancel->load(std::memory_order_relaxed)) {
    result.stopped = stop_reason::interrupted;
    return true;
  }
  return false;
}

void replication::finish() {
  replication_result& result = stats.result();
  const sim_time end = result.stopped == stop_reason::none ? window.horizon : now();
  result.end_h = to_hours(end);
  result.warmup_h = to_hours(window.warmup);
  const double days = to_hours(end - std::min(end, window.warmup)) / 24.0;
  stats.finish_levels(end);
  for (node_result& r : result.nodes)
    r.throughput_per_day = days > 0.0 ? static_cast<double>(r.departures) / days : 0.0;
  for (link_result& l : result.links) {
    const auto per_day = [days](std::uint64_t n) { return days > 0.0 ? static_cast<double>(n) / days : 0.0; };
    l.units_per_day = per_day(l.units);
    l.vehicles_per_day = per_day(l.vehicles);
    l.left_behind_per_day = per_day(l.left_behind);
  }
  for (node_series& s : result.series)  // a replication stopped early: the intervals it completed
    s.departed.resize(s.queue.size());
  result.in_network = result.created - result.delivered_total;
  // Conservation: every unit created is delivered or found, place by place, still in the network.
  count_places();
  if (result.in_network != pool.in_network() || result.in_network != result.in_network_by_place.total())
    throw std::logic_error("simulation: conservation violated (units lost or duplicated)");
  result.events = sched.events_handled();
}

// Counts the units in node queues, in service, blocked, approaching, in link buffers and on links (the
// service and travel events in flight), and checks that busy servers are those serving or held by blocked
// units.
void replication::count_places() {
  replication_result& result = stats.result();
  auto& by_node = result.in_network_by_node;
  by_node.assign(nodes.size(), {});
  std::vector<std::uint32_t> held(nodes.size(), 0);
  for (std::size_t v = 0; v < nodes.size(); ++v) {
    const station& n = nodes[v];
    for (const auto& q : n.classes)
      by_node[v].waiting += q.size();
    by_node[v].in_service += n.in_service + n.in_delay;
    by_node[v].travelling += links.travelling_to(v);
    for (auto queue = entry.queue(v); !queue.empty();) {
      const shipment& s = pool[queue.pop()];
      if (s.at == v) {
        ++by_node[v].approaching;
      } else {
        ++by_node[s.at].blocked;
        held[s.at] += s.holds_server ? 1 : 0;
      }
    }
  }
  for (std::uint32_t l = 0; l < links.size(); ++l)
    by_node[links[l].from].at_link_origin += links[l].at_origin();
  result.in_network_by_place = {};
  for (std::size_t v = 0; v < nodes.size(); ++v) {
    result.in_network_by_place += by_node[v];
    if (nodes[v].busy != nodes[v].in_service + held[v])
      throw std::logic_error("simulation: busy servers do not match units served or blocked");
  }
}

}  // namespace freightsim::detail
