#include "freightsim/model/simulation.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <stdexcept>
#include <vector>

#include "freightsim/engine/scheduler.hpp"
#include "freightsim/model/ring_queue.hpp"
#include "freightsim/model/routing.hpp"
#include "freightsim/stats/time_average.hpp"

namespace freightsim {

const char* to_string(wait_cause cause) {
  static constexpr const char* names[] = {"queue", "train_forming", "sailing", "blocked", "closed"};
  return names[static_cast<std::size_t>(cause)];
}

namespace {

enum event_kind : std::uint32_t {
  flow_arrival,      // id: flow
  service_done,      // id: shipment
  link_arrival,      // id: shipment
  warmup_end,        //
  calendar_change,   // id: node
  breakdown_toggle,  // id: node
  node_window_edge,  // id: index into node_windows_
  link_window_edge,  // id: index into link_windows_
  batch_timeout,     // id: link
  sailing,           // id: link
};

constexpr std::uint32_t no_link = std::numeric_limits<std::uint32_t>::max();

struct shipment {
  std::uint32_t flow = 0;
  std::uint32_t hop = 0;         // index of the current node in the planned route (fixed routes)
  vertex at = 0;                 // current node
  vertex next = 0;               // next node once chosen (== at at the destination)
  std::uint32_t link = no_link;  // link to `next`
  sim_time created{0};
  sim_time since{0};        // start of the current wait
  sim_time closed_mark{0};  // closed-time clock of the current wait's place at `since`
  double cost = 0;
  bool holds_server = false;  // blocked after service, keeping its server
  bool came_by_link = false;
  link_mode came_by = link_mode::rail;
};

// Accumulated time during which something was closed, so that a wait can be split exactly into its closed
// part and the rest.
class closed_clock {
 public:
  void set(sim_time now, bool closed) {
    if (closed && !closed_) since_ = now;
    if (!closed && closed_) total_ += now - since_;
    closed_ = closed;
  }
  [[nodiscard]] bool closed() const { return closed_; }
  [[nodiscard]] sim_time total(sim_time now) const { return total_ + (closed_ ? now - since_ : sim_time{0}); }

 private:
  bool closed_ = false;
  sim_time since_{0}, total_{0};
};

struct flow_state {
  const flow_spec* spec = nullptr;
  std::vector<std::uint32_t> links;  // links[i] joins route[i] and route[i + 1]
  std::uint32_t rank = 0;            // priority class, 0 first
  random_stream arrivals;
  // Rerouting: next hops toward the destination, recomputed when the set of closed places changes.
  std::vector<vertex> next_hop, open_next_hop;
  std::uint64_t next_hop_epoch = std::numeric_limits<std::uint64_t>::max();
};

struct node_state {
  const node_spec* spec = nullptr;
  random_stream service, inspection, breakdown, transfer;
  std::vector<ring_queue<std::uint32_t>> classes;  // waiting units by priority class
  std::size_t waiting = 0;
  std::uint32_t busy = 0, available = 0;
  std::uint32_t reserved = 0;  // units dispatched toward this node, not yet arrived
  ring_queue<std::uint32_t>
      admission;                    // units waiting for a place: blocked upstream or approaching an origin
  std::vector<std::uint32_t> caps;  // server limits of the disruptions in force
  bool broken = false;
  closed_clock closed;
  time_average busy_level, capacity_level, queue_level;

