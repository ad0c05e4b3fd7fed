// Arrival profiles: a Poisson rate that varies over a repeating period, against the counts a nonhomogeneous
// Poisson process gives in each part. Each check names the wrong implementation it catches.
#include <doctest/doctest.h>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "freightsim/model/simulation.hpp"
#include "freightsim/scenario/input_error.hpp"
#include "run_helpers.hpp"
#include "stat_checks.hpp"

using namespace freightsim;
using namespace freightsim::testing;

namespace {

// Creation times (hours) of one replication's units.
std::vector<double> created_hours(const std::string& yaml) {
  const scenario s = parse_scenario(yaml, "test.yaml", ".");
  std::vector<double> out;
  const trace_sink sink = [&](const trace_record& r) {
    if (r.kind == trace_kind::created) out.push_back(to_hours(r.time));
  };
  simulate(s.model, {s.warmup, s.horizon}, s.seed, 0, &sink);
  return out;
}

std::string line_with(const std::string& horizon, const std::string& arrivals) {
  return "name: profile\nhorizon: " + horizon + R"(
seed: 5
nodes:
  - {id: a}
  - {id: b}
links:
  - {from: a, to: b, mode: road, time: 1h}
flows:
  - {id: f, from: a, to: b, arrivals: )" +
         arrivals + ", route: shortest}\n";
}

// |count - mean| within the normal interval of a Poisson count at the suite's confidence for `family` checks.
void check_poisson_count(double count, double mean, const char* what, int family) {
  const double z = boost::math::quantile(boost::math::normal(), 1.0 - family_error / family / 2.0);
  INFO(std::string(what) << ": " << count << " arrivals, Poisson mean " << mean << ", z " << z);
  CHECK(std::abs(count - mean) <= z * std::sqrt(mean));
}

}  // namespace

TEST_CASE("arrival profile: counts per part of the day are Poisson at rate x factor / mean factor") {
  // 48/d with factors [6, 2, 0, 0] over 6 h parts: 6/h, 2/h, none, none (the factors' mean is 2). Catches:
  // the profile ignored (12 a part), factors used unscaled (72 and 24 a day), parts shifted or of the wrong
  // length (arrivals in the closed half), a draw not carried over a part's end (part 1 would get part 0's
  // leftovers at part 0's rate), and arrivals spread evenly within a part (the variance test).
  const auto times = created_hours(line_with("400d",
                                             "{process: poisson, rate: 48/d, profile: {every: 1d, "
                                             "factors: [6, 2, 0, 0]}}"));
  std::vector<double> per_day[2] = {std::vector<double>(400, 0.0), std::vector<double>(400, 0.0)};
  int closed = 0;
  for (const double t : times) {
    const auto day = static_cast<std::size_t>(t / 24.0);
    const auto part = static_cast<std::size_t>(std::fmod(t, 24.0) / 6.0);
    if (part >= 2) {
      ++closed;
    } else if (day < 400) {
      ++per_day[part][day];
    }
  }
  CHECK(closed == 0);
  check_mean_matches(per_day[0], 36.0, "arrivals 00:00-06:00 a day", 4);
  check_mean_matches(per_day[1], 12.0, "arrivals 06:00-12:00 a day", 4);
  // A Poisson count's variance is its mean: (n - 1) s^2 / mean is chi-squared with n - 1 degrees of freedom.
  for (int part = 0; part < 2; ++part) {
    const double mean = part == 0 ? 36.0 : 12.0;
    const interval_estimate e = summarize(per_day[part], 0.95);
    double ss = 0;
    for (const double x : per_day[part])
      ss += (x - e.mean) * (x - e.mean);
    const boost::math::chi_squared chi(399);
    const double stat = ss / mean, tail = family_error / 4 / 2;
    INFO("part " << part << ": dispersion statistic " << stat << " on 399 degrees of freedom");
    CHECK(stat >= boost::math::quantile(chi, tail));
    CHECK(stat <= boost::math::quantile(boost::math::complement(chi, tail)));
  }
}

TEST_CASE("arrival profile: gaps longer than many periods skip whole periods and keep the rate") {
  // One arrival per 10 days on average, all in the second half of each day (factors [0, 1]: 0.2/d there).
  // Most gaps span several periods, so the whole-period skip is exercised. Catches a skip that lands in the
  // wrong part or miscounts the integrated rate of a period (the total would move by a factor).
  const auto times = created_hours(
      line_with("20000d", "{process: poisson, rate: 0.1/d, profile: {every: 1d, factors: [0, 1]}}"));
  int first_half = 0;
  for (const double t : times)
    if (std::fmod(t, 24.0) < 12.0) ++first_half;
  CHECK(first_half == 0);
  check_poisson_count(static_cast<double>(times.size()), 2000.0, "arrivals in 20,000 days", 1);
}

TEST_CASE("arrival profile: bad profiles are refused in one line at their place") {
  const auto refused = [](const std::string& arrivals, const std::string& expected) {
    try {
      parse_scenario(line_with("10d", arrivals), "test.yaml", ".");
      FAIL("accepted: " << arrivals);
    } catch (const input_error& e) {
      INFO(std::string(e.what()));
      CHECK(std::string(e.what()).find(expected) != std::string::npos);
    }
  };
  refused("{process: poisson, rate: 4/d, profile: {every: 1d, factors: [0, 0]}}",
          "test.yaml:10:99: flow 'f': arrivals: profile: factors are all 0");
  refused("{process: poisson, rate: 4/d, profile: {every: 1d, factors: [1, -1]}}", "factor 2");
  refused("{process: poisson, rate: 4/d, profile: {every: 1d, factors: []}}", "must be a list of numbers");
  refused("{process: poisson, rate: 4/d, profile: {every: 1ms, factors: [1, 1, 1]}}",
          "too short for 3 parts");
  refused("{process: poisson, rate: 4/d, profile: {evry: 1d, factors: [1]}}", "did you mean 'every'");
  refused("{process: fixed, every: 1h, profile: {every: 1d, factors: [1]}}", "profile");
}
