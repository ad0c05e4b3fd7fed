#include "freightsim/experiment/sweep.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <map>
#include <mutex>
#include <new>
#include <stdexcept>
#include <thread>
#include <tuple>

#include "freightsim/experiment/compare.hpp"
#include "freightsim/experiment/run_metrics.hpp"
#include "freightsim/experiment/warmup.hpp"
#include "freightsim/scenario/loader.hpp"
#include "freightsim/scenario/suggest.hpp"

namespace freightsim {

prepared_sweep prepare_sweep(sweep_spec spec, std::optional<std::uint32_t> replications,
                             std::optional<std::uint64_t> seed) {
  prepared_sweep out;
  for (const auto& v : spec.variants) {
    sweep_variant_model m;
    m.name = v.name;
    try {
      m.model = load_scenario(v.scenario, v.overrides);
    } catch (const input_error& e) {
      // Point at the value that failed when it was written in the sweep file.
      sweep_mark at = v.mark;
      for (std::size_t i = 0; i < v.overrides.size() && i < v.override_marks.size(); ++i)
        if (e.file() == v.overrides[i].describe() && v.override_marks[i].line > 0) at = v.override_marks[i];
      throw input_error(spec.file, at.line, at.column, "variant '" + v.name + "': " + e.what());
    }
    m.metric_names = metric_names(m.model);
    for (const auto& metric : spec.metrics) {
      const auto it = std::find(m.metric_names.begin(), m.metric_names.end(), metric.name);
      if (it == m.metric_names.end())
        throw input_error(spec.file, metric.mark.line, metric.mark.column,
                          "metric '" + metric.name + "' is not measured in variant '" + v.name + "'" +
                              did_you_mean(metric.name, m.metric_names));
      m.chosen.push_back(static_cast<std::size_t>(it - m.metric_names.begin()));
    }
    out.variants.push_back(std::move(m));
  }
  const scenario& base = out.variants.front().model;
  out.seed = seed.value_or(spec.seed.value_or(base.seed));
  out.replications = replications.value_or(spec.replications ? spec.replications : base.replications);
  out.spec = std::move(spec);
  return out;
}

sweep_run run_unit(const prepared_sweep& sweep, sweep_unit unit, const sweep_options& options) {
  const auto start = std::chrono::steady_clock::now();
  const scenario& s = sweep.variants[unit.variant].model;
  const replication_result r = simulate_replication(s, sweep.seed, unit.replication, nullptr,
                                                    {options.max_in_network, options.cancel});
  sweep_run run{unit.variant, unit.replication, r.stopped, 0, metric_values(s, r)};
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

std::vector<sweep_run> run_sweep(const prepared_sweep& sweep, const std::vector<sweep_unit>& units,
                                 const sweep_options& options) {
  std::vector<sweep_run> out(units.size());
  for (std::size_t k = 0; k < units.size(); ++k) {
    out[k].variant = units[k].variant;
    out[k].replication = units[k].replication;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex report_mutex;
  // The next unit to run, if any: none once cancelled (the rest stay not_run) or once a run failed.
  const auto claim = [&]() -> std::optional<std::size_t> {
    if (options.cancel && options.cancel->load()) return std::nullopt;
    const std::size_t k = next++;
    return k < units.size() ? std::optional{k} : std::nullopt;
  };
  const auto record = [&](std::size_t k, sweep_run&& run) {
    const std::lock_guard lock(report_mutex);
    // A run out of memory has freed it by now: keep the finished runs and start no more (they would most
    // likely run out too); the unstarted ones stay not_run.
    if (run.stopped == stop_reason::out_of_memory) next = units.size();
    out[k] = std::move(run);
    if (options.on_run && out[k].stopped != stop_reason::out_of_memory) options.on_run(out[k]);
  };
  const auto fail = [&](std::exception_ptr e) {
    const std::lock_guard lock(report_mutex);
    if (!failure) failure = e;
    next = units.size();  // stop handing out work
  };
  const auto worker = [&] {
    while (const auto k = claim()) {
      try {
        record(*k, run_unit(sweep, units[*k], options));
      } catch (const std::bad_alloc&) {
        record(*k, {units[*k].variant, units[*k].replication, stop_reason::out_of_memory, 0, {}});
      } catch (...) {
        fail(std::current_exception());
      }
    }
  };
  const unsigned jobs = std::clamp<unsigned>(options.jobs, 1, std::max<std::size_t>(units.size(), 1));
  {
    std::vector<std::jthread> pool;
    if (options.ranks) {
      // This thread talks to the other ranks (MPI_THREAD_FUNNELED); `jobs` threads run rank 0's share.
      for (unsigned t = 0; t < jobs; ++t)
        pool.emplace_back(worker);
      options.ranks->dispatch(units, claim, record, [&](const std::string& message) {
        fail(std::make_exception_ptr(std::runtime_error(message)));
      });
    } else {
      for (unsigned t = 1; t < jobs; ++t)
        pool.emplace_back(worker);
      worker();
    }
  }
  if (failure) std::rethrow_exception(failure);
  return out;
}

precision_outcome extend_sweep_to_precision(const prepared_sweep& sweep, std::vector<sweep_run>& runs,
                                            const precision_goal& goal, const sweep_options& options,
                                            const std::function<void(std::size_t)>& on_round) {
  const std::size_t n_variants = sweep.variants.size(), n_metrics = sweep.spec.metrics.size();
  std::vector<std::string> names;
  for (const auto& v : sweep.variants)
    for (const auto& m : sweep.spec.metrics)
      names.push_back(v.name + ": " + m.name);
  // Row r: every variant's metrics of interest in replication r (NaN: not measured, or the run not done).
  const auto rows = [&] {
    metric_rows out;
    for (const auto& run : runs) {
      if (run.replication >= out.size())
        out.resize(run.replication + 1, std::vector<double>(n_variants * n_metrics, std::nan("")));
      if (run.stopped != stop_reason::none) continue;
      for (std::size_t m = 0; m < n_metrics; ++m)
        out[run.replication][run.variant * n_metrics + m] = run.values[sweep.variants[run.variant].chosen[m]];
    }
    return out;
  };
  const auto all_done = [&] {
    return std::all_of(runs.begin(), runs.end(),
                       [](const auto& r) { return r.stopped == stop_reason::none; });
  };
  // Runs may go past sweep.replications already (a resumed store's later rounds, every variant of each of
  // their replications): the first precise n among them is the one the rounds found, or would have.
  std::uint32_t n = sweep.replications;
  bool reached = false;
  if (const auto first = all_done() ? first_precise(rows(), n, goal.relative) : std::nullopt) {
    n = static_cast<std::uint32_t>(*first);
    reached = true;
    std::erase_if(runs, [n](const sweep_run& r) { return r.replication >= n; });
  } else {
    n = std::max(n, static_cast<std::uint32_t>(rows().size()));
  }
  while (!reached && n < goal.max_replications && all_done() && !(options.cancel && options.cancel->load())) {
    const std::uint32_t more = next_round(rows(), goal, options.jobs);
    std::vector<sweep_unit> units;
    for (std::uint32_t v = 0; v < n_variants; ++v)
      for (std::uint32_t r = n; r < n + more; ++r)
        units.push_back({v, r});
    if (on_round) on_round(units.size());
    const std::vector<sweep_run> added = run_sweep(sweep, units, options);
    runs.insert(runs.end(), added.begin(), added.end());
    std::uint32_t keep = n + more;
    if (all_done())
      if (const auto first = first_precise(rows(), n + 1, goal.relative)) {
        keep = static_cast<std::uint32_t>(*first);
        reached = true;
      }
    std::erase_if(runs, [keep](const sweep_run& r) { return r.replication >= keep; });
    n = keep;
  }
  std::sort(runs.begin(), runs.end(), [](const sweep_run& a, const sweep_run& b) {
    return std::tie(a.variant, a.replication) < std::tie(b.variant, b.replication);
  });
  return precision_report(rows(), goal, names);
}

std::vector<metric_comparison> compare_variants(const prepared_sweep& sweep,
                                                const std::vector<sweep_run>& runs) {
  const std::size_t n_variants = sweep.variants.size();
  // By variant, then replication: the value of each chosen metric, for runs that reached the horizon.
  std::vector<std::map<std::uint32_t, const sweep_run*>> done(n_variants);
  for (const auto& r : runs)
    if (r.stopped == stop_reason::none) done[r.variant][r.replication] = &r;
  std::vector<metric_comparison> out;
  const double family =
      static_cast<double>(sweep.spec.metrics.size() * std::max<std::size_t>(n_variants - 1, 1));
  const double confidence = 1.0 - 0.05 / family;
  for (std::size_t m = 0; m < sweep.spec.metrics.size(); ++m) {
    metric_comparison c;
    c.metric = sweep.spec.metrics[m].name;
    // By variant: this metric's value in each replication (NaN: a flow that delivered nothing, left out
    // with its pair).
    std::vector<replication_values> values(n_variants);
    for (std::size_t v = 0; v < n_variants; ++v)
      for (const auto& [rep, run] : done[v])
        values[v][rep] = run->values[sweep.variants[v].chosen[m]];
    for (std::size_t v = 0; v < n_variants; ++v) {
      const std::vector<double> level = figures_of(values[v]);
      const std::vector<double> diff = paired_differences(values[0], values[v]);
      const auto or_none = [](const std::vector<double>& x) {
        return x.empty() ? interval_estimate{std::nan(""), std::nullopt} : summarize(x);
      };
      c.level.push_back(or_none(level));
      c.difference.push_back(or_none(diff));
      c.pairs.push_back(static_cast<std::uint32_t>(diff.size()));
      c.significant.push_back(v > 0 && excludes_zero(summarize(diff, confidence)));
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace freightsim
