// route: adaptive: the k shortest loopless paths (Yen), the choice by expected time with the queues on each
// path now, and the logit split against its closed form.
#include <doctest/doctest.h>

#include <cmath>
#include <map>

#include "freightsim/model/routing.hpp"
#include "freightsim/model/simulation.hpp"
#include "run_helpers.hpp"
#include "stat_checks.hpp"

using namespace freightsim;
using namespace freightsim::testing;

namespace {

std::vector<std::string> ids(const network& net, const std::vector<vertex>& path) {
  std::vector<std::string> out;
  for (const vertex v : path)
    out.push_back(net.node(v).id);
  return out;
}

// By creation time (h, rounded to minutes), the path each unit of flow 0 took.
std::map<double, double> paths_by_creation(const std::string& yaml) {
  const scenario s = parse_scenario(yaml, "test.yaml", ".");
  std::map<double, double> out;
  const trace_sink sink = [&](const trace_record& r) {
    if (r.kind == trace_kind::created && r.flow == 0) out[std::round(to_hours(r.time) * 60) / 60] = r.value;
  };
  simulate(s.model, {s.warmup, s.horizon}, s.seed, 0, &sink);
  return out;
}

}  // namespace

// Catches: a spur path that loops back through its root; a path found twice (parallel road and rail links
// between the same nodes); paths out of cost order; more paths than the network has.
TEST_CASE("k_best_routes lists the loopless paths in order of expected time, each once") {
  const scenario s = parse_scenario(R"(name: paths
horizon: 10h
nodes: [{id: a}, {id: b}, {id: c}, {id: d}]
links:
  - {from: a, to: b, mode: rail, time: 1h}
  - {from: b, to: d, mode: rail, time: 1h}
  - {from: a, to: c, mode: rail, time: 1h}
  - {from: c, to: d, mode: rail, time: 2h}
  - {from: b, to: c, mode: rail, time: 30min}
  - {from: c, to: b, mode: rail, time: 30min}
  - {from: a, to: d, mode: rail, time: 5h}
  - {from: a, to: d, mode: road, time: 6h}
flows:
  - {id: f, from: a, to: d, arrivals: {process: poisson, rate: 1/h}, route: adaptive, paths: 10}
)",
                                    "paths.yaml", ".");
  const auto& net = s.model.net;
  const auto& paths = s.model.flows[0].alternatives;
  using p = std::vector<std::string>;
  REQUIRE(paths.size() == 5);
  CHECK(ids(net, paths[0]) == p{"a", "b", "d"});       // 2 h
  CHECK(ids(net, paths[1]) == p{"a", "c", "b", "d"});  // 2.5 h
  CHECK(ids(net, paths[2]) == p{"a", "c", "d"});       // 3 h
  CHECK(ids(net, paths[3]) == p{"a", "b", "c", "d"});  // 3.5 h
  CHECK(ids(net, paths[4]) == p{"a", "d"});            // 5 h, rail (road is the same path)
  CHECK(s.model.flows[0].route == paths[0]);
  const auto two = k_best_routes(net, *net.find("a"), *net.find("d"), 2, route_rule::shortest);
  CHECK(two.size() == 2);
}

// Catches: a logit weight with the wrong sign or scale (the share of the faster path is 1/(1+e^-1) with a
// dispersion of 1/h and paths 1 h apart); draws taken from a stream shared with arrivals (the split would
// still hold, but the next test's common random numbers would not); shares counted before the warm-up.
TEST_CASE("a logit split takes each path with probability proportional to exp(-dispersion x hours)") {
  const auto out = run_text(R"(name: logit
horizon: 200h
warmup: 10h
seed: 3
replications: 10
nodes: [{id: a}, {id: b}, {id: c}, {id: d}]
links:
  - {from: a, to: b, mode: rail, time: 30min}
  - {from: b, to: d, mode: rail, time: 30min}
  - {from: a, to: c, mode: rail, time: 1h}
  - {from: c, to: d, mode: rail, time: 1h}
flows:
  - {id: f, from: a, to: d, arrivals: {process: poisson, rate: 10/h}, route: adaptive, dispersion_per_h: 1}
)");
  const double theory = 1.0 / (1.0 + std::exp(-1.0));
  check_mean_matches(per_replication(out.result,
                                     [](const auto& r) {
                                       const auto& n = r.flows[0].by_path;
                                       return static_cast<double>(n[0]) / static_cast<double>(n[0] + n[1]);
                                     }),
                     theory, "share of the 1 h path", 1);
  REQUIRE(out.sum.flows[0].routes.size() == 2);
  CHECK(out.sum.flows[0].routes[0].share.mean + out.sum.flows[0].routes[1].share.mean ==
        doctest::Approx(1.0));
  CHECK(out.sum.flows[0].routes[1].via == std::vector<std::string>{"a", "c", "d"});
}

