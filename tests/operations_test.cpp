// Freight operations against theory and exact hand calculations: consolidation, sailings, priorities,
// closures, opening hours, blocking, rerouting, costs and mode changes.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>

#include "freightsim/model/simulation.hpp"
#include "run_helpers.hpp"
#include "stat_checks.hpp"

using namespace freightsim;
using namespace freightsim::testing;

namespace {

// Mean hours per stay at `node` for one cause, per replication.
std::vector<double> cause_per_unit(const run_output& out, std::size_t node, wait_cause cause) {
  return per_replication(out.result, [&](const auto& r) {
    return r.nodes[node].wait_by_cause_h[static_cast<std::size_t>(cause)] /
           static_cast<double>(r.nodes[node].stays);
  });
}

// Mean hours per unit for one cause, from the summary.
double cause(const node_summary& n, wait_cause c) {
  return n.wait_by_cause_h[static_cast<std::size_t>(c)].mean;
}

const std::string two_junctions = R"(
nodes:
  - {id: a}
  - {id: b}
flows:
  - {id: f, from: a, to: b, arrivals: {process: poisson, rate: 2/h}, route: [a, b]}
)";

}  // namespace

TEST_CASE("batch formation under Poisson arrivals waits (N - 1) / (2 lambda) on average") {
  const auto out =
      run_text("name: batch\nhorizon: 20000h\nwarmup: 200h\nseed: 3\nreplications: 20\n" + two_junctions +
               "links:\n  - {from: a, to: b, mode: rail, time: 10h, batch: {size: 9}}\n");
  // Units 1..N of a batch wait for N - 1, ..., 0 further arrivals of mean gap 1 / lambda.
  check_mean_matches(cause_per_unit(out, 0, wait_cause::train_forming), (9.0 - 1.0) / (2.0 * 2.0),
                     "batch wait", 1);
}

TEST_CASE("scheduled departures with ample capacity: mean wait is headway / 2") {
  const auto out = run_text(
      "name: sailings\nhorizon: 20000h\nwarmup: 200h\nseed: 5\nreplications: 20\n" + two_junctions +
      "links:\n  - {from: a, to: b, mode: ferry, time: 30h, schedule: {headway: 3d, offset: 12h}}\n");
  check_mean_matches(cause_per_unit(out, 0, wait_cause::sailing), 36.0, "sailing wait", 1);
}

TEST_CASE("scheduled departures with binding capacity: never above capacity, first come first served") {
  const auto s =
      parse_scenario("name: sailings\nhorizon: 2000h\nseed: 5\nreplications: 1\n" + two_junctions +
                         "links:\n  - {from: a, to: b, mode: ferry, time: 30h, schedule: {headway: 6h, "
                         "capacity: 13}}\n",
                     "sailings.yaml", ".");
  std::map<std::uint32_t, sim_time> created;  // by shipment slot, reused after delivery
  std::map<sim_time, int> per_sailing;
  sim_time last_created{-1};
  bool fifo = true;
  for (const auto& r : trace_of(s)) {
    if (r.kind == trace_kind::created) created[r.shipment] = r.time;
    if (r.kind != trace_kind::link_departure) continue;
    ++per_sailing[r.time];
    fifo = fifo && created[r.shipment] >= last_created;
    last_created = created[r.shipment];
  }
  CHECK(fifo);
  int full = 0;
  for (const auto& [time, count] : per_sailing) {
    CHECK(count <= 13);
    CHECK(time.count() % from_hours(6).count() == 0);
    full += count == 13;
  }
  CHECK(full > 10);  // the capacity did bind (12 units arrive per headway on average)
}

TEST_CASE("non-preemptive priority M/M/1: class waits W0/(1-rho1) and W0/((1-rho1)(1-rho))") {
  const auto out = run_text(R"(name: priority
horizon: 42000h
warmup: 2000h
seed: 13
replications: 30
nodes:
  - {id: gate, servers: 1, service: {dist: exponential, mean: 1h}}
  - {id: exit}
links:
  - {from: gate, to: exit, mode: road, time: 0h}
flows:
  - {id: green, from: gate, to: exit, priority: 1, arrivals: {process: poisson, rate: 0.3/h}, route: [gate, exit]}
  - {id: normal, from: gate, to: exit, arrivals: {process: poisson, rate: 0.5/h}, route: [gate, exit]}
)");
  const double rho1 = 0.3, rho = 0.8;
  const double w0 = (0.3 + 0.5) * 2.0 / 2.0;  // sum lambda_i E[S^2] / 2 with E[S^2] = 2 for Exp(1)
  const auto transit = [&](std::size_t f) {
    return per_replication(out.result, [f](const auto& r) { return r.flows[f].transit_h.mean(); });
  };
  check_mean_matches(transit(0), w0 / (1 - rho1) + 1.0, "high class sojourn", 2);
  check_mean_matches(transit(1), w0 / ((1 - rho1) * (1 - rho)) + 1.0, "low class sojourn", 2);
}

