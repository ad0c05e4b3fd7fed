// freightsim validate: runs a scenario and compares its results with the published outcomes of its
// `observed:` section, calibration and validation apart.
#include <filesystem>
#include <iostream>
#include <thread>

#include "command.hpp"
#include "freightsim/analysis/network_estimate.hpp"
#include "freightsim/experiment/experiment.hpp"
#include "freightsim/experiment/observed.hpp"
#include "freightsim/experiment/summary.hpp"
#include "freightsim/output/analytic_report.hpp"
#include "freightsim/output/csv_tables.hpp"
#include "freightsim/output/json_summary.hpp"
#include "freightsim/output/result_folder.hpp"
#include "freightsim/output/text_table.hpp"
#include "freightsim/scenario/input_error.hpp"
#include "options.hpp"
#include "run_summary.hpp"
#include "scenario_input.hpp"
#include "signals.hpp"

namespace freightsim::cli {

namespace {

struct validate_options {
  std::string scenario_file;
  std::string out_dir;  // empty: nothing written
  unsigned threads = 1;
  std::vector<std::string> overrides;  // --set PATH=VALUE
};

int validate(const validate_options& cmd) {
  const hashed_scenario loaded = load_hashed_scenario(cmd.scenario_file, cmd.overrides);
  const scenario& s = loaded.s;
  if (s.observed.empty())
    throw input_error(cmd.scenario_file, 0, 0, "no 'observed:' entries to validate against");
  check_observed(s);
  std::optional<output_set> out;
  if (!cmd.out_dir.empty() &&
      output_replaces_input(
          cmd.out_dir, {"summary.json", "flows.csv", "nodes.csv", "links.csv", "replications.csv"}, s.inputs))
    return exit_bad_input;
  if (!cmd.out_dir.empty() && !open_output(out, cmd.out_dir)) return exit_bad_input;
  // As run: unstable nodes and links are named on stderr before simulating and join the summary's warnings.
  const network_estimate analytic = estimate_network(s);
  std::cerr << stability_warnings(cmd.scenario_file, analytic);
  install_signal_handlers();
  const unsigned threads = cmd.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : cmd.threads;
  const experiment_result result = run_experiment(s, {.threads = threads, .cancel = &interrupted()});
  const run_summary summarized = summarize_run(loaded, result, analytic);
  const summary& sum = summarized.sum;
  if (out && !write_output(*out, {{"summary.json", to_json(sum)},
                                  {"flows.csv", flows_csv(sum)},
                                  {"nodes.csv", nodes_csv(sum)},
                                  {"links.csv", links_csv(sum)},
                                  {"replications.csv", replications_csv(s, result)}}))
    return exit_internal;
  // A known gap is expected to fail; one that passes is stale and fails the command until its mark goes.
  std::size_t validation = 0, passed = 0, gaps = 0, failed = 0;
  for (const auto& o : sum.observed)
    if (o.use == observed_use::validation) {
      ++validation;
      passed += o.pass;
      gaps += !o.known_gap.empty() && !o.pass;
      failed += o.known_gap.empty() ? !o.pass : o.pass;
    }
  std::cout << sum.scenario << "\n"
            << count_of(sum.replications, "replication") << ", seed " << sum.seed << "\n\n"
            << observed_table(sum) << "\n"
            << passed << " of " << validation << " validation entries within tolerance, " << gaps
            << " known gaps\n";
  print_simulated_warnings(summarized);
  if (interrupted()) {
    std::cerr << "freightsim: interrupted\n";
    return 128 + interrupt_signal();
  }
  if (!sum.complete) {
    std::cerr << cmd.scenario_file << ": stopped: " << sum.incomplete_reason << "\n";
    return exit_stopped;
  }
  return failed > 0 ? exit_not_valid : exit_ok;
}

}  // namespace

action add_validate_command(CLI::App& app) {
  auto cmd = std::make_shared<validate_options>();
  auto* sub = app.add_subcommand(
      "validate",
      "Run a scenario and print each of its 'observed:' entries against the simulated value, with the ratio "
      "and pass or fail, calibration and validation apart.");
  sub->footer(
      "Exit status: 0 every validation entry within its tolerance (or a declared known_gap), 4 a validation\n"
      "entry outside it or a known_gap that is met (stale), 2 bad\n"
      "input (including a scenario without 'observed:' entries), 3 stopped early (saturated), 128+N on\n"
      "signal N, 1 internal error. Calibration entries never fail the command: an input was set from them.");
  sub->add_option("scenario", cmd->scenario_file, "Scenario YAML file")->required();
  sub->add_option("--out", cmd->out_dir,
                  "Also write summary.json, flows.csv, nodes.csv, links.csv and replications.csv here")
      ->check(path_given("a folder"));
  sub->add_option(
         "--set", cmd->overrides,
         "Change one setting, PATH=VALUE (repeatable), e.g. nodes.kamenny_log.servers=12: validate a "
         "variant against the same published outcomes")
      ->take_all()
      ->allow_extra_args(false);
  sub->add_option("--threads,--jobs", cmd->threads,
                  "Worker threads for replications; results do not depend on it (0 = all cores)")
      ->capture_default_str()
      ->check(whole_number(0, 1024));
  return [cmd] { return validate(*cmd); };
}

}  // namespace freightsim::cli