// Catches: a choice blind to queues (every unit keeps to the path through the closed checkpoint) and a
// choice that ignores the fixed times (units leave the faster path with no queue on it).
TEST_CASE("with route: adaptive, units leave a path whose checkpoint queues, and only while it queues") {
  const std::string base = R"(name: congestion
horizon: 60h
seed: 1
replications: 1
nodes:
  - {id: a}
  - id: b
    servers: 1
    service: 30min
    DISRUPTION
  - {id: c}
  - {id: d}
links:
  - {from: a, to: b, mode: road, time: 1h}
  - {from: b, to: d, mode: road, time: 1h}
  - {from: a, to: c, mode: road, time: 2h}
  - {from: c, to: d, mode: road, time: 2h}
flows:
  - {id: f, from: a, to: d, arrivals: {process: fixed, every: 1h, first: 15min}, route: adaptive}
)";
  const auto with = [&](const std::string& disruption) {
    std::string text = base;
    text.replace(text.find("DISRUPTION"), 10, disruption);
    return run_text(text, 1);
  };
  // No queue ever forms at b (one unit an hour, served in 30 min): every unit takes the 2.5 h path.
  const auto open = with("fee_usd: 0");
  CHECK(open.result.replications[0].flows[0].by_path[1] == 0);
  CHECK(open.result.replications[0].flows[0].by_path[0] == 60);
  // b closed from 10 h to 20 h: units queue there, one an hour. Once 4 wait (2.5 h + 4 x 30 min > 4 h via
  // c) new units go via c, until the queue drains after the reopening.
  const auto closed = with("disruptions: [{from: 10h, to: 20h, servers: 0}]");
  const auto& by_path = closed.result.replications[0].flows[0].by_path;
  CHECK(by_path[1] > 0);
  CHECK(by_path[1] < 10);
  CHECK(by_path[0] + by_path[1] == 60);
  CHECK(closed.sum.flows[0].routes[1].share.mean == doctest::Approx(static_cast<double>(by_path[1]) / 60.0));
}

// Two paths 2 h and 3 h long; the shorter one's first link takes trains of 10 (no max_wait). Alone at 1 an
// hour, a unit waits 9 h for its train: every unit takes the 3 h path (a choice blind to formation waits
// sends them all to the train). With other traffic filling the trains at 20 an hour, the train path is the
// faster again (at most 9 / 21 h of waiting): almost every unit takes it (an estimate that ignores the other
// flows' units, or the units already in the buffer, would keep them off it).
TEST_CASE("with route: adaptive, units see the wait for a train to form, with the traffic that fills it") {
  const std::string base = R"(name: formation
horizon: 300h
warmup: 20h
seed: 4
replications: 2
nodes: [{id: a}, {id: b}, {id: c}, {id: d}]
links:
  - {from: a, to: b, mode: rail, time: 1h, batch: {size: 10}}
  - {from: b, to: d, mode: rail, time: 1h}
  - {from: a, to: c, mode: rail, time: 1.5h}
  - {from: c, to: d, mode: rail, time: 1.5h}
flows:
  - {id: f, from: a, to: d, arrivals: {process: poisson, rate: 1/h}, route: adaptive}
OTHER)";
  const auto with = [&](const std::string& other) {
    std::string text = base;
    text.replace(text.find("OTHER"), 5, other);
    return run_text(text);
  };
  const auto alone = with("");
  REQUIRE(alone.sum.flows[0].routes.size() == 2);
  CHECK(alone.sum.flows[0].routes[0].via == std::vector<std::string>{"a", "b", "d"});
  CHECK(alone.sum.flows[0].routes[0].share.mean == 0.0);
  const auto busy =
      with("  - {id: g, from: a, to: d, arrivals: {process: poisson, rate: 20/h}, route: [a, b, d]}\n");
  CHECK(busy.sum.flows[0].routes[0].share.mean > 0.95);
}