TEST_CASE("a deterministic closure gives exact counts and delays") {
  const auto out = run_text(R"(name: closure
horizon: 24h
seed: 1
replications: 2
nodes:
  - id: post
    servers: 1
    service: 30min
    disruptions: [{from: 10h, to: 13h, servers: 0}]
  - {id: exit}
links:
  - {from: post, to: exit, mode: road, time: 0h}
flows:
  - {id: f, from: post, to: exit, arrivals: {process: fixed, every: 1h, first: 30min}, route: [post, exit]}
)");
  // Arrivals at 0.5, 1.5, ..., 23.5 h. Those at 10.5, 11.5 and 12.5 wait for the reopening at 13 h; the
  // backlog then clears one every 30 min: waits 2.5, 2.0, 1.5, 1.0, 0.5 h, of which 2.5 + 1.5 + 0.5 h while
  // closed.
  const auto& n = out.sum.nodes[0];
  CHECK(out.sum.flows[0].delivered.mean == 24);
  CHECK(n.wait_h.estimate.mean == doctest::Approx(7.5 / 24));
  CHECK(n.wait_h.max == doctest::Approx(2.5));
  CHECK(n.queue_max == 3);
  CHECK(cause(n, wait_cause::closed) == doctest::Approx(4.5 / 24));
  CHECK(cause(n, wait_cause::queue) == doctest::Approx(3.0 / 24));
  CHECK(out.sum.flows[0].transit_h.estimate.mean == doctest::Approx((24 * 0.5 + 7.5) / 24));
  CHECK(*out.sum.flows[0].transit_h.estimate.ci95 == 0.0);
  // Busy 12 h out of 21 h open.
  CHECK(n.utilization.mean == doctest::Approx(12.0 / 21.0));
}

TEST_CASE("opening hours: no service starts while closed, exact waits") {
  const auto out = run_text(R"(name: hours
horizon: 24h
seed: 1
replications: 2
nodes:
  - id: post
    servers: 1
    service: 30min
    shifts: [{days: daily, from: "08:00", to: "16:00", servers: 1}]
  - {id: exit}
links:
  - {from: post, to: exit, mode: road, time: 0h}
flows:
  - {id: f, from: post, to: exit, arrivals: {process: fixed, every: 1h, first: 30min}, route: [post, exit]}
)");
  // Units k = 0..15 (arriving k + 0.5 h) start at 8 + 0.5 k h: waits 7.5 - 0.5 k, total 60 h, of which
  // sum over k < 8 of (7.5 - k) = 32 h before the 08:00 opening. The 8 arrivals after 16:00 wait for Tuesday.
  const auto& n = out.sum.nodes[0];
  CHECK(out.sum.flows[0].delivered.mean == 16);
  CHECK(out.sum.in_network == 2 * 8);
  CHECK(n.wait_h.estimate.mean == doctest::Approx(60.0 / 16));
  CHECK(cause(n, wait_cause::closed) == doctest::Approx(32.0 / 16));
  CHECK(cause(n, wait_cause::queue) == doctest::Approx(28.0 / 16));
  CHECK(n.utilization.mean == doctest::Approx(1.0));
}

TEST_CASE("weekly calendars: days, overnight shifts and UTC offsets") {
  const auto h = [](double x) { return from_hours(x); };
  std::array<bool, 7> weekdays{true, true, true, true, true, false, false};
  const weekly_calendar c({{weekdays, h(8), h(20), 4}, {weekdays, h(12), h(14), 2}}, h(3));
  CHECK(c.servers_at(h(4.5)) == 0);         // Monday 07:30 local
  CHECK(c.servers_at(h(5)) == 4);           // Monday 08:00 local
  CHECK(c.servers_at(h(9.5)) == 6);         // Monday 12:30 local: the shifts add
  CHECK(c.servers_at(h(17)) == 0);          // Monday 20:00 local
  CHECK(c.servers_at(h(5 * 24 + 6)) == 0);  // Saturday
  CHECK(c.next_change_after(h(0)) == h(5));
  CHECK(c.next_change_after(h(4 * 24 + 17)) == h(7 * 24 + 5));  // Friday 20:00 local -> Monday 08:00
  std::array<bool, 7> sunday{false, false, false, false, false, false, true};
  const weekly_calendar night({{sunday, h(22), h(6), 1}}, h(0));
  CHECK(night.servers_at(h(6 * 24 + 23)) == 1);  // Sunday 23:00
  CHECK(night.servers_at(h(1)) == 1);            // Monday 01:00: the Sunday shift wraps the week
  CHECK(night.servers_at(h(7)) == 0);
}

