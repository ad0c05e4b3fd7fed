// Exact cases worked by hand with deterministic times: warm-up, consolidation with max_wait, partial closures
// and blocking. Each names the wrong implementation it catches.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <string>

#include "freightsim/model/simulation.hpp"
#include "run_helpers.hpp"

using namespace freightsim;
using namespace freightsim::testing;

namespace {

double wait_total(const node_result& n) {
  return n.wait_h.mean() * static_cast<double>(n.wait_h.count());
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
  - {id: exit}
links:
  - {from: post, to: exit, mode: road, time: 0h}
flows:
  - {id: f, from: post, to: exit, arrivals: {process: fixed, every: 1h, first: 15min}, route: [post, exit]}
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
  // The summary's throughput is the replications' per day, not their departures (9).
  CHECK(out.sum.nodes[0].throughput_per_day.mean == doctest::Approx(9.0 / (7.0 / 24.0)));
  CHECK(out.sum.nodes[0].throughput_per_day.ci95 == 0.0);
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
  // The link's figures in the summary: 30 units on 10 trains in 30 h, each unit 10 h on the way. Catches the
  // travel time averaged over trains (30 h) instead of over units, and units counted as trains.
  const link_summary& l = out.sum.links.at(0);
  CHECK(l.travel_h.mean == doctest::Approx(10.0));
  CHECK(l.units_per_day.mean == doctest::Approx(30.0 / (30.0 / 24.0)));
  CHECK(l.vehicles_per_day.mean == doctest::Approx(10.0 / (30.0 / 24.0)));
}

namespace {

// Service start times at node 0 in the first replication.
std::vector<double> service_starts(const std::string& text) {
  std::vector<double> starts;
  for (const auto& r : trace_of(parse_scenario(text, "starts.yaml", ".")))
    if (r.kind == trace_kind::service_start) starts.push_back(to_hours(r.time));
  return starts;
}

}  // namespace

// Catches: a partial disruption ignored (u1 would start at 1.25 h) or treated as a closure (nothing would
// start in [1, 5) h); running services cut when servers drop; utilization over the servers of the spec.
TEST_CASE("a disruption dropping 2 servers to 1: exact starts, waits and utilization") {
  const std::string text = R"(name: partial
horizon: 6h
seed: 1
replications: 2
nodes:
  - id: post
    servers: 2
    service: 1.75h
    disruptions: [{from: 1h, to: 5h, servers: 1}]
  - {id: exit}
links:
  - {from: post, to: exit, mode: road, time: 0h}
flows:
  - {id: f, from: post, to: exit, arrivals: {process: fixed, every: 1h, first: 15min}, route: [post, exit]}
)";
  // Arrivals at 0.25 + k h. One server in [1, 5) h: u0 0.25-2, u1 2-3.75, u2 3.75-5.5; at 5 h the second
  // server takes u3, and u4 starts when u2 ends at 5.5 h. Waits 0, 0.75, 1.5, 1.75, 1.25 h; none closed.
  const std::vector<double> starts = service_starts(text);
  REQUIRE(starts.size() == 5);
  const double expected[] = {0.25, 2.0, 3.75, 5.0, 5.5};
  for (std::size_t i = 0; i < 5; ++i)
    CHECK(starts[i] == doctest::Approx(expected[i]));
  for (const auto& r : run_text(text).result.replications) {
    const node_result& n = r.nodes[0];
    CHECK(n.wait_h.count() == 5);
    CHECK(wait_total(n) == doctest::Approx(5.25));
    CHECK(cause_total(n, wait_cause::closed) == 0.0);
    CHECK(n.queue_max == 2);
    // Server-hours open: 2 in [0, 1), 1 in [1, 5), 2 in [5, 6]; busy 1.75 + 1.75 + 1.75 + 1 + 0.5 h.
    CHECK(n.utilization == doctest::Approx(6.75 / 8.0));
  }
}

