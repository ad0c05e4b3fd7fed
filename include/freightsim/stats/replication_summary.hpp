// Across-replication summaries: the mean and the half width of its 95% Student-t confidence interval.
#pragma once

#include <optional>
#include <vector>

namespace freightsim {

struct interval_estimate {
  double mean = 0;
  std::optional<double> ci95;  // half width; none with fewer than two replications
};

// Two-sided Student-t quantile t_{1 - (1 - confidence)/2, dof}.
double student_t_quantile(double confidence, double dof);

// `values` holds one observation per replication.
interval_estimate summarize(const std::vector<double>& values, double confidence = 0.95);

// Whether the interval excludes 0 (a difference that is significant at its confidence); false without one.
inline bool excludes_zero(const interval_estimate& e) {
  return e.ci95 && (e.mean > *e.ci95 || -e.mean > *e.ci95);
}

// Welch's interval for mean(b) - mean(a) of two independent samples whose variances may differ, with the
// Welch-Satterthwaite degrees of freedom; no half width unless each sample has two or more values.
interval_estimate welch_difference(const std::vector<double>& a, const std::vector<double>& b,
                                   double confidence = 0.95);

}  // namespace freightsim