TEST_CASE("blocking tandem: nothing lost, areas never overfilled, throughput within the bottleneck") {
  const auto out = run_text(R"(name: blocking
horizon: 3000h
warmup: 100h
seed: 17
replications: 5
nodes:
  - {id: a, servers: 1, capacity: 3, service: {dist: exponential, mean: 0.5h}}
  - {id: b, servers: 1, capacity: 2, service: 1h}
  - {id: c, servers: 1, service: {dist: exponential, mean: 0.2h}}
links:
  - {from: a, to: b, mode: road, time: 15min}
  - {from: b, to: c, mode: road, time: 15min}
flows:
  - {id: f, from: a, to: c, arrivals: {process: poisson, rate: 1.5/h}, route: shortest}
)");
  const auto& s = out.sum;
  CHECK(s.created == s.delivered + s.in_network);
  CHECK(s.nodes[0].queue_max <= 3);
  CHECK(s.nodes[1].queue_max <= 2);
  // b serves one unit per hour at most: 24 a day, plus one unit in service at the window's start.
  for (const auto& r : out.result.replications)
    CHECK(r.nodes[1].throughput_per_day <= 24.0 + 1.0 / (2900.0 / 24));
  CHECK(cause(s.nodes[0], wait_cause::blocked) > 0.1);
  CHECK(s.in_network >
        1000);  // demand exceeds the bottleneck: the approach queue at a grows, nothing is lost
}

TEST_CASE("rerouting avoids a closed link while an alternative exists") {
  const std::string base = R"(name: reroute
horizon: 300h
seed: 2
replications: 1
nodes:
  - {id: a}
  - {id: b, servers: 2, service: 1h}
  - {id: c, servers: 2, service: 1h}
  - {id: d}
links:
  - {from: a, to: b, mode: rail, time: 5h, disruptions: [{from: 100h, to: 150h}]}
  - {from: a, to: c, mode: rail, time: 8h}
  - {from: b, to: d, mode: rail, time: 5h}
  - {from: c, to: d, mode: rail, time: 5h}
flows:
  - {id: f, from: a, to: d, arrivals: {process: fixed, every: 2h}, route: shortest, reroute: )";
  for (const bool reroute : {true, false}) {
    INFO("reroute " << reroute);
    const auto s = parse_scenario(base + (reroute ? "true}\n" : "false}\n"), "reroute.yaml", ".");
    int via_c = 0, via_b_in_window = 0;
    for (const auto& r : trace_of(s)) {
      if (r.kind != trace_kind::link_departure) continue;
      const bool in_window = r.time >= from_hours(100) && r.time < from_hours(150);
      if (r.where == 1) {
        ++via_c;
        CHECK(in_window);
      }
      if (r.where == 0 && in_window) ++via_b_in_window;
    }
    CHECK(via_b_in_window == 0);
    CHECK(via_c == (reroute ? 25 : 0));  // departures at 100, 102, ..., 148 h
  }
}

