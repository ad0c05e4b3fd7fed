// Replications to a precision (--precision): more replications until the 95% interval of every chosen
// metric is narrow enough, deterministically (the number used depends only on the values, never on threads).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "freightsim/stats/replication_summary.hpp"

namespace freightsim {

struct precision_goal {
  double relative = 0.05;  // the half width's largest share of |mean|
  std::uint32_t max_replications = 1000;
};

// Per replication (row), in replication order, the value of each chosen metric (column); NaN where the
// replication did not measure it (a flow that delivered nothing), left out.
using metric_rows = std::vector<std::vector<double>>;

// Every column's 95% half width over rows [0, n) is at most relative x |mean| (with at least two values).
bool precise_at(const metric_rows& rows, std::size_t n, double relative);

// The first n in [from, rows.size()] at which precise_at holds.
std::optional<std::size_t> first_precise(const metric_rows& rows, std::size_t from, double relative);

// Replications to add after rows.size(), none precise: the classical estimate n (h / target)^2 of the worst
// column, less those done, at least `at_least` (a round for every thread), at most as many as done (the
// estimate from few replications is rough) and what max_replications leaves.
std::uint32_t next_round(const metric_rows& rows, const precision_goal& goal, std::uint32_t at_least);

// What a run or sweep reports.
struct precision_outcome {
  precision_goal goal;
  std::vector<std::string> metrics;
  bool reached = false;
  std::uint32_t replications = 0;            // used
  std::vector<interval_estimate> estimates;  // per metric, over the replications used
};

// The outcome over all `rows` (those kept).
precision_outcome precision_report(const metric_rows& rows, const precision_goal& goal,
                                   std::vector<std::string> metrics);

}  // namespace freightsim
