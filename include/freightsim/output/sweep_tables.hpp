// A sweep's results as tidy CSV and as a printed comparison table.
#pragma once

#include <string>
#include <vector>

#include "freightsim/experiment/sweep.hpp"

namespace freightsim {

// One row per run x entity x metric: variant,variant_name,replication,status,kind,entity,metric,value.
// Runs in (variant, replication) order; no timings, so identical sweeps give identical files.
std::string sweep_runs_csv(const prepared_sweep& sweep, const std::vector<sweep_run>& runs);

// One row per metric of interest x variant: level and paired difference from the baseline with 95% intervals.
std::string sweep_comparison_csv(const prepared_sweep& sweep,
                                 const std::vector<metric_comparison>& comparisons);

// sweep.json, beside them: the sweep's name and file, which a report of the folder is titled by.
std::string sweep_json(const prepared_sweep& sweep);

std::string sweep_table(const prepared_sweep& sweep, const std::vector<metric_comparison>& comparisons);

const char* to_string(stop_reason r);

}  // namespace freightsim