// A checkpoint with one server (30 min) and a 20 h hold after it: its path is 23 h, the other 25.5 h. Closed
// from 10 h to 20 h. The choice costs the closure's end less the 1.5 h to get there (18.5 h - t) and a queue
// of q at q x 30 min (the server's time, not the hold's). The unit created at 9.25 h waits there from 10.75
// h; from 10.25 h units leave the path while 18.5 - t + 0.5 q > 2.5: to 16.25 h (2.25 + 0.5 = 2.75 h), 7
// units; at 17.25 h (1.25 + 0.5) and after (the queue at most 2 before the server opens) they take it again.
// Multiplying the queue by the whole stay (20.5 h) keeps them off it while one waits, to 19.25 h: 10.
TEST_CASE("with route: adaptive, a queue costs the server's time, not the hold after it") {
  const auto out = run_text(R"(name: hold
horizon: 40h
seed: 1
replications: 1
nodes:
  - {id: a}
  - id: b
    servers: 1
    stages: [{service: 30min}, {delay: {time: 20h, cause: hold}}]
    disruptions: [{from: 10h, to: 20h, servers: 0}]
  - {id: c}
  - {id: d}
links:
  - {from: a, to: b, mode: road, time: 1.5h}
  - {from: b, to: d, mode: road, time: 1h}
  - {from: a, to: c, mode: road, time: 13h}
  - {from: c, to: d, mode: road, time: 12.5h}
flows:
  - {id: f, from: a, to: d, arrivals: {process: fixed, every: 1h, first: 15min}, route: adaptive}
)",
                            1);
  const auto& by_path = out.result.replications[0].flows[0].by_path;
  CHECK(by_path[1] == 7);
  CHECK(by_path[0] + by_path[1] == 40);
}

namespace {

// Two paths from a to d: path 0 through x (5 h + 1 min + 5 h), path 1 through y (20 h); `x` and `xd` are
// extra keys on the node x and the link x-d. Units arrive every hour from 0.5 h for 200 h.
std::string two_paths_yaml(const std::string& x, const std::string& xd) {
  return R"(name: closure
horizon: 200h
seed: 1
nodes:
  - {id: a}
  - {id: x, servers: 1, service: 1min)" +
         x + R"(}
  - {id: y, servers: 1, service: 1min}
  - {id: d}
links:
  - {from: a, to: x, mode: road, time: 5h}
  - {from: x, to: d, mode: road, time: 5h)" +
         xd + R"(}
  - {from: a, to: y, mode: road, time: 10h}
  - {from: y, to: d, mode: road, time: 10h}
flows:
  - {id: f, from: a, to: d, arrivals: {process: fixed, every: 1h, first: 30min}, route: adaptive}
)";
}

std::map<double, double> two_paths(const std::string& x, const std::string& xd) {
  return paths_by_creation(two_paths_yaml(x, xd));
}

// Path 1 exactly for the units created after 100 h and before 135 h.
void check_path_1_from_100_to_135(const std::map<double, double>& paths) {
  REQUIRE(paths.size() == 200);
  for (const auto& entry : paths) {
    // Not a structured binding: clang 14 cannot capture one in INFO.
    const double t = entry.first, path = entry.second;
    INFO("created at " << t << " h");
    CHECK(path == (t > 100 && t < 135 ? 1 : 0));
  }
}

}  // namespace

