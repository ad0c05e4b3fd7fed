#include "stations.hpp"

#include <functional>
#include <map>
#include <string>

#include "replication.hpp"

namespace freightsim::detail {

stations::stations(replication& r, const corridor& model, std::uint64_t seed, std::uint32_t rep) : r_(r) {
  // Priority classes: distinct flow priorities, highest first.
  std::map<std::int32_t, std::uint32_t, std::greater<>> ranks;
  for (const auto& f : model.flows)
    ranks.emplace(f.priority, 0);
  std::uint32_t next_rank = 0;
  for (auto& [priority, rank] : ranks)
    rank = next_rank++;
  for (const auto& f : model.flows)
    rank_.push_back(ranks.at(f.priority));

  const auto& g = model.net.graph();
  for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
    station& n = nodes_.emplace_back();
    n.spec = &g[v];
    n.service = random_stream(seed, rep, "service", g[v].id);
    n.inspection = random_stream(seed, rep, "inspection", g[v].id);
    n.breakdown = random_stream(seed, rep, "breakdown", g[v].id);
    n.transfer = random_stream(seed, rep, "transfer", g[v].id);
    n.classes.resize(ranks.size());
    if (n.spec->service) n.work.emplace_back();  // the legacy keys: one service stage
    for (std::size_t i = 0; i < n.spec->stages.size(); ++i) {
      const stage_spec& st = n.spec->stages[i];
      station_stage& w = n.work.emplace_back();
      w.spec = &st;
      w.draws = random_stream(seed, rep, "stage", g[v].id + "#" + std::to_string(i));
      const auto* d = std::get_if<stage::delay>(&st);
      for (const auto& f : model.flows)
        w.flows.push_back(!d || d->flows.empty() ||
                          std::find(d->flows.begin(), d->flows.end(), f.id) != d->flows.end());
    }
  }
}

void stations::handle(std::uint8_t kind, std::uint32_t id) {
  switch (kind) {
    case service_done:
      return on_service_done(id);
    case delay_done:
      return on_delay_done(id);
    case calendar_change:
      return on_calendar_change(id);
    case breakdown_toggle:
      return on_breakdown_toggle(id);
    case window_edge:
      return on_window(id);
    default:
      throw std::logic_error("stations: unknown event kind");
  }
}

void stations::enter(std::uint32_t id) {
  shipment& s = r_.pool[id];
  station& n = nodes_[s.at];
  s.cost += n.spec->fee_usd;
  r_.routes.choose_next(s);
  s.stage = 0;
  begin_stage(s.at, id);
}

void stations::begin_stage(vertex v, std::uint32_t id) {
  station& n = nodes_[v];
  shipment& s = r_.pool[id];
  for (; s.stage < n.work.size(); ++s.stage) {
    station_stage& w = n.work[s.stage];
    if (!w.spec) return queue_for_server(v, id);
    const stage_spec& st = *w.spec;
    if (std::holds_alternative<stage::service>(st)) return queue_for_server(v, id);
    if (const auto* i = std::get_if<stage::inspection>(&st)) {
      if (w.draws.uniform01() < i->share) return queue_for_server(v, id);
    } else if (const auto* d = std::get_if<stage::delay>(&st)) {
      if (w.flows[s.flow] && (d->share >= 1.0 || w.draws.uniform01() < d->share))
        return start_delay(v, id, sample(d->time, w.draws));
    } else if (const auto* t = std::get_if<stage::transfer>(&st)) {
      if (s.came_by_link && s.link != no_link && r_.links[s.link].spec->mode != s.came_by)
        return start_delay(v, id, sample(t->time, w.draws));
    }
  }
  r_.entry.leave(id, false);
}

void stations::queue_for_server(vertex v, std::uint32_t id) {
  station& n = nodes_[v];
  shipment& s = r_.pool[id];
  s.since = r_.now();
  s.closed_mark = n.closed.total(r_.now());
  if (n.waiting == 0 && n.busy < n.available) return start_service(v, id);
  r_.emit<trace_kind::wait_begun>(id, v, wait_cause::queue);
  n.classes[rank_[s.flow]].push(id);
  ++n.waiting;
  queue_changed(v);
}

