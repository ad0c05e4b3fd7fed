// Fleets: departures wait for a free vehicle, busy for the loaded trip and its empty return. Exact
// hand-worked cases and the M/M/c (Erlang C) wait for a vehicle.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>

#include "freightsim/analysis/erlang.hpp"
#include "freightsim/analysis/network_estimate.hpp"
#include "freightsim/experiment/metric_path.hpp"
#include "freightsim/experiment/run_metrics.hpp"
#include "freightsim/model/simulation.hpp"
#include "run_helpers.hpp"
#include "stat_checks.hpp"

using namespace freightsim;
using namespace freightsim::testing;

namespace {

std::vector<trace_record> trace_of(const std::string& text) {
  return freightsim::testing::trace_of(parse_scenario(text, "fleet.yaml", "."));
}

std::vector<double> departure_hours(const std::vector<trace_record>& trace) {
  std::vector<double> out;
  for (const trace_record& r : trace)
    if (r.kind == trace_kind::link_departure) out.push_back(to_hours(r.time));
  return out;
}

// Six units ready at 0 h on a plain link (trip 5 h) with a fleet of 2 vehicles returning empty in 5 h.
std::string six_units() {
  std::string text = R"(name: fleet exact
horizon: 100h
seed: 1
replications: 2
nodes:
  - {id: a}
  - {id: b}
fleets:
  - {id: trucks, size: 2, return_time: 5h}
links:
  - {from: a, to: b, mode: road, time: 5h, fleet: trucks}
flows:
)";
  for (int i = 0; i < 6; ++i)
    text += "  - {id: f" + std::to_string(i) +
            ", from: a, to: b, arrivals: {process: fixed, every: 1000h}, route: [a, b]}\n";
  return text;
}

}  // namespace

// Two vehicles, each back 10 h (trip + return) after it leaves: departures at 0, 0, 10, 10, 20, 20 h and
// 0 + 0 + 10 + 10 + 20 + 20 = 60 h of no_vehicle. Catches: vehicles freed after the trip alone (0, 0, 5, 5,
// 10, 10), the return not counted or counted twice, no limit (all at 0 h), the wait under another cause.
TEST_CASE("fleet: six units, two vehicles, 5 h trip and 5 h return leave at 0, 0, 10, 10, 20 and 20 h") {
  const auto trace = trace_of(six_units());
  CHECK(departure_hours(trace) == std::vector<double>{0, 0, 10, 10, 20, 20});
  int begun = 0;
  for (const trace_record& r : trace)
    if (r.kind == trace_kind::wait_begun && r.cause == wait_cause::no_vehicle) ++begun;
  CHECK(begun == 6);
  const auto out = run_text(six_units());
  for (const auto& r : out.result.replications) {
    CHECK(cause_total(r.nodes[0], wait_cause::no_vehicle) == doctest::Approx(60.0));
    CHECK(cause_total(r.nodes[0], wait_cause::queue) == 0.0);
    CHECK(cause_total(r.nodes[0], wait_cause::closed) == 0.0);
    CHECK(r.links[0].vehicles == 6);
    // Both vehicles busy from 0 to 30 h of 100 h.
    REQUIRE(r.fleets.size() == 1);
    CHECK(r.fleets[0].busy_mean == doctest::Approx(0.6));
    CHECK(r.fleets[0].utilization == doctest::Approx(0.3));
    CHECK(r.flows[0].delivered + r.flows[1].delivered + r.flows[2].delivered + r.flows[3].delivered +
              r.flows[4].delivered + r.flows[5].delivered ==
          6);
  }
  CHECK(out.sum.fleets.at(0).utilization.mean == doctest::Approx(0.3));
  // summary.json's name for the cause.
  CHECK(std::string(to_string(wait_cause::no_vehicle)) == "no_vehicle");
}

