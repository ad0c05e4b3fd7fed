// Blocking after service with finite waiting places, checked numerically: an exponential two-station tandem
// against the exact solution of its continuous-time Markov chain (solved here with Eigen), and an exact case
// with deterministic times.
#include <doctest/doctest.h>

#include <Eigen/Dense>
#include <functional>
#include <map>
#include <tuple>

#include "run_helpers.hpp"
#include "stat_checks.hpp"

using namespace freightsim;
using namespace freightsim::testing;

namespace {

// Stationary distribution of a CTMC given by its transitions: solves pi Q = 0 with sum(pi) = 1.
class ctmc {
 public:
  using state = std::tuple<int, int, int>;
  int index(const state& s) {
    const auto [it, added] = index_.emplace(s, static_cast<int>(states_.size()));
    if (added) states_.push_back(s);
    return it->second;
  }
  // Builds the chain reachable from `start`; `moves` lists (rate, next state) from a state.
  void explore(const state& start,
               const std::function<std::vector<std::pair<double, state>>(const state&)>& moves) {
    index(start);
    for (std::size_t i = 0; i < states_.size(); ++i)
      for (const auto& [rate, next] : moves(states_[i]))
        rates_.push_back({static_cast<int>(i), index(next), rate});
  }
  [[nodiscard]] Eigen::VectorXd stationary() const {
    const auto n = static_cast<Eigen::Index>(states_.size());
    Eigen::MatrixXd q = Eigen::MatrixXd::Zero(n, n);
    for (const auto& [from, to, rate] : rates_) {
      q(from, to) += rate;
      q(from, from) -= rate;
    }
    Eigen::MatrixXd a = q.transpose();
    a.row(n - 1).setOnes();  // replace one balance equation by the normalization
    Eigen::VectorXd b = Eigen::VectorXd::Zero(n);
    b(n - 1) = 1.0;
    return a.fullPivLu().solve(b);
  }
  [[nodiscard]] const std::vector<state>& states() const { return states_; }

 private:
  struct transition {
    int from, to;
    double rate;
  };
  std::map<state, int> index_;
  std::vector<state> states_;
  std::vector<transition> rates_;
};

// Two single-server exponential stations, a (unlimited) then b with `places` waiting places. State (i, j,
// blocked): i units at a (waiting, in service or blocked), j at b (waiting or in service, at most places +
// 1), blocked when a's unit is done and waits for a place at b, holding a's server. `cap_i` truncates the
// arrivals (open case); saturated: a always has a unit.
ctmc tandem(double lambda, double mu1, double mu2, int places, int cap_i, bool saturated) {
  ctmc c;
  const int full = places + 1;
  c.explore({saturated ? 1 : 0, 0, 0}, [=](const ctmc::state& s) {
    const auto [i, j, blocked] = s;
    std::vector<std::pair<double, ctmc::state>> out;
    if (!saturated && i < cap_i) out.push_back({lambda, {i + 1, j, blocked}});
    if (i > 0 && !blocked) {
      const int left = saturated ? i : i - 1;
      out.push_back({mu1, j < full ? ctmc::state{left, j + 1, 0} : ctmc::state{i, j, 1}});
    }
    if (j > 0) {
      const int left = saturated ? i : i - 1;
      out.push_back({mu2, blocked ? ctmc::state{left, j, 0} : ctmc::state{i, j - 1, 0}});
    }
    return out;
  });
  return c;
}

}  // namespace

// Catches: a blocked unit that frees its server (a's utilization and the throughput rise), units en route not
// counted against b's places or places counted without the unit in service (the number at b changes),
// blocking ignored (b's queue exceeds its places).
TEST_CASE("saturated exponential tandem with one waiting place: throughput and number at b from the CTMC") {
  const double mu1 = 1.0, mu2 = 1.0 / 0.8;
  const ctmc c = tandem(0, mu1, mu2, 1, 0, true);
  const Eigen::VectorXd pi = c.stationary();
  double throughput = 0, at_b = 0, blocked = 0;
  for (std::size_t k = 0; k < c.states().size(); ++k) {
    const auto [i, j, b] = c.states()[k];
    throughput += j > 0 ? mu2 * pi(static_cast<Eigen::Index>(k)) : 0.0;
    at_b += j * pi(static_cast<Eigen::Index>(k));
    blocked += b * pi(static_cast<Eigen::Index>(k));
  }
  REQUIRE(c.states().size() == 4);  // j = 0, 1, 2 and (2, blocked)
  // More arrive than the tandem can pass: a always has work (its queue grows; nothing is lost).
  const auto out = run_text(R"(name: tandem
horizon: 5000h
warmup: 100h
seed: 21
replications: 20
nodes:
  - {id: a, servers: 1, service: {dist: exponential, mean: 1h}}
  - {id: b, servers: 1, capacity: 1, service: {dist: exponential, mean: 0.8h}}
links:
  - {from: a, to: b, mode: road, time: 0h}
flows:
  - {id: f, from: a, to: b, arrivals: {process: poisson, rate: 1.2/h}, route: [a, b]}
)");
  check_mean_matches(per_replication(out.result, [](const auto& r) { return r.nodes[1].throughput_per_day; }),
                     24 * throughput, "throughput of b per day", 2);
  check_mean_matches(
      per_replication(out.result,
                      [](const auto& r) { return r.nodes[1].queue_mean + r.nodes[1].utilization; }),
      at_b, "mean number at b", 2);
  MESSAGE("CTMC: throughput " << throughput << "/h, number at b " << at_b << ", a blocked " << blocked);
}

