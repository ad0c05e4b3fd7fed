#include "freightsim/experiment/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <numeric>

#include "freightsim/experiment/observed.hpp"
#include "freightsim/stats/series_grid.hpp"

namespace freightsim {

namespace {

template <class Rows, class Get>
interval_estimate across(const Rows& rows, Get get) {
  std::vector<double> values;
  values.reserve(rows.size());
  for (const auto* r : rows)
    values.push_back(get(*r));
  return summarize(values);
}

distribution_summary quantiles_of(const quantile_sketch& pooled, interval_estimate estimate) {
  distribution_summary d;
  d.estimate = estimate;
  d.p50 = pooled.quantile(0.50);
  d.p90 = pooled.quantile(0.90);
  d.p95 = pooled.quantile(0.95);
  d.p99 = pooled.quantile(0.99);
  d.max = pooled.max();
  return d;
}

// Where most units of a saturated replication were when it stopped: counted place by place, so that units
// piling up on a slow link or before a full origin are named as such (the nodes' queues alone may hold none).
std::string largest_place(const scenario& s, const replication_result& r) {
  struct place {
    std::uint64_t units_by_place::*count;
    const char* what;  // {units} {what} node '{id}'
  };
  static constexpr place places[] = {
      {&units_by_place::waiting, "waiting for a server at"},
      {&units_by_place::in_service, "in service at"},
      {&units_by_place::blocked, "blocked (done, no place downstream) at"},
      {&units_by_place::approaching, "approaching the full origin"},
      {&units_by_place::at_link_origin, "waiting to leave on a link (batch, sailing or closure) at"},
      {&units_by_place::travelling, "travelling on links toward"}};
  std::uint64_t most = 0;
  std::string out;
  for (std::size_t v = 0; v < r.in_network_by_node.size(); ++v)
    for (const place& p : places)
      if (const std::uint64_t n = r.in_network_by_node[v].*p.count; n > most) {
        most = n;
        out = fmt::format("{} units {} node '{}'", n, p.what, s.model.net.node(v).id);
      }
  return out.empty() ? std::string("no units found") : out;
}

std::string describe_stop(const scenario& s, const experiment_result& result) {
  std::size_t not_run = 0, interrupted = 0, out_of_memory = 0, finished = 0;
  for (const auto& r : result.replications) {
    out_of_memory += r.stopped == stop_reason::out_of_memory;
    finished += r.stopped == stop_reason::none;
  }
  if (out_of_memory > 0)
    return fmt::format("out of memory: {} replication(s) ran out of memory, {} finished and are summarized",
                       out_of_memory, finished);
  for (const auto& r : result.replications) {
    if (r.stopped == stop_reason::saturated)
      return fmt::format(
          "replication {} saturated at {:.1f} h: {} units in the network, more than the cap; the most at one "
          "place: {}",
          &r - result.replications.data(), r.end_h, r.in_network, largest_place(s, r));
    not_run += r.stopped == stop_reason::not_run;
    interrupted += r.stopped == stop_reason::interrupted;
  }
  if (not_run + interrupted == 0) return {};
  return fmt::format("interrupted: {} replication(s) stopped early, {} not run", interrupted, not_run);
}

// The places (node or link indices) where any replication's flow `f` has an entry, in increasing order.
template <class Member>
std::vector<std::uint32_t> places_of(const std::vector<const replication_result*>& reps, std::size_t f,
                                     Member member) {
  std::vector<std::uint32_t> out;
  for (const replication_result* r : reps) {
    const auto& places = (r->flows[f].*member).places();
    out.insert(out.end(), places.begin(), places.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Mean hours per delivered unit at each place, in path order (see path_part).
std::vector<path_part> breakdown_of(const scenario& s, const std::vector<const replication_result*>& reps,
                                    std::size_t f) {
  const flow_spec& spec = s.model.flows[f];
  const auto& g = s.model.net.graph();
  std::vector<path_part> order;
  for (std::size_t i = 0; i < spec.route.size(); ++i) {
    order.push_back({false, spec.route[i], {}});
    if (i + 1 == spec.route.size()) break;
    // The link a unit of this flow takes between consecutive route nodes (several may join them).
    for (const auto e : boost::make_iterator_range(boost::out_edges(spec.route[i], g)))
      if (boost::target(e, g) == spec.route[i + 1]) order.push_back({true, g[e].index, {}});
  }
  // Then the places off the planned route where units of the flow spent time (rerouted, adaptive).
  std::vector<std::size_t> route_nodes, route_links;
  for (const path_part& p : order)
    (p.is_link ? route_links : route_nodes).push_back(p.index);
  std::sort(route_nodes.begin(), route_nodes.end());
  std::sort(route_links.begin(), route_links.end());
  for (const std::uint32_t v : places_of(reps, f, &flow_result::node_h))
    if (!std::binary_search(route_nodes.begin(), route_nodes.end(), v)) order.push_back({false, v, {}});
  for (const std::uint32_t l : places_of(reps, f, &flow_result::link_h))
    if (!std::binary_search(route_links.begin(), route_links.end(), l)) order.push_back({true, l, {}});

  std::vector<path_part> out;
  for (path_part p : order) {
    bool any = false;
    for (std::size_t k = 0; k < (p.is_link ? 1 : stop_part_count); ++k) {
      p.h[k] = across(reps, [&](const replication_result& r) {
                 const flow_result& fr = r.flows[f];
                 if (!fr.delivered) return 0.0;
                 const double total = p.is_link ? fr.link_h.at(p.index) : fr.node_h.at(p.index)[k];
                 return total / static_cast<double>(fr.delivered);
               }).mean;
      any = any || p.h[k] > 0.0;
    }
    if (any) out.push_back(p);
  }
  return out;
}

// A queue grows through the run when its time average in the second half of the window [warm-up, horizon]
// exceeds that in the first half: with 95% confidence over replications (so at least 2), by half the first
// half's at least and by at least one unit. A stationary queue has the same expectation in both halves; a
// steadily growing one from empty has three times as much in the second. Halves, not the queue at the end:
// a schedule puts the end at a fixed phase of its cycle.
// The main node's series across replications: point k over the replications that reached it.
node_summary::series_summary series_of(const std::vector<const replication_result*>& reps, std::size_t slot,
                                       sim_time horizon) {
  node_summary::series_summary out;
  const series_grid grid(horizon, series_points);
  for (std::size_t k = 0; k < series_points; ++k) {
    std::vector<double> queue, approach, per_day;
    const double days = to_hours(grid.end_of(k) - (k ? grid.end_of(k - 1) : sim_time{0})) / 24.0;
    for (const replication_result* r : reps) {
      const node_series& s = r->series[slot];
      if (k >= s.queue.size()) continue;
      queue.push_back(s.queue[k]);
      approach.push_back(s.approach[k]);
      per_day.push_back(days > 0 ? static_cast<double>(s.departed[k]) / days : 0.0);
    }
    if (queue.empty()) break;
    out.time_h.push_back(to_hours(grid.end_of(k)));
    out.queue.push_back(summarize(queue));
    out.approach.push_back(summarize(approach));
    out.throughput_per_day.push_back(summarize(per_day));
  }
  return out;
}

std::vector<double> series_time_h(sim_time horizon) {
  const series_grid grid(horizon, series_points);
  std::vector<double> out(series_points);
  for (std::size_t k = 0; k < series_points; ++k)
    out[k] = to_hours(grid.end_of(k));
  return out;
}

// Path p's share of flow f's units created in each interval, over the replications that created any then.
std::vector<std::optional<interval_estimate>> route_share_series(
    const std::vector<const replication_result*>& reps, std::size_t f, std::size_t p) {
  std::vector<std::optional<interval_estimate>> out(series_points);
  for (std::size_t k = 0; k < series_points; ++k) {
    std::vector<double> shares;
    for (const replication_result* r : reps) {
      const auto& counts = r->flows[f].by_path_series;
      std::uint64_t total = 0;
      for (std::size_t q = 0; q * series_points < counts.size(); ++q)
        total += counts[q * series_points + k];
      if (total > 0)
        shares.push_back(static_cast<double>(counts[p * series_points + k]) / static_cast<double>(total));
    }
    if (!shares.empty()) out[k] = summarize(shares);
  }
  return out;
}

bool queue_grows(const node_summary& n) {
  const interval_estimate& d = n.queue_growth;
  return d.ci95 && d.mean - *d.ci95 > 0.0 && d.mean >= 1.0 &&
         n.queue_second_half.mean >= 1.5 * n.queue_first_half.mean;
}

std::vector<std::string> warnings_of(const summary& s) {
  std::vector<std::string> out;
  if (!s.complete) out.push_back("incomplete: " + s.incomplete_reason);
  for (const auto& f : s.flows)
    if (f.delivered.mean == 0.0)
      out.push_back(fmt::format("flow {} delivered no units after the warm-up (transit time: none)", f.id));
  for (const auto& n : s.nodes)
    if (!n.junction && n.utilization.mean >= 0.95)
      out.push_back(
          fmt::format("node {} is near saturation: utilization {:.3f}", n.name, n.utilization.mean));
  for (const auto& n : s.nodes)
    if (queue_grows(n))
      out.push_back(fmt::format(
          "node {} does not keep up: its queue grows through the run ({:.1f} units waiting on average in the "
          "first half, {:.1f} in the second)",
          n.name, n.queue_first_half.mean, n.queue_second_half.mean));
  if (s.in_network > s.delivered / 10 && s.in_network > 0) {
    // The nodes holding most of them (travelling units count at the node they travel to), at most three.
    std::vector<const node_summary*> held;
    for (const auto& n : s.nodes)
      if (n.in_network > 0) held.push_back(&n);
    std::stable_sort(held.begin(), held.end(),
                     [](const auto* a, const auto* b) { return a->in_network > b->in_network; });
    std::string where;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, held.size()); ++i)
      where += fmt::format("{}{} {}", i ? ", " : "", held[i]->name, held[i]->in_network);
    out.push_back(fmt::format(
        "{} units were still in the network at the horizon ({} delivered): {} waiting for a server, {} in "
        "service, {} blocked, {} approaching a full origin, {} at a link's origin, {} travelling; most at "
        "{}; "
        "queues may be growing",
        s.in_network, s.delivered, s.in_network_by_place.waiting, s.in_network_by_place.in_service,
        s.in_network_by_place.blocked, s.in_network_by_place.approaching,
        s.in_network_by_place.at_link_origin, s.in_network_by_place.travelling, where));
  }
  return out;
}

}  // namespace

summary summarize(const scenario& s, const experiment_result& result) {
  summary out;
  out.replications_requested = static_cast<std::uint32_t>(result.replications.size());
  out.incomplete_reason = describe_stop(s, result);
  out.complete = out.incomplete_reason.empty();
  std::vector<const replication_result*> reps;
  for (const auto& r : result.replications)
    if (r.stopped == stop_reason::none) reps.push_back(&r);
  const bool none_complete = reps.empty();
  // A saturated run keeps what it measured up to its stop; an interrupted replication is never summarized as
  // if it had covered the horizon.
  if (reps.empty())
    for (const auto& r : result.replications)
      if (r.stopped == stop_reason::saturated) reps.push_back(&r);
  const pooled_quantiles& pool = none_complete ? result.partial : result.complete;
  out.scenario = s.name;
  out.scenario_file = std::filesystem::path(s.source).filename().string();
  out.version = FREIGHTSIM_VERSION;
  out.seed = result.seed;
  out.replications = static_cast<std::uint32_t>(reps.size());
  out.horizon_h = to_hours(s.horizon);
  out.warmup_h = to_hours(s.warmup);
  out.precision = result.precision;
  out.warmup_auto = s.warmup_auto;
  if (s.warmup_auto) {
    for (const auto* r : reps)
      out.warmup_chosen_h.push_back(r->warmup_h);
    if (!reps.empty()) out.warmup_h = summarize(out.warmup_chosen_h).mean;
  }
  for (const auto* r : reps) {
    out.created += r->created;
    out.delivered += r->delivered_total;
    out.in_network += r->in_network;
    out.events += r->events;
    out.in_network_by_place += r->in_network_by_place;
  }
  if (reps.empty()) {  // interrupted before any replication finished: nothing measured, nothing to show
    out.warnings = warnings_of(out);
    return out;
  }

  for (std::size_t f = 0; f < s.model.flows.size(); ++f) {
    const flow_spec& spec = s.model.flows[f];
    flow_summary fs;
    fs.id = spec.id;
    fs.unit = spec.unit;
    fs.from = spec.from;
    fs.to = spec.to;
    fs.delivered = across(reps, [f](const auto& r) { return static_cast<double>(r.flows[f].delivered); });
    const quantile_sketch& pooled = pool.transit[f];
    // A replication that delivered nothing has no transit time: it is left out, never counted as 0.
    std::vector<const replication_result*> delivering;
    for (const auto* r : reps)
      if (r->flows[f].transit_h.count() > 0) delivering.push_back(r);
    fs.delivered_any = !delivering.empty();
    fs.transit_h =
        quantiles_of(pooled, across(delivering, [f](const auto& r) { return r.flows[f].transit_h.mean(); }));
    fs.transit_h.cdf.emplace_back(0.01, pooled.quantile(0.01));
    for (int k = 1; k < 20; ++k)
      fs.transit_h.cdf.emplace_back(k / 20.0, pooled.quantile(k / 20.0));
    fs.transit_h.cdf.emplace_back(0.99, pooled.quantile(0.99));
    fs.transit_h.cdf.emplace_back(1.0, pooled.max());
    fs.cost_usd = across(reps, [f](const auto& r) { return r.flows[f].cost_usd.mean(); });
    fs.storage_usd = across(reps, [f](const auto& r) { return r.flows[f].storage_usd.mean(); });
    for (const std::uint32_t v : places_of(reps, f, &flow_result::node_storage_usd)) {
      const auto per_unit = [f, v](const replication_result& r) {
        const flow_result& fr = r.flows[f];
        return fr.delivered ? fr.node_storage_usd.at(v) / static_cast<double>(fr.delivered) : 0.0;
      };
      if (const double usd = across(reps, per_unit).mean; usd > 0)
        fs.storage_by_node.emplace_back(s.model.net.node(v).id, usd);
    }
    fs.route.assign(spec.route.begin(), spec.route.end());
    for (std::size_t p = 0; spec.adaptive && p < spec.alternatives.size(); ++p) {
      auto& share = fs.routes.emplace_back();
      for (const vertex v : spec.alternatives[p])
        share.via.push_back(s.model.net.node(v).id);
      share.share = across(reps, [f, p](const auto& r) {
        const auto& by_path = r.flows[f].by_path;
        const auto total = std::accumulate(by_path.begin(), by_path.end(), std::uint64_t{0});
        return total ? static_cast<double>(by_path[p]) / static_cast<double>(total) : 0.0;
      });
      share.series = route_share_series(reps, f, p);
    }
    if (spec.adaptive) fs.route_series_time_h = series_time_h(s.horizon);
    fs.breakdown = breakdown_of(s, reps, f);
    for (const vertex v : spec.route) {
      // The destination's leaving times are the transit times (statistics::add_life).
      const bool last = v == spec.route.back() && spec.route.size() <= max_quantile_path_stops;
      const quantile_sketch leave = last ? pooled : pool.leave[f].at(v);
      if (leave.count() > 0)
        fs.quantile_path.push_back({s.model.net.node(v).id, leave.quantile(0.5), leave.quantile(0.95)});
    }
    out.flows.push_back(std::move(fs));
  }

  const auto& g = s.model.net.graph();
  for (std::size_t v = 0; v < s.model.net.node_count(); ++v) {
    const node_spec& spec = g[v];
    node_summary ns;
    ns.id = spec.id;
    ns.name = spec.name;
    ns.where = spec.where;
    ns.fee_usd = spec.fee_usd;
    ns.junction = spec.is_junction();
    ns.servers = spec.has_servers() ? spec.servers : 0;
    ns.utilization = across(reps, [v](const auto& r) { return r.nodes[v].utilization; });
    const quantile_sketch& pooled = pool.wait[v];
    ns.wait_h = quantiles_of(pooled, across(reps, [v](const auto& r) { return r.nodes[v].wait_h.mean(); }));
    ns.queue_length = across(reps, [v](const auto& r) { return r.nodes[v].queue_mean; });
    ns.approach_queue = across(reps, [v](const auto& r) { return r.nodes[v].approach_mean; });
    ns.waiting_total = across(reps, [v](const auto& r) { return r.nodes[v].waiting_total_mean; });
    for (const auto* r : reps) {
      ns.queue_max = std::max(ns.queue_max, r->nodes[v].queue_max);
      ns.approach_max = std::max(ns.approach_max, r->nodes[v].approach_max);
      ns.waiting_total_max = std::max(ns.waiting_total_max, r->nodes[v].waiting_total_max);
    }
    for (const auto* r : reps)
      ns.in_network += r->in_network_by_node[v].total();
    ns.queue_first_half = across(reps, [v](const auto& r) { return r.nodes[v].queue_first_half; });
    ns.queue_second_half = across(reps, [v](const auto& r) { return r.nodes[v].queue_second_half; });
    ns.queue_growth = across(
        reps, [v](const auto& r) { return r.nodes[v].queue_second_half - r.nodes[v].queue_first_half; });
    ns.throughput_per_day = across(reps, [v](const auto& r) { return r.nodes[v].throughput_per_day; });
    for (std::size_t c = 0; c < wait_cause_count; ++c) {
      ns.wait_by_cause_h[c] = across(reps, [v, c](const auto& r) {
        const auto& n = r.nodes[v];
        return n.stays ? n.wait_by_cause_h[c] / static_cast<double>(n.stays) : 0.0;
      });
    }
    out.nodes.push_back(std::move(ns));
  }
  for (std::size_t slot = 0; slot < reps.front()->series.size(); ++slot)
    out.nodes[reps.front()->series[slot].node].series = series_of(reps, slot, s.horizon);

  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    const link_spec& spec = g[e];
    const std::size_t l = spec.index;
    link_summary ls;
    ls.from = spec.from;
    ls.to = spec.to;
    ls.mode = to_string(spec.mode);
    ls.distance_km = spec.distance_km;
    ls.cost_usd = spec.cost_usd;
    ls.capacity = spec.capacity_per_departure();
    ls.units_per_day = across(reps, [l](const auto& r) { return r.links[l].units_per_day; });
    ls.vehicles_per_day = across(reps, [l](const auto& r) { return r.links[l].vehicles_per_day; });
    ls.left_behind_per_day = across(reps, [l](const auto& r) { return r.links[l].left_behind_per_day; });
    if (ls.capacity)
      ls.load_factor = across(reps, [l, c = *ls.capacity](const auto& r) {
        const auto& x = r.links[l];
        return x.vehicles ? static_cast<double>(x.units) / static_cast<double>(x.vehicles * c) : 0.0;
      });
    ls.travel_h = across(reps, [l](const auto& r) {
      const auto& x = r.links[l];
      return x.units ? x.travel_h / static_cast<double>(x.units) : 0.0;
    });
    if (out.links.size() <= l) out.links.resize(l + 1);
    out.links[l] = std::move(ls);
  }
  for (std::size_t f = 0; f < s.model.fleets.size(); ++f) {
    fleet_summary fs;
    fs.id = s.model.fleets[f].id;
    fs.size = s.model.fleets[f].size;
    // A replication that never finished has no fleet figures.
    fs.busy_mean =
        across(reps, [f](const auto& r) { return f < r.fleets.size() ? r.fleets[f].busy_mean : 0.0; });
    fs.utilization =
        across(reps, [f](const auto& r) { return f < r.fleets.size() ? r.fleets[f].utilization : 0.0; });
    fs.wait_h = across(reps, [f](const auto& r) { return f < r.fleets.size() ? r.fleets[f].wait_h : 0.0; });
    out.fleets.push_back(std::move(fs));
  }
  out.warnings = warnings_of(out);
  out.observed = compare_observed(s, out);
  return out;
}

}  // namespace freightsim
