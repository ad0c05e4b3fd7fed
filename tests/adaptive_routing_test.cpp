// route: adaptive: the k shortest loopless paths (Yen), the choice by expected time with the queues on each
// path now, and the logit split against its closed form.
#include <doctest/doctest.h>

#include <cmath>

#include "freightsim/model/routing.hpp"
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
// from 10 h to 20 h, a unit an hour queues there. The choice costs a queue of q at q x 30 min (the server's
// time, not the hold's): units leave the path once 6 wait (3 h > 2.5 h), the units created at 16.25 h to
// 20.25 h, 5 of them. Multiplying the queue by the whole stay (20.5 h) sends every unit from 11.25 h on, 9.
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
  CHECK(by_path[1] == 5);
  CHECK(by_path[0] + by_path[1] == 40);
}
