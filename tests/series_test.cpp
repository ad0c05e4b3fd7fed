// The main nodes' time series (node_series, summary's series): exact samples, bounded size, the band across
// replications, and throughput that adds up to the departures.
#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <string>

#include "freightsim/model/simulation.hpp"
#include "freightsim/stats/series_grid.hpp"
#include "run_helpers.hpp"

using namespace freightsim;
using namespace freightsim::testing;

namespace {

// Arrivals every hour from 1 h, served for 2 h by one server: arrivals at 1, 2, 3, ... h, services start at
// 1, 3, 5, ... h, so at t = k hours k units arrived and floor((k - 1) / 2) + 1 started: floor(k / 2) wait.
// With `capacity: 1` at the origin, at most one of them waits at the node and the rest on the approach.
std::string line(const std::string& horizon, const std::string& extra) {
  return "name: series\nhorizon: " + horizon + R"(
seed: 3
replications: 2
nodes:
  - id: gate
    servers: 1
    service: 2h
)" + extra +
         R"(
  - {id: yard}
links:
  - {from: gate, to: yard, mode: road, time: 1h}
flows:
  - {id: f, from: gate, to: yard, arrivals: {process: fixed, every: 1h, first: 1h}, route: [gate, yard]}
)";
}

const node_series& series_at(const replication_result& r, std::uint32_t node) {
  for (const auto& s : r.series)
    if (s.node == node) return s;
  FAIL("no series for node " << node);
  return r.series.front();
}

}  // namespace

// Catches: a sample taken as the interval's time average instead of the level then (floor(k/2) - 0.25 and
// so on); a sample taken before the changes at its own instant (arrivals and service starts fall exactly on
// the sample times: floor(k/2) would read one unit off at odd k); approach units counted in the queue or
// left out; samples shifted by one interval.
TEST_CASE("series: the sampled queue and approach queue equal the exact ones at every sample time") {
  const auto plain = run_text(line("100h", ""));
  const auto capped = run_text(line("100h", "    capacity: 1"));
  for (const auto& r : plain.result.replications) {
    const node_series& s = series_at(r, 0);
    REQUIRE(s.queue.size() == series_points);
    for (std::size_t k = 0; k < series_points; ++k) {
      const auto t = static_cast<double>(k + 1);  // hours: the horizon of 100 h in 100 points
      CHECK(s.queue[k] == std::floor(t / 2));
      CHECK(s.approach[k] == 0);
    }
  }
  for (const auto& r : capped.result.replications) {
    const node_series& s = series_at(r, 0);
    REQUIRE(s.queue.size() == series_points);
    for (std::size_t k = 0; k < series_points; ++k) {
      const double waiting = std::floor(static_cast<double>(k + 1) / 2);
      CHECK(s.queue[k] == std::min(waiting, 1.0));
      CHECK(s.approach[k] == std::max(waiting - 1.0, 0.0));
    }
  }
  // The junction has no series; only the main nodes do.
  CHECK(plain.result.replications[0].series.size() == 1);
  CHECK(!plain.sum.nodes[1].series);
}

// Catches: departures put in the wrong interval (services end at 3, 5, 7, ... h: one in each interval
// (k, k + 1] with k even and >= 2); throughput divided by the wrong interval length; intervals that do not
// tile [0, horizon] (the total would miss or double-count departures).
TEST_CASE("series: throughput per day integrates to the node's departures") {
  const auto out = run_text(line("100h", ""));
  for (const auto& r : out.result.replications) {
    const node_series& s = series_at(r, 0);
    for (std::size_t k = 0; k < series_points; ++k)
      CHECK(s.departed[k] == (k >= 2 && k % 2 == 0 ? 1u : 0u));
  }
  const auto& series = *out.sum.nodes[0].series;
  double total = 0, previous = 0;
  for (std::size_t k = 0; k < series.time_h.size(); ++k) {
    total += series.throughput_per_day[k].mean * (series.time_h[k] - previous) / 24.0;
    previous = series.time_h[k];
  }
  CHECK(previous == 100.0);
  CHECK(total == doctest::Approx(49.0).epsilon(1e-12));  // services ending at 3, 5, ..., 99 h
  CHECK(out.result.replications[0].nodes[0].departures == 49);
}