// Catches: overlapping shifts adding up beyond the node's servers (4 would serve from 06:00 to 12:00); shifts
// not adding up (fewer than 2 when only each alone gives 1).
TEST_CASE("overlapping shifts add up, capped at the node's servers") {
  const std::string text = R"(name: shifts
horizon: 24h
seed: 1
replications: 1
nodes:
  - id: yard
    servers: 2
    service: 1h
    shifts: [{days: daily, from: "00:00", to: "12:00", servers: 1}, {days: daily, from: "04:00", to: "18:00", servers: 2}]
  - {id: exit}
links:
  - {from: yard, to: exit, mode: road, time: 0h}
flows:
  - {id: f, from: yard, to: exit, arrivals: {process: fixed, every: 10min, first: 5min}, route: [yard, exit]}
)";
  // Demand (6/h) exceeds service throughout: 1 server in [0, 4) h, 1 + 2 capped at 2 in [4, 12) h, 2 in
  // [12, 18) h, none after.
  std::map<int, int> busy_at;  // services running during each 10-minute slot, by slot
  int after_closing = 0;
  const auto starts = service_starts(text);
  for (const double t : starts) {
    if (t >= 18.0 && t < 24.0) ++after_closing;
    for (int slot = static_cast<int>(std::lround(t * 6)); slot < std::lround(t * 6) + 6; ++slot)
      ++busy_at[slot];
  }
  int max_before_4 = 0, max_4_to_12 = 0;
  for (const auto& [slot, busy] : busy_at) {
    if (slot < 4 * 6) max_before_4 = std::max(max_before_4, busy);
    if (slot >= 5 * 6 && slot < 12 * 6) max_4_to_12 = std::max(max_4_to_12, busy);
  }
  CHECK(max_before_4 == 1);
  CHECK(max_4_to_12 == 2);
  CHECK(after_closing == 0);
  // 4 starts before 4 h (0:05, 1:05, 2:05, 3:05), then 2 servers busy without a break from 4:00 and 4:05
  // until closing, and one at 24 h when Tuesday's first shift opens (events at the horizon happen).
  CHECK(starts.size() == 4 + 2 * 14 + 1);
}

// Catches: a service cut at the end of a shift (delivered at 10 h), a service started while closed, a
// service finishing after closing pushing utilization above 1.
TEST_CASE("a service running past the end of its shift finishes, nothing starts while closed") {
  const auto out = run_text(R"(name: overrun
horizon: 14h
seed: 1
replications: 2
nodes:
  - id: post
    servers: 1
    service: 3h
    shifts: [{days: daily, from: "08:00", to: "10:00", servers: 1}]
  - {id: exit}
links:
  - {from: post, to: exit, mode: road, time: 0h}
flows:
  - {id: f, from: post, to: exit, arrivals: {process: fixed, every: 1h, first: 30min}, route: [post, exit]}
)");
  // u0 (0.5 h) starts at 08:00 and finishes at 11:00, after the 10:00 close; u1 ... u13 wait for tomorrow.
  for (const auto& r : out.result.replications) {
    CHECK(r.flows[0].delivered == 1);
    CHECK(r.flows[0].transit_h.mean() == doctest::Approx(10.5));
    CHECK(r.nodes[0].wait_h.count() == 1);
    CHECK(cause_total(r.nodes[0], wait_cause::closed) == doctest::Approx(7.5));
    CHECK(r.in_network_by_node[0].waiting == 13);
    CHECK(r.in_network_by_node[0].in_service == 0);
    // Available server-time counts the overrun while it runs: busy 3 h of 2 h open + 1 h overrun.
    CHECK(r.nodes[0].utilization == doctest::Approx(1.0));
  }
}

// Catches: a schedule's offset ignored (sailings at 0, 6, 12, 18 h) or added twice; units that missed a
// sailing not carried by the next.
TEST_CASE("a schedule's offset: sailings at offset + k headway, exact loads and waits") {
  const std::string text = R"(name: offset
horizon: 20h
seed: 1
replications: 2
nodes:
  - {id: a}
  - {id: b}
links:
  - {from: a, to: b, mode: ferry, time: 30h, schedule: {headway: 6h, offset: 2h}}
flows:
  - {id: f, from: a, to: b, arrivals: {process: fixed, every: 1h, first: 30min}, route: [a, b]}
)";
  // Sailings at 2, 8, 14 and 20 h (events at the horizon happen): 2 units (arrived 0.5, 1.5 h: waits 1.5 +
  // 0.5 h), then 6 a sailing (waits 5.5 + 4.5 + ... + 0.5 = 18 h).
  std::map<sim_time, int> per_sailing;
  for (const auto& r : trace_of(parse_scenario(text, "offset.yaml", ".")))
    if (r.kind == trace_kind::link_departure) ++per_sailing[r.time];
  const std::map<sim_time, int> expected{
      {from_hours(2), 2}, {from_hours(8), 6}, {from_hours(14), 6}, {from_hours(20), 6}};
  CHECK(per_sailing == expected);
  for (const auto& r : run_text(text).result.replications)
    CHECK(cause_total(r.nodes[0], wait_cause::sailing) == doctest::Approx(2.0 + 3 * 18.0));
}

