// Storage, demurrage and detention: a step tariff charged on each stay at a node, added to the flow's cost.
#include <doctest/doctest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "freightsim/model/storage_tariff.hpp"
#include "freightsim/output/json_summary.hpp"
#include "freightsim/output/report.hpp"
#include "run_helpers.hpp"
#include "stat_checks.hpp"

using namespace freightsim;
using namespace freightsim::testing;

TEST_CASE("a storage tariff charges each band's rate over the part of the stay inside it") {
  // The Vostochny 20' tariff (process figures 7.2): days 1-5 free, 6-14 $8.4, 15-30 $23.0, then $49.9.
  const storage_tariff t{
      {{from_hours(5 * 24), 8.4}, {from_hours(14 * 24), 23.0}, {from_hours(30 * 24), 49.9}}};
  CHECK(t.charge(from_hours(3 * 24)) == 0.0);  // inside the free time
  CHECK(t.charge(from_hours(5 * 24)) == 0.0);
  // Catches a tariff charged from the start of the stay (no free time): 10 x 8.4.
  CHECK(t.charge(from_hours(10 * 24)) == doctest::Approx(5 * 8.4));
  // Catches the reached band's rate applied to the whole stay (20 x 23): 9 days at 8.4, 6 at 23.
  CHECK(t.charge(from_hours(20 * 24)) == doctest::Approx(9 * 8.4 + 6 * 23.0));
  CHECK(t.charge(from_hours(40 * 24)) == doctest::Approx(9 * 8.4 + 16 * 23.0 + 10 * 49.9));
  // Pro rata: half a day in the first band.
  CHECK(t.charge(from_hours(5 * 24 + 12)) == doctest::Approx(4.2));
  CHECK(storage_tariff{}.charge(from_hours(1000)) == 0.0);
}

TEST_CASE("storage is charged on the whole stay at the node, not on travel, and also before the warm-up") {
  // Units arrive every 20 d at a (one server, 10 d each: no queue), travel 30 d to z. The stay at a is the
  // 10 d of service: 5 d free, 5 d at $8.4 = $42, plus the $1 fee. The warm-up (20 d) ends after the first
  // unit's stay at a (which ends at 10 d) and before its delivery (40 d): its storage still counts.
  const auto out = run_text(R"(name: storage
horizon: 400d
warmup: 20d
seed: 1
replications: 2
nodes:
  - {id: a, servers: 1, service: 10d, fee_usd: 1, storage: [{after: 5d, usd_per_day: 8.4}]}
  - {id: z, storage: [{after: 0h, usd_per_day: 1000}]}
links:
  - {from: a, to: z, mode: rail, time: 30d}
flows:
  - {id: f, from: a, to: z, arrivals: {process: fixed, every: 20d}, route: [a, z]}
)");
  for (const auto& r : out.result.replications) {
    const flow_result& f = r.flows[0];
    REQUIRE(f.delivered > 0);
    // Catches a collector that charges only stays ending in the window (the first unit would pay 0), one
    // that counts the travel (30 d more at $8.4) and one that charges the destination's zero-length stay.
    CHECK(f.storage_usd.min() == doctest::Approx(42.0));
    CHECK(f.storage_usd.max() == doctest::Approx(42.0));
    CHECK(f.cost_usd.mean() == doctest::Approx(43.0));
    CHECK(f.node_storage_usd.at(0) == doctest::Approx(42.0 * static_cast<double>(f.delivered)));
    CHECK(f.node_storage_usd.at(1) == 0.0);
  }
  const flow_summary& f = out.sum.flows[0];
  CHECK(f.storage_usd.mean == doctest::Approx(42.0));
  REQUIRE(f.storage_by_node.size() == 1);
  CHECK(f.storage_by_node[0].first == "a");
  CHECK(f.storage_by_node[0].second == doctest::Approx(42.0));
  // The corridor indicators' cost at the crossing is the fee and the storage ($43), not the fee alone.
  const std::string csv = indicators_csv(nlohmann::json::parse(to_json(out.sum)));
  CHECK(csv.find("f,stop,a,,,,,,,240,43\n") != std::string::npos);
}

TEST_CASE("storage beyond free time in an M/M/1 matches E[(T - F)+] of the exponential sojourn") {
  // M/M/1, lambda 0.5/h, mu 1/h: the sojourn T is exponential with rate mu - lambda = 0.5/h, so with free
  // time F = 2h and $24 a day ($1 an hour) the mean charge is E[(T - F)+] = e^{-0.5 F} / 0.5 = 2/e hours.
  // Catches a charge on the wait alone (no service), on the whole sojourn (2 h more), or per started day.
  const auto out = run_text(R"(name: mm1 storage
horizon: 22000h
warmup: 2000h
seed: 5
replications: 30
nodes:
  - {id: a, servers: 1, service: {dist: exponential, mean: 1h}, storage: [{after: 2h, usd_per_day: 24}]}
  - {id: exit}
links:
  - {from: a, to: exit, mode: road, time: 0h}
flows:
  - {id: f, from: a, to: exit, arrivals: {process: poisson, rate: 0.5/h}, route: [a, exit]}
)");
  check_mean_matches(per_replication(out.result, [](const auto& r) { return r.flows[0].storage_usd.mean(); }),
                     2.0 / std::exp(1.0), "storage beyond 2 h", 1);
}
