// Anchor checks of every shipped scenario, derived from its inputs and independent of the goldens: each flow
// delivers its arrival rate x (horizon - warm-up), each node passes the flows routed through it, and a
// plainly open node is busy lambda E[S] / c. The figures come from the golden summaries, which the golden
// test proves are what the simulation produces now; a golden regenerated from a broken model fails here.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "freightsim/analysis/service_time.hpp"
#include "freightsim/scenario/loader.hpp"
#include "freightsim/stats/replication_summary.hpp"
#include "stat_checks.hpp"

using namespace freightsim;
namespace fs = std::filesystem;

namespace {

struct anchor {
  std::string what;
  double theory = 0, mean = 0, ci95 = 0;
  double replications = 0;
};

// The flows whose planned route, fixed, passes through node v (rerouting flows may leave it, and adaptive
// flows split over their paths by the queues they meet, so a node on any of their paths has no anchor).
std::vector<const flow_spec*> flows_through(const scenario& s, vertex v, bool& all_fixed) {
  std::vector<const flow_spec*> out;
  for (const auto& f : s.model.flows) {
    for (const auto& path : f.alternatives)
      if (std::find(path.begin(), path.end(), v) != path.end()) all_fixed = false;
    if (std::find(f.route.begin(), f.route.end(), v) == f.route.end()) continue;
    all_fixed = all_fixed && !f.reroute;
    out.push_back(&f);
  }
  return out;
}

// Nodes whose servers are always all open and never held by blocking: utilization is lambda E[S] / c.
bool plainly_open(const scenario& s, vertex v) {
  const node_spec& n = s.model.net.node(v);
  if (!n.has_servers() || n.calendar || !n.disruptions.empty() || n.breakdowns || n.transfer) return false;
  for (const auto& f : s.model.flows)
    for (std::size_t i = 0; i + 1 < f.route.size(); ++i)
      if (f.route[i] == v && s.model.net.node(f.route[i + 1]).capacity) return false;
  return true;
}

// E[S]: the service and the expected inspection extra, or the node's service and inspection stages (delay
// stages hold no server).
double service_mean(const node_spec& n) {
  return node_service_time(n, 0.0).mean;
}

// Long-run share of time a node is not broken down: E[up] / (E[up] + E[repair]).
double availability(const node_spec& n) {
  if (!n.breakdowns) return 1.0;
  return mean(n.breakdowns->mtbf) / (mean(n.breakdowns->mtbf) + mean(n.breakdowns->mttr));
}

}  // namespace

// Catches: a golden regenerated from a model that loses, duplicates or stalls units (delivered and
// throughput off the arrival rate), or that mis-measures busy time (utilization off lambda E[S] / c).
TEST_CASE("shipped scenarios: delivered, throughput and utilization match their inputs") {
  std::vector<anchor> anchors;
  std::size_t scenarios = 0;
  for (const auto& entry : fs::recursive_directory_iterator("scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    if (entry.path().parent_path().filename() == "sweeps") continue;  // sweep files, not scenarios
    ++scenarios;
    const std::string stem = entry.path().stem().string();
    const scenario s = load_scenario(entry.path());
    std::ifstream in("tests/golden/" + stem + ".summary.json");
    REQUIRE_MESSAGE(in, "no golden for " << stem);
    const nlohmann::json g = nlohmann::json::parse(in);
    REQUIRE(g["replications"].get<std::uint32_t>() == s.replications);
    const auto reps = static_cast<double>(s.replications);
    const double window_h = to_hours(s.horizon - s.warmup);
    // A flow passes at its arrival rate, unless a node on its route is offered more than it can serve
    // (lambda E[S] >= c A, A the share of time not broken down): then, alone there, at that node's capacity
    // c A / E[S]; shared with other flows, it is not anchored.
    std::vector<double> rate(s.model.flows.size());
    std::vector<bool> anchored(s.model.flows.size(), true);
    for (std::size_t f = 0; f < s.model.flows.size(); ++f)
      rate[f] = s.model.flows[f].rate_per_hour;
    for (vertex v = 0; v < s.model.net.node_count(); ++v) {
      const node_spec& spec = s.model.net.node(v);
      if (!spec.has_servers() || spec.calendar) continue;
      bool all_fixed = true;
      const auto through = flows_through(s, v, all_fixed);
      double lambda = 0;
      for (const auto* f : through)
        lambda += f->rate_per_hour;
      const double capacity = spec.servers * availability(spec) / service_mean(spec);
      if (lambda < capacity) continue;
      for (const auto* f : through) {
        const auto i = static_cast<std::size_t>(f - s.model.flows.data());
        if (through.size() == 1 && all_fixed) {
          rate[i] = capacity;
        } else {
          anchored[i] = false;
        }
      }
    }
    for (std::size_t f = 0; f < s.model.flows.size(); ++f) {
      if (!anchored[f]) continue;
      const auto& d = g["flows"][f]["delivered"];
      anchors.push_back({stem + " flow " + s.model.flows[f].id + " delivered", rate[f] * window_h, d["mean"],
                         d["ci95"], reps});
    }
    for (vertex v = 0; v < s.model.net.node_count(); ++v) {
      bool all_fixed = true;
      const auto through = flows_through(s, v, all_fixed);
      if (!all_fixed) continue;
      double lambda = 0;
      for (const auto* f : through) {
        const auto i = static_cast<std::size_t>(f - s.model.flows.data());
        all_fixed = all_fixed && anchored[i];
        lambda += rate[i];
      }
      if (!all_fixed) continue;
      const auto& n = g["nodes"][v];
      const std::string name = stem + " node " + s.model.net.node(v).id;
      anchors.push_back({name + " throughput/day", 24 * lambda, n["throughput_per_day"]["mean"],
                         n["throughput_per_day"]["ci95"], reps});
      if (!plainly_open(s, v)) continue;
      const node_spec& spec = s.model.net.node(v);
      anchors.push_back({name + " utilization", lambda * service_mean(spec) / spec.servers,
                         n["utilization"]["mean"], n["utilization"]["ci95"], reps});
    }
  }
  CHECK(scenarios >= 13);
  // Intervals at confidence 1 - 0.001 / k for the k anchors (Bonferroni), from the goldens' 95% half widths.
  const double confidence = 1.0 - testing::family_error / static_cast<double>(anchors.size());
  for (const auto& a : anchors) {
    INFO(a.what << ": " << a.mean << " ± " << a.ci95 << " (95%), theory " << a.theory);
    const double dof = a.replications - 1.0;
    const double half = a.ci95 * student_t_quantile(confidence, dof) / student_t_quantile(0.95, dof);
    CHECK(std::abs(a.mean - a.theory) <= half);
  }
  MESSAGE(anchors.size() << " anchors over " << scenarios << " scenarios");
}