TEST_CASE("costs add up per unit, cheapest routes trade money against time") {
  const std::string network = R"(
nodes:
  - {id: a, fee_usd: 20}
  - {id: fast, servers: 5, service: 1h, fee_usd: 300}
  - {id: slow, servers: 5, service: 1h, fee_usd: 10}
  - {id: z, fee_usd: 20}
links:
  - {from: a, to: fast, mode: road, distance_km: 100, speed_kmh: 50, cost_per_km: 0.5}
  - {from: a, to: slow, mode: sea, time: 50h, cost_usd: 40}
  - {from: fast, to: z, mode: road, distance_km: 100, speed_kmh: 50, cost_per_km: 0.5}
  - {from: slow, to: z, mode: sea, time: 50h, cost_usd: 40}
)";
  const auto route_via = [&](const std::string& vot) {
    const auto s =
        parse_scenario("name: c\nhorizon: 100h\n" + network +
                           "flows:\n  - {id: f, from: a, to: z, arrivals: {process: poisson, rate: 1/d}, "
                           "route: cheapest, value_of_time_usd_per_h: " +
                           vot + "}\n",
                       "c.yaml", ".");
    return s.model.net.node(s.model.flows[0].route[1]).id;
  };
  // fast: 20 + 50 + 300 + 50 + 20 = 440 USD, 6 h; slow: 20 + 40 + 10 + 40 + 20 = 130 USD, 101 h.
  CHECK(route_via("1") == "slow");   // 440 + 6 > 130 + 101
  CHECK(route_via("10") == "fast");  // 440 + 60 < 130 + 1010
  const auto out = run_text("name: c\nhorizon: 2000h\nseed: 1\nreplications: 2\n" + network +
                            "flows:\n  - {id: f, from: a, to: z, arrivals: {process: poisson, rate: 1/d}, "
                            "route: [a, fast, z]}\n");
  CHECK(out.sum.flows[0].cost_usd.mean == doctest::Approx(440.0));
}

TEST_CASE("a mode change adds the transfer time only where the mode changes") {
  const auto out = run_text(R"(name: transfer
horizon: 1000h
seed: 1
replications: 2
nodes:
  - {id: a}
  - {id: astara, servers: 10, service: 1h, transfer: 2h}
  - {id: rasht, servers: 10, service: 1h, transfer: 2h}
  - {id: z}
links:
  - {from: a, to: astara, mode: rail, time: 1h}
  - {from: astara, to: rasht, mode: road, time: 3h}
  - {from: rasht, to: z, mode: road, time: 1h}
flows:
  - {id: f, from: a, to: z, arrivals: {process: fixed, every: 1d}, route: shortest}
)");
  // rail -> road at Astara: 1 + 2 h; road -> road at Rasht: 1 h; links 1 + 3 + 1 h.
  CHECK(out.sum.flows[0].transit_h.estimate.mean == doctest::Approx(9.0));
}

TEST_CASE("units travel the link their rule chose where road and rail join the same nodes") {
  const auto out = run_text(R"(name: parallel
horizon: 1000h
seed: 1
replications: 2
nodes: [{id: a}, {id: z}]
links:
  - {from: a, to: z, mode: road, time: 2h, cost_usd: 1000}
  - {from: a, to: z, mode: rail, time: 4h, cost_usd: 10}
flows:
  - {id: cheap, from: a, to: z, arrivals: {process: fixed, every: 1d}, route: cheapest, value_of_time_usd_per_h: 1}
  - {id: fast, from: a, to: z, arrivals: {process: fixed, every: 1d}, route: shortest}
)");
  CHECK(out.sum.flows[0].cost_usd.mean == 10.0);
  CHECK(out.sum.flows[0].transit_h.estimate.mean == 4.0);
  CHECK(out.sum.flows[1].cost_usd.mean == 1000.0);
  CHECK(out.sum.flows[1].transit_h.estimate.mean == 2.0);
}

TEST_CASE("breakdowns close the node for their repair time, exactly") {
  const auto out = run_text(R"(name: breakdowns
horizon: 23.5h
seed: 1
replications: 2
nodes:
  - id: crane
    servers: 1
    service: 1ms
    breakdowns: {mtbf: 10h, mttr: 2h}
  - {id: exit}
links:
  - {from: crane, to: exit, mode: road, time: 0h}
flows:
  - {id: f, from: crane, to: exit, arrivals: {process: fixed, every: 1h, first: 30min}, route: [crane, exit]}
)");
  // Down in [10, 12) and from 22 h. Units arriving at 10.5 and 11.5 h wait for 12 h (the second also for the
  // first's 1 ms service); those arriving at 22.5 and 23.5 h (events at the horizon still happen) are still
  // waiting at the horizon.
  const auto& n = out.sum.nodes[0];
  CHECK(out.sum.flows[0].delivered.mean == 22);
  CHECK(out.sum.in_network == 2 * 2);
  const double ms = 1.0 / 3'600'000;
  CHECK(n.wait_h.estimate.mean == doctest::Approx((1.5 + 0.5 + ms) / 22).epsilon(1e-12));
  CHECK(cause(n, wait_cause::closed) == doctest::Approx(2.0 / 22).epsilon(1e-12));
  CHECK(cause(n, wait_cause::queue) == doctest::Approx(ms / 22).epsilon(1e-6));
}

