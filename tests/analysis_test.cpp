// The analytic layer against closed forms: Erlang C, Jackson networks (tandem, merge, split with routing
// probabilities), batch formation and sailings, stability and the capacity needed, and sizing by hand-derived
// answers. Closed forms are computed here independently of the library (explicit Erlang C sums).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "freightsim/analysis/erlang.hpp"
#include "freightsim/analysis/network_estimate.hpp"
#include "freightsim/analysis/service_time.hpp"
#include "freightsim/analysis/sizing.hpp"
#include "freightsim/analysis/traffic.hpp"
#include "freightsim/experiment/experiment.hpp"
#include "freightsim/experiment/summary.hpp"
#include "freightsim/scenario/loader.hpp"
#include "stat_checks.hpp"

using namespace freightsim;

namespace {

scenario parse(const std::string& yaml) {
  return parse_scenario(yaml, "test.yaml", ".");
}

const node_estimate& node(const network_estimate& e, const std::string& id) {
  for (const auto& n : e.nodes)
    if (n.id == id) return n;
  FAIL("no node " << id);
  throw;
}

constexpr double exact = 1e-9;

const std::string tandem_yaml = R"(name: tandem
horizon: 1000h
nodes:
  - {id: a, servers: 1, service: {dist: exponential, mean: 0.8h}}
  - {id: b, servers: 2, service: {dist: exponential, mean: 1.5h}}
  - {id: j}
  - {id: c, servers: 1, service: {dist: exponential, mean: 0.9h}}
links:
  - {from: a, to: b, mode: rail, time: 2h}
  - {from: b, to: j, mode: road, distance_km: 100, speed_kmh: 50}
  - {from: j, to: c, mode: road, time: {dist: exponential, mean: 1h}}
flows:
  - {id: f, from: a, to: c, arrivals: {process: poisson, rate: 0.8/h}, route: shortest}
)";

}  // namespace

TEST_CASE("Erlang C and Allen–Cunneen: known values") {
  CHECK(erlang_c(1, 0.8) == doctest::Approx(0.8).epsilon(exact));        // M/M/1 waits with probability rho
  CHECK(erlang_c(2, 1.0) == doctest::Approx(1.0 / 3.0).epsilon(exact));  // hand: (1/2 * 2) / (1 + 1 + 1)
  for (int c : {1, 3, 12, 40})
    CHECK(erlang_c(c, 0.9 * c) == doctest::Approx(testing::erlang_c_by_sum(c, 0.9 * c)).epsilon(exact));
  // M/D/1 by Allen–Cunneen is Pollaczek–Khinchine: rho m / (2 (1 - rho)).
  CHECK(allen_cunneen_wait(1, 0.8, 1.0, 1.0, 0.0) == doctest::Approx(0.8 / (2 * 0.2)).epsilon(exact));
  // M/M/c tail: P(Wq > t) = C e^{-(c mu - lambda) t}, and the 95% quantile inverts it.
  const double c12 = testing::erlang_c_by_sum(12, 10.0);
  CHECK(mmc_wait_tail(12, 10.0, 1.0, 0.5) == doctest::Approx(c12 * std::exp(-2.0 * 0.5)).epsilon(exact));
  CHECK(wait_quantile(mmc_wait(12, 10.0, 1.0), c12, 0.95) ==
        doctest::Approx(std::log(c12 / 0.05) / 2.0).epsilon(exact));
  CHECK(servers_for_stability(10.0) == 11);
  CHECK(servers_for_stability(9.5) == 10);
}

