// The summary of a simulated scenario as the commands that write it (run, validate) make it.
#pragma once

#include <cstddef>

#include "freightsim/analysis/network_estimate.hpp"
#include "freightsim/experiment/experiment.hpp"
#include "freightsim/experiment/summary.hpp"
#include "scenario_input.hpp"

namespace freightsim::cli {

struct run_summary {
  summary sum;
  std::size_t simulated_warnings =
      0;  // the first warnings of `sum`: the simulation's, before the analytic ones
};

// The summary with the hash of the scenario's text and, after the simulation's warnings, the unstable nodes
// and links (`analytic`, which stderr had before the run), so that the report shows them too.
run_summary summarize_run(const hashed_scenario& loaded, const experiment_result& result,
                          const network_estimate& analytic);

// The simulation's warnings on stderr, even with --quiet: a planner must see that the figures describe a
// system that does not keep up. None for an incomplete run, which says why on its own line.
void print_simulated_warnings(const run_summary& r);

}  // namespace freightsim::cli
