// Corridor fidelity on links (issue 9): running-time variability (`delay`), against theory and exact cases.
// Each test names the wrong implementation it catches.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <set>

#include "freightsim/model/simulation.hpp"
#include "run_helpers.hpp"
#include "stat_checks.hpp"

using namespace freightsim;
using namespace freightsim::testing;

namespace {

// Transit hours of each unit of `flow` delivered, by creation number (slots are reused after delivery, so
// the trace is followed in order).
std::map<std::size_t, double> transits_by_creation(const std::vector<trace_record>& trace,
                                                   std::uint32_t flow) {
  std::map<std::uint32_t, std::pair<std::size_t, sim_time>> open;  // slot -> (creation number, time)
  std::map<std::size_t, double> done;
  std::size_t created = 0;
  for (const trace_record& r : trace) {
    if (r.flow != flow) continue;
    if (r.kind == trace_kind::created) open[r.shipment] = {created++, r.time};
    if (r.kind == trace_kind::delivered) {
      const auto [number, at] = open.at(r.shipment);
      done[number] = to_hours(r.time - at);
    }
  }
  return done;
}

const std::string two_flows = R"(name: delay
horizon: 400h
seed: 11
replications: 2
nodes:
  - {id: a}
  - {id: b}
  - {id: c}
  - {id: d}
flows:
  - {id: ab, from: a, to: b, arrivals: {process: poisson, rate: 1/h}, route: [a, b]}
  - {id: cd, from: c, to: d, arrivals: {process: poisson, rate: 1/h}, route: [c, d]}
links:
  - {from: c, to: d, mode: road, time: {dist: exponential, mean: 5h}}
)";

}  // namespace

// Catches: the delay ignored (13 h would be 10 h), added twice (16 h), or added only to batches.
TEST_CASE("delay: a deterministic delay adds exactly its value to every transit") {
  const auto out = run_text(R"(name: delay exact
horizon: 100h
seed: 1
replications: 2
nodes:
  - {id: a}
  - {id: b}
links:
  - {from: a, to: b, mode: rail, distance_km: 500, speed_kmh: 50, delay: 3h}
flows:
  - {id: f, from: a, to: b, arrivals: {process: fixed, every: 1h}, route: [a, b]}
)");
  for (const auto& r : out.result.replications) {
    REQUIRE(r.flows[0].delivered > 0);
    CHECK(r.flows[0].transit_h.mean() == doctest::Approx(13.0));
    CHECK(r.flows[0].transit_h.max() == doctest::Approx(13.0));
    CHECK(r.flows[0].transit_h.min() == doctest::Approx(13.0));
  }
}

// Catches: the delay drawn from the link's own time stream (the `time` draws would shift, so transits would
// not be exactly 3 h longer each), or from a stream shared with other links (flow cd would change), or keyed
// by position in the link list.
// The delay is a uniform between 3 h and 3 h: exactly 3 h, but it takes a random number at every draw.
TEST_CASE("delay: adding one leaves the link's time draws and every other link's draws unchanged") {
  const std::string plain =
      two_flows + "  - {from: a, to: b, mode: road, time: {dist: exponential, mean: 5h}}\n";
  const std::string delayed = two_flows +
                              "  - {from: a, to: b, mode: road, time: {dist: exponential, mean: 5h}, "
                              "delay: {dist: uniform, min: 3h, max: 3h}}\n";
  const auto before = trace_of(parse_scenario(plain, "plain.yaml", "."));
  const auto after = trace_of(parse_scenario(delayed, "delayed.yaml", "."));
  const auto ab_before = transits_by_creation(before, 0);
  const auto ab_after = transits_by_creation(after, 0);
  REQUIRE(ab_before.size() > 300);
  // Units delivered in both runs (the last ones may reach b only after the horizon with the delay).
  REQUIRE(ab_after.size() <= ab_before.size());
  REQUIRE(ab_after.size() + 10 > ab_before.size());
  for (const auto& [number, hours] : ab_after) {
    REQUIRE(ab_before.count(number) == 1);
    CHECK(hours == doctest::Approx(ab_before.at(number) + 3.0));
  }
  CHECK(transits_by_creation(before, 1) == transits_by_creation(after, 1));
}

