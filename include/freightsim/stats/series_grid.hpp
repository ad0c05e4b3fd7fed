// Bounded-memory time series over one replication: [0, horizon] cut into a fixed number of equal intervals,
// whatever the horizon, so that memory and output do not grow with it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "freightsim/engine/time.hpp"

namespace freightsim {

// The intervals (end_of(k-1), end_of(k)], k = 0 .. points-1, of [0, horizon], on the millisecond clock.
class series_grid {
 public:
  series_grid(sim_time horizon, std::size_t points) : horizon_(horizon), points_(points) {}

  [[nodiscard]] std::size_t points() const { return points_; }
  // The end of interval k: the time its sample is taken. Integer arithmetic: horizons up to 1000 years (in
  // ms) times the points stay far below 2^63.
  [[nodiscard]] sim_time end_of(std::size_t k) const {
    return sim_time{horizon_.count() * static_cast<std::int64_t>(k + 1) / static_cast<std::int64_t>(points_)};
  }
  // The interval holding t (t = 0 and anything past the horizon fall in the first and last).
  [[nodiscard]] std::size_t index_of(sim_time t) const {
    std::size_t k = 0;
    if (t > sim_time{0} && horizon_ > sim_time{0})
      k = static_cast<std::size_t>((t.count() * static_cast<std::int64_t>(points_) - 1) / horizon_.count());
    return std::min(k, points_ - 1);
  }

 private:
  sim_time horizon_;
  std::size_t points_;
};

// A piecewise-constant level (a queue) sampled at each interval's end: the level in force just after every
// change at or before that instant (so a sample is exact, not an average). Recorded as the level changes; no
// event of its own, so it changes nothing in the run.
class level_samples {
 public:
  explicit level_samples(const series_grid& grid) : grid_(grid) { values_.reserve(grid.points()); }

  void set(sim_time now, double level) {
    take_before(now);
    level_ = level;
  }
  // Takes the samples due at or before `end` (the horizon, or the time the run stopped).
  void finish(sim_time end) {
    while (values_.size() < grid_.points() && grid_.end_of(values_.size()) <= end)
      values_.push_back(level_);
  }
  [[nodiscard]] const std::vector<double>& values() const { return values_; }

 private:
  // Samples strictly before `now` see the level before this change.
  void take_before(sim_time now) {
    while (values_.size() < grid_.points() && grid_.end_of(values_.size()) < now)
      values_.push_back(level_);
  }

  series_grid grid_;
  std::vector<double> values_;
  double level_ = 0;
};

}  // namespace freightsim
