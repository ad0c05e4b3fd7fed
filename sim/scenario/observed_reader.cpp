#include "observed_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include "freightsim/scenario/suggest.hpp"
#include "scenario_keys.hpp"

namespace freightsim::detail {

namespace {

std::string in_quotes(const std::string& s) {
  return "'" + s + "'";
}

// "20%" as 0.2; nullopt unless a finite number > 0 followed by '%'.
std::optional<double> parse_percent(std::string text) {
  while (!text.empty() && text.back() == ' ')
    text.pop_back();
  if (text.empty() || text.back() != '%') return std::nullopt;
  text.pop_back();
  while (!text.empty() && text.back() == ' ')
    text.pop_back();
  const std::size_t start = text.find_first_not_of(' ');
  if (start == std::string::npos) return std::nullopt;
  double v = 0;
  const char* begin = text.data() + start + (text[start] == '+' ? 1 : 0);
  const auto [ptr, ec] = std::from_chars(begin, text.data() + text.size(), v);
  if (ec != std::errc{} || ptr != text.data() + text.size() || !std::isfinite(v) || v <= 0)
    return std::nullopt;
  return v / 100.0;
}

observed_spec read_entry(const yaml_reader& in, const YAML::Node& entry, const std::string& what) {
  in.map(entry, what, observed_keys());
  observed_spec spec;
  const YAML::Node metric = in.require(entry, "metric", what);
  spec.metric = in.string(metric, what + ": metric");
  if (spec.metric.empty()) in.fail(metric, what + ": metric must not be empty");
  spec.metric_at = in.position(metric);

  // A plain number or a duration; which one the metric needs is checked with the results' names.
  const YAML::Node value = in.require(entry, "value", what);
  spec.value_text = in.string(value, what + ": value");
  spec.value_at = in.position(value);
  double plain = 0;
  const std::string& text = spec.value_text;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), plain);
  spec.value_is_duration = ec != std::errc{} || end != text.data() + text.size();
  spec.value = spec.value_is_duration ? in.duration_hours(value, what + ": value")
                                      : in.number(value, what + ": value");
  if (!(spec.value > 0)) in.fail(value, what + ": value must be > 0, not " + in_quotes(text));

  const YAML::Node tolerance = in.require(entry, "tolerance", what);
  const std::string tolerance_text = in.string(tolerance, what + ": tolerance");
  const auto share = parse_percent(tolerance_text);
  if (!share)
    in.fail(tolerance,
            what + ": tolerance must be a percentage > 0 such as '20%', not " + in_quotes(tolerance_text));
  spec.tolerance = *share;

  const YAML::Node source = in.require(entry, "source", what);
  spec.source = in.string(source, what + ": source");
  if (spec.source.find_first_not_of(" \t") == std::string::npos)
    in.fail(source, what + ": source must name where the figure was published");

  const YAML::Node use = in.require(entry, "use", what);
  const std::string use_text = in.string(use, what + ": use");
  if (use_text == "calibration") {
    spec.use = observed_use::calibration;
  } else if (use_text == "validation") {
    spec.use = observed_use::validation;
  } else {
    in.fail(use, what + ": use must be 'calibration' or 'validation', not " + in_quotes(use_text) +
                     did_you_mean(use_text, {"calibration", "validation"}));
  }
  const YAML::Node sets = entry["sets"];
  if (spec.use == observed_use::calibration) {
    if (!sets)
      in.fail(entry, what + ": missing key 'sets': a calibration entry names the input that was set from it");
    spec.sets = in.string(sets, what + ": sets");
    if (spec.sets.empty()) in.fail(sets, what + ": sets must name the input that was set from this figure");
  } else if (sets) {
    in.fail(sets, what + ": 'sets' is for calibration entries; nothing may be set from a validation entry");
  }
  if (const YAML::Node gap = entry["known_gap"]) {
    if (spec.use == observed_use::calibration)
      in.fail(gap,
              what + ": 'known_gap' is for validation entries; a calibration entry is met by construction");
    spec.known_gap = in.string(gap, what + ": known_gap");
    if (spec.known_gap.find_first_not_of(" \t") == std::string::npos)
      in.fail(gap, what + ": known_gap must say which process the model lacks");
  }
  return spec;
}

}  // namespace

std::vector<observed_spec> read_observed(const yaml_reader& in, const YAML::Node& list) {
  in.sequence(list, "observed");
  std::vector<observed_spec> out;
  for (std::size_t i = 0; i < list.size(); ++i)
    out.push_back(read_entry(in, list[i], "observed " + std::to_string(i + 1)));
  return out;
}

}  // namespace freightsim::detail
