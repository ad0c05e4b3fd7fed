#include <doctest/doctest.h>

#include <cmath>

#include "freightsim/engine/time.hpp"

using namespace freightsim;

TEST_CASE("durations parse with their units") {
  CHECK(parse_duration_hours("90min") == doctest::Approx(1.5));
  CHECK(parse_duration_hours("6h") == 6.0);
  CHECK(parse_duration_hours("2.5d") == 60.0);
  CHECK(parse_duration_hours("30s") == doctest::Approx(1.0 / 120.0));
  CHECK(parse_duration_hours("1w") == 168.0);
  CHECK(parse_duration_hours("0h") == 0.0);
  CHECK(parse_duration_hours(" 6 h ") == 6.0);
}

TEST_CASE("durations without a unit or with a bad number are refused") {
  CHECK_FALSE(parse_duration_hours("6"));
  CHECK_FALSE(parse_duration_hours("h"));
  CHECK_FALSE(parse_duration_hours("-1h"));
  CHECK_FALSE(parse_duration_hours("6 hours"));
  CHECK_FALSE(parse_duration_hours("nanh"));
  CHECK_FALSE(parse_duration_hours("infh"));
  CHECK_FALSE(parse_duration_hours(""));
}

TEST_CASE("rates parse per hour") {
  CHECK(parse_rate_per_hour("40/d") == doctest::Approx(40.0 / 24.0));
  CHECK(parse_rate_per_hour("2.5/h") == 2.5);
  CHECK(parse_rate_per_hour("1/min") == 60.0);
  CHECK_FALSE(parse_rate_per_hour("40"));
  CHECK_FALSE(parse_rate_per_hour("40/day"));
  CHECK_FALSE(parse_rate_per_hour("x/d"));
}

TEST_CASE("simulation time is integer milliseconds") {
  CHECK(from_hours(1.0).count() == 3'600'000);
  CHECK(to_hours(sim_time{5'400'000}) == 1.5);
  CHECK(from_hours(to_hours(sim_time{123'456'789})).count() == 123'456'789);
}

TEST_CASE("from_hours rounds to the nearest millisecond, halves away from zero, as std::llround") {
  for (const double ms : {0.0, 0.4, 0.5, 0.6, 1.5, 2.5, 1e12 + 0.5, 123456.49999, -0.5, -1.5, -2.4}) {
    INFO(ms);
    CHECK(from_hours(ms / ms_per_hour).count() == std::llround(ms / ms_per_hour * ms_per_hour));
  }
}
