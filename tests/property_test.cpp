// Property tests: random valid scenarios always run to completion with conservation holding; random
// mutations of valid files always end in a run or in one clear file:line:col error. The generator is seeded;
// a failure prints the seed and the scenario text.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "freightsim/engine/random.hpp"
#include "freightsim/experiment/experiment.hpp"
#include "freightsim/experiment/summary.hpp"
#include "freightsim/scenario/loader.hpp"

using namespace freightsim;
namespace fs = std::filesystem;

namespace {

class generator {
 public:
  explicit generator(std::uint64_t seed) : rng_(seed) {}

  std::uint64_t below(std::uint64_t n) { return rng_.next() % n; }
  bool chance(double p) { return rng_.uniform01() < p; }
  double between(double lo, double hi) { return lo + (hi - lo) * rng_.uniform01(); }
  std::string hours(double lo, double hi) { return std::to_string(between(lo, hi)) + "h"; }

  std::string distribution() {
    switch (below(8)) {
      case 0:
        return hours(0.1, 3);
      case 1:
        return "{dist: exponential, mean: " + hours(0.1, 3) + "}";
      case 2:
        return "{dist: uniform, min: 0h, max: " + hours(0.1, 4) + "}";
      case 3:
        return "{dist: triangular, min: 0.1h, mode: 0.5h, max: " + hours(0.6, 4) + "}";
      case 4:
        return "{dist: normal, mean: " + hours(0.5, 3) + ", sd: " + hours(0, 2) + "}";
      case 5:
        return "{dist: lognormal, mean: " + hours(0.1, 3) + ", cv: " + std::to_string(between(0, 2)) + "}";
      case 6:
        return "{dist: gamma, mean: " + hours(0.1, 3) + ", cv: " + std::to_string(between(0.1, 2)) + "}";
      default:
        return "{dist: erlang, k: " + std::to_string(1 + below(4)) + ", mean: " + hours(0.1, 3) + "}";
    }
  }

  // A chain of nodes with random extra links, operations and flows along random paths.
  std::string scenario() {
    const std::size_t n = 2 + below(6);
    std::ostringstream y;
    y << "name: random\nhorizon: " << 100 + below(400) << "h\nwarmup: " << below(50)
      << "h\nseed: " << below(1000) << "\nreplications: 2\nnodes:\n";
    for (std::size_t i = 0; i < n; ++i) {
      y << "  - id: n" << i << "\n";
      if (chance(0.2)) continue;  // a junction
      const std::uint64_t servers = 1 + below(4);
      y << "    servers: " << servers << "\n    service: " << distribution() << "\n";
      if (chance(0.3)) y << "    capacity: " << below(6) << "\n";
      if (chance(0.2))
        y << "    inspection: {probability: " << between(0, 1) << ", extra: " << distribution() << "}\n";
      if (chance(0.2))
        y << "    shifts: [{days: [mon, wed, fri, sun], from: \"06:00\", to: \"22:00\", servers: " << servers
          << "}]\n";
      if (chance(0.2)) y << "    disruptions: [{from: 20h, to: " << 21 + below(40) << "h, servers: 0}]\n";
      if (chance(0.15))
        y << "    breakdowns: {mtbf: {dist: exponential, mean: 40h}, mttr: " << hours(1, 10) << "}\n";
      if (chance(0.2)) y << "    transfer: " << distribution() << "\n";
      if (chance(0.3)) y << "    fee_usd: " << below(100) << "\n";
    }
    y << "links:\n";
    std::set<std::tuple<std::size_t, std::size_t, bool>> joined;  // two alike links are an error
    const auto link = [&](std::size_t a, std::size_t b) {
      const bool rail = chance(0.5);
      if (!joined.emplace(a, b, rail).second) return;
      y << "  - {from: n" << a << ", to: n" << b << ", mode: " << (rail ? "rail" : "road");
      if (chance(0.5)) {
        y << ", distance_km: " << 1 + below(500) << ", speed_kmh: " << 10 + below(80);
        if (chance(0.3)) y << ", cost_per_km: " << between(0, 2);
      } else {
        y << ", time: " << distribution();
      }
      if (chance(0.2))
        y << ", batch: {size: " << 1 + below(10) << (chance(0.7) ? ", max_wait: 12h" : "") << "}";
      else if (chance(0.15))
        y << ", schedule: {headway: " << 1 + below(24) << "h, capacity: " << 1 + below(20) << "}";
      if (chance(0.15)) y << ", disruptions: [{from: 30h, to: 50h}]";
      y << "}\n";
    };
    for (std::size_t i = 0; i + 1 < n; ++i)
      link(i, i + 1);
    for (std::size_t k = below(n); k > 0; --k) {
      const std::size_t a = below(n), b = below(n);
      if (a != b) link(a, b);
    }
    y << "flows:\n";
    for (std::size_t f = 1 + below(3); f > 0; --f) {
      const std::size_t from = below(n - 1);
      const std::size_t to = from + 1 + below(n - 1 - from);
      y << "  - {id: f" << f << ", from: n" << from << ", to: n" << to << ", priority: " << below(3);
      if (chance(0.8)) {
        y << ", arrivals: {process: poisson, rate: " << between(0.05, 2) << "/h}";
      } else {
        y << ", arrivals: {process: fixed, every: " << hours(0.2, 5) << "}";
      }
      if (chance(0.3)) {
        y << ", route: [";
        for (std::size_t v = from; v <= to; ++v)
          y << (v == from ? "" : ", ") << "n" << v;
        y << "]}\n";
      } else {
        y << ", route: " << (chance(0.5) ? "shortest" : "cheapest") << (chance(0.5) ? ", reroute: true" : "")
          << "}\n";
      }
    }
    return y.str();
  }

