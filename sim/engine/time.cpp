#include "freightsim/engine/time.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace freightsim {

namespace {

// Hours per unit, or nullopt for an unknown unit.
std::optional<double> unit_hours(std::string_view unit) {
  if (unit == "ms") return 1.0 / ms_per_hour;
  if (unit == "s") return 1.0 / 3600.0;
  if (unit == "min") return 1.0 / 60.0;
  if (unit == "h") return 1.0;
  if (unit == "d") return 24.0;
  if (unit == "w") return 168.0;
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' '))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' '))
    s.remove_suffix(1);
  return s;
}

// A non-negative finite number and the rest.
std::optional<std::pair<double, std::string_view>> number_and_rest(std::string_view text) {
  const auto split = split_number(text);
  if (!split || !std::isfinite(split->first) || split->first < 0.0) return std::nullopt;
  return split;
}

}  // namespace

std::optional<std::pair<double, std::string_view>> split_number(std::string_view text) {
  text = trim(text);
  double value = 0.0;
  const auto* first = text.data();
  const auto* last = text.data() + text.size();
  if (first != last && *first == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc{} || ptr == first) return std::nullopt;
  return std::pair{value, trim(std::string_view(ptr, static_cast<std::size_t>(last - ptr)))};
}

std::optional<double> parse_duration_hours(std::string_view text) {
  const auto parsed = number_and_rest(text);
  if (!parsed) return std::nullopt;
  const auto unit = unit_hours(parsed->second);
  if (!unit) return std::nullopt;
  return parsed->first * *unit;
}

std::optional<double> parse_rate_per_hour(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto parsed = number_and_rest(text.substr(0, slash));
  if (!parsed || !parsed->second.empty()) return std::nullopt;
  const auto unit = unit_hours(trim(text.substr(slash + 1)));
  if (!unit) return std::nullopt;
  return parsed->first / *unit;
}

}  // namespace freightsim
