// freightsim sweep: the variants of a sweep file, replications on --jobs threads, paired comparisons.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <thread>
#include <tuple>

#include "command.hpp"
#include "freightsim/experiment/mpi_ranks.hpp"
#include "freightsim/experiment/sweep.hpp"
#include "freightsim/output/result_store.hpp"
#include "freightsim/output/sweep_tables.hpp"
#include "freightsim/output/text_table.hpp"
#include "freightsim/scenario/input_error.hpp"
#include "options.hpp"
#include "progress.hpp"
#include "signals.hpp"

namespace freightsim::cli {

namespace {

struct sweep_command_options {
  std::string sweep_file;
  std::string out_dir = "out/sweep";
  std::optional<std::uint32_t> replications;
  std::optional<std::uint64_t> seed;
  unsigned jobs = 1;
  std::uint64_t max_in_network = 1'000'000;
  bool quiet = false;
  std::vector<std::string> overrides;
  std::string precision;  // --precision 5%
  std::uint32_t max_replications = 1000;
  bool max_replications_given = false;
  std::string store;  // --store FILE.db
  bool resume = false;
};

prepared_sweep prepare(const sweep_command_options& cmd) {
  sweep_spec spec = load_sweep(cmd.sweep_file);
  for (const auto& text : cmd.overrides) {
    const scenario_override o = parse_override(text);
    // Applied after each variant's own values, it would give every variant one value of a path they vary.
    std::set<std::string> values;
    for (const auto& v : spec.variants)
      for (const auto& own : v.overrides)
        if (own.path == o.path) values.insert(own.value);
    if (values.size() > 1)
      throw input_error(o.describe(), -1, -1,
                        "the sweep varies this path over its variants; --set would give them all one value");
    for (auto& v : spec.variants)
      v.overrides.push_back(o);
  }
  return prepare_sweep(std::move(spec), cmd.replications, cmd.seed);
}

// An MPI rank other than 0: loads the same sweep and runs what rank 0 sends. Rank 0 reports bad input (every
// rank reads the same files), so this one only exits.
int serve_sweep(const sweep_command_options& cmd, const mpi_ranks& ranks) {
  std::optional<prepared_sweep> prepared;
  try {
    prepared = prepare(cmd);
  } catch (const input_error&) {
    return exit_bad_input;
  }
  install_signal_handlers();
  ranks.serve(*prepared, {1, cmd.max_in_network, &interrupted(), {}});
  return exit_ok;
}

int sweep(const sweep_command_options& cmd) {
  namespace fs = std::filesystem;
  std::optional<mpi_ranks> ranks;
  if (launched_by_mpi()) ranks.emplace();
  if (ranks && ranks->rank() > 0) return serve_sweep(cmd, *ranks);
  prepared_sweep prepared = prepare(cmd);
  if (cmd.resume && cmd.store.empty()) throw input_error("--resume", -1, -1, "needs --store FILE.db");
  check_replication_cap(cmd.precision, cmd.max_replications, cmd.max_replications_given,
                        prepared.replications);
  std::optional<precision_goal> goal;
  if (!cmd.precision.empty()) goal = precision_goal{percentage(cmd.precision), cmd.max_replications};
  // The output folder is swapped in by a rename at the end: over a store of the same name, which would be
  // lost.
  if (!cmd.store.empty() && same_file(cmd.store, cmd.out_dir)) {
    std::cerr << "freightsim: --store: '" << cmd.store << "' is the --out folder; name another file\n";
    return exit_bad_input;
  }
  // Nor may it be a file the sweep reads: the sweep file, each variant's scenario and the files those read.
  std::vector<std::string> inputs{cmd.sweep_file};
  for (const auto& v : prepared.variants)
    inputs.insert(inputs.end(), v.model.inputs.begin(), v.model.inputs.end());
  if (!cmd.store.empty()) {
    for (const auto& input : inputs)
      if (same_file(cmd.store, input)) {
        std::cerr << "freightsim: --store: '" << cmd.store
                  << "' is a file the sweep reads; name another file\n";
        return exit_bad_input;
      }
  }
  if (output_replaces_input(cmd.out_dir, {"runs.csv", "comparison.csv", "sweep.json"}, inputs, "the sweep"))
    return exit_bad_input;
  std::optional<output_set> out_set;
  if (!open_output(out_set, cmd.out_dir)) return exit_bad_input;
  const unsigned jobs = cmd.jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : cmd.jobs;
  std::optional<result_store> store;
  std::vector<sweep_run> runs;  // with --resume, those the store holds; then every run done now
  if (!cmd.store.empty()) {
    try {
      store = result_store::open_for_sweep(cmd.store, prepared, {cmd.max_in_network, goal}, jobs, cmd.resume);
    } catch (const store_refused& e) {
      std::cerr << "freightsim: " << e.what() << "\n";
      return exit_bad_input;
    }
    runs = store->committed_sweep_runs();
  }
  install_signal_handlers();
  // With --precision a resumed store may hold later rounds too: their missing runs are done first.
  std::uint32_t first_round = prepared.replications;
  std::set<std::pair<std::uint32_t, std::uint32_t>> stored;
  for (const auto& r : runs) {
    stored.emplace(r.variant, r.replication);
    first_round = std::max(first_round, r.replication + 1);
  }
  std::vector<sweep_unit> units;
  for (std::uint32_t v = 0; v < prepared.variants.size(); ++v)
    for (std::uint32_t r = 0; r < first_round; ++r)
      if (!stored.contains({v, r})) units.push_back({v, r});
  if (store && !stored.empty() && !cmd.quiet)
    std::cerr << "freightsim: " << cmd.store << ": " << stored.size() << " of "
              << stored.size() + units.size() << " runs already stored; running the other " << units.size()
              << "\n";
  progress bar(units.size(), cmd.quiet);
  // Runs are committed one at a time, as they finish (on_run is called under the sweep's lock).
  const sweep_options options{jobs, cmd.max_in_network, &interrupted(),
                              [&](const sweep_run& run) {
                                bar.advance();
                                if (store) store->commit(run);
                              },
                              ranks ? &*ranks : nullptr};
  std::vector<sweep_run> done_now = run_sweep(prepared, units, options);
  runs.insert(runs.end(), std::make_move_iterator(done_now.begin()), std::make_move_iterator(done_now.end()));
  std::sort(runs.begin(), runs.end(), [](const sweep_run& a, const sweep_run& b) {
    return std::tie(a.variant, a.replication) < std::tie(b.variant, b.replication);
  });
  std::optional<precision_outcome> precision;
  if (goal) {
    precision =
        extend_sweep_to_precision(prepared, runs, *goal, options, [&](std::size_t more) { bar.add(more); });
    prepared.replications = precision->replications;
  }
  bar.finish();
  const auto comparisons = compare_variants(prepared, runs);
  const bool all_finished = std::all_of(runs.begin(), runs.end(), [](const sweep_run& r) {
    return r.stopped == stop_reason::none || r.stopped == stop_reason::saturated;
  });
  if (store && all_finished) store->write_summary(prepared, comparisons);
  const fs::path& out = out_set->destination();
  if (!write_output(*out_set, {{"runs.csv", sweep_runs_csv(prepared, runs)},
                               {"comparison.csv", sweep_comparison_csv(prepared, comparisons)},
                               {"sweep.json", sweep_json(prepared)}}))
    return exit_internal;
  if (!cmd.quiet) {
    std::cout << sweep_table(prepared, comparisons);
    if (precision)
      std::cout << "\nprecision " << precision->goal.relative * 100
                << "%: " << (precision->reached ? "reached" : "NOT reached") << " after "
                << count_of(precision->replications, "replication") << " per variant (cap "
                << precision->goal.max_replications << "), watching " << precision->metrics.size()
                << " metric(s) over the variants\n";
    std::cout << "\nwrote " << (out / "runs.csv").string() << ", comparison.csv, sweep.json"
              << (store ? ", " + cmd.store : std::string{}) << "\n";
  }
  const auto count = [&runs](stop_reason why) {
    return std::count_if(runs.begin(), runs.end(), [why](const auto& r) { return r.stopped == why; });
  };
  if (const auto oom = count(stop_reason::out_of_memory)) {
    std::cerr << "freightsim: out of memory: " << oom << " run(s) ran out of memory, "
              << count(stop_reason::none) << " finished; the finished runs are written to " << out.string()
              << " (fewer units in the network need less: see --max-in-network)\n";
    return exit_internal;
  }
  if (interrupted()) {
    std::cerr << "freightsim: interrupted; finished runs written to " << out.string() << "\n";
    return 128 + interrupt_signal();
  }
  if (const auto stopped = count(stop_reason::saturated)) {
    std::cerr << cmd.sweep_file << ": " << stopped
              << " run(s) stopped before the horizon (cap --max-in-network " << cmd.max_in_network
              << "); they are left out of the comparison\n";
    return exit_stopped;
  }
  return exit_ok;
}

}  // namespace

action add_sweep_command(CLI::App& app) {
  auto cmd = std::make_shared<sweep_command_options>();
  auto* sub =
      app.add_subcommand("sweep",
                         "Run the variants of a sweep file with common random numbers and compare them "
                         "with the baseline (paired differences, 95% intervals).");
  sub->footer(
      "The sweep file format is documented in README.md (section \"Sweeps\").\n"
      "Exit status: 0 success, 2 bad input, 3 some runs stopped by --max-in-network (left out), 128+N on "
      "signal N\n(finished runs written), 1 internal error.");
  sub->add_option("sweep", cmd->sweep_file, "Sweep YAML file")->required();
  sub->add_option("--out", cmd->out_dir, "Output directory (created if missing)")
      ->capture_default_str()
      ->check(path_given("a folder"));
  sub->add_option("--jobs,--threads", cmd->jobs,
                  "Worker threads (under mpirun: rank 0's; other ranks run one at a time); results do not "
                  "depend on it (0 = all cores)")
      ->capture_default_str()
      ->check(whole_number(0, 1024));
  sub->add_option("--replications", cmd->replications, "Replications per variant (overrides the sweep's)")
      ->check(whole_number(1, 100'000));
  sub->add_option("--seed", cmd->seed, "Random seed for every variant (overrides the sweep's)")
      ->check(whole_number(0, UINT64_MAX));
  sub->add_option("--set", cmd->overrides, "Change one setting of every variant, PATH=VALUE (repeatable)")
      ->take_all()
      ->allow_extra_args(false);
  sub->add_option("--max-in-network", cmd->max_in_network,
                  "Stop a run when more units than this are in the network (it is left out)")
      ->capture_default_str()
      ->check(whole_number(1, 1'000'000'000));
  sub->add_option("--precision", cmd->precision,
                  "After the replications, add more to every variant until the 95% CI half width of each "
                  "metric of interest in each variant is at most this share of its mean, e.g. 5%")
      ->check(percentage());
  auto* max_replications = sub->add_option("--max-replications", cmd->max_replications,
                                           "Cap on replications per variant with --precision")
                               ->capture_default_str()
                               ->check(whole_number(2, 100'000));
  sub->add_option("--store", cmd->store,
                  "SQLite result store: every finished run committed as it ends (a new or empty file; see "
                  "--resume)")
      ->check(path_given("a file"));
  sub->add_flag("--resume", cmd->resume,
                "With --store: keep the runs the store holds (the same sweep, by the same freightsim) and do "
                "only the others");
  sub->add_flag("--quiet", cmd->quiet, "No progress and no table");
  return [cmd, max_replications] {
    cmd->max_replications_given = max_replications->count() > 0;
    return sweep(*cmd);
  };
}

}  // namespace freightsim::cli