 private:
  random_stream rng_;
};

// Invariants of one replication. Wrong implementations each catches: a unit dropped from a queue (the count
// by place, also a logic_error inside the run); utilization over busy time instead of open server time, or a
// busy level that outlives its service (utilization above 1); a place freed twice or units en route not
// counted against the next node's places (queue above capacity); a cause left out of a node's stays, or
// service counted as a wait; an approach level kept apart from the queue's.
void check_replication(const scenario& s, const replication_result& r) {
  CHECK(r.in_network_by_place.total() == r.in_network);
  CHECK(r.created == r.delivered_total + r.in_network);
  const auto& g = s.model.net.graph();
  for (std::size_t v = 0; v < r.nodes.size(); ++v) {
    const node_result& n = r.nodes[v];
    const node_spec& spec = g[v];
    INFO("node " << spec.id);
    CHECK(n.utilization >= 0.0);
    CHECK(n.utilization <= 1.0 + 1e-12);
    if (spec.capacity) CHECK(n.queue_max <= static_cast<double>(*spec.capacity));
    for (const double hours : n.wait_by_cause_h)
      CHECK(hours >= -1e-9);
    // Every stay of a delivered unit has ended, so with no warm-up the flows' hours at the node by cause
    // (their whole lives) are part of the node's stays that ended: a cause left out of the node's account,
    // or service counted as a wait, breaks this.
    if (s.warmup == sim_time{0}) {
      for (std::size_t c = 0; c < wait_cause_count; ++c) {
        double flows_hours = 0.0;
        for (const flow_result& f : r.flows)
          flows_hours += f.node_h.at(v)[c];
        CHECK(flows_hours <= n.wait_by_cause_h[c] + 1e-9 * std::max(1.0, flows_hours));
      }
    }
    // All units waiting for the node are its queue plus its approach, as one level: the same average, and a
    // maximum no larger than the two maxima together (a total kept as the sum of the maxima, or an approach
    // level left out of the warm-up reset, breaks these).
    CHECK(n.waiting_total_mean == doctest::Approx(n.queue_mean + n.approach_mean).epsilon(1e-9).scale(1.0));
    CHECK(n.waiting_total_max <= n.queue_max + n.approach_max);
    CHECK(n.waiting_total_max >= std::max(n.queue_max, n.approach_max));
  }
}

void run_and_check_conservation(const scenario& s) {
  experiment_options options;
  options.threads = 1;
  options.max_in_network = 20000;
  const auto result = run_experiment(s, options);  // throws std::logic_error if units were lost
  for (const auto& r : result.replications)
    check_replication(s, r);
  const summary sum = summarize(s, result);
  CHECK(sum.created == sum.delivered + sum.in_network);
}

// A one-line message naming the file, a line and a column.
void check_clear_error(const input_error& e, const std::string& file) {
  const std::string what = e.what();
  CHECK(what.find('\n') == std::string::npos);
  CHECK(std::regex_search(
      what, std::regex("^" + std::regex_replace(file, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                       ":[0-9]+:[0-9]+: .+")));
}

}  // namespace

TEST_CASE("random valid scenarios run to completion and conserve units") {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    generator g(seed);
    const std::string text = g.scenario();
    INFO("generator seed " << seed << "\n" << text);
    scenario s;
    try {
      s = parse_scenario(text, "random.yaml", ".");
    } catch (const input_error& e) {
      FAIL("a generated scenario was refused: " << e.what());
    }
    run_and_check_conservation(s);
  }
}

TEST_CASE("random mutations of valid files end in a run or a clear error") {
  std::vector<std::string> sources;
  for (const auto& entry : fs::directory_iterator("scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    sources.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  REQUIRE(!sources.empty());
  const std::string alphabet = " :-[]{},#&*!|>'\"%@`\t\n0123456789abchdmxyz.\xC3\xFF";
  int runs = 0, errors = 0;
  for (std::uint64_t seed = 1; seed <= 1500; ++seed) {
    generator g(seed);
    std::string text = sources[g.below(sources.size())];
    for (std::uint64_t k = 1 + g.below(4); k > 0; --k) {
      const std::size_t at = g.below(text.size());
      switch (g.below(4)) {
        case 0:
          text.erase(at, 1 + g.below(8));
          break;
        case 1:
          text.insert(at, 1, alphabet[g.below(alphabet.size())]);
          break;
        case 2:
          text[at] = alphabet[g.below(alphabet.size())];
          break;
        default: {
          const std::size_t from = g.below(text.size());
          text.insert(at, text.substr(from, g.below(60)));
        }
      }
    }
    INFO("mutation seed " << seed << "\n" << text);
    try {
      scenario s = parse_scenario(text, "mutated.yaml", "scenarios");
      // Keep runs short whatever the mutation did to horizons and rates.
      double rate = 0;
      for (const auto& f : s.model.flows)
        rate += f.rate_per_hour;
      s.horizon = std::min(s.horizon, from_hours(std::min(24.0 * 30, 20000.0 / rate)));
      s.warmup = std::min(s.warmup, s.horizon / 2);
      s.replications = 1;
      run_and_check_conservation(s);
      ++runs;
    } catch (const input_error& e) {
      check_clear_error(e, "mutated.yaml");
      ++errors;
    }
  }
  MESSAGE(runs << " mutated files ran, " << errors << " were refused with a clear error");
  CHECK(errors > 0);
}
