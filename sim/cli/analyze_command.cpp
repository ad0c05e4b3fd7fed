// freightsim analyze: the analytic estimates of a scenario (no simulation), as a table and analytic.json.
#include <filesystem>
#include <iostream>

#include "command.hpp"
#include "freightsim/analysis/network_estimate.hpp"
#include "freightsim/output/analytic_report.hpp"
#include "freightsim/scenario/loader.hpp"
#include "options.hpp"

namespace freightsim::cli {

namespace {

struct analyze_options {
  std::string scenario_file;
  std::optional<std::string> out_dir;
  bool quiet = false;
};

int analyze(const analyze_options& cmd) {
  const scenario s = load_scenario(cmd.scenario_file);
  std::optional<output_set> out;
  if (cmd.out_dir && !open_output(out, *cmd.out_dir)) return exit_bad_input;
  const network_estimate e = estimate_network(s);
  if (out && !write_output(*out, {{"analytic.json", analytic_json(s, e)}})) return exit_internal;
  if (!cmd.quiet) std::cout << analytic_table(s, e);
  std::cerr << stability_warnings(cmd.scenario_file, e);
  return exit_ok;
}

}  // namespace

action add_analyze_command(CLI::App& app) {
  auto cmd = std::make_shared<analyze_options>();
  auto* sub =
      app.add_subcommand("analyze",
                         "Estimate utilization, waits and transit times analytically (a queueing-network "
                         "approximation, in milliseconds) and name every unstable node or link.");
  sub->footer(
      "Methods and tolerances: README.md, section \"Analytic estimates\". Exit status: 0 (also when "
      "unstable:\n"
      "the warnings go to stderr), 2 bad input, 1 internal error.");
  sub->add_option("scenario", cmd->scenario_file, "Scenario YAML file")->required();
  sub->add_option("--out", cmd->out_dir, "Also write DIR/analytic.json (created if missing)")
      ->check(path_given("a folder"));
  sub->add_flag("--quiet", cmd->quiet, "Do not print the table");
  return [cmd] { return analyze(*cmd); };
}

}  // namespace freightsim::cli
