// Runs a scenario's replications, in parallel on threads, with results independent of the thread count.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

#include "freightsim/experiment/precision.hpp"
#include "freightsim/model/replication_result.hpp"
#include "freightsim/model/simulation.hpp"
#include "freightsim/scenario/scenario.hpp"

namespace freightsim {

struct experiment_options {
  std::optional<std::uint32_t> replications{};  // overrides the scenario's
  std::optional<std::uint64_t> seed{};          // overrides the scenario's
  unsigned threads = 1;
  std::uint64_t max_in_network = run_limits{}.max_in_network;
  // When it becomes true, running replications stop and the rest are not started (SIGINT, SIGTERM).
  const std::atomic<bool>* cancel = nullptr;
  // Receives every record the model emits in the first replication (index 0), from the thread running it.
  const trace_sink* trace = nullptr;
  // --precision: after `replications`, more until every metric in precision_metrics (indices into
  // metric_names) is precise (precision.hpp), up to the cap.
  std::optional<precision_goal> precision{};
  std::vector<std::size_t> precision_metrics{};
};

// Quantile sketches pooled over replications: per flow (transit) and per node (wait).
struct pooled_quantiles {
  std::vector<quantile_sketch> transit, wait;
  std::vector<place_sums<quantile_sketch>> leave;  // per flow, by node: its quantile path
};

struct experiment_result {
  std::uint64_t seed = 0;
  // In replication order. Their quantile sketches are moved into the pools as each replication ends, so that
  // memory does not grow with the number of replications by the sketches' size.
  std::vector<replication_result> replications;
  pooled_quantiles complete, partial;  // replications that ran to the horizon, and those stopped early
  // Per replication, every metric (run_metrics.hpp: metric_names), taken before the sketches were pooled;
  // empty for a replication that did not run.
  std::vector<std::vector<double>> values;
  std::optional<precision_outcome> precision;  // with options.precision
};

// Replication r draws from streams keyed on (seed, r), so each result depends only on its index (a saturated
// replication stops at its own cap, whatever the others do). Cancelled replications are marked not_run.
experiment_result run_experiment(const scenario& s, const experiment_options& options);

}  // namespace freightsim
