// Simulation time: a strong integer type (milliseconds), so that event order never depends on rounding.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

namespace freightsim {

using sim_time = std::chrono::duration<std::int64_t, std::milli>;

inline constexpr double ms_per_hour = 3'600'000.0;

// Hours as a double, the unit of every reported time.
constexpr double to_hours(sim_time t) {
  return static_cast<double>(t.count()) / ms_per_hour;
}

// Rounds to the nearest millisecond; callers keep `hours` finite and within range. Inline: it runs for every
// scheduled event. std::llround, written out: libm's call is a measurable share of a simulation's time, and
// truncation plus the exact fraction (x - trunc(x) is exact below 2^53) rounds half away from zero just as it
// does.
inline sim_time from_hours(double hours) {
  const double ms = hours * ms_per_hour;
  auto whole = static_cast<std::int64_t>(ms);
  const double fraction = ms - static_cast<double>(whole);
  if (fraction >= 0.5) ++whole;
  if (fraction <= -0.5) --whole;
  return sim_time{whole};
}

// Largest time a scenario may use (about 290 thousand years would overflow; we allow 1000 years).
inline constexpr sim_time max_sim_time =
    std::chrono::duration_cast<sim_time>(std::chrono::hours(24 * 366 * 1000));

// Splits "2.5d" into 2.5 and "d" (the rest trimmed of spaces); nullopt if the text does not start with a
// number.
std::optional<std::pair<double, std::string_view>> split_number(std::string_view text);

// Parses "90min", "6h", "2.5d", "30s" (a number and a unit; no unit is an error). Returns hours.
// nullopt if the text is not a non-negative finite number followed by a known unit.
std::optional<double> parse_duration_hours(std::string_view text);

// Parses a rate "40/d", "2.5/h", "10/min" into events per hour.
std::optional<double> parse_rate_per_hour(std::string_view text);

}  // namespace freightsim
