// The time-weighted average and maximum of a piecewise-constant level (queue length, busy servers).
#pragma once

#include <algorithm>
#include <optional>
#include <utility>

#include "freightsim/engine/time.hpp"

namespace freightsim {

class time_average {
 public:
  // Starts a new observation window at `now`, keeping the current level (warm-up deletion).
  void reset(sim_time now) {
    start_ = last_ = now;
    area_ = 0.0;
    split_area_.reset();
    max_ = level_;
  }

  // Also keeps the averages before and after `at` (within the window): a queue that grows through the run
  // is longer in its second half.
  void split_at(sim_time at) { split_ = at; }

  void set(sim_time now, double level) {
    if (!split_area_ && now >= split_) split_area_ = area_up_to(split_);
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
  // Averages over [window start, split] and [split, now], if the split lies strictly inside that span.
  [[nodiscard]] std::optional<std::pair<double, double>> halves(sim_time now) const {
    if (!(start_ < split_ && split_ < now)) return std::nullopt;
    const double before = split_area_ ? *split_area_ : area_up_to(split_);
    const double total = area_ + level_ * static_cast<double>((now - last_).count());
    return std::pair{before / static_cast<double>((split_ - start_).count()),
                     (total - before) / static_cast<double>((now - split_).count())};
  }

 private:
  // The area up to `t`, for t at or after the last change (the level has been level_ since).
  [[nodiscard]] double area_up_to(sim_time t) const {
    return area_ + level_ * static_cast<double>((t - last_).count());
  }

  sim_time start_{0}, last_{0};
  sim_time split_ = sim_time::max();
  std::optional<double> split_area_;  // the area up to split_, once the level changed after it
  double level_ = 0, area_ = 0, max_ = 0;
};

}  // namespace freightsim
