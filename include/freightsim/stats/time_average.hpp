// The time-weighted average and maximum of a piecewise-constant level (queue length, busy servers).
#pragma once

#include <algorithm>

#include "freightsim/engine/time.hpp"

namespace freightsim {

class time_average {
 public:
  // Starts a new observation window at `now`, keeping the current level (warm-up deletion).
  void reset(sim_time now) {
    start_ = last_ = now;
    area_ = 0.0;
    max_ = level_;
  }

  void set(sim_time now, double level) {
    area_ += level_ * static_cast<double>((now - last_).count());
    last_ = now;
    level_ = level;
    max_ = std::max(max_, level);
  }

  [[nodiscard]] double level() const { return level_; }
  [[nodiscard]] double max() const { return max_; }
  // Average over [window start, now]; the current level if the window is empty.
  [[nodiscard]] double average(sim_time now) const {
    const auto span = static_cast<double>((now - start_).count());
    if (span <= 0.0) return level_;
    return (area_ + level_ * static_cast<double>((now - last_).count())) / span;
  }

 private:
  sim_time start_{0}, last_{0};
  double level_ = 0, area_ = 0, max_ = 0;
};

}  // namespace freightsim
