#include "freightsim/experiment/observed.hpp"

#include <algorithm>
#include <cmath>

#include "freightsim/experiment/metric_path.hpp"
#include "freightsim/scenario/input_error.hpp"

namespace freightsim {

void check_observed(const scenario& s) {
  if (s.observed.empty()) return;
  const std::vector<std::string> valid = metric_paths(s);
  for (std::size_t i = 0; i < s.observed.size(); ++i) {
    const observed_spec& o = s.observed[i];
    const std::string what = "observed " + std::to_string(i + 1) + ": ";
    if (std::find(valid.begin(), valid.end(), o.metric) == valid.end())
      throw input_error(o.metric_at.file, o.metric_at.line, o.metric_at.column,
                        what + "metric '" + o.metric + "' names no result (the closest is '" +
                            closest_metric_path(o.metric, valid) + "')");
    const bool hours = metric_in_hours(o.metric);
    if (hours && !o.value_is_duration)
      throw input_error(o.value_at.file, o.value_at.line, o.value_at.column,
                        what + "value '" + o.value_text + "' needs a unit (ms, s, min, h, d, w), e.g. '" +
                            o.value_text + "h': '" + o.metric + "' is a time");
    if (!hours && o.value_is_duration)
      throw input_error(o.value_at.file, o.value_at.line, o.value_at.column,
                        what + "value '" + o.value_text + "' is a duration, but '" + o.metric +
                            "' is not a time: give a plain number");
  }
}

std::vector<observed_result> compare_observed(const scenario& s, const summary& sum) {
  std::vector<observed_result> out;
  for (const observed_spec& o : s.observed) {
    observed_result r;
    r.metric = o.metric;
    r.use = o.use;
    r.in_hours = metric_in_hours(o.metric);
    r.observed = o.value;
    r.tolerance = o.tolerance;
    r.source = o.source;
    r.sets = o.sets;
    r.known_gap = o.known_gap;
    // A metric the summary lacks (not checked beforehand) compares as not a number: it fails.
    r.simulated = metric_value(sum, o.metric).value_or(std::nan(""));
    r.ratio = r.simulated / o.value;
    r.pass = std::abs(r.simulated - o.value) <= o.tolerance * o.value;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace freightsim