  [[nodiscard]] bool has_room() const { return !spec->capacity || waiting + reserved < *spec->capacity; }
  [[nodiscard]] bool unplanned_closed() const {
    return broken || std::find(caps.begin(), caps.end(), 0u) != caps.end();
  }
};

struct link_state {
  const link_spec* spec = nullptr;
  vertex from = 0, to = 0;
  random_stream time;
  ring_queue<std::uint32_t>
      buffer;  // units waiting at the origin: for a batch, a sailing or the link to open
  std::optional<event_handle> timeout;
  std::uint32_t closures = 0;  // disruption windows in force
  closed_clock closed;
};

// One stretch of a unit's life, kept until delivery for the per-flow breakdown. `place` is
// node * stop_part_count + part, or node_count * stop_part_count + link for travel.
struct life_part {
  std::uint32_t place = 0;
  sim_time duration{0};
};

struct window_edge {
  std::uint32_t owner = 0;  // node or link
  std::uint32_t index = 0;  // disruption index in the owner's list
  bool opens = false;       // the disruption starts (true) or ends (false)
};

class replication {
 public:
  replication(const corridor& model, run_window window, std::uint64_t seed, std::uint32_t rep,
              const trace_sink* trace, const run_limits& limits)
      : net_(model.net),
        window_(window),
        trace_(trace),
        limits_(limits),
        observing_(window.warmup == sim_time{0}) {
    const auto& g = net_.graph();
    result_.flows.resize(model.flows.size());
    result_.nodes.resize(net_.node_count());
    result_.links.resize(net_.link_count());
    for (auto& f : result_.flows) {
      f.node_h.resize(net_.node_count());
      f.link_h.resize(net_.link_count());
    }

    // Priority classes: distinct flow priorities, highest first.
    std::map<std::int32_t, std::uint32_t, std::greater<>> ranks;
    for (const auto& f : model.flows)
      ranks.emplace(f.priority, 0);
    std::uint32_t next_rank = 0;
    for (auto& [priority, rank] : ranks)
      rank = next_rank++;

    for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
      node_state& n = nodes_.emplace_back();
      n.spec = &g[v];
      n.service = random_stream(seed, rep, stream_purpose::service, g[v].id);
      n.inspection = random_stream(seed, rep, stream_purpose::inspection, g[v].id);
      n.breakdown = random_stream(seed, rep, stream_purpose::breakdown, g[v].id);
      n.transfer = random_stream(seed, rep, stream_purpose::transfer, g[v].id);
      n.classes.resize(ranks.size());
    }
    links_.resize(net_.link_count());
    for (const auto e : boost::make_iterator_range(boost::edges(g))) {
      link_state& l = links_[g[e].index];
      l.spec = &g[e];
      l.from = boost::source(e, g);
      l.to = boost::target(e, g);
      l.time = random_stream(seed, rep, stream_purpose::link_time, g[e].stream_name());
    }
    in_service_.assign(nodes_.size(), 0);
    travelling_to_.assign(nodes_.size(), 0);
    node_closed_.assign(nodes_.size(), false);
    link_closed_.assign(links_.size(), false);
    for (const auto& f : model.flows) {
      flow_state& s = flows_.emplace_back();
      s.spec = &f;
      s.rank = ranks.at(f.priority);
      s.arrivals = random_stream(seed, rep, stream_purpose::arrivals, f.id);
      for (std::size_t i = 0; i + 1 < f.route.size(); ++i)
        s.links.push_back(static_cast<std::uint32_t>(
            g[*best_link(net_, f.route[i], f.route[i + 1], f.rule, f.value_of_time_usd_per_h)].index));
      if (f.reroute)
        next_hops_toward(net_, f.route.back(), f.rule, f.value_of_time_usd_per_h, node_closed_, link_closed_,
                         s.open_next_hop);
    }
  }

  replication_result run() {
    if (window_.warmup > sim_time{0}) sched_.schedule(window_.warmup, warmup_end, 0);
    schedule_resources();
    for (std::uint32_t f = 0; f < flows_.size(); ++f) {
      const flow_spec& spec = *flows_[f].spec;
      if (spec.process == arrival_process::fixed) {
        if (spec.first_arrival <= window_.horizon) sched_.schedule(spec.first_arrival, flow_arrival, f);
      } else {
        schedule_arrival(f);
      }
    }
    sched_.run_until(
        window_.horizon, [this](const event& e) { handle(e); }, [this] { return must_stop(); });
    finish();
    return std::move(result_);
  }

