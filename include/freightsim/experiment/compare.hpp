// Differences between two sets of replications of a metric: paired when common random numbers pair them
// (same seed: replication r of both draws the same numbers for every entity they share), else Welch's.
// Sweeps compare variants with the paired part; `freightsim compare` compares two result folders with both.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "freightsim/stats/replication_summary.hpp"

namespace freightsim {

// One metric's value in each replication, by replication index; NaN where that replication has no figure (a
// flow that delivered nothing has no transit time).
using replication_values = std::map<std::uint32_t, double>;

// The figures of `v` in replication order, NaN left out.
std::vector<double> figures_of(const replication_values& v);

// b - a in each replication both have with a figure, in replication order.
std::vector<double> paired_differences(const replication_values& a, const replication_values& b);

// The replications of one run of a scenario: every metric (run_metrics.hpp: metric_names) per replication
// that reached the horizon.
struct result_values {
  std::string name;  // how messages name it: the result folder
  std::string scenario;
  std::uint64_t seed = 0;
  std::vector<std::string> metrics;
  std::map<std::uint32_t, std::vector<double>> replications;  // values aligned with `metrics`
  // The horizon and warm-up its figures cover (result_folder.hpp: period_text); empty: unknown.
  std::string period;
};

struct metric_delta {
  std::string metric;
  double mean_a = 0, mean_b = 0;   // over the replications with a figure (NaN: none has one)
  interval_estimate difference;    // b - a; half width at the comparison's confidence
  std::uint32_t n_a = 0, n_b = 0;  // replications in the difference (paired: both are the pairs)
  bool significant = false;        // the interval excludes 0
};

struct result_comparison {
  bool paired = false;      // same seed: paired differences over the replications both have
  std::uint32_t pairs = 0;  // paired: replications both have; else 0
  std::uint32_t replications_a = 0, replications_b = 0;
  double alpha = 0.05;
  double confidence = 0.95;  // of each interval: 1 - alpha / m for m metrics (Bonferroni)
  std::vector<metric_delta> deltas;
  std::vector<std::string> only_a, only_b;  // metrics of one side only, left out
};

// Compares `metrics` (empty: every metric both have, in a's order). A metric neither has, or only one has,
// is an input_error naming "--metric" (with the closest common metric).
result_comparison compare_results(const result_values& a, const result_values& b,
                                  const std::vector<std::string>& metrics, double alpha = 0.05);

}  // namespace freightsim
