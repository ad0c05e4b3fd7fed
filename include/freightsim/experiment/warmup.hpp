// One replication of a scenario, with its warm-up as the scenario gives it or, for `warmup: auto`, chosen by
// MSER-5 on that replication's own output.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "freightsim/model/simulation.hpp"
#include "freightsim/scenario/scenario.hpp"

namespace freightsim {

// The series MSER-5 reads: the number of units in the network (created, not yet delivered: the state of
// every queue, batch and link at once), averaged over each of this many equal intervals of [0, horizon).
inline constexpr std::size_t warmup_observations = 1000;

// The series of replication `replication` run from time 0 without a warm-up (`trace` records, in time
// order, of that run): observations up to `end` (the horizon, or an earlier stop); later intervals are left
// out.
class in_network_series {
 public:
  explicit in_network_series(sim_time horizon);
  void operator()(const trace_record& r);
  [[nodiscard]] std::vector<double> observations(sim_time end);

 private:
  void advance(sim_time to);

  sim_time width_;
  sim_time last_{0};
  double level_ = 0;
  std::vector<double> area_;  // level x hours, per interval
};

// With `warmup: auto`: runs the replication without a warm-up, recording the series, picks the truncation d
// by MSER-5 (at most half the series) and runs the replication again observing from d x horizon /
// warmup_observations (the draws do not depend on the warm-up: the same units meet the same queues). The
// result's warmup_h is the truncation chosen. A first run stopped early (saturated, interrupted) is returned
// as it is, observed from 0. Otherwise one run with the scenario's warm-up. `trace` sees the final run only.
replication_result simulate_replication(const scenario& s, std::uint64_t seed, std::uint32_t replication,
                                        const trace_sink* trace = nullptr, const run_limits& limits = {});

}  // namespace freightsim