 private:
  sim_time now() const { return sched_.now(); }

  // now + a drawn duration. Draws from long-tailed distributions can exceed any clock: whatever ends after
  // the horizon ends at a time past it (never handled), without overflow.
  sim_time after(double hours) const {
    const double left_h = to_hours(window_.horizon - now());
    if (!(hours <= left_h)) return window_.horizon + sim_time{1};
    return now() + from_hours(hours);
  }

  void handle(const event& e) {
    switch (e.kind) {
      case flow_arrival:
        return on_flow_arrival(e.id);
      case service_done:
        return on_service_done(e.id);
      case link_arrival:
        return on_link_arrival(e.id);
      case warmup_end:
        return start_observing();
      case calendar_change:
        return on_calendar_change(e.id);
      case breakdown_toggle:
        return on_breakdown_toggle(e.id);
      case node_window_edge:
        return on_node_window(e.id);
      case link_window_edge:
        return on_link_window(e.id);
      case batch_timeout:
        return on_batch_timeout(e.id);
      case sailing:
        return on_sailing(e.id);
      default:
        throw std::logic_error("simulation: unknown event kind");
    }
  }

  void record(trace_kind kind, std::uint32_t id, std::size_t where) {
    if (trace_) (*trace_)({now(), kind, id, ships_[id].flow, where});
  }

  // ---- resources: calendars, disruptions, breakdowns, sailings ----

  void schedule_resources() {
    for (std::uint32_t v = 0; v < nodes_.size(); ++v) {
      node_state& n = nodes_[v];
      const node_spec& spec = *n.spec;
      if (spec.is_junction()) continue;
      if (spec.calendar) sched_.schedule(spec.calendar->next_change_after(now()), calendar_change, v);
      if (spec.breakdowns)
        sched_.schedule(after(sample(spec.breakdowns->mtbf, n.breakdown)), breakdown_toggle, v);
      for (std::uint32_t i = 0; i < spec.disruptions.size(); ++i) {
        schedule_window(node_windows_, node_window_edge, v, i, spec.disruptions[i].from,
                        spec.disruptions[i].to);
      }
      update_capacity(v);
    }
    for (std::uint32_t l = 0; l < links_.size(); ++l) {
      const link_spec& spec = *links_[l].spec;
      for (std::uint32_t i = 0; i < spec.disruptions.size(); ++i)
        schedule_window(link_windows_, link_window_edge, l, i, spec.disruptions[i].from,
                        spec.disruptions[i].to);
      if (spec.schedule) sched_.schedule(spec.schedule->offset, sailing, l);
    }
  }

  void schedule_window(std::vector<window_edge>& edges, event_kind kind, std::uint32_t owner,
                       std::uint32_t index, sim_time from, sim_time to) {
    edges.push_back({owner, index, true});
    sched_.schedule(from, kind, static_cast<std::uint32_t>(edges.size() - 1));
    edges.push_back({owner, index, false});
    sched_.schedule(to, kind, static_cast<std::uint32_t>(edges.size() - 1));
  }

  void on_calendar_change(std::uint32_t v) {
    sched_.schedule(nodes_[v].spec->calendar->next_change_after(now()), calendar_change, v);
    update_capacity(v);
  }

  void on_breakdown_toggle(std::uint32_t v) {
    node_state& n = nodes_[v];
    n.broken = !n.broken;
    const auto& b = *n.spec->breakdowns;
    sched_.schedule(after(sample(n.broken ? b.mttr : b.mtbf, n.breakdown)), breakdown_toggle, v);
    update_capacity(v);
  }

  void on_node_window(std::uint32_t id) {
    const window_edge& w = node_windows_[id];
    node_state& n = nodes_[w.owner];
    const std::uint32_t cap = n.spec->disruptions[w.index].servers;
    if (w.opens) {
      n.caps.push_back(cap);
    } else {
      n.caps.erase(std::find(n.caps.begin(), n.caps.end(), cap));
    }
    update_capacity(w.owner);
  }