// Catches: waits by cause divided by the units that left the node's servers in the window while counting the
// waits that ended in it (a long link closure that ends after the warm-up: 30 h over 3 units, 10 h a
// unit, more than the longest wait of 7.25 h); the link-closure time left out of the node's causes; service
// counted as a wait.
TEST_CASE("waits by cause count whole stays at the node, after a link closure that outlasts the warm-up") {
  const auto out = run_text(R"(name: closure after warm-up
horizon: 12h
warmup: 534min
seed: 1
replications: 1
nodes:
  - {id: post, servers: 1, service: 30min}
  - {id: exit}
links:
  - {from: post, to: exit, mode: road, time: 0h, disruptions: [{from: 1h, to: 9h}]}
flows:
  - {id: f, from: post, to: exit, arrivals: {process: fixed, every: 1h, first: 15min}, route: [post, exit]}
)");
  // Arrivals at 0.25, 1.25, ..., 11.25 h, each served at once for 30 min. The unit done at 0.75 h leaves
  // before the closure. The 8 done at 1.75, ..., 8.75 h wait for the link at the post until 9 h: 7.25 +
  // 6.25 + ... + 0.25 = 30 h, closed. Those done at 9.75, 10.75 and 11.75 h leave at once. After the warm-up
  // (8.9 h) 11 stays at the post end (8 at 9 h, 3 later), so closed is 30/11 h a stay; queue is 0 and no
  // service counts.
  const node_result& post = out.result.replications[0].nodes[0];
  CHECK(post.stays == 11);
  CHECK(cause_total(post, wait_cause::closed) == doctest::Approx(30.0));
  CHECK(cause_total(post, wait_cause::queue) == 0.0);
  const node_summary& n = out.sum.nodes[0];
  CHECK(n.wait_by_cause_h[static_cast<std::size_t>(wait_cause::closed)].mean == doctest::Approx(30.0 / 11.0));
  CHECK(n.wait_h.estimate.mean == 0.0);  // no unit waited for the server
  // One measure, one figure: the flow's where-the-days-go at the post is the same 30 h over its 11 units.
  const flow_result& f = out.result.replications[0].flows[0];
  CHECK(f.delivered == 11);
  CHECK(f.node_h.at(0)[static_cast<std::size_t>(wait_cause::closed)] == doctest::Approx(30.0));
}

// Catches: units on the approach road to a full origin not counted anywhere (queue_length is capped at the
// 2 waiting places while 3 trucks wait behind them); the whole waiting count kept as the sum of two averages
// taken over different spans.
TEST_CASE("the approach queue to a full origin is counted, and all units waiting for the node") {
  const auto out = run_text(R"(name: approach road
horizon: 115min
seed: 1
replications: 1
nodes:
  - {id: gate, servers: 1, service: 50min, capacity: 2}
  - {id: exit}
links:
  - {from: gate, to: exit, mode: road, time: 0h}
flows:
  - {id: f, from: gate, to: exit, arrivals: {process: fixed, every: 15min, first: 0min}, route: [gate, exit]}
)");
  // Arrivals every 15 min from 0; services 0-50, 50-100, 100-150 min. In minutes: the queue holds 1 over
  // 15-30 and 2 from 30 to 115 (a place freed at 50 and 100 is taken at once from the approach): 185
  // unit-minutes. The approach holds 1 over 45-50, 1 over 60-75, 2 over 75-90, 3 over 90-100, 2 over
  // 100-105 and 3 over 105-115: 120 unit-minutes; 305 in all, over 115 minutes.
  const node_result& gate = out.result.replications[0].nodes[0];
  CHECK(gate.queue_mean == doctest::Approx(185.0 / 115.0));
  CHECK(gate.queue_max == 2.0);
  CHECK(gate.approach_mean == doctest::Approx(120.0 / 115.0));
  CHECK(gate.approach_max == 3.0);
  CHECK(gate.waiting_total_mean == doctest::Approx(305.0 / 115.0));
  CHECK(gate.waiting_total_max == 5.0);
  const node_summary& n = out.sum.nodes[0];
  CHECK(n.approach_queue.mean == doctest::Approx(120.0 / 115.0));
  CHECK(n.waiting_total_max == 5.0);
}

