#include "freightsim/output/json_summary.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace freightsim {

namespace {

using json = nlohmann::ordered_json;

// nlohmann writes NaN and infinity as null without a word: a figure that is not a number is a bug, never
// an output.
void require_finite(const json& j, const std::string& where) {
  if (j.is_number_float() && !std::isfinite(j.get<double>()))
    throw std::logic_error("summary.json: " + where + " is not a finite number");
  if (j.is_object())
    for (const auto& item : j.items())
      require_finite(item.value(), where + "." + item.key());
  if (j.is_array())
    for (std::size_t i = 0; i < j.size(); ++i)
      require_finite(j[i], where + "[" + std::to_string(i) + "]");
}

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

// Parallel arrays, one entry per point: the means, and the interval half widths (null with one replication).
json series_estimates(const std::vector<interval_estimate>& points) {
  json mean = json::array(), half = json::array();
  for (const auto& e : points) {
    mean.push_back(e.mean);
    half.push_back(ci(e));
  }
  return {{"mean", mean}, {"ci95", half}};
}

// As series_estimates; a point without an estimate (no unit created in the interval) is null in both.
json share_series(const std::vector<std::optional<interval_estimate>>& points) {
  json mean = json::array(), half = json::array();
  for (const auto& e : points) {
    mean.push_back(e ? json(e->mean) : json(nullptr));
    half.push_back(e ? ci(*e) : json(nullptr));
  }
  return {{"mean", mean}, {"ci95", half}};
}

json series(const node_summary& n) {
  if (!n.series) return nullptr;
  return {{"time_h", n.series->time_h},
          {"queue", series_estimates(n.series->queue)},
          {"approach_queue", series_estimates(n.series->approach)},
          {"throughput_per_day", series_estimates(n.series->throughput_per_day)}};
}

json optional_number(const std::optional<double>& x) {
  return x ? json(*x) : json(nullptr);
}

// Mean hours per delivered unit at each place on the flow's path.
json quantile_path(const flow_summary& f) {
  json out = json::array();
  for (const auto& q : f.quantile_path)
    out.push_back({{"node", q.node}, {"p50", q.p50}, {"p95", q.p95}});
  return out;
}

json breakdown(const summary& s, const flow_summary& f) {
  json out = json::array();
  for (const auto& p : f.breakdown) {
    if (p.is_link) {
      const auto& l = s.links[p.index];
      out.push_back({{"link", p.index}, {"from", l.from}, {"to", l.to}, {"travel", p.h[0]}});
      continue;
    }
    json stop = {{"node", s.nodes[p.index].id}};
    for (std::size_t c = 0; c < wait_cause_count; ++c)
      stop[to_string(static_cast<wait_cause>(c))] = p.h[c];
    stop["service"] = p.h[service_part];
    out.push_back(stop);
  }
  return out;
}

// The storage part of a flow's cost per delivered unit, and where it was charged.
json storage(const flow_summary& f) {
  if (!f.delivered_any) return {{"mean", nullptr}, {"ci95", nullptr}, {"by_node", json::array()}};
  json out = estimate(f.storage_usd);
  out["by_node"] = json::array();
  for (const auto& [node, usd] : f.storage_by_node)
    out["by_node"].push_back({{"node", node}, {"usd", usd}});
  return out;
}

json links(const summary& s) {
  json out = json::array();
  for (const auto& l : s.links)
    out.push_back({{"from", l.from},
                   {"to", l.to},
                   {"mode", l.mode},
                   {"distance_km", optional_number(l.distance_km)},
                   {"cost_usd", l.cost_usd},
                   {"capacity", l.capacity ? json(*l.capacity) : json(nullptr)},
                   {"units_per_day", estimate(l.units_per_day)},
                   {"vehicles_per_day", estimate(l.vehicles_per_day)},
                   {"load_factor", l.load_factor ? estimate(*l.load_factor) : json(nullptr)},
                   {"left_behind_per_day", estimate(l.left_behind_per_day)},
                   {"travel_h", estimate(l.travel_h)}});
  return out;
}

json observed(const std::vector<observed_result>& entries) {
  json out = json::array();
  for (const auto& o : entries) {
    json e = {
        {"metric", o.metric},     {"use", o.use == observed_use::calibration ? "calibration" : "validation"},
        {"observed", o.observed}, {"simulated", o.simulated},
        {"ratio", o.ratio},       {"tolerance", o.tolerance},
        {"pass", o.pass},         {"source", o.source}};
    if (o.use == observed_use::calibration) e["sets"] = o.sets;
    if (!o.known_gap.empty()) e["known_gap"] = o.known_gap;
    out.push_back(std::move(e));
  }
  return out;
}

// A flow that delivered nothing has no transit time (nor cost per unit): every figure null, never 0, the same
// keys for readers.
json no_transit() {
  return {{"mean", nullptr}, {"ci95", nullptr}, {"p50", nullptr}, {"p90", nullptr},
          {"p95", nullptr},  {"p99", nullptr},  {"max", nullptr}, {"cdf", json::array()}};
}

// `text` (a dump(2)) as it reads nested `depth` spaces deep. JSON strings hold no raw newline, so every
// newline is a line break of the dump.
std::string indented(const std::string& text, std::size_t depth) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    out += c;
    if (c == '\n') out.append(depth, ' ');
  }
  return out;
}

