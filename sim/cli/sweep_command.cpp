// freightsim sweep: the variants of a sweep file, replications on --jobs threads, paired comparisons.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>

#include "command.hpp"
#include "freightsim/experiment/sweep.hpp"
#include "freightsim/output/sweep_tables.hpp"
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
};

int sweep(const sweep_command_options& cmd) {
  namespace fs = std::filesystem;
  sweep_spec spec = load_sweep(cmd.sweep_file);
  for (const auto& text : cmd.overrides) {
    const scenario_override o = parse_override(text);
    for (auto& v : spec.variants)
      v.overrides.push_back(o);
  }
  prepared_sweep prepared = prepare_sweep(std::move(spec), cmd.replications, cmd.seed);
  std::optional<output_set> out_set;
  if (!open_output(out_set, cmd.out_dir)) return exit_bad_input;
  install_signal_handlers();
  std::vector<sweep_unit> units;
  for (std::uint32_t v = 0; v < prepared.variants.size(); ++v)
    for (std::uint32_t r = 0; r < prepared.replications; ++r)
      units.push_back({v, r});
  progress bar(units.size(), cmd.quiet);
  const unsigned jobs = cmd.jobs == 0 ? std::max(1u, std::thread::hardware_concurrency()) : cmd.jobs;
  const sweep_options options{jobs, cmd.max_in_network, &interrupted(),
                              [&](const sweep_run&) { bar.advance(); }};
  std::vector<sweep_run> runs = run_sweep(prepared, units, options);
  std::optional<precision_outcome> precision;
  if (!cmd.precision.empty()) {
    precision = extend_sweep_to_precision(prepared, runs, {percentage(cmd.precision), cmd.max_replications},
                                          options, [&](std::size_t more) { bar.add(more); });
    prepared.replications = precision->replications;
  }
  bar.finish();
  const auto comparisons = compare_variants(prepared, runs);
  const fs::path& out = out_set->destination();
  if (!write_output(*out_set, {{"runs.csv", sweep_runs_csv(prepared, runs)},
                               {"comparison.csv", sweep_comparison_csv(prepared, comparisons)}}))
    return exit_internal;
  if (!cmd.quiet) {
    std::cout << sweep_table(prepared, comparisons);
    if (precision)
      std::cout << "\nprecision " << precision->goal.relative * 100
                << "%: " << (precision->reached ? "reached" : "NOT reached") << " after "
                << precision->replications << " replications per variant (cap "
                << precision->goal.max_replications << "), watching " << precision->metrics.size()
                << " metric(s) over the variants\n";
    std::cout << "\nwrote " << (out / "runs.csv").string() << ", comparison.csv\n";
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
  sub->add_option("--out", cmd->out_dir, "Output directory (created if missing)")->capture_default_str();
  sub->add_option("--jobs", cmd->jobs, "Worker threads; results do not depend on it (0 = all cores)")
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
  sub->add_option("--max-replications", cmd->max_replications,
                  "Cap on replications per variant with --precision")
      ->capture_default_str()
      ->check(whole_number(2, 100'000));
  sub->add_flag("--quiet", cmd->quiet, "No progress and no table");
  return [cmd] { return sweep(*cmd); };
}

}  // namespace freightsim::cli
