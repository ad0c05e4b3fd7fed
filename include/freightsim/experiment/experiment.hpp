// Runs a scenario's replications, in parallel on threads, with results independent of the thread count.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

#include "freightsim/model/replication_result.hpp"
#include "freightsim/model/simulation.hpp"
#include "freightsim/scenario/scenario.hpp"

namespace freightsim {

struct experiment_options {
  std::optional<std::uint32_t> replications;  // overrides the scenario's
  std::optional<std::uint64_t> seed;          // overrides the scenario's
  unsigned threads = 1;
  std::uint64_t max_in_network = run_limits{}.max_in_network;
  // When it becomes true, running replications stop and the rest are not started (SIGINT, SIGTERM).
  const std::atomic<bool>* cancel = nullptr;
};

struct experiment_result {
  std::uint64_t seed = 0;
  std::vector<replication_result> replications;  // in replication order
};

// Replication r draws from streams keyed on (seed, r), so each result depends only on its index (a saturated
// replication stops at its own cap, whatever the others do). Cancelled replications are marked not_run.
experiment_result run_experiment(const scenario& s, const experiment_options& options);

}  // namespace freightsim
