// "Where the days go": the per-flow split of transit time into travel per link and time per node by part.
#include <doctest/doctest.h>

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <filesystem>

#include "run_helpers.hpp"

using namespace freightsim;
using namespace freightsim::testing;

namespace {

double parts_sum(const flow_summary& f) {
  double sum = 0;
  for (const auto& p : f.breakdown)
    for (const double h : p.h)
      sum += h;
  return sum;
}

void check_parts_add_up(const summary& s) {
  for (const auto& f : s.flows) {
    INFO("flow " << f.id);
    CHECK(std::abs(parts_sum(f) - f.transit_h.estimate.mean) <=
          1e-9 * std::max(1.0, f.transit_h.estimate.mean));
  }
}

}  // namespace

TEST_CASE("breakdown: exact parts on a deterministic line") {
  // One unit per 10 h; service 1 h at a, travel 2 h, service 3 h at c: no waiting at all.
  const auto out = run_text(R"(
name: line
horizon: 1000h
warmup: 100h
replications: 2
nodes:
  - {id: a, servers: 1, service: 1h}
  - {id: b}
  - {id: c, servers: 1, service: 3h}
links:
  - {from: a, to: b, mode: road, time: 2h}
  - {from: b, to: c, mode: road, distance_km: 50, speed_kmh: 10}
flows:
  - {id: f, from: a, to: c, arrivals: {process: fixed, every: 10h}, route: [a, b, c]}
)");
  const auto& f = out.sum.flows[0];
  REQUIRE(f.breakdown.size() == 4);  // a, a->b, b->c, c (the junction b holds no time)
  CHECK(!f.breakdown[0].is_link);
  CHECK(f.breakdown[0].index == 0);
  CHECK(f.breakdown[0].h[service_part] == doctest::Approx(1.0));
  CHECK(f.breakdown[1].is_link);
  CHECK(f.breakdown[1].h[0] == doctest::Approx(2.0));
  CHECK(f.breakdown[2].is_link);
  CHECK(f.breakdown[2].h[0] == doctest::Approx(5.0));
  CHECK(f.breakdown[3].index == 2);
  CHECK(f.breakdown[3].h[service_part] == doctest::Approx(3.0));
  CHECK(f.transit_h.estimate.mean == doctest::Approx(11.0));
  check_parts_add_up(out.sum);
}

TEST_CASE("breakdown: stretches longer than the life log's 40-bit field keep their exact hours") {
  // The collector packs a stretch's milliseconds in 40 bits (305,419 h, about 35 years) and logs a longer
  // one as several: a 700,000 h trip and a 120,000 h service must still add up exactly. Without the split the
  // packed durations wrap, and the parts no longer add up to the transit time (the collector throws).
  const auto out = run_text(R"(
name: long stretches
horizon: 1000000h
replications: 1
nodes:
  - {id: a, servers: 1, service: 120000h}
  - {id: b}
links:
  - {from: a, to: b, mode: road, time: 700000h}
flows:
  - {id: f, from: a, to: b, arrivals: {process: fixed, every: 2000000h}, route: [a, b]}
)");
  const auto& f = out.sum.flows[0];
  REQUIRE(f.breakdown.size() == 2);
  CHECK(f.breakdown[0].h[service_part] == doctest::Approx(120000.0).epsilon(1e-12));
  CHECK(f.breakdown[1].h[0] == doctest::Approx(700000.0).epsilon(1e-12));
  CHECK(f.transit_h.estimate.mean == doctest::Approx(820000.0).epsilon(1e-12));
}
TEST_CASE("breakdown: every cause lands at its place and the parts add up to the mean transit time") {
  // Batches at a (train_forming), a sailing from b (sailing), a small place at c blocking b's servers
  // (blocked), a closure of b (closed), queues everywhere, and units created before the warm-up.
  const auto out = run_text(R"(
name: causes
horizon: 3000h
warmup: 200h
seed: 4
replications: 4
nodes:
  - {id: a, servers: 1, service: {dist: exponential, mean: 0.5h}}
  - {id: b, servers: 2, service: {dist: exponential, mean: 1.5h}, disruptions: [{from: 500h, to: 540h, servers: 0}]}
  - {id: c, servers: 1, capacity: 2, service: {dist: exponential, mean: 0.9h}}
links:
  - {from: a, to: b, mode: rail, time: 4h, batch: {size: 5, max_wait: 6h}}
  - {from: b, to: c, mode: ferry, time: 3h, schedule: {headway: 2h, offset: 1h}}
flows:
  - {id: f, from: a, to: c, arrivals: {process: poisson, rate: 1/h}, route: [a, b, c]}
)");
  const auto& f = out.sum.flows[0];
  const auto part = [&](std::size_t node, std::size_t k) {
    for (const auto& p : f.breakdown)
      if (!p.is_link && p.index == node) return p.h[k];
    return 0.0;
  };
  CHECK(part(0, static_cast<std::size_t>(wait_cause::train_forming)) > 0.0);
  CHECK(part(1, static_cast<std::size_t>(wait_cause::sailing)) > 0.0);
  CHECK(part(1, static_cast<std::size_t>(wait_cause::closed)) > 0.0);
  CHECK(part(1, static_cast<std::size_t>(wait_cause::queue)) > 0.0);
  CHECK(part(0, static_cast<std::size_t>(wait_cause::sailing)) == 0.0);  // sailings leave from b only
  CHECK(part(2, static_cast<std::size_t>(wait_cause::train_forming)) == 0.0);
  // Service means per delivered unit are the service distributions' means, within sampling error: each
  // replication's figure is the mean of its delivered units' exponential service times, so with the variance
  // known (mean^2) the replications' average has variance mean^2 / R^2 x sum of 1 / delivered, and theory
  // must lie within the normal quantile at 1 - 0.001 / 2 (two checks) of it.
  const double z = boost::math::quantile(boost::math::normal(), 1.0 - 0.001 / 2 / 2);
  const auto check_service = [&](std::size_t node, double mean) {
    double inverse_counts = 0;
    for (const auto& r : out.result.replications)
      inverse_counts += 1.0 / static_cast<double>(r.flows[0].delivered);
    const double replications = static_cast<double>(out.result.replications.size());
    const double half = z * mean * std::sqrt(inverse_counts) / replications;
    INFO("service at node " << node << ": " << part(node, service_part) << " h, theory " << mean << " ± "
                            << half);
    CHECK(std::abs(part(node, service_part) - mean) <= half);
  };
  check_service(0, 0.5);
  check_service(2, 0.9);
  check_parts_add_up(out.sum);
}

TEST_CASE("breakdown: the parts add up to the mean transit time in every shipped scenario") {
  for (const auto& entry : std::filesystem::recursive_directory_iterator("scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    if (entry.path().parent_path().filename() == "sweeps") continue;  // sweep files, not scenarios
    INFO("scenario " << entry.path());
    scenario s = load_scenario(entry.path().string());
    const auto result = run_experiment(s, {.replications = 2, .seed = {}, .threads = 2});
    check_parts_add_up(summarize(s, result));
  }
}