// Trains of 3 form at 2.5, 5.5, 8.5, ... h; one train set makes a 10 h round trip, so trains leave at 2.5,
// 12.5 and 22.5 h with 3 units each. Catches: a vehicle per unit on a batch link (one unit per 10 h);
// trains not forming while another waits for the vehicle.
TEST_CASE("fleet: on a batch link a whole train takes one vehicle") {
  std::map<double, int> per_departure;
  for (const double h : departure_hours(trace_of(R"(name: fleet trains
horizon: 30h
seed: 1
replications: 1
nodes:
  - {id: a}
  - {id: b}
fleets:
  - {id: train_sets, size: 1, return_time: 5h}
links:
  - {from: a, to: b, mode: rail, time: 5h, batch: {size: 3}, fleet: train_sets}
flows:
  - {id: f, from: a, to: b, arrivals: {process: fixed, every: 1h, first: 30min}, route: [a, b]}
)")))
    ++per_departure[h];
  CHECK(per_departure == std::map<double, int>{{2.5, 3}, {12.5, 3}, {22.5, 3}});
}

// A link closed from 1 h to 12 h: the vehicles back at 10 h wait for it to reopen, and the units' waits
// split into closed (while the link is closed) and no_vehicle. Units 3-6 wait 0, 0 (leave at 0 h), then
// 12, 12 (closed 1-12 h: 11 h closed, 1 h no_vehicle each), then 22, 22 (back at 22 h: 11 h closed, 11 h
// no_vehicle each). Catches: a vehicle given to a closed link; closed time counted as no_vehicle.
TEST_CASE("fleet: vehicles wait for a closed link to reopen, the closed part of the wait is 'closed'") {
  std::string text = six_units();
  const std::string from = "fleet: trucks}";
  text.replace(text.find(from), from.size(), "fleet: trucks, disruptions: [{from: 1h, to: 12h}]}");
  CHECK(departure_hours(trace_of(text)) == std::vector<double>{0, 0, 12, 12, 22, 22});
  const auto out = run_text(text);
  for (const auto& r : out.result.replications) {
    CHECK(cause_total(r.nodes[0], wait_cause::closed) == doctest::Approx(4 * 11.0));
    CHECK(cause_total(r.nodes[0], wait_cause::no_vehicle) == doctest::Approx(2 * 1.0 + 2 * 11.0));
  }
}

// Poisson units (2.4/h) on a plain link with an exponential trip (mean 1 h) and no return: the fleet of 3 is
// an M/M/3 queue with rho = 0.8 for the wait for a vehicle, Erlang C: Wq = C(3, 2.4) / (3 - 2.4) = 1.079 h.
// The analytic layer's estimate for the link is the same formula. Catches: the vehicle held for less or
// more than its trip (a smaller or larger wait), vehicles not shared first come first served (the mean is
// the same, but a per-unit vehicle would never wait), the wait not counted per unit.
TEST_CASE("fleet: Poisson units and exponential round trips wait for a vehicle as M/M/c (Erlang C)") {
  const std::string text = R"(name: fleet mmc
horizon: 20000h
warmup: 200h
seed: 13
replications: 20
nodes:
  - {id: a}
  - {id: b}
fleets:
  - {id: trucks, size: 3, return_time: 0h}
links:
  - {from: a, to: b, mode: road, time: {dist: exponential, mean: 1h}, fleet: trucks}
flows:
  - {id: f, from: a, to: b, arrivals: {process: poisson, rate: 2.4/h}, route: [a, b]}
)";
  const double theory = mmc_wait(3, 2.4, 1.0);
  const auto out = run_text(text);
  check_mean_matches(per_replication(out.result,
                                     [](const auto& r) {
                                       return cause_total(r.nodes[0], wait_cause::no_vehicle) /
                                              static_cast<double>(r.nodes[0].departures);
                                     }),
                     theory, "wait for a vehicle", 2);
  // Vehicles busy: the offered load lambda E[trip] / c = 0.8 (a vehicle held too long or too short moves it).
  check_mean_matches(per_replication(out.result, [](const auto& r) { return r.fleets[0].utilization; }), 0.8,
                     "fleet utilization", 2);
  const network_estimate e = estimate_network(out.spec);
  CHECK(e.links[0].vehicle_h == doctest::Approx(theory).epsilon(1e-9));
  CHECK(e.issues.empty());
}

// The analytic layer names a fleet too small for its departures: 2.4 departures/h x 1.5 h on 3 vehicles.
TEST_CASE("fleet: the analytic layer flags an unstable fleet with the vehicles it needs") {
  const auto s = parse_scenario(R"(name: fleet short
horizon: 1000h
nodes:
  - {id: a}
  - {id: b}
fleets:
  - {id: trucks, size: 3, return_time: 30min}
links:
  - {from: a, to: b, mode: road, time: 1h, fleet: trucks}
flows:
  - {id: f, from: a, to: b, arrivals: {process: poisson, rate: 2.4/h}, route: [a, b]}
)",
                                "fleet.yaml", ".");
  const network_estimate e = estimate_network(s);
  REQUIRE(e.issues.size() == 1);
  CHECK(e.issues[0].kind == "fleet");
  CHECK(e.issues[0].utilization == doctest::Approx(1.2));
  CHECK(e.issues[0].needed == 4);
}