json route_ids(const summary& s, std::size_t flow) {
  json out = json::array();
  for (const std::uint32_t v : s.flows[flow].route)
    out.push_back(s.nodes[v].id);
  return out;
}

}  // namespace

nlohmann::ordered_json summary_document(const summary& s) {
  json flows = json::array();
  for (const auto& f : s.flows) {
    const auto& t = f.transit_h;
    flows.push_back(
        {{"id", f.id},
         {"unit", f.unit},
         {"from", f.from},
         {"to", f.to},
         {"delivered", estimate(f.delivered)},
         {"transit_time_h", f.delivered_any ? json{{"mean", t.estimate.mean},
                                                   {"ci95", ci(t.estimate)},
                                                   {"p50", t.p50},
                                                   {"p90", t.p90},
                                                   {"p95", t.p95},
                                                   {"p99", t.p99},
                                                   {"max", t.max},
                                                   {"cdf", t.cdf}}
                                            : no_transit()},
         {"cost_usd", f.delivered_any ? estimate(f.cost_usd) : json{{"mean", nullptr}, {"ci95", nullptr}}},
         {"storage_usd", storage(f)},
         {"breakdown_h", breakdown(s, f)},
         {"quantile_path_h", quantile_path(f)}});
    if (!f.routes.empty()) {
      json& routes = flows.back()["routes"] = json::array();
      for (const auto& r : f.routes)
        routes.push_back({{"via", r.via}, {"share", estimate(r.share)}, {"series", share_series(r.series)}});
      flows.back()["route_series_time_h"] = f.route_series_time_h;
    }
  }
  json nodes = json::array();
  for (const auto& n : s.nodes) {
    nodes.push_back(
        {{"id", n.id},
         {"name", n.name},
         {"location", n.where ? json{{"lat", n.where->lat}, {"lon", n.where->lon}} : json(nullptr)},
         {"servers", n.servers},
         {"fee_usd", n.fee_usd},
         {"utilization", estimate(n.utilization)},
         {"wait_h",
          {{"mean", n.wait_h.estimate.mean},
           {"ci95", ci(n.wait_h.estimate)},
           {"p95", n.wait_h.p95},
           {"max", n.wait_h.max}}},
         {"queue_length",
          {{"mean", n.queue_length.mean}, {"ci95", ci(n.queue_length)}, {"max", n.queue_max}}},
         {"approach_queue",
          {{"mean", n.approach_queue.mean}, {"ci95", ci(n.approach_queue)}, {"max", n.approach_max}}},
         {"waiting_total",
          {{"mean", n.waiting_total.mean}, {"ci95", ci(n.waiting_total)}, {"max", n.waiting_total_max}}},
         {"throughput_per_day", estimate(n.throughput_per_day)},
         {"wait_by_cause_h", by_cause(n)},
         {"series", series(n)}});
  }
  json doc = {{"scenario", s.scenario},
              {"scenario_file", s.scenario_file},
              {"scenario_sha256", s.scenario_sha256.empty() ? json(nullptr) : json(s.scenario_sha256)},
              {"freightsim_version", s.version},
              {"seed", s.seed},
              {"replications", s.replications},
              {"horizon_h", s.horizon_h},
              {"warmup_h", s.warmup_h},
              {"flows", flows},
              {"nodes", nodes},
              {"links", links(s)},
              {"warnings", s.warnings},
              {"complete", s.complete},
              {"incomplete_reason", s.complete ? json(nullptr) : json(s.incomplete_reason)},
              {"replications_requested", s.replications_requested},
              {"conservation",
               {{"created", s.created},
                {"delivered", s.delivered},
                {"in_network", s.in_network},
                {"holds", s.created == s.delivered + s.in_network}}}};
  // Only with --precision, likewise.
  if (const auto& p = s.precision) {
    json metrics = json::array();
    for (std::size_t m = 0; m < p->metrics.size(); ++m)
      metrics.push_back({{"metric", p->metrics[m]}, {"estimate", estimate(p->estimates[m])}});
    doc["precision"] = {{"target", p->goal.relative},
                        {"max_replications", p->goal.max_replications},
                        {"reached", p->reached},
                        {"replications", p->replications},
                        {"metrics", metrics}};
  }
  // Only with warmup: auto, likewise.
  if (s.warmup_auto) {
    const auto [lo, hi] = std::minmax_element(s.warmup_chosen_h.begin(), s.warmup_chosen_h.end());
    doc["warmup_auto"] = {{"method", "MSER-5 on the units in the network, per replication"},
                          {"mean_h", s.warmup_h},
                          {"min_h", s.warmup_chosen_h.empty() ? json(nullptr) : json(*lo)},
                          {"max_h", s.warmup_chosen_h.empty() ? json(nullptr) : json(*hi)},
                          {"per_replication_h", s.warmup_chosen_h}};
  }
  // Only for scenarios with `observed:` entries, so that other summaries keep their shape.
  if (!s.observed.empty()) doc["observed"] = observed(s.observed);
  // Only for scenarios with fleets, likewise.
  if (!s.fleets.empty()) {
    json fleets = json::array();
    for (const auto& f : s.fleets)
      fleets.push_back({{"id", f.id},
                        {"size", f.size},
                        {"busy_vehicles", estimate(f.busy_mean)},
                        {"utilization", estimate(f.utilization)},
                        {"wait_h", estimate(f.wait_h)}});
    doc["fleets"] = fleets;
  }
  require_finite(doc, "summary");
  return doc;
}