TEST_CASE("service time: service, inspection share and transfer in one mean and SCV") {
  const scenario s = parse(R"(name: s
horizon: 10h
nodes:
  - id: a
    servers: 1
    service: 30min
    inspection: {probability: 0.25, extra: {dist: exponential, mean: 1h}}
    transfer: {dist: constant, value: 2h}
  - {id: out}
links:
  - {from: a, to: out, mode: road, time: 1min}
flows:
  - {id: f, from: a, to: out, arrivals: {process: poisson, rate: 1/h}, route: [a, out]}
)");
  // E[S] = 0.5 + 0.25; E[S^2] = 0.25 + 2 * 0.5 * 0.25 + 0.25 * 2 = 1.0 (as in the M/G/1 test).
  const time_moments t = node_service_time(s.model.net.node(0), 0.0);
  CHECK(t.mean == doctest::Approx(0.75).epsilon(exact));
  CHECK(t.scv == doctest::Approx((1.0 - 0.75 * 0.75) / (0.75 * 0.75)).epsilon(exact));
  // Half the units changing mode: + 0.5 * 2 h, variance + 0.5 * 0.5 * 4.
  const time_moments u = node_service_time(s.model.net.node(0), 0.5);
  CHECK(u.mean == doctest::Approx(1.75).epsilon(exact));
  CHECK(u.scv * u.mean * u.mean == doctest::Approx(1.0 - 0.5625 + 1.0).epsilon(exact));
}

TEST_CASE("Jackson tandem: exact M/M/c waits and end-to-end transit") {
  const network_estimate e = estimate_network(parse(tandem_yaml));
  const double lambda = 0.8;
  const double wa = testing::mmc_wq_by_sum(1, lambda, 0.8), wb = testing::mmc_wq_by_sum(2, lambda, 1.5),
               wc = testing::mmc_wq_by_sum(1, lambda, 0.9);
  CHECK(wa == doctest::Approx(0.64 * 0.8 / (1.0 - 0.64)).epsilon(exact));  // M/M/1: rho m / (1 - rho)
  CHECK(node(e, "a").arrival_rate_h == doctest::Approx(lambda).epsilon(exact));
  CHECK(node(e, "c").arrival_rate_h == doctest::Approx(lambda).epsilon(exact));
  CHECK(node(e, "b").utilization == doctest::Approx(lambda * 1.5 / 2).epsilon(exact));
  CHECK(node(e, "a").wait_h == doctest::Approx(wa).epsilon(exact));
  CHECK(node(e, "b").wait_h == doctest::Approx(wb).epsilon(exact));
  CHECK(node(e, "c").wait_h == doctest::Approx(wc).epsilon(exact));
  for (const char* id : {"a", "b", "c"})
    CHECK(node(e, id).method == "erlang_c");  // Burke: every station sees Poisson arrivals
  CHECK(e.flows[0].transit_mean_h ==
        doctest::Approx(wa + 0.8 + 2.0 + wb + 1.5 + 2.0 + 1.0 + wc + 0.9).epsilon(exact));
  CHECK(e.issues.empty());
}

