#include "freightsim/experiment/experiment.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <new>
#include <thread>

#include "freightsim/experiment/warmup.hpp"

namespace freightsim {

experiment_result run_experiment(const scenario& s, const experiment_options& options) {
  experiment_result out;
  out.seed = options.seed.value_or(s.seed);
  const std::uint32_t count = options.replications.value_or(s.replications);
  out.replications.resize(count);
  const run_limits limits{options.max_in_network, options.cancel};

  for (pooled_quantiles* pool : {&out.complete, &out.partial}) {
    pool->transit.resize(s.model.flows.size());
    pool->wait.resize(s.model.net.node_count());
  }
  std::mutex pool_mutex;
  // Sketch merging adds counts, so the pools do not depend on the order replications finish in.
  const auto pool_sketches = [&](replication_result& r) {
    const std::lock_guard lock(pool_mutex);
    // An interrupted replication is never summarized: its observations stay out of the pools.
    pooled_quantiles dropped;
    pooled_quantiles& pool = r.stopped == stop_reason::none        ? out.complete
                             : r.stopped == stop_reason::saturated ? out.partial
                                                                   : dropped;
    dropped.transit.resize(r.flows.size());
    dropped.wait.resize(r.nodes.size());
    for (std::size_t f = 0; f < r.flows.size(); ++f) {
      pool.transit[f].merge(r.flows[f].transit_quantiles);
      r.flows[f].transit_quantiles = quantile_sketch{};
    }
    for (std::size_t v = 0; v < r.nodes.size(); ++v) {
      pool.wait[v].merge(r.nodes[v].wait_quantiles);
      r.nodes[v].wait_quantiles = quantile_sketch{};
    }
  };
  std::atomic<std::uint32_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  std::atomic<bool> out_of_memory{false};
  const auto worker = [&] {
    for (std::uint32_t r = next++; r < count; r = next++) {
      if ((options.cancel && options.cancel->load()) || out_of_memory.load()) {
        out.replications[r].stopped = stop_reason::not_run;
        continue;
      }
      try {
        out.replications[r] = simulate_replication(s, out.seed, r, r == 0 ? options.trace : nullptr, limits);
        pool_sketches(out.replications[r]);
      } catch (const std::bad_alloc&) {
        // The replication's memory is freed by now; the finished ones are kept and later ones not started
        // (they would most likely run out too).
        out.replications[r] = replication_result{};
        out.replications[r].stopped = stop_reason::out_of_memory;
        out_of_memory = true;
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = count;  // stop handing out work
      }
    }
  };
  const unsigned threads = std::clamp<unsigned>(options.threads, 1, std::max<std::uint32_t>(count, 1));
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t)
      pool.emplace_back(worker);
    worker();
  }
  if (failure) std::rethrow_exception(failure);
  return out;
}

}  // namespace freightsim