  // Recomputes the servers open at node v and starts what can start.
  void update_capacity(std::uint32_t v) {
    node_state& n = nodes_[v];
    const node_spec& spec = *n.spec;
    std::uint32_t open =
        spec.calendar ? std::min(spec.calendar->servers_at(now()), spec.servers) : spec.servers;
    for (const std::uint32_t cap : n.caps)
      open = std::min(open, cap);
    if (n.broken) open = 0;
    n.available = open;
    n.closed.set(now(), open == 0);
    n.capacity_level.set(now(), std::max(n.available, n.busy));
    if (n.unplanned_closed() != node_closed_[v]) {
      node_closed_[v] = n.unplanned_closed();
      ++closure_epoch_;
    }
    start_waiting(v);
  }

  void on_link_window(std::uint32_t id) {
    const window_edge& w = link_windows_[id];
    link_state& l = links_[w.owner];
    l.closures += w.opens ? 1 : -1;
    const bool closed = l.closures > 0;
    if (closed == l.closed.closed()) return;
    l.closed.set(now(), closed);
    link_closed_[w.owner] = closed;
    ++closure_epoch_;
    if (!closed) release_link(w.owner);
  }

  // ---- flows and nodes ----

  void schedule_arrival(std::uint32_t f) {
    flow_state& s = flows_[f];
    const double gap_h = s.spec->process == arrival_process::fixed
                             ? 1.0 / s.spec->rate_per_hour
                             : sample_exponential(s.arrivals, 1.0 / s.spec->rate_per_hour);
    // An arrival after the horizon is not scheduled (a huge draw must not overflow the clock).
    if (gap_h > to_hours(window_.horizon - now())) return;
    sched_.schedule(now() + from_hours(gap_h), flow_arrival, f);
  }

  void on_flow_arrival(std::uint32_t f) {
    schedule_arrival(f);
    const vertex origin = flows_[f].spec->route.front();
    const std::uint32_t id = new_shipment(f, origin);
    ++result_.flows[f].created;
    ++result_.created;
    record(trace_kind::created, id, origin);
    node_state& n = nodes_[origin];
    if (n.has_room() && n.admission.empty()) return enter_node(id);
    // The origin's waiting area is full: wait in the unlimited approach queue (trucks on the road).
    ships_[id].since = now();
    n.admission.push(id);
  }

  std::uint32_t new_shipment(std::uint32_t f, vertex origin) {
    shipment s;
    s.flow = f;
    s.at = s.next = origin;
    s.created = s.since = now();
    if (!free_.empty()) {
      const std::uint32_t id = free_.back();
      free_.pop_back();
      ships_[id] = s;
      return id;
    }
    ships_.push_back(s);
    lives_.emplace_back();
    return static_cast<std::uint32_t>(ships_.size() - 1);
  }

