#include "freightsim/experiment/warmup.hpp"

#include <algorithm>

#include "freightsim/stats/mser.hpp"

namespace freightsim {

in_network_series::in_network_series(sim_time horizon)
    : width_(std::max(sim_time{1}, horizon / static_cast<std::int64_t>(warmup_observations))),
      area_(warmup_observations, 0.0) {}

void in_network_series::advance(sim_time to) {
  // The level has been level_ since last_: add it to each interval [last_, to) crosses.
  while (last_ < to) {
    const auto bin = static_cast<std::size_t>(last_ / width_);
    if (bin >= area_.size()) {
      last_ = to;
      return;
    }
    const sim_time bin_end = width_ * static_cast<std::int64_t>(bin + 1);
    const sim_time step_end = std::min(to, bin_end);
    area_[bin] += level_ * to_hours(step_end - last_);
    last_ = step_end;
  }
}

void in_network_series::operator()(const trace_record& r) {
  if (r.kind != trace_kind::created && r.kind != trace_kind::delivered) return;
  advance(r.time);
  level_ += r.kind == trace_kind::created ? 1.0 : -1.0;
}

std::vector<double> in_network_series::observations(sim_time end) {
  advance(end);
  const auto complete = std::min(area_.size(), static_cast<std::size_t>(end / width_));
  std::vector<double> out(complete);
  for (std::size_t i = 0; i < complete; ++i)
    out[i] = area_[i] / to_hours(width_);
  return out;
}

replication_result simulate_replication(const scenario& s, std::uint64_t seed, std::uint32_t replication,
                                        const trace_sink* trace, const run_limits& limits) {
  if (!s.warmup_auto) return simulate(s.model, {s.warmup, s.horizon}, seed, replication, trace, limits);
  in_network_series series(s.horizon);
  const trace_sink record = [&series](const trace_record& r) { series(r); };
  replication_result first = simulate(s.model, {sim_time{0}, s.horizon}, seed, replication, &record, limits);
  if (first.stopped != stop_reason::none) return first;
  const std::vector<double> z = series.observations(s.horizon);
  const std::size_t deleted = mser_truncation(z, 5);
  const sim_time width = s.horizon / static_cast<std::int64_t>(warmup_observations);
  const sim_time warmup = width * static_cast<std::int64_t>(deleted);
  if (warmup == sim_time{0} && trace == nullptr) return first;  // the same run again
  return simulate(s.model, {warmup, s.horizon}, seed, replication, trace, limits);
}

}  // namespace freightsim