TEST_CASE("open exponential tandem with one waiting place: sojourn and a's busy time from the CTMC") {
  const double lambda = 0.6, mu1 = 1.0, mu2 = 1.0 / 0.8;
  const ctmc c = tandem(lambda, mu1, mu2, 1, 200, false);
  const Eigen::VectorXd pi = c.stationary();
  double number = 0, a_busy = 0, tail = 0;
  for (std::size_t k = 0; k < c.states().size(); ++k) {
    const auto [i, j, b] = c.states()[k];
    const double p = pi(static_cast<Eigen::Index>(k));
    number += (i + j) * p;
    a_busy += i > 0 ? p : 0.0;  // serving or blocked, holding its server
    tail += i >= 150 ? p : 0.0;
  }
  REQUIRE(tail < 1e-12);  // the truncation at 200 units does not matter
  const auto out = run_text(R"(name: tandem
horizon: 20000h
warmup: 200h
seed: 22
replications: 20
nodes:
  - {id: a, servers: 1, service: {dist: exponential, mean: 1h}}
  - {id: b, servers: 1, capacity: 1, service: {dist: exponential, mean: 0.8h}}
links:
  - {from: a, to: b, mode: road, time: 0h}
flows:
  - {id: f, from: a, to: b, arrivals: {process: poisson, rate: 0.6/h}, route: [a, b]}
)");
  // Little's law: mean sojourn = mean number / lambda.
  check_mean_matches(per_replication(out.result, [](const auto& r) { return r.flows[0].transit_h.mean(); }),
                     number / lambda, "sojourn", 2);
  check_mean_matches(per_replication(out.result, [](const auto& r) { return r.nodes[0].utilization; }),
                     a_busy, "a busy or blocked", 2);
  MESSAGE("CTMC: number " << number << ", a busy or blocked " << a_busy << " (without blocking "
                          << lambda / mu1 << ")");
}

// Catches: units en route not counted against places (u1 would leave a at 1.5 h), a blocked unit freeing its
// server (u3 would start at 3 h), blocked time not counted (or counted at the wrong node).
TEST_CASE("deterministic blocking tandem: exact waits, blocked time and places") {
  const auto out = run_text(R"(name: blocking
horizon: 11.5h
seed: 1
replications: 2
nodes:
  - {id: a, servers: 1, service: 30min}
  - {id: b, servers: 1, capacity: 1, service: 2h}
links:
  - {from: a, to: b, mode: road, time: 1.5h}
flows:
  - {id: f, from: a, to: b, arrivals: {process: fixed, every: 1h}, route: [a, b]}
)");
  // u_k arrives at k h. u0 leaves a at 0.5 h, reaches b at 2 h and is served 2-4 h. u1 is done at 1.5 h but
  // u0, en route, holds b's one place: u1 is blocked, holding a, until u0 reaches b at 2 h. From then on b
  // serves one unit every 2 h (u1 4-6, u2 6-8, u3 8-10, u4 10-12 h), each waiting 0.5 h at b, and each unit
  // done at a is blocked until b starts a service: u2 2.5-4, u3 4.5-6, u4 6.5-8, u5 8.5-10 h (1.5 h each),
  // u6 from 10.5 h. a starts u3, u4, u5, u6 at 4, 6, 8, 10 h: waits 1, 2, 3, 4 h. At 11.5 h: u7-u11 wait at
  // a, u6 is blocked, u4 is served at b and u5 has just reached it.
  for (const auto& r : out.result.replications) {
    const node_result& a = r.nodes[0];
    const node_result& b = r.nodes[1];
    CHECK(a.wait_h.count() == 7);
    CHECK(a.wait_h.mean() * 7 == doctest::Approx(10.0));
    CHECK(a.wait_by_cause_h[static_cast<std::size_t>(wait_cause::blocked)] == doctest::Approx(6.5));
    CHECK(b.wait_h.count() == 5);
    CHECK(b.wait_h.mean() * 5 == doctest::Approx(2.0));
    CHECK(b.queue_max == 1);
    CHECK(a.utilization == doctest::Approx(11.0 / 11.5));
    CHECK(b.utilization == doctest::Approx(9.5 / 11.5));
    CHECK(r.flows[0].delivered == 4);
    CHECK(r.flows[0].transit_h.mean() == doctest::Approx(5.5));
    CHECK(r.in_network_by_node[0].waiting == 5);
    CHECK(r.in_network_by_node[0].blocked == 1);
    CHECK(r.in_network_by_node[1].in_service == 1);
    CHECK(r.in_network_by_node[1].waiting == 1);
    CHECK(r.in_network == 8);
  }
}