  // Chooses the unit's next node and link from its current node.
  void choose_next(shipment& s) {
    flow_state& f = flows_[s.flow];
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

  void enter_node(std::uint32_t id) {
    shipment& s = ships_[id];
    node_state& n = nodes_[s.at];
    s.cost += n.spec->fee_usd;
    choose_next(s);
    if (n.spec->is_junction()) return leave_node(id, false);
    s.since = now();
    s.closed_mark = n.closed.total(now());
    if (n.waiting == 0 && n.busy < n.available) return start_service(s.at, id);
    n.classes[flows_[s.flow].rank].push(id);
    ++n.waiting;
    n.queue_level.set(now(), static_cast<double>(n.waiting));
  }

  // Starts service for waiting units while servers are open, highest priority class first, then lets
  // units waiting for a place in.
  void start_waiting(vertex v) {
    node_state& n = nodes_[v];
    bool started = false;
    while (n.busy < n.available && n.waiting > 0) {
      auto cls = std::find_if(n.classes.begin(), n.classes.end(), [](const auto& q) { return !q.empty(); });
      const std::uint32_t id = cls->pop();
      --n.waiting;
      n.queue_level.set(now(), static_cast<double>(n.waiting));
      start_service(v, id);
      started = true;
    }
    if (started) admit(v);
  }

  void start_service(vertex v, std::uint32_t id) {
    node_state& n = nodes_[v];
    shipment& s = ships_[id];
    const sim_time wait = now() - s.since;
    const sim_time closed = n.closed.total(now()) - s.closed_mark;
    log_stop(id, v, wait_cause::closed, closed);
    log_stop(id, v, wait_cause::queue, wait - closed);
    if (observing_) {
      node_result& r = result_.nodes[v];
      r.wait_h.add(to_hours(wait));
      r.wait_quantiles.add(to_hours(wait));
      add_cause(v, wait_cause::closed, to_hours(closed));
      add_cause(v, wait_cause::queue, to_hours(wait - closed));
    }
    record(trace_kind::service_start, id, v);
    ++in_service_[v];
    ++n.busy;
    n.busy_level.set(now(), n.busy);
    n.capacity_level.set(now(), std::max(n.available, n.busy));
    double hours = sample(*n.spec->service, n.service);
    if (const auto& insp = n.spec->inspection; insp && n.inspection.uniform01() < insp->probability)
      hours += sample(insp->extra, n.inspection);
    if (n.spec->transfer && s.came_by_link && s.link != no_link && links_[s.link].spec->mode != s.came_by)
      hours += sample(*n.spec->transfer, n.transfer);
    const sim_time done = after(hours);
    log_part(id, static_cast<std::uint32_t>(v * stop_part_count + service_part), done - now());
    sched_.schedule(done, service_done, id);
  }

  // ---- per-flow breakdown: every stretch of a unit's life, added to its flow when it is delivered ----

  void log_part(std::uint32_t id, std::uint32_t place, sim_time duration) {
    if (duration > sim_time{0}) lives_[id].push_back({place, duration});
  }
  void log_stop(std::uint32_t id, vertex v, wait_cause cause, sim_time duration) {
    log_part(id, static_cast<std::uint32_t>(v * stop_part_count + static_cast<std::size_t>(cause)), duration);
  }

  void add_life(std::uint32_t id) {
    const shipment& s = ships_[id];
    flow_result& r = result_.flows[s.flow];
    const std::size_t stops = nodes_.size() * stop_part_count;
    sim_time total{0};
    for (const life_part& p : lives_[id]) {
      total += p.duration;
      if (p.place < stops) {
        r.node_h[p.place / stop_part_count][p.place % stop_part_count] += to_hours(p.duration);
      } else {
        r.link_h[p.place - stops] += to_hours(p.duration);
      }
    }
    if (total != now() - s.created)
      throw std::logic_error("simulation: a unit's time parts do not add up to its transit time");
  }

  void add_cause(vertex v, wait_cause cause, double hours) {
    result_.nodes[v].wait_by_cause_h[static_cast<std::size_t>(cause)] += hours;
  }

  void free_server(vertex v) {
    node_state& n = nodes_[v];
    --n.busy;
    n.busy_level.set(now(), n.busy);
    n.capacity_level.set(now(), std::max(n.available, n.busy));
    start_waiting(v);
  }

  void on_service_done(std::uint32_t id) {
    --in_service_[ships_[id].at];
    leave_node(id, true);
  }

  // The unit is done at its node: delivered, or on to the next node if that has room.
  void leave_node(std::uint32_t id, bool holds_server) {
    shipment& s = ships_[id];
    const vertex v = s.at;
    if (s.next == v) {
      count_departure(v);
      deliver(id);
      if (holds_server) free_server(v);
      return;
    }
    node_state& target = nodes_[s.next];
    if (!target.has_room() || !target.admission.empty()) {
      // Blocked after service: keep the server until the next node has a place.
      s.since = now();
      s.holds_server = holds_server;
      target.admission.push(id);
      return;
    }
    dispatch(id, holds_server);
  }

  // Reserves a place at the next node, frees the server and joins the link.
  void dispatch(std::uint32_t id, bool holds_server) {
    shipment& s = ships_[id];
    const vertex v = s.at;
    ++nodes_[s.next].reserved;
    count_departure(v);
    if (!flows_[s.flow].spec->reroute) ++s.hop;
    join_link(id);
    if (holds_server) free_server(v);
  }

  void count_departure(vertex v) {
    if (observing_) ++result_.nodes[v].departures;
  }

  // Lets units waiting for a place at v in, first come first served.
  void admit(vertex v) {
    node_state& n = nodes_[v];
    while (!n.admission.empty() && n.has_room()) {
      const std::uint32_t id = n.admission.pop();
      shipment& s = ships_[id];
      // Blocked time counts where the unit waited: upstream, or at the origin's approach.
      log_stop(id, s.at, wait_cause::blocked, now() - s.since);
      if (observing_) add_cause(s.at, wait_cause::blocked, to_hours(now() - s.since));
      if (s.at == v) {
        enter_node(id);
      } else {
        dispatch(id, s.holds_server);
      }
    }
  }

  void deliver(std::uint32_t id) {
    const shipment& s = ships_[id];
    ++result_.delivered_total;
    if (observing_) {
      flow_result& r = result_.flows[s.flow];
      const double transit = to_hours(now() - s.created);
      ++r.delivered;
      r.transit_h.add(transit);
      r.transit_quantiles.add(transit);
      r.cost_usd.add(s.cost);
      add_life(id);
    }
    lives_[id].clear();
    record(trace_kind::delivered, id, s.at);
    free_.push_back(id);
  }

  // ---- links ----

  void join_link(std::uint32_t id) {
    shipment& s = ships_[id];
    link_state& l = links_[s.link];
    const link_spec& spec = *l.spec;
    if (!spec.batch && !spec.schedule && !l.closed.closed()) return travel_alone(s.link, id);
    s.since = now();
    s.closed_mark = l.closed.total(now());
    l.buffer.push(id);
    if (spec.batch) release_batches(s.link);
  }

  // Sends full batches, and a partial one whose first unit has waited max_wait; keeps the timeout armed.
  void release_batches(std::uint32_t link) {
    link_state& l = links_[link];
    const batch_spec& b = *l.spec->batch;
    if (l.closed.closed()) return;
    for (;;) {
      if (l.buffer.empty()) break;
      const sim_time due = b.max_wait ? ships_[l.buffer.front()].since + *b.max_wait : sim_time::max();
      if (l.buffer.size() < b.size && due > now()) {
        if (!l.timeout || l.timeout->time != due) {
          if (l.timeout) sched_.cancel(*l.timeout);
          l.timeout = due == sim_time::max() ? std::nullopt
                                             : std::optional(sched_.schedule(due, batch_timeout, link));
        }
        return;
      }
      depart_group(link, std::min<std::size_t>(b.size, l.buffer.size()), wait_cause::train_forming);
    }
    if (l.timeout) sched_.cancel(*l.timeout);
    l.timeout.reset();
  }

  void on_batch_timeout(std::uint32_t link) {
    links_[link].timeout.reset();
    release_batches(link);
  }

  void on_sailing(std::uint32_t link) {
    link_state& l = links_[link];
    const schedule_spec& s = *l.spec->schedule;
    sched_.schedule(now() + s.headway, sailing, link);
    if (l.closed.closed()) return;
    if (l.buffer.empty()) {
      if (observing_) ++result_.links[link].vehicles;  // an empty sailing still sails
      return;
    }
    const std::size_t load =
        s.capacity ? std::min<std::size_t>(*s.capacity, l.buffer.size()) : l.buffer.size();
    depart_group(link, load, wait_cause::sailing);
    if (observing_) result_.links[link].left_behind += l.buffer.size();
  }

  // A link reopened: plain links send everyone waiting, batches resume; sailings wait for their time.
  void release_link(std::uint32_t link) {
    link_state& l = links_[link];
    if (l.spec->batch) return release_batches(link);
    if (l.spec->schedule) return;
    while (!l.buffer.empty()) {
      const std::uint32_t id = l.buffer.pop();
      end_link_wait(link, id, wait_cause::closed);
      travel_alone(link, id);
    }
  }

  void end_link_wait(std::uint32_t link, std::uint32_t id, wait_cause cause) {
    const link_state& l = links_[link];
    const shipment& s = ships_[id];
    const sim_time wait = now() - s.since;
    const sim_time closed = l.closed.total(now()) - s.closed_mark;
    log_stop(id, l.from, wait_cause::closed, closed);
    log_stop(id, l.from, cause, wait - closed);
    if (!observing_) return;
    add_cause(l.from, wait_cause::closed, to_hours(closed));
    add_cause(l.from, cause, to_hours(wait - closed));
  }

  // The first `count` units of the link's buffer travel together (one train, one sailing).
  void depart_group(std::uint32_t link, std::size_t count, wait_cause cause) {
    link_state& l = links_[link];
    const double hours = sample(l.spec->time, l.time);
    if (observing_) ++result_.links[link].vehicles;
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint32_t id = l.buffer.pop();
      end_link_wait(link, id, cause);
      board(link, id, hours);
    }
  }