void stations::start_delay(vertex v, std::uint32_t id, double hours) {
  shipment& s = r_.pool[id];
  s.since = r_.now();
  const auto* d = std::get_if<stage::delay>(nodes_[v].work[s.stage].spec);
  r_.emit<trace_kind::wait_begun>(id, v, d ? d->cause : wait_cause::transfer);
  ++nodes_[v].in_delay;
  r_.schedule(r_.after(hours), owner::stations, delay_done, id);
}

void stations::on_delay_done(std::uint32_t id) {
  shipment& s = r_.pool[id];
  station& n = nodes_[s.at];
  --n.in_delay;
  const stage_spec& st = *n.work[s.stage].spec;
  const auto* d = std::get_if<stage::delay>(&st);
  r_.wait_ended(id, s.at, d ? d->cause : wait_cause::transfer, r_.now() - s.since);
  ++s.stage;
  begin_stage(s.at, id);
}

// Starts service for waiting units while servers are open, highest priority class first, then lets units
// waiting for a place in.
void stations::start_waiting(vertex v) {
  station& n = nodes_[v];
  bool started = false;
  while (n.busy < n.available && n.waiting > 0) {
    auto cls = std::find_if(n.classes.begin(), n.classes.end(), [](const auto& q) { return !q.empty(); });
    const std::uint32_t id = cls->pop();
    --n.waiting;
    queue_changed(v);
    start_service(v, id);
    started = true;
  }
  if (started) r_.entry.admit(v);
}

void stations::start_service(vertex v, std::uint32_t id) {
  station& n = nodes_[v];
  shipment& s = r_.pool[id];
  const sim_time now = r_.now();
  const sim_time wait = now - s.since;
  const sim_time closed = n.closed.total(now) - s.closed_mark;
  r_.wait_ended(id, v, wait_cause::closed, closed);
  r_.wait_ended(id, v, wait_cause::queue, wait - closed);
  r_.emit<trace_kind::service_start>(id, v, wait_cause::queue, wait);
  s.since = now;  // the service's start, for its end
  ++n.in_service;
  ++n.busy;
  servers_changed(v);
  double hours = 0;
  if (station_stage& w = n.work[s.stage]; w.spec) {
    const auto* i = std::get_if<stage::inspection>(w.spec);
    hours = sample(i ? i->time : std::get<stage::service>(*w.spec).time, w.draws);
  } else {
    hours = sample(*n.spec->service, n.service);
    if (const auto& insp = n.spec->inspection; insp && n.inspection.uniform01() < insp->probability)
      hours += sample(insp->extra, n.inspection);
    if (n.spec->transfer && s.came_by_link && s.link != no_link && r_.links[s.link].spec->mode != s.came_by)
      hours += sample(*n.spec->transfer, n.transfer);
  }
  const sim_time done = r_.after(hours);
  r_.schedule(done, owner::stations, service_done, id);
}

// After its last stage the unit leaves holding its server (blocked, it keeps it); otherwise it frees the
// server and goes on to its next stage.
void stations::on_service_done(std::uint32_t id) {
  shipment& s = r_.pool[id];
  station& n = nodes_[s.at];
  --n.in_service;
  r_.emit<trace_kind::service_end>(id, s.at, wait_cause::queue, r_.now() - s.since);
  if (s.stage + 1 >= n.work.size()) return r_.entry.leave(id, true);
  ++s.stage;
  free_server(s.at);
  begin_stage(s.at, id);
}

void stations::free_server(vertex v) {
  station& n = nodes_[v];
  --n.busy;
  servers_changed(v);
  start_waiting(v);
}

void stations::queue_changed(vertex v) {
  const station& n = nodes_[v];
  r_.observers.queue_changed(r_.now(), v, n.waiting, n.approaching);
}

void stations::servers_changed(vertex v) {
  const station& n = nodes_[v];
  r_.observers.servers_changed(r_.now(), v, n.busy, n.available);
}

void stations::approach_changed(vertex v, std::size_t approaching) {
  nodes_[v].approaching = approaching;
  queue_changed(v);
}

}  // namespace freightsim::detail
