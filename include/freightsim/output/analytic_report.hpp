// The analytic estimates as JSON (in the shape of summary.json, "method": "analytic") and as a table, and
// beside a simulation's summary (run --analytic).
#pragma once

#include <string>
#include <vector>

#include "freightsim/analysis/network_estimate.hpp"
#include "freightsim/experiment/summary.hpp"
#include "freightsim/output/json_summary.hpp"

namespace freightsim {

std::string analytic_json(const scenario& s, const network_estimate& e);
std::string analytic_table(const scenario& s, const network_estimate& e);

// A node's simulated and analytic mean wait for a server. They "differ" when the gap exceeds the documented
// tolerance: relative_tolerance x the simulated mean plus absolute_tolerance_h plus the simulation's ci95.
inline constexpr double relative_tolerance = 0.35;
inline constexpr double absolute_tolerance_h = 0.2;
struct node_comparison {
  std::string id;
  double utilization_sim = 0, utilization_analytic = 0;
  double wait_sim_h = 0, wait_ci95_h = 0, wait_analytic_h = 0;
  std::string method;
  bool differs = false;
};
std::vector<node_comparison> compare_nodes(const summary& sim, const network_estimate& e);

// summary.json's document (json_summary.hpp) with, when `comparison`, an `analytic` block beside every node
// and flow (unstable nodes and links go into the summary's warnings before this).
nlohmann::ordered_json summary_document(const summary& sim, const network_estimate& e, bool comparison);
// The printed table with, when `comparison`, the analytic columns.
std::string text_table(const summary& sim, const network_estimate& e, bool comparison);
// One line per unstable node or link, for stderr.
std::string stability_warnings(const std::string& scenario_file, const network_estimate& e);

}  // namespace freightsim