TEST_CASE("rerouting avoids a node closed by a disruption") {
  const auto s = parse_scenario(R"(name: reroute node
horizon: 300h
seed: 2
replications: 1
nodes:
  - {id: a}
  - {id: b, servers: 2, service: 1h, disruptions: [{from: 100h, to: 150h, servers: 0}]}
  - {id: c, servers: 2, service: 1h}
  - {id: d}
links:
  - {from: a, to: b, mode: rail, time: 5h}
  - {from: a, to: c, mode: rail, time: 8h}
  - {from: b, to: d, mode: rail, time: 5h}
  - {from: c, to: d, mode: rail, time: 5h}
flows:
  - {id: f, from: a, to: d, arrivals: {process: fixed, every: 2h}, route: shortest, reroute: true}
)",
                                "reroute-node.yaml", ".");
  int via_c = 0;
  for (const auto& r : trace_of(s)) {
    if (r.kind != trace_kind::link_departure || r.where != 1) continue;
    ++via_c;
    CHECK(r.time >= from_hours(100));
    CHECK(r.time < from_hours(150));
  }
  CHECK(via_c == 25);
}

TEST_CASE("units left at the horizon are counted where they are, place by place") {
  const auto out = run_text(R"(name: places
horizon: 8h
seed: 1
replications: 2
nodes:
  - {id: o, servers: 1, capacity: 1, service: 1.6h}
  - {id: d, servers: 1, service: 30min}
  - {id: p, servers: 1, service: 1h}
  - {id: q, servers: 1, capacity: 0, service: 1h}
  - {id: x}
  - {id: y}
links:
  - {from: o, to: d, mode: road, time: 3h}
  - {from: p, to: q, mode: road, time: 1h}
  - {from: x, to: y, mode: rail, time: 1h, batch: {size: 10}}
flows:
  - {id: f, from: o, to: d, arrivals: {process: fixed, every: 1h, first: 15min}, route: [o, d]}
  - {id: g, from: p, to: q, arrivals: {process: fixed, every: 2h, first: 30min}, route: [p, q]}
  - {id: h, from: x, to: y, arrivals: {process: fixed, every: 1h, first: 30min}, route: [x, y]}
)");
  // f: arrivals at 0.25 + k h; o serves 1.6 h from 0.25, 1.85, 3.45, 5.05, 6.65 h with one waiting place, so
  // at 8 h unit 4 is in service, unit 5 waits and units 6, 7 approach. Units 0 to 3 leave o at 1.85, 3.45,
  // 5.05, 6.65 h and reach d 3 h later: two are delivered (at 5.35 and 6.95 h), two still travel.
  // g: q has no place, so unit 0 stays blocked at p holding its server and units 1 to 3 wait behind it.
  // h: 8 units wait for a train of 10 at x.
  for (const auto& r : out.result.replications) {
    const auto& o = r.in_network_by_node[0];
    const auto& d = r.in_network_by_node[1];
    const auto& p = r.in_network_by_node[2];
    const auto& x = r.in_network_by_node[4];
    CHECK(o.waiting == 1);
    CHECK(o.in_service == 1);
    CHECK(o.approaching == 2);
    CHECK(d.travelling == 2);
    CHECK(p.blocked == 1);
    CHECK(p.waiting == 3);
    CHECK(x.at_link_origin == 8);
    const auto& all = r.in_network_by_place;
    CHECK(all.total() == 1 + 1 + 2 + 2 + 1 + 3 + 8);
    CHECK(all.blocked == 1);
    CHECK(all.in_service == 1);
    CHECK(r.in_network == all.total());
    CHECK(r.delivered_total == 2);
  }
  // The summary adds each node's units over both replications, every place counted (travelling units at the
  // node they travel to): o 4, d 2, p 4 and x 8 a replication. Catches: a node's count in the summary taken
  // from its waiting units alone (o 2, d 0, p 6 and x 0 in all), which also names the wrong nodes in the
  // warning.
  CHECK(out.sum.nodes[0].in_network == 8);
  CHECK(out.sum.nodes[1].in_network == 4);
  CHECK(out.sum.nodes[2].in_network == 8);
  CHECK(out.sum.nodes[4].in_network == 16);
  CHECK(out.sum.in_network == 36);
  CHECK(std::any_of(out.sum.warnings.begin(), out.sum.warnings.end(), [](const std::string& w) {
    return w.find("; most at x 16, o 8, p 8;") != std::string::npos;
  }));
}
