#include "freightsim/output/json_summary.hpp"

#include <nlohmann/json.hpp>

namespace freightsim {

namespace {

using json = nlohmann::ordered_json;

json ci(const interval_estimate& e) {
  return e.ci95 ? json(*e.ci95) : json(nullptr);
}

json estimate(const interval_estimate& e) {
  return {{"mean", e.mean}, {"ci95", ci(e)}};
}

json by_cause(const node_summary& n) {
  json out = json::object();
  for (std::size_t c = 0; c < wait_cause_count; ++c)
    out[to_string(static_cast<wait_cause>(c))] = estimate(n.wait_by_cause_h[c]);
  return out;
}

}  // namespace

std::string to_json(const summary& s) {
  json flows = json::array();
  for (const auto& f : s.flows) {
    const auto& t = f.transit_h;
    flows.push_back({{"id", f.id},
                     {"delivered", estimate(f.delivered)},
                     {"transit_time_h",
                      {{"mean", t.estimate.mean},
                       {"ci95", ci(t.estimate)},
                       {"p50", t.p50},
                       {"p90", t.p90},
                       {"p95", t.p95},
                       {"p99", t.p99},
                       {"max", t.max}}},
                     {"cost_usd", estimate(f.cost_usd)}});
  }
  json nodes = json::array();
  for (const auto& n : s.nodes) {
    nodes.push_back({{"id", n.id},
                     {"utilization", estimate(n.utilization)},
                     {"wait_h",
                      {{"mean", n.wait_h.estimate.mean},
                       {"ci95", ci(n.wait_h.estimate)},
                       {"p95", n.wait_h.p95},
                       {"max", n.wait_h.max}}},
                     {"queue_length",
                      {{"mean", n.queue_length.mean}, {"ci95", ci(n.queue_length)}, {"max", n.queue_max}}},
                     {"throughput_per_day", estimate(n.throughput_per_day)},
                     {"wait_by_cause_h", by_cause(n)}});
  }
  const json doc = {{"scenario", s.scenario},
                    {"seed", s.seed},
                    {"replications", s.replications},
                    {"horizon_h", s.horizon_h},
                    {"warmup_h", s.warmup_h},
                    {"flows", flows},
                    {"nodes", nodes},
                    {"complete", s.complete},
                    {"incomplete_reason", s.complete ? json(nullptr) : json(s.incomplete_reason)},
                    {"replications_requested", s.replications_requested},
                    {"conservation",
                     {{"created", s.created},
                      {"delivered", s.delivered},
                      {"in_network", s.in_network},
                      {"holds", s.created == s.delivered + s.in_network}}}};
  return doc.dump(2) + "\n";
}

}  // namespace freightsim