  // A unit on a plain link travels alone, with its own travel time.
  void travel_alone(std::uint32_t link, std::uint32_t id) {
    link_state& l = links_[link];
    if (observing_) ++result_.links[link].vehicles;
    board(link, id, sample(l.spec->time, l.time));
  }

  // `hours`: the drawn travel time (the arrival is clamped past the horizon when it falls after it).
  void board(std::uint32_t link, std::uint32_t id, double hours) {
    const sim_time arrival = after(hours);
    shipment& s = ships_[id];
    s.cost += links_[link].spec->cost_usd;
    log_part(id, static_cast<std::uint32_t>(nodes_.size() * stop_part_count + link), arrival - now());
    if (observing_) {
      ++result_.links[link].units;
      result_.links[link].travel_h += hours <= to_hours(max_sim_time) ? to_hours(from_hours(hours)) : hours;
    }
    record(trace_kind::link_departure, id, link);
    ++travelling_to_[s.next];
    sched_.schedule(arrival, link_arrival, id);
  }

  void on_link_arrival(std::uint32_t id) {
    shipment& s = ships_[id];
    const link_state& l = links_[s.link];
    s.came_by_link = true;
    s.came_by = l.spec->mode;
    s.at = s.next;
    --travelling_to_[s.at];
    --nodes_[s.at].reserved;
    enter_node(id);
    admit(s.at);
  }

