#include "freightsim/experiment/summary.hpp"

#include <fmt/format.h>

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
  return {
      estimate,    pooled.quantile(0.50), pooled.quantile(0.90), pooled.quantile(0.95), pooled.quantile(0.99),
      pooled.max()};
}

std::string describe_stop(const scenario& s, const experiment_result& result) {
  std::size_t not_run = 0, interrupted = 0;
  for (const auto& r : result.replications) {
    if (r.stopped == stop_reason::saturated)
      return fmt::format(
          "replication {} saturated at {:.1f} h: more units in the network than the cap; node '{}' held {}",
          &r - result.replications.data(), r.end_h, s.model.net.node(r.saturated_node).id, r.saturated_units);
    not_run += r.stopped == stop_reason::not_run;
    interrupted += r.stopped == stop_reason::interrupted;
  }
  if (not_run + interrupted == 0) return {};
  return fmt::format("interrupted: {} replication(s) stopped early, {} not run", interrupted, not_run);
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
  if (reps.empty())
    for (const auto& r : result.replications)
      if (r.stopped != stop_reason::not_run) reps.push_back(&r);
  const pooled_quantiles& pool = none_complete ? result.partial : result.complete;
  out.scenario = s.name;
  out.seed = result.seed;
  out.replications = static_cast<std::uint32_t>(reps.size());
  out.horizon_h = to_hours(s.horizon);
  out.warmup_h = to_hours(s.warmup);
  for (const auto* r : reps) {
    out.created += r->created;
    out.delivered += r->delivered_total;
    out.in_network += r->in_network;
    out.events += r->events;
  }

  for (std::size_t f = 0; f < s.model.flows.size(); ++f) {
    const flow_spec& spec = s.model.flows[f];
    flow_summary fs{spec.id, spec.unit, spec.from, spec.to, {}, {}, {}};
    fs.delivered = across(reps, [f](const auto& r) { return static_cast<double>(r.flows[f].delivered); });
    const quantile_sketch& pooled = pool.transit[f];
    fs.transit_h =
        quantiles_of(pooled, across(reps, [f](const auto& r) { return r.flows[f].transit_h.mean(); }));
    fs.cost_usd = across(reps, [f](const auto& r) { return r.flows[f].cost_usd.mean(); });
    out.flows.push_back(std::move(fs));
  }

  const auto& g = s.model.net.graph();
  for (std::size_t v = 0; v < s.model.net.node_count(); ++v) {
    const node_spec& spec = g[v];
    node_summary ns;
    ns.id = spec.id;
    ns.name = spec.name;
    ns.junction = spec.is_junction();
    ns.servers = spec.is_junction() ? 0 : spec.servers;
    ns.utilization = across(reps, [v](const auto& r) { return r.nodes[v].utilization; });
    const quantile_sketch& pooled = pool.wait[v];
    ns.wait_h = quantiles_of(pooled, across(reps, [v](const auto& r) { return r.nodes[v].wait_h.mean(); }));
    ns.queue_length = across(reps, [v](const auto& r) { return r.nodes[v].queue_mean; });
    for (const auto* r : reps)
      ns.queue_max = std::max(ns.queue_max, r->nodes[v].queue_max);
    ns.throughput_per_day = across(reps, [v](const auto& r) { return r.nodes[v].throughput_per_day; });
    for (std::size_t c = 0; c < wait_cause_count; ++c) {
      ns.wait_by_cause_h[c] = across(reps, [v, c](const auto& r) {
        const auto& n = r.nodes[v];
        return n.departures ? n.wait_by_cause_h[c] / static_cast<double>(n.departures) : 0.0;
      });
    }
    out.nodes.push_back(std::move(ns));
  }
  return out;
}

}  // namespace freightsim
