// `freightsim compare`'s results: a printed table of the differences B - A and the same as CSV.
#pragma once

#include <string>

#include "freightsim/experiment/compare.hpp"

namespace freightsim {

// A header naming both runs and how they were compared (paired or Welch, the confidence of the intervals and
// the Bonferroni family), then one row per metric: A, B, B - A, half width, '*' when significant.
std::string compare_table(const result_comparison& c, const result_values& a, const result_values& b);

// One row per metric: metric,a_mean,b_mean,difference,half_width,confidence,n_a,n_b,method,significant
// (method: paired or welch; empty where there is no figure).
std::string compare_csv(const result_comparison& c);

// A confidence as a percentage with enough digits to tell it from 100% (99.98%, not 100%).
std::string confidence_percent(double confidence);

}  // namespace freightsim