// Catches: one delay drawn per unit on a batch link (a train's units would arrive at different times).
TEST_CASE("delay: a train's units arrive together, one delay per train") {
  const auto trace = trace_of(parse_scenario(R"(name: delay batch
horizon: 200h
seed: 4
replications: 1
nodes:
  - {id: a}
  - {id: b}
links:
  - {from: a, to: b, mode: rail, time: 10h, delay: {dist: exponential, mean: 6h}, batch: {size: 4}}
flows:
  - {id: f, from: a, to: b, arrivals: {process: fixed, every: 1h}, route: [a, b]}
)",
                                             "batch.yaml", "."));
  std::set<sim_time> departures, deliveries;
  std::size_t delivered = 0;
  for (const trace_record& r : trace) {
    if (r.kind == trace_kind::link_departure) departures.insert(r.time);
    if (r.kind == trace_kind::delivered) {
      deliveries.insert(r.time);
      ++delivered;
    }
  }
  REQUIRE(delivered >= 4 * 40);
  CHECK(delivered == 4 * deliveries.size());  // whole trains arrive
  CHECK(deliveries.size() > 40);              // and trains differ (the delay is random)
  CHECK(departures.size() >= deliveries.size());
}

// Mean transit = distance / speed + E[delay]; the 95th percentile = distance / speed + mean ln 20 for an
// exponential delay. Catches: the delay's mean misread (a cv or a rate taken for the mean), the delay not
// random (p95 would equal the mean), the delay drawn once per replication (the per-replication means would
// scatter far beyond the interval).
TEST_CASE("delay: mean transit is distance/speed + E[delay], and the p95 spread grows as theory says") {
  const auto out = run_text(R"(name: delay theory
horizon: 4000h
seed: 21
replications: 10
nodes:
  - {id: a}
  - {id: b}
links:
  - {from: a, to: b, mode: rail, distance_km: 1000, speed_kmh: 50, delay: {dist: exponential, mean: 6h}}
flows:
  - {id: f, from: a, to: b, arrivals: {process: poisson, rate: 2/h}, route: [a, b]}
)");
  check_mean_matches(per_replication(out.result, [](const auto& r) { return r.flows[0].transit_h.mean(); }),
                     20.0 + 6.0, "mean transit", 2);
  // The pooled p95: the sample quantile is asymptotically normal with sd sqrt(p (1 - p) / n) / f(x_p), f the
  // density there (0.05 / 6 for the exponential); the sketch adds up to 0.5% relative error.
  const double p = 0.95, theory = 20.0 + 6.0 * std::log(20.0);
  double n = 0;
  for (const auto& r : out.result.replications)
    n += static_cast<double>(r.flows[0].transit_h.count());
  const double sd = std::sqrt(p * (1 - p) / n) / ((1 - p) / 6.0);
  const double z = 3.48;  // two-sided at 1 - 0.001 / 2 (Bonferroni over this test case's two checks)
  INFO("p95 " << out.sum.flows[0].transit_h.p95 << ", theory " << theory << ", n " << n);
  CHECK(std::abs(out.sum.flows[0].transit_h.p95 - theory) <= z * sd + 0.005 * theory);
}

namespace {

std::vector<double> departure_hours(const std::string& text) {
  std::vector<double> out;
  for (const trace_record& r : trace_of(parse_scenario(text, "paths.yaml", ".")))
    if (r.kind == trace_kind::link_departure) out.push_back(to_hours(r.time));
  return out;
}

}  // namespace

// Six units ready at 0 h on a link with 3 paths a day leave 8 h apart. Catches: no spacing (all at 0 h);
// spacing of 24 h / N miscomputed; the wait counted under another cause (queue, closed) or not at all.
TEST_CASE("paths_per_day: six departures ready at once leave at 0, 8, 16, 24, 32 and 40 h") {
  std::string text = R"(name: paths exact
horizon: 100h
seed: 1
replications: 2
nodes:
  - {id: a}
  - {id: b}
links:
  - {from: a, to: b, mode: rail, time: 5h, paths_per_day: 3}
flows:
)";
  for (int i = 0; i < 6; ++i)
    text += "  - {id: f" + std::to_string(i) +
            ", from: a, to: b, arrivals: {process: fixed, every: 1000h}, route: [a, b]}\n";
  CHECK(departure_hours(text) == std::vector<double>{0, 8, 16, 24, 32, 40});
  const auto out = run_text(text);
  for (const auto& r : out.result.replications) {
    CHECK(cause_total(r.nodes[0], wait_cause::no_path) == doctest::Approx(0 + 8 + 16 + 24 + 32 + 40));
    CHECK(cause_total(r.nodes[0], wait_cause::queue) == 0.0);
    CHECK(r.links[0].vehicles == 6);
  }
}

