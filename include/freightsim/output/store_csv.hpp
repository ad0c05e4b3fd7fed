// A result store as tidy CSV, for pandas and R (`freightsim export DB --csv DIR`).
#pragma once

#include <string>

#include "freightsim/output/result_store.hpp"

namespace freightsim {

// One row per run x metric (every entity's every metric, as runs.csv):
// run_id,variant,variant_name,replication,seed,status,entity_kind,entity,metric,value. Runs by run_id; an
// empty value: none (no transit time of a flow that delivered nothing).
std::string store_metrics_csv(const result_store& store);

// One row per run: run_id,variant,variant_name,parameters,replication,seed,status,session,seconds
// (parameters: the variant's overrides, "; " between them).
std::string store_runs_csv(const result_store& store);

}  // namespace freightsim
