// Sweeps: the variants of a sweep file, each run for the same replications with common random numbers, and
// paired differences against the baseline (the first variant).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "freightsim/experiment/mpi_ranks.hpp"
#include "freightsim/experiment/precision.hpp"
#include "freightsim/model/replication_result.hpp"
#include "freightsim/scenario/scenario.hpp"
#include "freightsim/scenario/sweep_spec.hpp"
#include "freightsim/stats/replication_summary.hpp"

namespace freightsim {

struct sweep_variant_model {
  std::string name;
  scenario model;
  std::vector<std::string> metric_names;  // every metric a run of this variant stores
  std::vector<std::size_t> chosen;        // the sweep's metrics of interest, as indices into metric_names
};

// A sweep with every variant loaded and checked. All variants share one seed: replication r of every variant
// draws the same numbers for every entity they share (common random numbers).
struct prepared_sweep {
  sweep_spec spec;
  std::uint64_t seed = 0;
  std::uint32_t replications = 0;
  std::vector<sweep_variant_model> variants;
};

// Loads every variant; a variant that does not load, or a metric some variant does not measure, is an
// input_error at the place in the sweep file that asked for it.
prepared_sweep prepare_sweep(sweep_spec spec, std::optional<std::uint32_t> replications = {},
                             std::optional<std::uint64_t> seed = {});

struct sweep_run {
  std::uint32_t variant = 0, replication = 0;
  stop_reason stopped = stop_reason::not_run;
  double seconds = 0;          // wall time: the only value that varies between identical sweeps
  std::vector<double> values;  // aligned with the variant's metric_names
};

// The unit of work: one replication of one variant.
struct sweep_unit {
  std::uint32_t variant = 0, replication = 0;
};

struct sweep_options {
  unsigned jobs = 1;
  std::uint64_t max_in_network = 1'000'000;
  const std::atomic<bool>* cancel = nullptr;
  // Called after each run, one call at a time, in the order runs finish (which varies with `jobs`).
  std::function<void(const sweep_run&)> on_run;
  // Under mpirun, on rank 0: the other ranks take units too (see mpi_ranks); rank 0 still runs `jobs` of
  // them.
  const mpi_ranks* ranks = nullptr;
};

// One run of `unit`, timed. Throws what the replication throws (std::bad_alloc among them).
sweep_run run_unit(const prepared_sweep& sweep, sweep_unit unit, const sweep_options& options);

// Runs `units` on `jobs` threads (and the other MPI ranks, with `ranks`). Each run depends only on its
// (variant, replication): results are the same whatever the number of threads. Cancelled runs are returned
// with stopped == not_run.
std::vector<sweep_run> run_sweep(const prepared_sweep& sweep, const std::vector<sweep_unit>& units,
                                 const sweep_options& options);

// --precision: after `runs` (replications [0, sweep.replications) of every variant, or more: those of a
// resumed store, every variant of each), rounds of more
// replications of every variant until every metric of interest is precise in every variant at one common n
// (the first such n: pairs stay whole), or max_replications. Runs past n are dropped; `runs` ends in
// (variant, replication) order. No round follows a run that did not reach the horizon. `on_round` is told the
// runs each round adds, before it starts.
precision_outcome extend_sweep_to_precision(const prepared_sweep& sweep, std::vector<sweep_run>& runs,
                                            const precision_goal& goal, const sweep_options& options,
                                            const std::function<void(std::size_t)>& on_round = {});

// One metric of interest across the variants.
struct metric_comparison {
  std::string metric;
  std::vector<interval_estimate> level;       // per variant: mean over its replications, 95% interval
  std::vector<interval_estimate> difference;  // per variant: paired difference from the baseline
  std::vector<std::uint32_t> pairs;           // replications in the difference
  // Significant: the difference's interval at confidence 1 - 0.05/k excludes 0, k being the number of
  // differences in the sweep (metrics x variants after the baseline; Bonferroni).
  std::vector<bool> significant;
};

// `runs` in any order; runs that did not reach the horizon are left out (a pair needs both).
std::vector<metric_comparison> compare_variants(const prepared_sweep& sweep,
                                                const std::vector<sweep_run>& runs);

}  // namespace freightsim