TEST_CASE("stages: service stages load the servers, delays and transfers add to transit only") {
  // x: an exponential service stage, an inspection of 20% for 1 h on the same servers, a 5 h hold for flow f
  // only and a share 0.5 of a 2 h dwell; y: no servers, a transfer of 4 h (taken: rail in, road out).
  const network_estimate e = estimate_network(parse(R"(name: stages
horizon: 1000h
nodes:
  - {id: a}
  - id: x
    servers: 1
    stages:
      - {service: {dist: exponential, mean: 0.5h}}
      - {inspection: {share: 0.2, time: 1h}}
      - {delay: {time: 5h, cause: hold, flows: [f]}}
      - {delay: {time: 2h, share: 0.5}}
  - {id: y, stages: [{transfer: 4h}]}
  - {id: z}
links:
  - {from: a, to: x, mode: rail, time: 1h}
  - {from: x, to: y, mode: rail, time: 1h}
  - {from: y, to: z, mode: road, time: 1h}
flows:
  - {id: f, from: a, to: z, arrivals: {process: poisson, rate: 0.5/h}, route: [a, x, y, z]}
  - {id: g, from: a, to: z, arrivals: {process: poisson, rate: 0.5/h}, route: [a, x, y, z]}
)"));
  const double m = 0.5 + 0.2 * 1.0;  // server time per unit
  CHECK(node(e, "x").service_mean_h == doctest::Approx(m).epsilon(exact));
  CHECK(node(e, "x").utilization == doctest::Approx(1.0 * m).epsilon(exact));
  CHECK(node(e, "y").utilization == 0.0);  // a delay holds no server
  const double wx = node(e, "x").wait_h;
  CHECK(e.flows[0].transit_mean_h == doctest::Approx(1 + wx + m + 5 + 0.5 * 2 + 1 + 4 + 1).epsilon(exact));
  CHECK(e.flows[1].transit_mean_h == doctest::Approx(1 + wx + m + 0.5 * 2 + 1 + 4 + 1).epsilon(exact));
}

TEST_CASE("Jackson merge: two Poisson flows into one M/M/2") {
  const network_estimate e = estimate_network(parse(R"(name: merge
horizon: 1000h
nodes:
  - {id: a}
  - {id: b}
  - {id: c, servers: 2, service: {dist: exponential, mean: 1h}}
links:
  - {from: a, to: c, mode: road, time: 1h}
  - {from: b, to: c, mode: rail, time: {dist: uniform, min: 1h, max: 3h}}
flows:
  - {id: f1, from: a, to: c, arrivals: {process: poisson, rate: 0.6/h}, route: [a, c]}
  - {id: f2, from: b, to: c, arrivals: {process: poisson, rate: 0.9/h}, route: [b, c]}
)"));
  CHECK(node(e, "c").arrival_rate_h == doctest::Approx(1.5).epsilon(exact));
  // Hand: a = 1.5, C(2, 1.5) = (1.125 * 4) / (1 + 1.5 + 4.5) = 9/14; Wq = C / (2 - 1.5).
  CHECK(testing::erlang_c_by_sum(2, 1.5) == doctest::Approx(9.0 / 14.0).epsilon(exact));
  CHECK(node(e, "c").wait_h == doctest::Approx(9.0 / 14.0 / 0.5).epsilon(exact));
  CHECK(node(e, "c").method == "erlang_c");
  CHECK(e.flows[1].transit_mean_h == doctest::Approx(2.0 + 9.0 / 7.0 + 1.0).epsilon(exact));
}

TEST_CASE("Jackson split with routing probabilities and feedback: the traffic equations") {
  // Node 0 sends 30% to 1 and 70% to 2; node 2 sends 20% back to 0. lambda0 = 1 + 0.2 lambda2 and
  // lambda2 = 0.7 lambda0, so lambda0 = 1 / 0.86.
  Eigen::VectorXd gamma(3);
  gamma << 1.0, 0.0, 0.0;
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(3, 3);
  p(0, 1) = 0.3;
  p(0, 2) = 0.7;
  p(2, 0) = 0.2;
  const Eigen::VectorXd lambda = solve_traffic(gamma, p);
  CHECK(lambda(0) == doctest::Approx(1.0 / 0.86).epsilon(exact));
  CHECK(lambda(1) == doctest::Approx(0.3 / 0.86).epsilon(exact));
  CHECK(lambda(2) == doctest::Approx(0.7 / 0.86).epsilon(exact));
  // Jackson: each node an M/M/1 at its lambda (service 0.5 h): Wq = rho m / (1 - rho).
  const double rho0 = lambda(0) * 0.5;
  CHECK(mmc_wait(1, lambda(0), 0.5) == doctest::Approx(rho0 * 0.5 / (1 - rho0)).epsilon(exact));

  // Units that can never leave: singular.
  Eigen::MatrixXd loop = Eigen::MatrixXd::Zero(2, 2);
  loop(0, 1) = 1.0;
  loop(1, 0) = 1.0;
  CHECK_THROWS_AS(solve_traffic(Eigen::VectorXd::Ones(2), loop), std::invalid_argument);

  // A fixed route visiting node 0 twice: visit rates 2, 1, 1.
  const Eigen::VectorXd twice = solve_traffic(Eigen::VectorXd::Unit(3, 0), route_routing(3, {0, 1, 0, 2}));
  CHECK(twice(0) == doctest::Approx(2.0).epsilon(exact));
  CHECK(twice(1) == doctest::Approx(1.0).epsilon(exact));
  CHECK(twice(2) == doctest::Approx(1.0).epsilon(exact));
}

TEST_CASE("split by flows in a scenario: rates per branch and the junction's shares") {
  const network_estimate e = estimate_network(parse(R"(name: split
horizon: 1000h
nodes:
  - {id: o}
  - {id: b1, servers: 1, service: {dist: exponential, mean: 1h}}
  - {id: b2, servers: 3, service: {dist: exponential, mean: 1h}}
links:
  - {from: o, to: b1, mode: road, time: 1h}
  - {from: o, to: b2, mode: road, time: 1h}
flows:
  - {id: f1, from: o, to: b1, arrivals: {process: poisson, rate: 0.3/h}, route: [o, b1]}
  - {id: f2, from: o, to: b2, arrivals: {process: poisson, rate: 1.7/h}, route: [o, b2]}
)"));
  CHECK(node(e, "o").arrival_rate_h == doctest::Approx(2.0).epsilon(exact));
  CHECK(node(e, "b1").wait_h == doctest::Approx(testing::mmc_wq_by_sum(1, 0.3, 1.0)).epsilon(exact));
  CHECK(node(e, "b2").wait_h == doctest::Approx(testing::mmc_wq_by_sum(3, 1.7, 1.0)).epsilon(exact));
}

TEST_CASE("batch formation (N-1)/(2 lambda), max_wait, sailings headway/2 and an overfull sailing") {
  const network_estimate e = estimate_network(parse(R"(name: links
horizon: 1000h
nodes:
  - {id: o}
  - {id: p}
  - {id: s}
  - {id: q}
  - {id: r}
  - {id: d}
links:
  - {from: o, to: p, mode: rail, time: 1h, batch: {size: 20}}
  - {from: s, to: q, mode: rail, time: 1h, batch: {size: 2, max_wait: 30min}}
  - {from: q, to: r, mode: sea, time: 10h, schedule: {headway: 1d, capacity: 100}}
  - {from: r, to: d, mode: sea, time: 10h, schedule: {headway: 7d, capacity: 50}}
flows:
  - {id: f, from: o, to: p, arrivals: {process: poisson, rate: 4/h}, route: [o, p]}
  - {id: g, from: s, to: d, arrivals: {process: poisson, rate: 4/h}, route: [s, q, r, d]}
)"));
  CHECK(e.links[0].train_forming_h == doctest::Approx(19.0 / (2 * 4.0)).epsilon(exact));
  // N = 2, T = 0.5 h: the first unit waits min(T, next arrival); per unit (1 - e^{-2}) / (4 (2 - e^{-2})).
  const double q = std::exp(-4.0 * 0.5);
  CHECK(e.links[1].train_forming_h == doctest::Approx((1 - q) / (4.0 * (2 - q))).epsilon(exact));
  CHECK(e.links[2].sailing_h == doctest::Approx(12.0).epsilon(exact));
  CHECK(e.links[2].utilization == doctest::Approx(96.0 / 100).epsilon(exact));
  // 4/h x 168 h = 672 units a week for 50 places: unstable, needs 673.
  REQUIRE(e.issues.size() == 1);
  CHECK(e.issues[0].kind == "link");
  CHECK(e.issues[0].id == "r->d");
  CHECK(e.issues[0].needed == 673);
  CHECK(e.issues[0].utilization == doctest::Approx(672.0 / 50).epsilon(exact));
  CHECK(std::isinf(e.flows[1].transit_mean_h));
  CHECK(std::isfinite(e.flows[0].transit_mean_h));
}

TEST_CASE("an unstable M/M/c is named with the servers it needs") {
  const network_estimate e = estimate_network(parse(R"(name: unstable
horizon: 1000h
nodes:
  - {id: gate, servers: 8, service: {dist: exponential, mean: 1h}}
  - {id: out}
links:
  - {from: gate, to: out, mode: road, time: 1min}
flows:
  - {id: f, from: gate, to: out, arrivals: {process: poisson, rate: 10/h}, route: [gate, out]}
)"));
  // Offered load 10 on 8 servers: rho 1.25; 10 servers give rho 1 (still unstable), 11 the first below 1.
  REQUIRE(e.issues.size() == 1);
  CHECK(e.issues[0].id == "gate");
  CHECK(e.issues[0].utilization == doctest::Approx(1.25).epsilon(exact));
  CHECK(e.issues[0].needed == 11);
  CHECK(e.issues[0].message.find("it needs 11 servers") != std::string::npos);
  CHECK(std::isinf(node(e, "gate").wait_h));
}

TEST_CASE("shifts: capacity averaged over the week, sizing adds servers to every open shift") {
  const scenario s = parse(R"(name: shifts
horizon: 70d
nodes:
  - id: yard
    servers: 4
    service: {dist: exponential, mean: 1h}
    shifts:
      - {days: daily, from: "08:00", to: "20:00", servers: 4}
      - {days: [mon, tue, wed, thu, fri], from: "20:00", to: "08:00", servers: 2}
  - {id: out}
links:
  - {from: yard, to: out, mode: road, time: 1min}
flows:
  - {id: f, from: yard, to: out, arrivals: {process: poisson, rate: 2/h}, route: [yard, out]}
)");
  const network_estimate e = estimate_network(s);
  // Per week: 7 x 12 h x 4 + 5 x 12 h x 2 = 456 server-hours of 168 h: 2.714 servers on average.
  CHECK(node(e, "yard").servers_mean == doctest::Approx(456.0 / 168).epsilon(1e-9));
  CHECK(node(e, "yard").utilization == doctest::Approx(2.0 / (456.0 / 168)).epsilon(1e-9));
  CHECK(node(e, "yard").method == "allen_cunneen+fluid");
  // Weekend nights closed: a backlog builds, so the wait exceeds the stationary wait at 4 servers.
  CHECK(node(e, "yard").wait_h > testing::mmc_wq_by_sum(4, 2.0, 1.0));
  // Two more servers: 6 by day, 4 on weeknights, still closed on weekend nights.
  const scenario more = with_servers(s, 0, 6);
  const network_estimate e6 = estimate_network(more);
  CHECK(node(e6, "yard").servers_mean == doctest::Approx((7 * 12 * 6 + 5 * 12 * 4) / 168.0).epsilon(1e-9));
  CHECK(more.model.net.node(0).calendar->servers_at(std::chrono::hours(6 * 24 + 22)) == 0);  // Sunday night
}

TEST_CASE("size: M/M/c with lambda 10/h and mean service 1 h, by hand") {
  const scenario s = parse(R"(name: mmc
horizon: 1000h
nodes:
  - {id: gate, servers: 5, service: {dist: exponential, mean: 1h}}
  - {id: out}
links:
  - {from: gate, to: out, mode: road, time: 1min}
flows:
  - {id: f, from: gate, to: out, arrivals: {process: poisson, rate: 10/h}, route: [gate, out]}
)");
  const vertex v = sized_node(s, "gate");
  // Wq = C(c, 10) / (c - 10) with C(c, a) = [a^c/c! * c/(c-a)] / [sum_{k<c} a^k/k! + a^c/c! * c/(c-a)]:
  //   c = 11: C = 0.6821, Wq = 0.682 h;  c = 12: C = 0.4494, Wq = 0.4494 / 2 = 0.2247 h;
  //   c = 13: C = 0.2853, Wq = 0.2853 / 3 = 0.0951 h <= 0.1. The answer is 13 servers.
  const sizing_answer mean = size_analytically(s, v, parse_target("wait_h.mean<=0.1", s, "gate"));
  REQUIRE(mean.servers.has_value());
  CHECK(*mean.servers == 13);
  REQUIRE(mean.steps.size() == 2);
  CHECK(mean.steps[0].servers == 12);
  CHECK(mean.steps[0].value == doctest::Approx(0.2247).epsilon(1e-3));
  CHECK(mean.steps[1].value == doctest::Approx(0.0951).epsilon(1e-3));
  // p95 <= 0.5 h: P(Wq > 0.5) = C e^{-(c - 10) 0.5} <= 0.05:
  //   c = 13: 0.2853 e^{-1.5} = 0.0637 > 0.05;  c = 14: C = 0.1741, 0.1741 e^{-2} = 0.0236. The answer is 14.
  const sizing_answer p95 = size_analytically(s, v, parse_target("wait_h.p95<=0.5", s, "gate"));
  REQUIRE(p95.servers.has_value());
  CHECK(*p95.servers == 14);
}

TEST_CASE("size: a tandem, sized on a flow's mean transit time, by hand") {
  const scenario s = parse(R"(name: tandem
horizon: 1000h
nodes:
  - {id: a, servers: 1, service: {dist: exponential, mean: 30min}}
  - {id: b, servers: 1, service: {dist: exponential, mean: 2h}}
links:
  - {from: a, to: b, mode: rail, time: 3h}
flows:
  - {id: f, from: a, to: b, arrivals: {process: poisson, rate: 1.5/h}, route: [a, b]}
)");
  // Transit = Wq(a) + 0.5 + 3 + Wq(b) + 2 with Wq(a) = 0.75 / (2 - 1.5) = 1.5 h. At b, a = 3:
  //   c = 5: C(5, 3) = 0.2362, Wq = 0.2362 / 1 = 0.236 h, transit 7.236 h;
  //   c = 6: C(6, 3) = 0.0991, Wq = 0.0991 / 1.5 = 0.066 h, transit 7.066 h <= 7.1. The answer is 6.
  const vertex v = sized_node(s, "b");
  const sizing_answer a = size_analytically(s, v, parse_target("flows.f.transit_time_h.mean<=7.1", s, "b"));
  REQUIRE(a.servers.has_value());
  CHECK(*a.servers == 6);
  CHECK(a.steps[0].value == doctest::Approx(7.2362).epsilon(1e-4));
  CHECK(a.steps[1].value == doctest::Approx(7.0661).epsilon(1e-4));
  // A target below the fixed times cannot be met by servers.
  CHECK_FALSE(size_analytically(s, v, parse_target("flows.f.transit_time_h.mean<=5", s, "b"), 64).servers);
}

TEST_CASE("size: bad nodes and targets are one-line errors naming the closest valid word") {
  const scenario s = parse(tandem_yaml);
  const auto message = [&](const std::string& node, const std::string& target) {
    try {
      sized_node(s, node);
      parse_target(target, s, node);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("bb", "wait_h.p95<=1") == "--node: no node 'bb' in the scenario (did you mean 'b'?)");
  CHECK(message("j", "wait_h.p95<=1") == "--node: 'j' is a junction (no servers to size)");
  CHECK(message("b", "wiat_h.p95<=1").find("unknown statistic 'wiat_h' (did you mean 'wait_h'?)") !=
        std::string::npos);
  CHECK(message("b", "wait_h.p96<=1") ==
        "--target 'wait_h.p96<=1': unknown statistic 'p96' (did you mean 'p90'?)");
  CHECK(message("b", "flows.g.transit_time_h.p95<=1") ==
        "--target 'flows.g.transit_time_h.p95<=1': no flow 'g' (did you mean 'f'?)");
  CHECK(message("b", "flows.f.transit_h.p95<=1") ==
        "--target 'flows.f.transit_h.p95<=1': unknown statistic 'transit_h' (one of: transit_time_h)");
  CHECK(message("b", "wait_h.p95<=soon") ==
        "--target 'wait_h.p95<=soon': the limit 'soon' is not a non-negative number of hours");
  CHECK(message("b", "wait_h.p95>=1").find("expected STATISTIC<=HOURS") != std::string::npos);
  for (const std::string& m : {message("bb", "x"), message("b", "nodes.cc.wait_h.mean<=1")})
    CHECK(m.find('\n') == std::string::npos);
}

namespace {
// True when a delay stage of random time comes before a service stage.
bool delay_before_servers(const node_spec& n) {
  bool delay = false;
  for (const stage_spec& st : n.stages) {
    if (const auto* d = std::get_if<stage::delay>(&st); d && variance(d->time) > 0) delay = true;
    if (std::holds_alternative<stage::service>(st) && delay) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("shipped scenarios: analytic and simulated mean waits agree within the measured tolerance") {
  // Nodes at moderate load (analytic rho <= 0.8). A node passes when |analytic - simulated| <= tolerance x
  // simulated + 0.05 h + the simulation's ci95. Each tolerance is the largest relative gap measured on
  // 2026-11-27 (README, "Analytic estimates"), rounded up to 5%: a change to either model that moves any node
  // further fails here. The analytic method is an approximation; these figures are its measured accuracy.
  const std::pair<const char*, double> measured[] = {
      {"brest_vladivostok", 0.05}, {"kamenny_log", 0.05},   {"instc_western", 0.30},
      {"instc_caspian", 0.35},     {"instc_eastern", 1.15}, {"north_south", 1.15},
  };
  for (const auto& entry : measured) {
    // Not a structured binding: clang 14 cannot capture one in INFO.
    const char* const name = entry.first;
    const double tolerance = entry.second;
    INFO("scenario " << name);
    scenario s = load_scenario(std::string("scenarios/") + name + ".yaml");
    // The analytic layer places an adaptive flow on its shortest path (README, "Modelling choices"); the
    // simulation splits it by the queues it meets. Compared here on the same loads: adaptive flows keep their
    // shortest path in the simulation too (this checks the queueing approximations, not the route choice).
    for (flow_spec& f : s.model.flows)
      f.adaptive = false;
    const network_estimate e = estimate_network(s);
    const summary sim = summarize(s, run_experiment(s, {.replications = {}, .seed = {}, .threads = 2}));
    int compared = 0;
    for (std::size_t v = 0; v < e.nodes.size(); ++v) {
      const node_estimate& a = e.nodes[v];
      if (a.junction || a.utilization > 0.8) continue;
      // A random delay stage before the servers spreads out units that arrived together (a ship's or a
      // train's), which the analytic layer still counts as grouped: Vladivostok's port customs and dwell
      // before its rail terminal (analytic 0.46 h against 0.03 h simulated, 2026-11-28). Not compared: a
      // known limit of the method (README, "Analytic estimates").
      if (delay_before_servers(s.model.net.node(static_cast<vertex>(v)))) continue;
      const auto& w = sim.nodes[v].wait_h.estimate;
      INFO("node " << a.id << ": simulated " << w.mean << " ± " << w.ci95.value_or(0) << ", analytic "
                   << a.wait_h << " (" << a.method << ")");
      CHECK(std::abs(a.wait_h - w.mean) <= tolerance * w.mean + 0.05 + w.ci95.value_or(0));
      CHECK(a.utilization == doctest::Approx(sim.nodes[v].utilization.mean).epsilon(0.02));
      ++compared;
    }
    CHECK(compared > 0);
  }
}
