#include "freightsim/experiment/experiment.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <new>
#include <thread>

#include "freightsim/experiment/run_metrics.hpp"
#include "freightsim/experiment/warmup.hpp"

namespace freightsim {

namespace {

// Sketch merging adds counts, so the pools do not depend on the order replications are merged in.
void pool_sketches(experiment_result& out, replication_result& r) {
  // An interrupted replication is never summarized: its observations stay out of the pools.
  pooled_quantiles dropped;
  pooled_quantiles& pool = r.stopped == stop_reason::none        ? out.complete
                           : r.stopped == stop_reason::saturated ? out.partial
                                                                 : dropped;
  dropped.transit.resize(r.flows.size());
  dropped.wait.resize(r.nodes.size());
  dropped.leave.resize(r.flows.size());
  for (std::size_t f = 0; f < r.flows.size(); ++f) {
    pool.transit[f].merge(r.flows[f].transit_quantiles);
    r.flows[f].transit_quantiles = quantile_sketch{};
    auto& leave = r.flows[f].leave_quantiles;
    for (const std::uint32_t v : leave.places())
      pool.leave[f][v].merge(leave.at(v));
    leave = {};
  }
  for (std::size_t v = 0; v < r.nodes.size(); ++v) {
    pool.wait[v].merge(r.nodes[v].wait_quantiles);
    r.nodes[v].wait_quantiles = quantile_sketch{};
  }
}

// Runs replications [first, last) on threads into out (grown to `last`), each one's metric values taken
// before its sketches are pooled. With pool_now false the sketches stay in the results (the caller decides
// which replications to keep, then pools them).
void run_range(const scenario& s, const experiment_options& options, experiment_result& out,
               std::uint32_t first, std::uint32_t last, bool pool_now) {
  out.replications.resize(last);
  out.values.resize(last);
  const run_limits limits{options.max_in_network, options.cancel};
  std::mutex pool_mutex;
  std::atomic<std::uint32_t> next{first};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  std::atomic<bool> out_of_memory{false};
  const auto worker = [&] {
    for (std::uint32_t r = next++; r < last; r = next++) {
      if ((options.cancel && options.cancel->load()) || out_of_memory.load()) {
        out.replications[r].stopped = stop_reason::not_run;
        continue;
      }
      try {
        out.replications[r] = simulate_replication(s, out.seed, r, r == 0 ? options.trace : nullptr, limits);
        out.values[r] = metric_values(s, out.replications[r]);
        if (pool_now) {
          const std::lock_guard lock(pool_mutex);
          pool_sketches(out, out.replications[r]);
        }
      } catch (const std::bad_alloc&) {
        // The replication's memory is freed by now; the finished ones are kept and later ones not started
        // (they would most likely run out too).
        out.replications[r] = replication_result{};
        out.replications[r].stopped = stop_reason::out_of_memory;
        out.values[r].clear();
        out_of_memory = true;
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = last;  // stop handing out work
      }
    }
  };
  const unsigned threads = std::clamp<unsigned>(options.threads, 1, std::max<std::uint32_t>(last - first, 1));
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t)
      pool.emplace_back(worker);
    worker();
  }
  if (failure) std::rethrow_exception(failure);
}

bool all_complete(const experiment_result& out) {
  return std::all_of(out.replications.begin(), out.replications.end(),
                     [](const auto& r) { return r.stopped == stop_reason::none; });
}

metric_rows chosen_rows(const experiment_result& out, const std::vector<std::size_t>& metrics) {
  metric_rows rows;
  for (const auto& v : out.values) {
    std::vector<double> row;
    for (const std::size_t m : metrics)
      row.push_back(v[m]);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

experiment_result run_experiment(const scenario& s, const experiment_options& options) {
  experiment_result out;
  out.seed = options.seed.value_or(s.seed);
  for (pooled_quantiles* pool : {&out.complete, &out.partial}) {
    pool->transit.resize(s.model.flows.size());
    pool->wait.resize(s.model.net.node_count());
    pool->leave.resize(s.model.flows.size());
  }
  run_range(s, options, out, 0, options.replications.value_or(s.replications), true);
  if (!options.precision) return out;

  // Rounds of replications until the first n at which every chosen metric is precise: each prefix is checked
  // in order, so n does not depend on how the rounds fell (threads); replications past it are dropped.
  const precision_goal& goal = *options.precision;
  const std::vector<std::string> names = metric_names(s);
  std::vector<std::string> chosen;
  for (const std::size_t m : options.precision_metrics)
    chosen.push_back(names[m]);
  auto n = static_cast<std::uint32_t>(out.replications.size());
  bool reached = precise_at(chosen_rows(out, options.precision_metrics), n, goal.relative);
  while (!reached && n < goal.max_replications && all_complete(out) &&
         !(options.cancel && options.cancel->load())) {
    const std::uint32_t more = next_round(chosen_rows(out, options.precision_metrics), goal, options.threads);
    run_range(s, options, out, n, n + more, false);
    std::uint32_t keep = n + more;
    if (all_complete(out))
      if (const auto first =
              first_precise(chosen_rows(out, options.precision_metrics), n + 1, goal.relative)) {
        keep = static_cast<std::uint32_t>(*first);
        reached = true;
      }
    out.replications.resize(keep);
    out.values.resize(keep);
    for (std::uint32_t r = n; r < keep; ++r)
      pool_sketches(out, out.replications[r]);
    n = keep;
  }
  out.precision = precision_report(chosen_rows(out, options.precision_metrics), goal, chosen);
  return out;
}

}  // namespace freightsim