void write_summary(std::ostream& out, const nlohmann::ordered_json& doc, const summary& s) {
  // As doc.dump(2) with each flow's route after its "to", written piece by piece: a long route's node ids as
  // a JSON tree cost about 60 bytes each, and the whole text of a 30,000-node chain's routes is 570 MB.
  const auto item = [&out](bool first, std::string_view pad, const std::string& key, const json& value) {
    out << (first ? "\n" : ",\n") << pad;
    if (!key.empty()) out << json(key).dump() << ": ";
    out << indented(value.dump(2), pad.size());
  };
  out << "{";
  bool first = true;
  for (const auto& [key, value] : doc.items()) {
    if (key != "flows" || value.empty()) {
      item(std::exchange(first, false), "  ", key, value);
      continue;
    }
    out << (std::exchange(first, false) ? "\n" : ",\n") << "  \"flows\": [";
    for (std::size_t i = 0; i < value.size(); ++i) {
      json flow = json::object();
      for (const auto& [k, v] : value[i].items()) {
        flow[k] = v;
        if (k == "to") flow["route"] = route_ids(s, i);
      }
      item(i == 0, "    ", "", flow);
    }
    out << "\n  ]";
  }
  out << "\n}\n";
}

std::string summary_text(const nlohmann::ordered_json& doc, const summary& s) {
  std::ostringstream out;
  write_summary(out, doc, s);
  return std::move(out).str();
}

std::string to_json(const summary& s) {
  return summary_text(summary_document(s), s);
}

}  // namespace freightsim