namespace {

// The quantile sketch's guarantee (quantile_sketch.hpp): within 0.5% of the exact order statistic.
bool within_sketch(double got, double exact) {
  return std::abs(got - exact) <= 0.005 * exact + 1e-12;
}

}  // namespace

// P50 and P95 paths worked by hand. Units are created every hour from 0 h; the gate serves each for 30 min
// (no queue), the road to the terminal takes 2 h, the terminal serves for 1.5 h on one crane, the last road 1
// h. Unit i reaches the terminal at i + 2.5 h; the crane is free at 4 + 1.5 (i - 1) h, so unit i leaves it at
// 4 + 1.5 i h, that is 4 + 0.5 i h after its creation, and is delivered 5 + 0.5 i h after it (at 5 + 1.5 i
// h). In the window (10 h, 50 h] units 4 ... 30 are delivered: 27 units per replication. The q-quantile is
// the order statistic of rank floor(q (n - 1)) of the n values pooled over the replications (each replication
// holds the same 27). One replication: ranks 13 and 24, units 17 and 28. Two: n = 54, ranks 26 and 50 of the
// values sorted in pairs, units 17 and 29. Neighbouring units differ by 0.5 h (4%), so a rank off by one
// fails the 0.5% tolerance. Catches: times measured from the arrival at the node (terminal 1.5 + ... h) or
// from the warm-up instead of from creation; service start taken as leaving (1.5 h less at the terminal);
// units delivered before the warm-up counted (31 units: P50 is unit 15's); quantiles interpolated between
// order statistics (one replication: P95 18.35 h at the terminal) or taken at rank floor(q n) (one
// replication: unit 29's); each replication's quantile averaged instead of the pooled one (two replications:
// unit 28's at P95); stops out of the route's order.
TEST_CASE("quantile paths: P50 and P95 leaving times at each stop, by hand") {
  for (const int replications : {1, 2}) {
    const auto out = run_text(R"(name: quantile paths
horizon: 50h
warmup: 10h
seed: 1
replications: )" + std::to_string(replications) +
                              R"(
nodes:
  - {id: gate, servers: 1, service: 30min}
  - {id: terminal, servers: 1, service: 90min}
  - {id: depot}
links:
  - {from: gate, to: terminal, mode: road, time: 2h}
  - {from: terminal, to: depot, mode: road, time: 1h}
flows:
  - {id: f, from: gate, to: depot, arrivals: {process: fixed, every: 1h, first: 0h}, route: [gate, terminal, depot]}
)");
    const flow_summary& f = out.sum.flows.at(0);
    CHECK(f.delivered.mean == 27);
    REQUIRE(f.quantile_path.size() == 3);
    const double p95_unit = replications == 1 ? 28 : 29;
    struct stop {
      const char* node;
      double p50, p95;
    };
    const stop expected[] = {{"gate", 0.5, 0.5},
                             {"terminal", 4 + 0.5 * 17, 4 + 0.5 * p95_unit},
                             {"depot", 5 + 0.5 * 17, 5 + 0.5 * p95_unit}};
    for (std::size_t k = 0; k < 3; ++k) {
      const auto& q = f.quantile_path[k];
      INFO(replications << " replication(s), stop " << k << " " << q.node << ": P50 " << q.p50 << ", P95 "
                        << q.p95);
      CHECK(q.node == expected[k].node);
      CHECK(within_sketch(q.p50, expected[k].p50));
      CHECK(within_sketch(q.p95, expected[k].p95));
    }
    // The destination's entry is the transit time's own P50 and P95.
    CHECK(f.transit_h.p50 == f.quantile_path[2].p50);
    CHECK(f.transit_h.p95 == f.quantile_path[2].p95);
  }
}
