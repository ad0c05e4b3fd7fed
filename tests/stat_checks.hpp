// Helpers for statistical assertions: tolerances come from confidence intervals, never from tuning.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "freightsim/stats/replication_summary.hpp"

namespace freightsim::testing {

// A test case that makes `family` such checks uses intervals at confidence 1 - 0.001 / family (Bonferroni),
// so a correct implementation fails a test case for at most one seed in a thousand. Seeds are fixed, so a run
// is reproducible.
inline constexpr double family_error = 0.001;

// Erlang C by its explicit sum, independent of the library's Erlang B recursion: the probability that an
// arrival waits in M/M/c with offered load a = lambda x mean service.
inline double erlang_c_by_sum(int c, double a) {
  double term = 1.0, sum = 0.0;
  for (int k = 0; k < c; ++k) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const double top = term * a / c * c / (c - a);
  return top / (sum + top);
}

// Mean wait in queue of M/M/c, from erlang_c_by_sum.
inline double mmc_wq_by_sum(int c, double lambda, double mean_service) {
  return erlang_c_by_sum(c, lambda * mean_service) / (c / mean_service - lambda);
}

// Checks that `theory` lies in the Student-t interval of the mean of independent `samples`.
inline void check_mean_matches(const std::vector<double>& samples, double theory, const char* what,
                               int family) {
  const double confidence = 1.0 - family_error / family;
  const interval_estimate e = summarize(samples, confidence);
  REQUIRE(e.ci95.has_value());
  INFO(what << ": estimate " << e.mean << " ± " << *e.ci95 << " (" << confidence * 100 << "%), theory "
            << theory);
  CHECK(std::abs(e.mean - theory) <= *e.ci95);
}

}  // namespace freightsim::testing
