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

}  // namespace freightsim
