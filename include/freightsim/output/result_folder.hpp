// A run's result folder as `freightsim compare` reads it: summary.json for the scenario, seed and
// replications, and replications.csv, written beside it by `freightsim run`, for every metric of every
// replication (the paired differences need the values, not only their means).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "freightsim/experiment/compare.hpp"
#include "freightsim/experiment/experiment.hpp"
#include "freightsim/scenario/scenario.hpp"

namespace freightsim {

// Tidy: one row per replication x metric, `replication,status,kind,entity,metric,value` (run_metrics.hpp's
// names; status as in a sweep's runs.csv: done, saturated, ...), for every replication that ran, in order.
// An empty value: no figure (a flow that delivered nothing has no transit time).
std::string replications_csv(const scenario& s, const experiment_result& result);

// The replications of `dir` that reached the horizon. A missing folder, a summary.json that is not one, a
// folder without replications.csv (written before it existed) or a malformed one: input_error naming the
// file (and line), one line. `complete` is copied from summary.json.
struct result_folder {
  result_values values;
  bool complete = true;
  std::string incomplete_reason;
};
result_folder read_result_folder(const std::filesystem::path& dir);

// The period a run's figures cover, as compare names it: "horizon 720 h, warm-up 336 h" ("warm-up auto": each
// replication chose its own).
std::string period_text(double horizon_h, double warmup_h, bool warmup_auto);

// "A and B cover different periods (A: ...; B: ...): ..." when both periods are known and differ, else empty:
// counts and times of different periods differ by the period, not by the scenario.
std::string period_warning(const result_values& a, const result_values& b);

// "NAME is incomplete: REASON; its 3 finished replications are compared" for a folder (or stored variant)
// whose run did not finish, else empty.
std::string incomplete_warning(const result_folder& r);

// What compare and report A B warn of before comparing A with B: each incomplete one, then different periods.
std::vector<std::string> comparison_warnings(const result_folder& a, const result_folder& b);

}  // namespace freightsim