  // ---- bookkeeping ----

  bool must_stop() {
    if (ships_.size() - free_.size() > limits_.max_in_network) {
      result_.stopped = stop_reason::saturated;
      // The node with the most units waiting at it, for it, or at its links' origins.
      std::vector<std::uint64_t> held(nodes_.size(), 0);
      for (std::size_t v = 0; v < nodes_.size(); ++v)
        held[v] = nodes_[v].waiting + nodes_[v].admission.size();
      for (const link_state& l : links_)
        held[l.from] += l.buffer.size();
      const auto worst = std::max_element(held.begin(), held.end());
      result_.saturated_node = static_cast<std::size_t>(worst - held.begin());
      result_.saturated_units = *worst;
      return true;
    }
    if (limits_.cancel && limits_.cancel->load(std::memory_order_relaxed)) {
      result_.stopped = stop_reason::interrupted;
      return true;
    }
    return false;
  }

  void start_observing() {
    observing_ = true;
    for (node_state& n : nodes_) {
      n.busy_level.reset(now());
      n.capacity_level.reset(now());
      n.queue_level.reset(now());
    }
  }

  void finish() {
    const sim_time end = result_.stopped == stop_reason::none ? window_.horizon : now();
    result_.end_h = to_hours(end);
    const double days = to_hours(end - std::min(end, window_.warmup)) / 24.0;
    for (std::size_t v = 0; v < nodes_.size(); ++v) {
      const node_state& n = nodes_[v];
      node_result& r = result_.nodes[v];
      const double capacity = n.capacity_level.average(end);
      if (!n.spec->is_junction() && capacity > 0.0) r.utilization = n.busy_level.average(end) / capacity;
      r.queue_mean = n.queue_level.average(end);
      r.queue_max = n.queue_level.max();
      r.throughput_per_day = days > 0.0 ? static_cast<double>(r.departures) / days : 0.0;
    }
    for (link_result& l : result_.links) {
      const auto per_day = [days](std::uint64_t n) {
        return days > 0.0 ? static_cast<double>(n) / days : 0.0;
      };
      l.units_per_day = per_day(l.units);
      l.vehicles_per_day = per_day(l.vehicles);
      l.left_behind_per_day = per_day(l.left_behind);
    }
    result_.in_network = result_.created - result_.delivered_total;
    // Conservation: every unit created is delivered or found, place by place, still in the network.
    count_places();
    if (result_.in_network != ships_.size() - free_.size() ||
        result_.in_network != result_.in_network_by_place.total())
      throw std::logic_error("simulation: conservation violated (units lost or duplicated)");
    result_.events = sched_.events_handled();
  }