// Trains of 3 form every 3 h (at 2.5, 5.5, ... h) but get a path only every 12 h. Catches: paths given per
// unit rather than per train (a train's units would leave 12 h apart); the next train not formed while one
// waits for its path (forming would stall).
TEST_CASE("paths_per_day: whole trains queue for paths, 12 h apart with 2 paths a day") {
  std::map<double, int> per_departure;
  for (const double h : departure_hours(R"(name: paths trains
horizon: 60h
seed: 1
replications: 1
nodes:
  - {id: a}
  - {id: b}
links:
  - {from: a, to: b, mode: rail, time: 5h, batch: {size: 3}, paths_per_day: 2}
flows:
  - {id: f, from: a, to: b, arrivals: {process: fixed, every: 1h, first: 30min}, route: [a, b]}
)"))
    ++per_departure[h];
  REQUIRE(per_departure.size() == 5);  // 2.5, 14.5, 26.5, 38.5, 50.5 h
  double expected = 2.5;
  for (const auto& [h, count] : per_departure) {
    CHECK(h == doctest::Approx(expected));
    CHECK(count == 3);
    expected += 12.0;
  }
}

// Poisson arrivals on a plain link with a path every D = 1 h: an M/D/1 queue with rho = 0.8, whose mean wait
// is rho D / (2 (1 - rho)) = 2 h (Pollaczek–Khinchine). Catches: spacing applied from each unit's arrival
// (no queueing: 0 h), exponential spacing (M/M/1: 4 h), paths per hour taken for per day.
TEST_CASE("paths_per_day: Poisson units on a path every hour wait as M/D/1 (Pollaczek–Khinchine)") {
  const auto out = run_text(R"(name: paths md1
horizon: 20000h
warmup: 200h
seed: 9
replications: 20
nodes:
  - {id: a}
  - {id: b}
links:
  - {from: a, to: b, mode: rail, time: 5h, paths_per_day: 24}
flows:
  - {id: f, from: a, to: b, arrivals: {process: poisson, rate: 0.8/h}, route: [a, b]}
)");
  check_mean_matches(per_replication(out.result,
                                     [](const auto& r) {
                                       return cause_total(r.nodes[0], wait_cause::no_path) /
                                              static_cast<double>(r.nodes[0].departures);
                                     }),
                     0.8 * 1.0 / (2 * (1 - 0.8)), "M/D/1 path wait", 1);
}

// Catches: a path wait or its closed part left out of a unit's life (the parts would fall short of the
// transit time; the simulation also checks this for every unit), or closed time counted as no_path.
TEST_CASE("paths_per_day: with closures the parts of where the days go still add up to the transit time") {
  const auto out = run_text(R"(name: paths parts
horizon: 3000h
warmup: 100h
seed: 6
replications: 4
nodes:
  - {id: a, servers: 1, service: {dist: exponential, mean: 0.5h}}
  - {id: b}
links:
  - {from: a, to: b, mode: rail, time: 5h, batch: {size: 4, max_wait: 6h}, paths_per_day: 5,
     disruptions: [{from: 500h, to: 560h}, {from: 1500h, to: 1530h}]}
flows:
  - {id: f, from: a, to: b, arrivals: {process: poisson, rate: 0.7/h}, route: [a, b]}
)");
  const auto& f = out.sum.flows[0];
  double sum = 0, no_path = 0, closed = 0;
  for (const auto& p : f.breakdown) {
    for (const double h : p.h)
      sum += h;
    if (!p.is_link && p.index == 0) {
      no_path = p.h[static_cast<std::size_t>(wait_cause::no_path)];
      closed = p.h[static_cast<std::size_t>(wait_cause::closed)];
    }
  }
  CHECK(no_path > 0.0);
  CHECK(closed > 0.0);
  CHECK(std::abs(sum - f.transit_h.estimate.mean) <= 1e-9 * f.transit_h.estimate.mean);
}
