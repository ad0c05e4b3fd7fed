// freightsim size: the fewest servers at a node that meet a target, analytically, then confirmed by
// simulation at the answer and one server fewer.
#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <thread>

#include "command.hpp"
#include "freightsim/analysis/sizing.hpp"
#include "freightsim/experiment/experiment.hpp"
#include "freightsim/experiment/summary.hpp"
#include "freightsim/scenario/loader.hpp"
#include "options.hpp"
#include "signals.hpp"

namespace freightsim::cli {

namespace {

struct size_options {
  std::string scenario_file, node, target;
  std::optional<std::uint32_t> replications;
  std::optional<std::uint64_t> seed;
  unsigned threads = 1;
  bool analytic_only = false;
};

struct simulated {
  double value = 0;
  std::optional<double> ci95;  // for means
  bool complete = true;
};

simulated simulate(const scenario& s, const sizing_target& t, const size_options& cmd, unsigned threads) {
  // A saturated candidate (one server fewer may be) stops early rather than filling memory.
  const experiment_result r = run_experiment(s, {.replications = cmd.replications,
                                                 .seed = cmd.seed,
                                                 .threads = threads,
                                                 .max_in_network = 200000,
                                                 .cancel = &interrupted()});
  const summary sum = summarize(s, r);
  const auto pick = [&](const distribution_summary& d) {
    if (t.quantile == 0) return simulated{d.estimate.mean, d.estimate.ci95, sum.complete};
    const double q = t.quantile == 0.5    ? d.p50
                     : t.quantile == 0.9  ? d.p90
                     : t.quantile == 0.95 ? d.p95
                                          : d.p99;
    return simulated{q, std::nullopt, sum.complete};
  };
  if (t.flow) {
    for (const auto& f : sum.flows)
      if (f.id == t.id) return pick(f.transit_h);
  } else {
    for (const auto& n : sum.nodes)
      if (n.id == t.id) return pick(n.wait_h);
  }
  throw std::runtime_error("target not in the summary: " + t.text);
}

std::string hours(double x) {
  return std::isfinite(x) ? fmt::format("{:.2f}", x) : std::string("inf (unstable)");
}

int size(const size_options& cmd) {
  const scenario s = load_scenario(cmd.scenario_file);
  vertex v = 0;
  sizing_target t;
  try {
    v = sized_node(s, cmd.node);
    t = parse_target(cmd.target, s, cmd.node);
  } catch (const std::invalid_argument& e) {
    std::cerr << "freightsim: " << e.what() << " (see freightsim size --help)\n";
    return exit_bad_input;
  }
  const sizing_answer a = size_analytically(s, v, t);
  std::cout << fmt::format("{}\nsizing servers at '{}' for {} (now {} servers)\n\n", s.name, cmd.node, t.text,
                           s.model.net.node(v).servers);
  if (!a.servers) {
    std::cout << fmt::format(
        "no answer: even {} servers give {} h analytically; the target cannot be met by "
        "servers at '{}' alone\n",
        a.steps.back().servers, hours(a.steps.back().value), cmd.node);
    return exit_ok;
  }
  if (!cmd.analytic_only) install_signal_handlers();
  const unsigned threads = cmd.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : cmd.threads;
  std::cout << fmt::format("{:>8} {:>16} {:>24} {:>8}\n", "servers", "analytic h", "simulated h", "meets");
  for (const auto& step : a.steps) {
    std::string sim_text = "-", meets = step.value <= t.limit ? "yes" : "no";
    if (!cmd.analytic_only) {
      const simulated x = simulate(with_servers(s, v, step.servers), t, cmd, threads);
      if (interrupted()) return 128 + interrupt_signal();
      sim_text = x.ci95 ? fmt::format("{:.2f} ± {:.2f}", x.value, *x.ci95) : fmt::format("{:.2f}", x.value);
      if (!x.complete) sim_text += " (saturated)";
      meets = x.complete && x.value <= t.limit ? "yes" : "no";
    }
    std::cout << fmt::format("{:>8} {:>16} {:>24} {:>8}\n", step.servers, hours(step.value), sim_text, meets);
  }
  std::cout << fmt::format("\nanswer: {} servers at '{}' (analytic{})\n", *a.servers, cmd.node,
                           cmd.analytic_only ? "" : "; the simulated column confirms or contradicts it");
  return exit_ok;
}

}  // namespace

action add_size_command(CLI::App& app) {
  auto cmd = std::make_shared<size_options>();
  auto* sub = app.add_subcommand(
      "size",
      "Find the fewest servers at a node that meet a target on a wait or a transit time: analytically, then "
      "confirmed by simulation at the answer and one server fewer.");
  sub->footer(
      "Targets: wait_h.STAT<=H (the node's wait), nodes.ID.wait_h.STAT<=H, flows.ID.transit_time_h.STAT<=H;\n"
      "STAT is mean, p50, p90, p95 or p99; H in hours. With shifts, the servers added (or removed) count in\n"
      "every open shift. Methods: README.md, section \"Analytic estimates\". Exit status: 0, 2 bad input,\n"
      "128+N on signal N, 1 internal error.");
  sub->add_option("scenario", cmd->scenario_file, "Scenario YAML file")->required();
  sub->add_option("--node", cmd->node, "Node whose servers are sized")->required();
  sub->add_option("--target", cmd->target, "Target, e.g. \"wait_h.p95<=12\"")->required();
  sub->add_option("--replications", cmd->replications,
                  "Replications per confirmation (overrides the scenario's)")
      ->check(whole_number(1, 100'000));
  sub->add_option("--seed", cmd->seed, "Random seed (overrides the scenario's)")
      ->check(whole_number(0, UINT64_MAX));
  sub->add_option("--threads,--jobs", cmd->threads, "Worker threads (0 = all cores)")
      ->capture_default_str()
      ->check(whole_number(0, 1024));
  sub->add_flag("--analytic-only", cmd->analytic_only, "Skip the confirming simulations");
  return [cmd] { return size(*cmd); };
}

}  // namespace freightsim::cli
