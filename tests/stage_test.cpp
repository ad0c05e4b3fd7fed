// A node's work as stages (include/freightsim/model/stage.hpp): exact cases with deterministic times, a
// delay's share against its expectation, and an M/M/1 behind a delay stage against theory. Each names the
// wrong implementation it catches.
#include <doctest/doctest.h>

#include <string>

#include "freightsim/model/simulation.hpp"
#include "run_helpers.hpp"
#include "stat_checks.hpp"

using namespace freightsim;
using namespace freightsim::testing;

namespace {

// One flow, fixed arrivals every 10 h from junction a through node x to junction z; `x` is x's YAML body.
std::string line_through(const std::string& x, const std::string& extra_flow = "") {
  return R"(name: stages
horizon: 1000h
seed: 5
replications: 2
nodes:
  - {id: a}
  - id: x
)" + x + R"(
  - {id: z}
links:
  - {from: a, to: x, mode: road, time: 1h}
  - {from: x, to: z, mode: road, time: 1h}
flows:
  - {id: f, from: a, to: z, arrivals: {process: fixed, every: 10h}, route: [a, x, z]}
)" + extra_flow;
}

}  // namespace

// Catches: the delay not applied, applied twice, or booked as service or queue; a delay that holds the
// server (utilization 7/10 instead of 2/10).
TEST_CASE("a deterministic delay stage adds exactly its time to every unit, reported as its cause") {
  const auto out =
      run_text(line_through("    servers: 1\n    stages: [{service: 2h}, {delay: {time: 5h, cause: hold}}]"));
  for (const auto& rep : out.result.replications) {
    const flow_result& f = rep.flows[0];
    REQUIRE(f.delivered > 90);
    CHECK(f.transit_h.min() == doctest::Approx(1 + 2 + 5 + 1));
    CHECK(f.transit_h.max() == doctest::Approx(1 + 2 + 5 + 1));
    const node_result& x = rep.nodes[1];
    CHECK(cause_total(x, wait_cause::hold) == doctest::Approx(5.0 * static_cast<double>(x.departures)));
    CHECK(cause_total(x, wait_cause::dwell) == 0.0);
    CHECK(cause_total(x, wait_cause::queue) == 0.0);
    CHECK(f.node_h.at(1)[static_cast<std::size_t>(wait_cause::hold)] ==
          doctest::Approx(5.0 * static_cast<double>(f.delivered)));
    CHECK(f.node_h.at(1)[service_part] == doctest::Approx(2.0 * static_cast<double>(f.delivered)));
    CHECK(x.utilization == doctest::Approx(0.2).epsilon(0.01));
  }
}

// Catches: the `flows` list ignored (g delayed too) or inverted (only g delayed).
TEST_CASE("a delay stage with flows delays only those flows") {
  const auto out = run_text(line_through(
      "    servers: 2\n    stages: [{service: 1h}, {delay: {time: 3h, flows: [f]}}]",
      "  - {id: g, from: a, to: z, arrivals: {process: fixed, every: 10h, first: 5h}, route: [a, x, "
      "z]}\n"));
  const auto& rep = out.result.replications[0];
  CHECK(rep.flows[0].transit_h.min() == doctest::Approx(1 + 1 + 3 + 1));
  CHECK(rep.flows[0].transit_h.max() == doctest::Approx(1 + 1 + 3 + 1));
  CHECK(rep.flows[1].transit_h.min() == doctest::Approx(1 + 1 + 1));
  CHECK(rep.flows[1].transit_h.max() == doctest::Approx(1 + 1 + 1));
  CHECK(cause_total(rep.nodes[1], wait_cause::dwell) ==
        doctest::Approx(3.0 * static_cast<double>(rep.flows[0].delivered)));
}

// Catches: a transfer applied to every unit, or never; a transfer booked as service.
TEST_CASE("a transfer stage delays exactly the units that change mode") {
  const auto yaml = R"(name: transfer stage
horizon: 1000h
seed: 5
replications: 1
nodes:
  - {id: a}
  - {id: x, stages: [{transfer: 4h}]}
  - {id: z}
  - {id: w}
links:
  - {from: a, to: x, mode: rail, time: 1h}
  - {from: x, to: z, mode: road, time: 1h}
  - {from: x, to: w, mode: rail, time: 1h}
flows:
  - {id: change, from: a, to: z, arrivals: {process: fixed, every: 10h}, route: [a, x, z]}
  - {id: stay, from: a, to: w, arrivals: {process: fixed, every: 10h}, route: [a, x, w]}
)";
  const auto out = run_text(yaml);
  const auto& rep = out.result.replications[0];
  CHECK(rep.flows[0].transit_h.min() == doctest::Approx(6.0));
  CHECK(rep.flows[0].transit_h.max() == doctest::Approx(6.0));
  CHECK(rep.flows[1].transit_h.max() == doctest::Approx(2.0));
  CHECK(cause_total(rep.nodes[1], wait_cause::transfer) ==
        doctest::Approx(4.0 * static_cast<double>(rep.flows[0].delivered)));
  CHECK(rep.nodes[1].utilization == 0.0);  // no servers
}

