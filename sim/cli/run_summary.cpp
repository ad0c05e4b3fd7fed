#include "run_summary.hpp"

#include <iostream>

namespace freightsim::cli {

run_summary summarize_run(const hashed_scenario& loaded, const experiment_result& result,
                          const network_estimate& analytic) {
  run_summary out{summarize(loaded.s, result)};
  out.sum.scenario_sha256 = loaded.sha256;
  out.simulated_warnings = out.sum.warnings.size();
  for (const auto& issue : analytic.issues)
    out.sum.warnings.push_back("analytic: " + issue.message);
  return out;
}

void print_simulated_warnings(const run_summary& r) {
  if (!r.sum.complete) return;
  for (std::size_t i = 0; i < r.simulated_warnings; ++i)
    std::cerr << "freightsim: warning: " << r.sum.warnings[i] << "\n";
}

}  // namespace freightsim::cli
