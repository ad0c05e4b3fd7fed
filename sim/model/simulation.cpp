#include "freightsim/model/simulation.hpp"

#include <vector>

#include "freightsim/engine/scheduler.hpp"
#include "freightsim/model/ring_queue.hpp"
#include "freightsim/stats/time_average.hpp"

namespace freightsim {

namespace {

enum event_kind : std::uint32_t { flow_arrival, service_done, link_arrival, warmup_end };

struct shipment {
  std::uint32_t flow = 0;
  std::uint32_t hop = 0;  // index of the current node in the flow's route
  sim_time created{0};
  sim_time arrived{0};  // at the current node
};

struct flow_state {
  const flow_spec* spec = nullptr;
  std::vector<const link_spec*> links;  // links[i] joins route[i] and route[i + 1]
  random_stream arrivals;
  double mean_gap_h = 0;
};

struct node_state {
  const node_spec* spec = nullptr;
  random_stream service, inspection;
  ring_queue<std::uint32_t> queue;
  std::uint32_t busy = 0;
  time_average busy_level, queue_level;
  std::uint64_t departures = 0;
};

class replication {
public:
  replication(const corridor& model, run_window window, std::uint64_t seed, std::uint32_t rep)
      : model_(model), window_(window), observing_(window.warmup == sim_time{0}) {
    const auto& g = model.net.graph();
    result_.flows.resize(model.flows.size());
    result_.nodes.resize(model.net.node_count());
    for (const auto v : boost::make_iterator_range(boost::vertices(g))) {
      node_state& n = nodes_.emplace_back();
      n.spec = &g[v];
      n.service = random_stream(seed, rep, stream_purpose::service, g[v].id);
      n.inspection = random_stream(seed, rep, stream_purpose::inspection, g[v].id);
    }
    link_streams_.resize(model.net.link_count());
    for (const auto e : boost::make_iterator_range(boost::edges(g)))
      link_streams_[g[e].index] = random_stream(seed, rep, stream_purpose::link_time, g[e].stream_name());
    for (const auto& f : model.flows) {
      flow_state& s = flows_.emplace_back();
      s.spec = &f;
      s.arrivals = random_stream(seed, rep, stream_purpose::arrivals, f.id);
      s.mean_gap_h = 1.0 / f.rate_per_hour;
      for (std::size_t i = 0; i + 1 < f.route.size(); ++i)
        s.links.push_back(&g[*model.net.best_link(f.route[i], f.route[i + 1])]);
    }
  }

  replication_result run() {
    if (window_.warmup > sim_time{0}) sched_.schedule(window_.warmup, warmup_end, 0);
    for (std::uint32_t f = 0; f < flows_.size(); ++f) schedule_arrival(f);
    sched_.run_until(window_.horizon, [this](const event& e) { handle(e); });
    finish();
    return std::move(result_);
  }

private:
  sim_time now() const { return sched_.now(); }

  void handle(const event& e) {
    switch (e.kind) {
      case flow_arrival: return on_flow_arrival(e.id);
      case service_done: return on_service_done(e.id);
      case link_arrival: return arrive_at_node(e.id);
      case warmup_end: return start_observing();
      default: throw std::logic_error("simulation: unknown event kind");
    }
  }

  void schedule_arrival(std::uint32_t f) {
    flow_state& s = flows_[f];
    sched_.schedule(now() + from_hours(sample_exponential(s.arrivals, s.mean_gap_h)), flow_arrival, f);
  }

  void on_flow_arrival(std::uint32_t f) {
    schedule_arrival(f);
    const std::uint32_t id = new_shipment(f);
    ++result_.flows[f].created;
    ++result_.created;
    arrive_at_node(id);
  }

  std::uint32_t new_shipment(std::uint32_t f) {
    const shipment s{f, 0, now(), now()};
    if (!free_.empty()) {
      const std::uint32_t id = free_.back();
      free_.pop_back();
      ships_[id] = s;
      return id;
    }
    ships_.push_back(s);
    return static_cast<std::uint32_t>(ships_.size() - 1);
  }

  vertex current_node(const shipment& s) const { return flows_[s.flow].spec->route[s.hop]; }

  void arrive_at_node(std::uint32_t id) {
    shipment& s = ships_[id];
    s.arrived = now();
    node_state& n = nodes_[current_node(s)];
    if (n.spec->is_junction()) {
      if (observing_) ++n.departures;
      return depart(id);
    }
    if (n.busy < n.spec->servers) return start_service(n, id);
    n.queue.push(id);
    n.queue_level.set(now(), static_cast<double>(n.queue.size()));
  }

  void start_service(node_state& n, std::uint32_t id) {
    const shipment& s = ships_[id];
    if (observing_) {
      const double wait = to_hours(now() - s.arrived);
      node_result& r = result_.nodes[current_node(s)];
      r.wait_h.add(wait);
      r.wait_quantiles.add(wait);
    }
    ++n.busy;
    n.busy_level.set(now(), n.busy);
    double hours = sample(*n.spec->service, n.service);
    if (const auto& insp = n.spec->inspection; insp && n.inspection.uniform01() < insp->probability)
      hours += sample(insp->extra, n.inspection);
    sched_.schedule(now() + from_hours(hours), service_done, id);
  }

  void on_service_done(std::uint32_t id) {
    node_state& n = nodes_[current_node(ships_[id])];
    --n.busy;
    n.busy_level.set(now(), n.busy);
    if (observing_) ++n.departures;
    if (!n.queue.empty()) {
      const std::uint32_t next = n.queue.pop();
      n.queue_level.set(now(), static_cast<double>(n.queue.size()));
      start_service(n, next);
    }
    depart(id);
  }

  void depart(std::uint32_t id) {
    shipment& s = ships_[id];
    flow_state& f = flows_[s.flow];
    if (s.hop + 1 == f.spec->route.size()) return deliver(id);
    const link_spec& link = *f.links[s.hop];
    ++s.hop;
    const double hours = sample(link.time, link_streams_[link.index]);
    sched_.schedule(now() + from_hours(hours), link_arrival, id);
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
    }
    free_.push_back(id);
  }

  void start_observing() {
    observing_ = true;
    for (node_state& n : nodes_) {
      n.busy_level.reset(now());
      n.queue_level.reset(now());
    }
  }

  void finish() {
    const sim_time end = window_.horizon;
    const double days = to_hours(window_.horizon - window_.warmup) / 24.0;
    for (std::size_t v = 0; v < nodes_.size(); ++v) {
      const node_state& n = nodes_[v];
      node_result& r = result_.nodes[v];
      if (!n.spec->is_junction()) r.utilization = n.busy_level.average(end) / n.spec->servers;
      r.queue_mean = n.queue_level.average(end);
      r.queue_max = n.queue_level.max();
      r.throughput_per_day = static_cast<double>(n.departures) / days;
    }
    result_.in_network = result_.created - result_.delivered_total;
    result_.events = sched_.events_handled();
  }

  const corridor& model_;
  run_window window_;
  bool observing_;
  scheduler<> sched_;
  std::vector<flow_state> flows_;
  std::vector<node_state> nodes_;
  std::vector<random_stream> link_streams_;
  std::vector<shipment> ships_;
  std::vector<std::uint32_t> free_;
  replication_result result_;
};

}  // namespace

replication_result simulate(const corridor& model, run_window window, std::uint64_t seed,
                            std::uint32_t replication_index) {
  return replication(model, window, seed, replication_index).run();
}

}  // namespace freightsim