// Catches: an inspection stage that does not queue again (the second unit of a pair would not wait) or that
// holds no server; an inspection applied to nobody.
TEST_CASE("an inspection stage serves the unit again on the node's servers, queueing again") {
  // Two units reach x together (at 1 h, then every 10 h) with one server: A is served 1-2, B 2-3, A's
  // inspection 3-5 (queued behind B at 2), B's 5-7 (queued at 3). Transits: A 5 + 1 = 6, B 7 + 1 = 8.
  const auto yaml = R"(name: inspection stage
horizon: 1000h
seed: 5
replications: 1
nodes:
  - {id: a}
  - {id: x, servers: 1, stages: [{service: 1h}, {inspection: {share: 1, time: 2h}}]}
  - {id: z}
links:
  - {from: a, to: x, mode: road, time: 1h}
  - {from: x, to: z, mode: road, time: 1h}
flows:
  - {id: f, from: a, to: z, arrivals: {process: fixed, every: 10h}, route: [a, x, z]}
  - {id: g, from: a, to: z, arrivals: {process: fixed, every: 10h}, route: [a, x, z]}
)";
  const auto out = run_text(yaml);
  const auto& rep = out.result.replications[0];
  CHECK(rep.flows[0].transit_h.max() == doctest::Approx(6.0));
  CHECK(rep.flows[1].transit_h.max() == doctest::Approx(8.0));
  const double pairs = static_cast<double>(rep.flows[0].delivered);
  // Queue waits: B 1 h for service, A 1 h (2-3) and B 2 h (3-5) for inspection.
  CHECK(cause_total(rep.nodes[1], wait_cause::queue) == doctest::Approx(4.0 * pairs));
  CHECK(rep.nodes[1].utilization == doctest::Approx(0.6).epsilon(0.01));
}

// Catches: the share ignored (every unit delayed: 10 h) or inverted (7 h); the share drawn per flow instead
// of per unit.
TEST_CASE("a delay stage with share 0.3 adds 0.3 x its mean time on average") {
  const auto out = run_text(R"(name: shared delay
horizon: 5000h
seed: 11
replications: 10
nodes:
  - {id: a}
  - {id: x, stages: [{delay: {time: {dist: exponential, mean: 10h}, share: 0.3}}]}
  - {id: z}
links:
  - {from: a, to: x, mode: road, time: 1h}
  - {from: x, to: z, mode: road, time: 1h}
flows:
  - {id: f, from: a, to: z, arrivals: {process: poisson, rate: 1/h}, route: [a, x, z]}
)");
  const auto per_unit = per_replication(out.result, [](const replication_result& r) {
    return cause_total(r.nodes[1], wait_cause::dwell) / static_cast<double>(r.nodes[1].departures);
  });
  check_mean_matches(per_unit, 0.3 * 10.0, "delay per unit", 1);
}

// An infinite-server delay turns a Poisson stream into a Poisson stream, so the server behind it is still
// M/M/1: Wq = rho / (mu - lambda) = 0.8 / 0.2 = 4 h. Catches: a delay that holds the server (unstable), or a
// delay counted in the server wait (Wq + 2 h).
TEST_CASE("an M/M/1 stage after an exponential delay stage meets M/M/1 theory") {
  const auto out = run_text(R"(name: delay then M/M/1
horizon: 40000h
warmup: 2000h
seed: 21
replications: 20
nodes:
  - {id: a}
  - id: x
    servers: 1
    stages:
      - delay: {time: {dist: exponential, mean: 2h}}
      - service: {dist: exponential, mean: 1h}
  - {id: z}
links:
  - {from: a, to: x, mode: road, time: 1h}
  - {from: x, to: z, mode: road, time: 1h}
flows:
  - {id: f, from: a, to: z, arrivals: {process: poisson, rate: 0.8/h}, route: [a, x, z]}
)");
  const auto waits =
      per_replication(out.result, [](const replication_result& r) { return r.nodes[1].wait_h.mean(); });
  const auto dwell = per_replication(out.result, [](const replication_result& r) {
    return cause_total(r.nodes[1], wait_cause::dwell) / static_cast<double>(r.nodes[1].departures);
  });
  check_mean_matches(waits, 0.8 / (1.0 - 0.8), "Wq behind a delay stage", 2);
  check_mean_matches(dwell, 2.0, "delay per unit", 2);
}