// Catches: a grid in fixed hours (a 10x longer horizon would record 10x the points); samples appended per
// change of the level (thousands here) instead of per interval.
TEST_CASE("series: the number of points does not grow with the horizon") {
  for (const char* horizon : {"10h", "100h", "1000h", "10000h"}) {
    const auto out = run_text(line(horizon, ""));
    for (const auto& r : out.result.replications) {
      const node_series& s = series_at(r, 0);
      CHECK(s.queue.size() == series_points);
      CHECK(s.queue.capacity() == series_points);
      CHECK(s.approach.size() == series_points);
      CHECK(s.departed.size() == series_points);
    }
    CHECK(out.sum.nodes[0].series->time_h.size() == series_points);
    CHECK(out.sum.nodes[0].series->time_h.back() ==
          doctest::Approx(to_hours(parse_scenario(line(horizon, ""), "t.yaml", ".").horizon)));
  }
}

// A random case against the trace: the queue rebuilt from every wait for a server begun and every service
// started, as it stands after all events at or before each sample time.
// Catches: a sample missing changes that are not recorded by the level (a queue changed without set_levels),
// or taken at the wrong instant, in a run where events do not fall on the grid.
TEST_CASE("series: samples equal the queue rebuilt from the trace in a random run") {
  const std::string yaml = R"(name: random
horizon: 300h
seed: 11
replications: 1
nodes:
  - id: gate
    servers: 2
    service: {dist: exponential, mean: 1.8h}
  - {id: yard}
links:
  - {from: gate, to: yard, mode: road, time: 1h}
flows:
  - {id: f, from: gate, to: yard, arrivals: {process: poisson, rate: 1/h}, route: shortest}
)";
  const scenario s = parse_scenario(yaml, "random.yaml", ".");
  std::vector<std::pair<sim_time, int>> changes;  // (time, +1 a wait for a server begun, -1 it ended)
  std::set<std::uint64_t> waiting;                // units (by number) waiting for a server
  const trace_sink sink = [&](const trace_record& e) {
    if (e.where != 0) return;
    if (e.kind == trace_kind::wait_begun && e.cause == wait_cause::queue) {
      waiting.insert(e.unit);
      changes.emplace_back(e.time, +1);
    }
    if (e.kind == trace_kind::service_start && waiting.erase(e.unit) > 0) changes.emplace_back(e.time, -1);
  };
  const replication_result r = simulate(s.model, {s.warmup, s.horizon}, s.seed, 0, &sink);
  const node_series& series = series_at(r, 0);
  const series_grid grid(s.horizon, series_points);
  std::size_t next = 0;
  int queue = 0;
  double largest = 0;
  for (std::size_t k = 0; k < series_points; ++k) {
    while (next < changes.size() && changes[next].first <= grid.end_of(k))
      queue += changes[next++].second;
    CHECK(series.queue[k] == queue);
    largest = std::max(largest, series.queue[k]);
  }
  CHECK(largest >= 3);  // the case queues (utilization 0.9), so equality is not 0 == 0
}

// Catches: a band that is not around the mean (a one-sided interval, quantiles of another point); a mean
// taken over a different set of replications than the band; a half width with n instead of n - 1 (in the
// variance or the t quantile's degrees of freedom).
TEST_CASE("series: the band across replications contains the mean, which is the replications' mean") {
  const std::string yaml = R"(name: band
horizon: 200h
seed: 5
replications: 6
nodes:
  - id: gate
    servers: 1
    service: {dist: exponential, mean: 0.8h}
  - {id: yard}
links:
  - {from: gate, to: yard, mode: road, time: 1h}
flows:
  - {id: f, from: gate, to: yard, arrivals: {process: poisson, rate: 1/h}, route: shortest}
)";
  const auto out = run_text(yaml);
  const auto& series = *out.sum.nodes[0].series;
  std::size_t with_width = 0;
  for (std::size_t k = 0; k < series_points; ++k) {
    std::vector<double> values;
    for (const auto& r : out.result.replications)
      values.push_back(series_at(r, 0).queue[k]);
    const interval_estimate expected = summarize(values);
    const interval_estimate& e = series.queue[k];
    CHECK(e.mean == expected.mean);
    REQUIRE(e.ci95);
    CHECK(*e.ci95 == *expected.ci95);
    // The half width by hand, independent of summarize(): t(0.975, 5) = 2.570582 times the standard error
    // of the 6 replications' values.
    double sum = 0, squares = 0;
    for (const double x : values)
      sum += x;
    const double mean = sum / 6;
    for (const double x : values)
      squares += (x - mean) * (x - mean);
    CHECK(*e.ci95 == doctest::Approx(2.570582 * std::sqrt(squares / 5 / 6)).epsilon(1e-6));
    CHECK(*std::min_element(values.begin(), values.end()) <= e.mean);
    CHECK(e.mean <= *std::max_element(values.begin(), values.end()));
    with_width += *e.ci95 > 0;
  }
  CHECK(with_width > series_points / 2);
}
