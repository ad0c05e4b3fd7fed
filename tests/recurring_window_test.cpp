// Recurring windows (`every:` on node and link disruptions) against exact hand-worked cases and the long-run
// closed fraction.
#include <doctest/doctest.h>

#include <string>

#include "freightsim/analysis/capacity_profile.hpp"
#include "run_helpers.hpp"
#include "stat_checks.hpp"

using namespace freightsim;
using namespace freightsim::testing;

namespace {

// Units arrive at 50 h, 217.5 h and 385 h: inside the 1st, 2nd and 3rd repetition of a window from 48 h to
// 54 h every week ([48, 54), [216, 222), [384, 390) h), 4 h, 4.5 h and 5 h before each ends.
const std::string arrivals = R"(
flows:
  - {id: f, from: a, to: b, arrivals: {process: fixed, every: 167.5h, first: 50h}, route: [a, b]}
)";

}  // namespace

// Catches: a window that does not repeat (only the first unit would wait: 4 h); repetitions placed from the
// end of the previous one, or a period counted from 0 h rather than `from` (other waits); the wait counted
// under a cause other than `closed`.
TEST_CASE("every: units arriving inside the 1st, 2nd and 3rd repetition of a link closure wait to its end") {
  const auto out = run_text(R"(name: weekly link closure
horizon: 500h
seed: 1
replications: 2
nodes:
  - {id: a}
  - {id: b}
links:
  - {from: a, to: b, mode: rail, time: 5h, disruptions: [{from: 2d, to: 54h, every: 7d}]}
)" + arrivals);
  for (const auto& r : out.result.replications) {
    CHECK(r.flows[0].delivered == 3);
    CHECK(cause_total(r.nodes[0], wait_cause::closed) == doctest::Approx(4.0 + 4.5 + 5.0));
    CHECK(cause_total(r.nodes[0], wait_cause::queue) == 0.0);
    CHECK(r.flows[0].transit_h.max() == doctest::Approx(5.0 + 5.0));
  }
}

// The same windows closing a node's only server: service (1 h) starts when the window ends.
TEST_CASE("every: a node closed every week serves a unit arriving inside the 3rd window when it ends") {
  const auto out = run_text(R"(name: weekly node closure
horizon: 500h
seed: 1
replications: 2
nodes:
  - {id: a, servers: 1, service: 1h, disruptions: [{from: 2d, to: 54h, every: 7d, servers: 0}]}
  - {id: b}
links:
  - {from: a, to: b, mode: rail, time: 5h}
)" + arrivals);
  for (const auto& r : out.result.replications) {
    CHECK(r.flows[0].delivered == 3);
    CHECK(cause_total(r.nodes[0], wait_cause::closed) == doctest::Approx(4.0 + 4.5 + 5.0));
    CHECK(r.nodes[0].wait_h.max() == doctest::Approx(5.0));
    CHECK(r.flows[0].transit_h.max() == doctest::Approx(5.0 + 1.0 + 5.0));
  }
}

// Poisson units meet a link closed d = 6 h every T = 168 h: a unit arriving inside a window (probability
// d / T) waits its remaining time, uniform on [0, d], so the mean closed wait is d^2 / (2 T) = 0.107 h, and
// the link is closed d / T of the time. Catches: windows not repeating (the mean would fall toward 0 over a
// long run), overlapping or drifting repetitions (a different fraction).
TEST_CASE("every: over a long run, Poisson units wait d^2 / (2T) for a window of d hours every T") {
  const auto out = run_text(R"(name: weekly closure, long run
horizon: 20160h
warmup: 168h
seed: 11
replications: 20
nodes:
  - {id: a}
  - {id: b}
links:
  - {from: a, to: b, mode: rail, time: 5h, disruptions: [{from: 30h, to: 36h, every: 1w}]}
flows:
  - {id: f, from: a, to: b, arrivals: {process: poisson, rate: 3/h}, route: [a, b]}
)");
  check_mean_matches(per_replication(out.result,
                                     [](const auto& r) {
                                       return cause_total(r.nodes[0], wait_cause::closed) /
                                              static_cast<double>(r.nodes[0].departures);
                                     }),
                     6.0 * 6.0 / (2.0 * 168.0), "mean closed wait", 1);
}

// The analytic layer's servers over the run: a node of 3 servers with 1 left for 6 h of every 24 h (from
// 4 h), over 30 days: 3 - 2 x 6 / 24 = 2.5 on average, and the capacity changes at every window edge.
// Catches: the analytic profile seeing only the first window (about 2.98).
TEST_CASE("every: the analytic capacity profile repeats the window") {
  node_spec n;
  n.servers = 3;
  n.service = distribution{dist::constant{1.0}};
  n.disruptions.push_back({from_hours(4), from_hours(10), 1, from_hours(24)});
  const capacity_profile p(n, 30 * 24.0, 0.0);
  CHECK(p.mean_servers() == doctest::Approx(2.5));
  for (const double h : {0.0, 3.9, 10.0, 27.9, 24.0 * 29 + 11})
    CHECK(n.disruptions[0].holds_at(from_hours(h)) == false);
  for (const double h : {4.0, 9.9, 28.0, 24.0 * 29 + 4})
    CHECK(n.disruptions[0].holds_at(from_hours(h)) == true);
  CHECK(n.disruptions[0].next_edge_after(from_hours(11)) == from_hours(28));
  CHECK(n.disruptions[0].next_edge_after(from_hours(28)) == from_hours(34));
}
