// Benchmarks of the pending-event set (the classic hold model) against std::priority_queue, and of one
// M/M/c replication end to end. Run through tools/bench/run.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include "freightsim/engine/bucket_queue.hpp"
#include "freightsim/engine/dary_heap.hpp"
#include "freightsim/engine/distribution.hpp"
#include "freightsim/engine/random.hpp"
#include "freightsim/model/simulation.hpp"
#include "freightsim/scenario/loader.hpp"

using namespace freightsim;

namespace {

// Exp(1) h increments in ms, drawn once: every set then sees exactly the same numbers, and the timed loop
// measures the set rather than the generator.
constexpr std::size_t increment_count = std::size_t{1} << 16;

const std::vector<sim_time>& increments() {
  static const std::vector<sim_time> table = [] {
    random_stream rng(20261126);
    std::vector<sim_time> v(increment_count);
    for (auto& x : v)
      x = from_hours(sample_exponential(rng, 1.0));
    return v;
  }();
  return table;
}

// The baseline: a plain std::priority_queue of (time, seq) pairs, earliest on top.
class std_queue {
 public:
  void reserve(std::size_t n) {
    std::vector<item> v;
    v.reserve(n);
    q_ = queue(std::greater<item>{}, std::move(v));
  }
  void push(sim_time t, std::uint64_t seq) { q_.emplace(t.count(), seq); }
  sim_time pop() {
    const sim_time t{q_.top().first};
    q_.pop();
    return t;
  }

 private:
  using item = std::pair<sim_time::rep, std::uint64_t>;
  using queue = std::priority_queue<item, std::vector<item>, std::greater<item>>;
  queue q_;
};

// The freightsim event set behind the same three calls (kind and id are carried but unused here).
template <class Set>
class freightsim_set {
 public:
  void reserve(std::size_t n) { set_.reserve(n); }
  void push(sim_time t, std::uint64_t seq) { set_.push({t, seq, 0, 0}); }
  sim_time pop() { return set_.pop().time; }

 private:
  Set set_;
};

// Hold model: N pending events; each operation pops the earliest and schedules one at now + Exp(1).
template <class Set>
void hold(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<sim_time>& inc = increments();
  std::size_t k = 0;
  std::uint64_t seq = 0;
  sim_time now{0};
  Set set;
  set.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    set.push(inc[k++ % increment_count], seq++);
  const auto step = [&] {
    now = set.pop();
    set.push(now + inc[k++ % increment_count], seq++);
  };
  // Untimed warm-up: the prefill's times are not yet the hold model's steady-state distribution.
  for (std::size_t i = 0; i < n; ++i)
    step();
  for (auto _ : state)
    step();
  benchmark::DoNotOptimize(now);
  state.SetItemsProcessed(state.iterations());
}

void hold_args(benchmark::internal::Benchmark* b) {
  // 10,000: about brest_vladivostok's pending events (7,000 on average).
  b->ArgName("N")->Arg(1'000)->Arg(10'000)->Arg(100'000)->Arg(1'000'000);
}

BENCHMARK(hold<std_queue>)->Name("hold/priority_queue")->Apply(hold_args);
BENCHMARK(hold<freightsim_set<dary_heap<2>>>)->Name("hold/dary_heap<2>")->Apply(hold_args);
BENCHMARK(hold<freightsim_set<dary_heap<4>>>)->Name("hold/dary_heap<4>")->Apply(hold_args);
BENCHMARK(hold<freightsim_set<dary_heap<8>>>)->Name("hold/dary_heap<8>")->Apply(hold_args);
BENCHMARK(hold<freightsim_set<bucket_queue<>>>)->Name("hold/bucket_queue")->Apply(hold_args);

// M/M/3, rho = 0.8, as in tests/queueing_theory_test.cpp but one long replication.
constexpr const char* mmc_yaml = R"(name: mmc bench
horizon: 100000h
warmup: 1000h
seed: 7
replications: 1
nodes:
  - {id: a, servers: 3, service: {dist: exponential, mean: 1h}}
  - {id: exit}
links:
  - {from: a, to: exit, mode: road, time: 0h}
flows:
  - {id: f, from: a, to: exit, arrivals: {process: poisson, rate: 2.4/h}, route: [a, exit]}
)";

void mmc_replication(benchmark::State& state) {
  const scenario s = parse_scenario(mmc_yaml, "mmc_bench.yaml", ".");
  std::uint64_t events = 0;
  std::uint32_t replication = 0;
  for (auto _ : state) {
    const replication_result r = simulate(s.model, {s.warmup, s.horizon}, s.seed, replication++);
    events += r.events;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));  // items = events handled
}

BENCHMARK(mmc_replication)->Name("mmc/c=3,rho=0.8")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