  // Counts the units in node queues, in service, blocked, approaching, in link buffers and on links (the
  // service and travel events in flight), and checks that busy servers are those serving or held by blocked
  // units.
  void count_places() {
    auto& by_node = result_.in_network_by_node;
    by_node.assign(nodes_.size(), {});
    std::vector<std::uint32_t> held(nodes_.size(), 0);
    for (std::size_t v = 0; v < nodes_.size(); ++v) {
      const node_state& n = nodes_[v];
      for (const auto& q : n.classes)
        by_node[v].waiting += q.size();
      by_node[v].in_service += in_service_[v];
      by_node[v].travelling += travelling_to_[v];
      for (auto queue = n.admission; !queue.empty();) {
        const shipment& s = ships_[queue.pop()];
        if (s.at == v) {
          ++by_node[v].approaching;
        } else {
          ++by_node[s.at].blocked;
          held[s.at] += s.holds_server ? 1 : 0;
        }
      }
    }
    for (const link_state& l : links_)
      by_node[l.from].at_link_origin += l.buffer.size();
    result_.in_network_by_place = {};
    for (std::size_t v = 0; v < nodes_.size(); ++v) {
      result_.in_network_by_place += by_node[v];
      if (nodes_[v].busy != in_service_[v] + held[v])
        throw std::logic_error("simulation: busy servers do not match units served or blocked");
    }
  }

  const network& net_;
  run_window window_;
  const trace_sink* trace_;
  run_limits limits_;
  bool observing_;
  scheduler<> sched_;
  std::vector<flow_state> flows_;
  std::vector<node_state> nodes_;
  std::vector<link_state> links_;
  std::vector<window_edge> node_windows_, link_windows_;
  std::vector<bool> node_closed_, link_closed_;  // unplanned closures, for rerouting
  std::uint64_t closure_epoch_ = 0;
  std::vector<shipment> ships_;
  std::vector<std::uint32_t> free_;
  std::vector<std::uint32_t> in_service_, travelling_to_;  // by node: service and travel events in flight
  std::vector<std::vector<life_part>> lives_;              // by shipment slot
  replication_result result_;
};

}  // namespace

replication_result simulate(const corridor& model, run_window window, std::uint64_t seed,
                            std::uint32_t replication_index, const trace_sink* trace,
                            const run_limits& limits) {
  return replication(model, window, seed, replication_index, trace, limits).run();
}

}  // namespace freightsim