// The same six units: departures wait 0, 0, 10, 10, 20 and 20 h for a vehicle, 10 h on average, and the
// metric paths give the fleet's figures. Catches: the wait counted when asked rather than when granted (0),
// only departures that waited (15), the wait of departures still waiting at the end; per unit instead of per
// departure is caught by the train case below (12 granted, not 4).
TEST_CASE("fleet: wait_h.mean is the mean hours a departure waited for a vehicle, and metric paths name it") {
  const auto out = run_text(six_units());
  for (const auto& r : out.result.replications) {
    CHECK(r.fleets.at(0).granted == 6);
    CHECK(r.fleets.at(0).wait_h == doctest::Approx(10.0).epsilon(1e-12));
  }
  CHECK(metric_value(out.sum, "fleets.trucks.wait_h.mean") == doctest::Approx(10.0).epsilon(1e-12));
  CHECK(metric_value(out.sum, "fleets.trucks.utilization") == doctest::Approx(0.3).epsilon(1e-12));
  CHECK(metric_value(out.sum, "fleets.trucks.busy_vehicles") == doctest::Approx(0.6).epsilon(1e-12));
  CHECK(metric_in_hours("fleets.trucks.wait_h.mean"));
  CHECK_FALSE(metric_in_hours("fleets.trucks.utilization"));
  // Per replication (sweeps, compare, --precision): the same figures under the same names.
  const auto names = metric_names(out.spec);
  const auto values = metric_values(out.spec, out.result.replications.at(0));
  const auto at = [&](const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    REQUIRE(it != names.end());
    return values[static_cast<std::size_t>(it - names.begin())];
  };
  CHECK(at("fleets.trucks.wait_h.mean") == doctest::Approx(10.0).epsilon(1e-12));
  CHECK(at("fleets.trucks.utilization") == doctest::Approx(0.3).epsilon(1e-12));
  CHECK(at("links.a>b.vehicles_per_day") == doctest::Approx(6.0 / (100.0 / 24.0)).epsilon(1e-12));
}

// Trains of 3 (units every 3 h from 2.5 h): one train set on a 10 h round trip. Train k (from 0) forms at
// 8.5 + 9k h and gets the set at 8.5 + 10k h, so it waits k h; 4 trains get it before 40 h: 0, 1, 2, 3 h,
// mean 1.5 h. Catches: counting units (12) instead of departures (4); a train granted at once (0).
TEST_CASE("fleet: a train's wait for its train set is counted once per departure") {
  const auto out = run_text(R"(name: fleet trains wait
horizon: 40h
seed: 1
replications: 1
nodes:
  - {id: a}
  - {id: b}
fleets:
  - {id: sets, size: 1, return_time: 5h}
links:
  - {from: a, to: b, mode: rail, time: 5h, batch: {size: 3}, fleet: sets}
flows:
  - {id: f, from: a, to: b, arrivals: {process: fixed, every: 3h, first: 2.5h}, route: [a, b]}
)");
  const auto& r = out.result.replications.at(0);
  CHECK(r.fleets.at(0).granted == 4);
  CHECK(r.fleets.at(0).wait_h == doctest::Approx(1.5).epsilon(1e-12));
}

// The six units with a 15 h warm-up: departures get a vehicle at 0, 0, 10, 10, 20 and 20 h, and a wait
// counts when it ends in the window, so only the two granted at 20 h count, each having waited 20 h. Both
// vehicles are busy until 30 h: 2 x 15 h of the 85 h window. Catches: waits granted before the warm-up
// counted (6 granted, 10 h on average), the fleet's busy time not restarted at the warm-up (60 / 100 h).
TEST_CASE("fleet: waits for a vehicle granted before the warm-up are left out, exactly") {
  std::string text = six_units();
  const std::string from = "horizon: 100h\n";
  text.replace(text.find(from), from.size(), "horizon: 100h\nwarmup: 15h\n");
  const auto out = run_text(text);
  for (const auto& r : out.result.replications) {
    REQUIRE(r.fleets.size() == 1);
    CHECK(r.fleets[0].granted == 2);
    CHECK(r.fleets[0].wait_h == doctest::Approx(20.0).epsilon(1e-12));
    CHECK(r.fleets[0].busy_mean == doctest::Approx(30.0 / 85.0).epsilon(1e-12));
  }
  CHECK(metric_value(out.sum, "fleets.trucks.wait_h.mean") == doctest::Approx(20.0).epsilon(1e-12));
}
