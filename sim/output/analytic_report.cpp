#include "freightsim/output/analytic_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "freightsim/output/json_summary.hpp"
#include "freightsim/output/text_table.hpp"

namespace freightsim {

namespace {

using json = nlohmann::ordered_json;

// JSON has no infinity: an unstable node's wait is null.
json number(double x) {
  return std::isfinite(x) ? json(x) : json(nullptr);
}
std::string hours(double x, int precision = 2) {
  return std::isfinite(x) ? fmt::format("{:.{}f}", x, precision) : std::string("inf");
}

json stability_json(const network_estimate& e) {
  json out = json::array();
  for (const auto& i : e.issues)
    out.push_back({{"kind", i.kind},
                   {"id", i.id},
                   {"utilization", number(i.utilization)},
                   {i.kind == "node"    ? "servers_needed"
                    : i.kind == "fleet" ? "vehicles_needed"
                                        : "capacity_needed",
                    i.needed},
                   {"message", i.message}});
  return out;
}

json node_json(const node_estimate& n) {
  return {{"id", n.id},
          {"method", n.method},
          {"servers", n.servers},
          {"servers_mean", n.servers_mean},
          {"arrival_rate_per_h", n.arrival_rate_h},
          {"arrival_scv", n.arrival_scv},
          {"service_mean_h", n.service_mean_h},
          {"service_scv", n.service_scv},
          {"utilization", {{"mean", number(n.utilization)}}},
          {"wait_h", {{"mean", number(n.wait_h)}, {"p95", number(n.wait_p95_h)}}},
          {"queue_length", {{"mean", number(n.arrival_rate_h * n.wait_h)}}},
          {"throughput_per_day", {{"mean", n.arrival_rate_h * 24.0}}},
          {"wait_by_cause_h",
           {{"train_forming", {{"mean", number(n.train_forming_h)}}},
            {"sailing", {{"mean", number(n.sailing_h)}}},
            {"no_vehicle", {{"mean", number(n.vehicle_h)}}}}},
          {"servers_needed", n.servers_needed}};
}

json flow_json(const flow_estimate& f) {
  return {{"id", f.id},
          {"delivered_per_day", f.rate_h * 24.0},
          {"transit_time_h", {{"mean", number(f.transit_mean_h)}, {"p95", number(f.transit_p95_h)}}}};
}

}  // namespace

std::string analytic_json(const scenario& s, const network_estimate& e) {
  json flows = json::array(), nodes = json::array(), links = json::array();
  for (const auto& f : e.flows)
    flows.push_back(flow_json(f));
  for (const auto& n : e.nodes)
    nodes.push_back(node_json(n));
  for (const auto& l : e.links)
    links.push_back({{"from", l.from},
                     {"to", l.to},
                     {"arrival_rate_per_h", l.arrival_rate_h},
                     {"travel_mean_h", l.travel_mean_h},
                     {"train_forming_h", number(l.train_forming_h)},
                     {"sailing_h", number(l.sailing_h)},
                     {"no_vehicle_h", number(l.vehicle_h)},
                     {"utilization", number(l.utilization)}});
  const json doc = {{"scenario", s.name},
                    {"method", "analytic"},
                    {"horizon_h", to_hours(s.horizon)},
                    {"warmup_h", to_hours(s.warmup)},
                    {"flows", flows},
                    {"nodes", nodes},
                    {"links", links},
                    {"stable", e.issues.empty()},
                    {"stability", stability_json(e)}};
  return doc.dump(2) + "\n";
}

std::string analytic_table(const scenario& s, const network_estimate& e) {
  std::string out =
      fmt::format("{}\nanalytic estimates (queueing-network approximation, no simulation)\n\n", s.name);
  out += fmt::format("{:<24} {:>14} {:>12} {:>12}\n", "flow", "per day", "transit h", "p95 h");
  for (const auto& f : e.flows)
    out += fmt::format("{:<24} {:>14.1f} {:>12} {:>12}\n", f.id, f.rate_h * 24.0, hours(f.transit_mean_h, 1),
                       hours(f.transit_p95_h, 1));
  out += fmt::format("\n{:<24} {:>7} {:>8} {:>11} {:>12} {:>10} {:>10} {:>10}  {}\n", "node", "servers",
                     "per h", "utilization", "wait mean h", "wait p95 h", "forming h", "sailing h", "method");
  for (const auto& n : e.nodes) {
    if (n.junction && n.train_forming_h == 0 && n.sailing_h == 0) continue;
    const std::string servers = n.junction ? "-" : std::to_string(n.servers);
    out += fmt::format("{:<24} {:>7} {:>8.2f} {:>11} {:>12} {:>10} {:>10} {:>10}  {}\n", n.id, servers,
                       n.arrival_rate_h, n.junction ? "-" : hours(n.utilization, 3), hours(n.wait_h),
                       hours(n.wait_p95_h), hours(n.train_forming_h), hours(n.sailing_h),
                       n.junction ? "junction" : n.method);
  }
  if (e.issues.empty()) {
    out += "\nstable: every node and link has utilization below 1\n";
  } else {
    out += "\nUNSTABLE:\n";
    for (const auto& i : e.issues)
      out += "  " + i.message + "\n";
  }
  return out;
}

std::vector<node_comparison> compare_nodes(const summary& sim, const network_estimate& e) {
  std::vector<node_comparison> out;
  for (std::size_t v = 0; v < sim.nodes.size() && v < e.nodes.size(); ++v) {
    const node_summary& n = sim.nodes[v];
    const node_estimate& a = e.nodes[v];
    if (n.junction) continue;
    node_comparison c;
    c.id = n.id;
    c.utilization_sim = n.utilization.mean;
    c.utilization_analytic = a.utilization;
    c.wait_sim_h = n.wait_h.estimate.mean;
    c.wait_ci95_h = n.wait_h.estimate.ci95.value_or(0.0);
    c.wait_analytic_h = a.wait_h;
    c.method = a.method;
    c.differs = !(std::abs(c.wait_analytic_h - c.wait_sim_h) <=
                  relative_tolerance * c.wait_sim_h + absolute_tolerance_h + c.wait_ci95_h);
    out.push_back(std::move(c));
  }
  return out;
}

nlohmann::ordered_json summary_document(const summary& sim, const network_estimate& e, bool comparison) {
  auto doc = summary_document(sim);
  if (!comparison) return doc;
  const auto cmp = compare_nodes(sim, e);
  for (auto& node : doc["nodes"]) {
    const auto it = std::find_if(e.nodes.begin(), e.nodes.end(),
                                 [&](const node_estimate& n) { return n.id == node["id"]; });
    if (it == e.nodes.end() || it->junction) continue;
    const auto c =
        std::find_if(cmp.begin(), cmp.end(), [&](const node_comparison& x) { return x.id == it->id; });
    node["analytic"] = {{"method", it->method},
                        {"utilization", number(it->utilization)},
                        {"wait_h", {{"mean", number(it->wait_h)}, {"p95", number(it->wait_p95_h)}}},
                        {"differs", c != cmp.end() && c->differs}};
  }
  for (std::size_t i = 0; i < doc["flows"].size() && i < e.flows.size(); ++i)
    doc["flows"][i]["analytic"] = {
        {"transit_time_h",
         {{"mean", number(e.flows[i].transit_mean_h)}, {"p95", number(e.flows[i].transit_p95_h)}}}};
  doc["analytic_tolerance"] = {{"relative", relative_tolerance}, {"absolute_h", absolute_tolerance_h}};
  return doc;
}

std::string text_table(const summary& sim, const network_estimate& e, bool comparison) {
  std::string out = text_table(sim);
  if (comparison) {
    out += fmt::format(
        "\nanalytic beside simulated (differs: |analytic - simulated| > {:.0f}% of simulated + {} h "
        "+ ci95)\n",
        relative_tolerance * 100, absolute_tolerance_h);
    out += fmt::format("{:<24} {:>10} {:>10} {:>18} {:>12}  {}\n", "node", "util sim", "util an.",
                       "wait sim h", "wait an. h", "method");
    for (const auto& c : compare_nodes(sim, e)) {
      const std::string sim_wait = fmt::format("{:.2f} ± {:.2f}", c.wait_sim_h, c.wait_ci95_h);
      out += fmt::format("{:<24} {:>10.3f} {:>10} {:>18} {:>12}  {}{}\n", c.id, c.utilization_sim,
                         hours(c.utilization_analytic, 3), sim_wait, hours(c.wait_analytic_h), c.method,
                         c.differs ? "  DIFFERS" : "");
    }
    out += fmt::format("{:<24} {:>22} {:>22}\n", "flow", "transit sim h", "transit an. h");
    for (std::size_t i = 0; i < sim.flows.size() && i < e.flows.size(); ++i)
      out += fmt::format("{:<24} {:>22.1f} {:>22}\n", sim.flows[i].id, sim.flows[i].transit_h.estimate.mean,
                         hours(e.flows[i].transit_mean_h, 1));
  }
  return out;
}

std::string stability_warnings(const std::string& scenario_file, const network_estimate& e) {
  std::string out;
  for (const auto& i : e.issues)
    out += scenario_file + ": warning: " + i.message + "\n";
  return out;
}

}  // namespace freightsim