// x is closed from 100 h to 150 h and is 5 h from a. A unit created at t costs path 0 what is left of the
// closure when it gets to x, 150 - t - 5 h: it takes path 1 while that exceeds the 10 h difference, t < 135 h
// (units that took x before the closure wait there; their queue costs minutes, not the boundary). Catches:
// closures ignored (path 0 always), the closure's end counted from now rather than from the unit's arrival
// (path 1 to 140 h), a closure counted as lasting (path 1 to the horizon).
TEST_CASE(
    "with route: adaptive, a closed checkpoint costs what is left of its closure when the unit gets there") {
  check_path_1_from_100_to_135(two_paths(", disruptions: [{from: 100h, to: 150h, servers: 0}]", ""));
}

// The split over time in summary.json, for the checkpoint closure above: 100 intervals of 2 h, (2k, 2k + 2],
// each with the units created at 2k + 0.5 and 2k + 1.5 h. Path 1 takes all of intervals 50-66 and half of 67
// (134.5 h, not 135.5 h), path 0 the rest, the warm-up's intervals too. Catches units counted when delivered
// rather than created (the switch 10-20 h later), only after the warm-up, or shares of all units rather than
// of the interval's.
TEST_CASE("summary.json's route series gives each path's share of the units created in each interval") {
  const auto out = run_text(two_paths_yaml(", disruptions: [{from: 100h, to: 150h, servers: 0}]", "") +
                            "warmup: 20h\nreplications: 2\n");
  const auto& f = out.sum.flows[0];
  REQUIRE(f.routes.size() == 2);
  REQUIRE(f.route_series_time_h.size() == series_points);
  for (std::size_t k = 0; k < series_points; ++k) {
    INFO("interval " << k);
    CHECK(f.route_series_time_h[k] == doctest::Approx(2.0 * static_cast<double>(k + 1)));
    const double expected = k >= 50 && k <= 66 ? 1.0 : k == 67 ? 0.5 : 0.0;
    REQUIRE(f.routes[1].series[k]);
    REQUIRE(f.routes[0].series[k]);
    CHECK(f.routes[1].series[k]->mean == expected);
    CHECK(f.routes[0].series[k]->mean == 1.0 - expected);
    CHECK(f.routes[1].series[k]->ci95.value_or(-1) == 0.0);
  }
}

// The same with the closure on the link x-d, 5 h + 1 min from a: path 1 while 150 - t - 5.0167 > 10.
TEST_CASE("with route: adaptive, a closed link costs what is left of its closure when the unit gets to it") {
  check_path_1_from_100_to_135(two_paths("", ", disruptions: [{from: 100h, to: 150h}]"));
}

// Path 0 is the direct link a-d (2 h) whose departures need a vehicle of a fleet of one that returns empty in
// 7.75 h; path 1 (a-m-d) takes 7 h. The vehicle leaves at 0.5 h and is back at 10.25 h. A unit finding it
// away costs path 0 a round trip (2 + 7.75 h) over 1 vehicle, more than the 5 h difference: path 1. Units at
// 0.5, 10.5, 20.5, ... h take the vehicle, the nine between take path 1. Catches the fleet ignored (path 0
// always).
TEST_CASE("with route: adaptive, a link whose fleet has no vehicle free costs the wait for one") {
  const auto paths = paths_by_creation(R"(name: fleet
horizon: 100h
seed: 1
fleets: [{id: trucks, size: 1, return_time: 7.75h}]
nodes: [{id: a}, {id: m}, {id: d}]
links:
  - {from: a, to: d, mode: road, time: 2h, fleet: trucks}
  - {from: a, to: m, mode: road, time: 3.5h}
  - {from: m, to: d, mode: road, time: 3.5h}
flows:
  - {id: f, from: a, to: d, arrivals: {process: fixed, every: 1h, first: 30min}, route: adaptive}
)");
  REQUIRE(paths.size() == 100);
  for (const auto& entry : paths) {
    // Not a structured binding: clang 14 cannot capture one in INFO.
    const double t = entry.first, path = entry.second;
    const double expected = std::fmod(t - 0.5, 10.0) == 0 ? 0 : 1;
    INFO("created at " << t << " h");
    CHECK(path == expected);
  }
}
