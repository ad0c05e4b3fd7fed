// Exact cases worked by hand with deterministic times: warm-up, consolidation with max_wait, partial closures
// and blocking. Each names the wrong implementation it catches.
#include <doctest/doctest.h>

#include <map>

#include "freightsim/model/simulation.hpp"
#include "run_helpers.hpp"

using namespace freightsim;
using namespace freightsim::testing;

namespace {

double cause_total(const node_result& n, wait_cause c) {
  return n.wait_by_cause_h[static_cast<std::size_t>(c)];
}

double wait_total(const node_result& n) {
  return n.wait_h.mean() * static_cast<double>(n.wait_h.count());
}

std::vector<trace_record> trace_of(const scenario& s) {
  std::vector<trace_record> records;
  const trace_sink sink = [&](const trace_record& r) { records.push_back(r); };
  simulate(s.model, {s.warmup, s.horizon}, s.seed, 0, &sink);
  return records;
}

}  // namespace

// Catches: the warm-up ignored (12 waits, utilization 6/8); the warm-up applied by arrival time instead of by
// the time a wait or transit ends (7 waits and 7 transits); time averages not restarted at the warm-up.
TEST_CASE("warm-up discards observations that end before it, exactly") {
  const auto out = run_text(R"(name: warm-up
horizon: 12h
warmup: 5h
seed: 1
replications: 2
nodes:
  - id: post
    servers: 1
    service: 30min
    fee_usd: 10
    disruptions: [{from: 3h, to: 7h, servers: 0}]
flows:
  - {id: f, from: post, to: post, arrivals: {process: fixed, every: 1h, first: 15min}, route: [post]}
)");
  // Arrivals at 0.25, 1.25, ..., 11.25 h. The first three are served at once (by 2.75 h). Those arriving at
  // 3.25, 4.25, 5.25 and 6.25 h wait for the reopening at 7 h; the backlog clears one every 30 min: services
  // start at 7, 7.5, ..., 10.5 h (waits 3.75, 3.25, ..., 0.25 h), then 11.25 h (no wait). The 9 services
  // started after 5 h waited 16 h, of which 3.75 + 2.75 + 1.75 + 0.75 = 9 h closed; they end (are delivered)
  // at 7.5, 8, ..., 11, 11.75 h.
  for (const auto& r : out.result.replications) {
    const node_result& n = r.nodes[0];
    CHECK(n.wait_h.count() == 9);
    CHECK(wait_total(n) == doctest::Approx(16.0));
    CHECK(n.wait_h.max() == doctest::Approx(3.75));
    CHECK(cause_total(n, wait_cause::closed) == doctest::Approx(9.0));
    CHECK(cause_total(n, wait_cause::queue) == doctest::Approx(7.0));
    CHECK(n.departures == 9);
    CHECK(n.throughput_per_day == doctest::Approx(9.0 / (7.0 / 24.0)));
    // In [5, 12] h: open 5 h (from 7 h), busy 7-11 h and 11.25-11.75 h.
    CHECK(n.utilization == doctest::Approx(4.5 / 5.0));
    // Queue area in [5, 12] h: each unit's waiting time inside the window, 2 + 2.5 + 2.75 + 2.25 + 1.75
    // + 1.25
    // + 0.75 + 0.25 h; 2 units wait at 5 h, at most 4 (from 6.25 to 7 h).
    CHECK(n.queue_mean == doctest::Approx(13.5 / 7.0));
    CHECK(n.queue_max == 4);
    const flow_result& f = r.flows[0];
    CHECK(f.delivered == 9);
    CHECK(f.transit_h.count() == 9);
    CHECK(f.transit_h.mean() == doctest::Approx((16.0 + 9 * 0.5) / 9));
    CHECK(f.cost_usd.count() == 9);
    CHECK(f.cost_usd.mean() == doctest::Approx(10.0));
    CHECK(f.created == 12);
    CHECK(r.created == 12);
    CHECK(r.delivered_total == 12);
  }
}

// Catches: no batching (units travel alone, waiting 0); max_wait ignored (no train of 50 ever leaves);
// max_wait timed from the latest arrival instead of the first (never reached with 1 h gaps); a partial batch
// left behind at the timeout.
TEST_CASE("max_wait sends partial batches: 3 units a train, waits 2.5, 1.5 and 0.5 h") {
  const std::string text = R"(name: batch
horizon: 30h
seed: 1
replications: 2
nodes:
  - {id: a}
  - {id: b}
links:
  - {from: a, to: b, mode: rail, time: 10h, batch: {size: 50, max_wait: 2.5h}}
flows:
  - {id: f, from: a, to: b, arrivals: {process: fixed, every: 1h, first: 30min}, route: [a, b]}
)";
  // Arrivals at 0.5, 1.5, ... h; the first of each group has waited 2.5 h at 3, 6, ..., 30 h, when it leaves
  // with the two that came after it. Trains arriving by 30 h (those leaving 3 ... 18 h) delivered 18 units.
  std::map<sim_time, int> per_departure;
  for (const auto& r : trace_of(parse_scenario(text, "batch.yaml", ".")))
    if (r.kind == trace_kind::link_departure) ++per_departure[r.time];
  REQUIRE(per_departure.size() == 10);
  int k = 1;
  for (const auto& [time, count] : per_departure) {
    CHECK(time == from_hours(3.0 * k++));
    CHECK(count == 3);
  }
  const auto out = run_text(text);
  for (const auto& r : out.result.replications) {
    CHECK(cause_total(r.nodes[0], wait_cause::train_forming) == doctest::Approx(10 * (2.5 + 1.5 + 0.5)));
    CHECK(r.nodes[0].departures == 30);
    CHECK(r.flows[0].delivered == 18);
    CHECK(r.flows[0].transit_h.mean() == doctest::Approx(1.5 + 10.0));
    CHECK(r.flows[0].transit_h.max() == doctest::Approx(2.5 + 10.0));
  }
  CHECK(out.sum.nodes[0].wait_by_cause_h[static_cast<std::size_t>(wait_cause::train_forming)].mean ==
        doctest::Approx(1.5));
}
