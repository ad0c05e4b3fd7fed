// The freightsim command: a thin layer over the library. Exit 0 success, 2 bad input, 1 internal error.
#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>

#include "freightsim/experiment/experiment.hpp"
#include "freightsim/experiment/summary.hpp"
#include "freightsim/output/atomic_file.hpp"
#include "freightsim/output/csv_tables.hpp"
#include "freightsim/output/json_summary.hpp"
#include "freightsim/output/text_table.hpp"
#include "freightsim/scenario/loader.hpp"

namespace {

constexpr int exit_bad_input = 2;
constexpr int exit_internal = 1;
constexpr int exit_stopped = 3;  // stopped before the horizon (saturated); partial results written

// Set by SIGINT/SIGTERM; the only state a signal handler may touch. A second signal kills the process.
std::atomic<bool> interrupted{false};
std::atomic<int> interrupt_signal{0};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_signal(int signal) {
  interrupt_signal.store(signal);
  interrupted.store(true);
}

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

struct run_command {
  std::string scenario_file;
  std::string out_dir = "out";
  std::optional<std::uint32_t> replications;
  std::optional<std::uint64_t> seed;
  unsigned threads = 1;
  std::uint64_t max_in_network = freightsim::run_limits{}.max_in_network;
  bool quiet = false;
};

int run(const run_command& cmd) {
  namespace fs = std::filesystem;
  using namespace freightsim;
  const scenario s = load_scenario(cmd.scenario_file);
  install_signal_handlers();
  const experiment_result result =
      run_experiment(s, {cmd.replications, cmd.seed, cmd.threads, cmd.max_in_network, &interrupted});
  const summary sum = summarize(s, result);
  const fs::path out(cmd.out_dir);
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) throw std::runtime_error("cannot create output directory " + out.string() + ": " + ec.message());
  write_file_atomically(out / "summary.json", to_json(sum));
  write_file_atomically(out / "flows.csv", flows_csv(sum));
  write_file_atomically(out / "nodes.csv", nodes_csv(sum));
  if (!cmd.quiet)
    std::cout << text_table(sum) << "\nwrote " << (out / "summary.json").string()
              << ", flows.csv, nodes.csv\n";
  if (interrupted) {
    std::cerr << "freightsim: interrupted; finished replications written to " << out.string()
              << " marked incomplete\n";
    return 128 + interrupt_signal.load();
  }
  if (!sum.complete) {
    std::cerr << cmd.scenario_file << ": stopped: " << sum.incomplete_reason << " (cap --max-in-network "
              << cmd.max_in_network << "); partial results written to " << out.string()
              << " marked incomplete\n";
    return exit_stopped;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "freightsim: discrete-event simulation of freight on Eurasian corridors.\n"
      "Exit status: 0 success, 2 bad input (scenario or command line), 3 stopped early by --max-in-network\n"
      "(partial results written), 128+N on signal N (SIGINT, SIGTERM: finished replications written),\n"
      "1 internal error."};
  app.require_subcommand(1);
  run_command cmd;
  auto* run_app = app.add_subcommand("run",
                                     "Run a scenario's replications and write summary.json, flows.csv and "
                                     "nodes.csv (times in hours, ± = 95% CI half width).");
  run_app->footer(
      "The scenario format is documented in README.md (section \"Scenario format\").\n"
      "Exit status: 0 success, 2 bad input (one line FILE:LINE:COL: message on stderr, nothing written),\n"
      "3 stopped early by --max-in-network (partial results written marked incomplete), 128+N on signal N\n"
      "(finished replications written marked incomplete), 1 internal error.");
  run_app->add_option("scenario", cmd.scenario_file, "Scenario YAML file")->required();
  run_app->add_option("--out", cmd.out_dir, "Output directory (created if missing)")->capture_default_str();
  run_app->add_option("--replications", cmd.replications, "Number of replications (overrides the scenario's)")
      ->check(CLI::Range(1u, 100000u));
  run_app->add_option("--seed", cmd.seed, "Random seed (overrides the scenario's); same seed, same output");
  run_app
      ->add_option("--threads", cmd.threads,
                   "Worker threads for replications; results do not depend on it (0 = all cores)")
      ->capture_default_str();
  run_app
      ->add_option("--max-in-network", cmd.max_in_network,
                   "Stop a replication when more units than this are in the network (a saturated node); "
                   "partial results are written marked incomplete and the exit status is 3")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  run_app->add_flag("--quiet", cmd.quiet, "Do not print the summary table");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help
    std::cerr << "freightsim: " << e.what() << " (see freightsim run --help)\n";
    return exit_bad_input;
  }
  if (cmd.threads == 0) cmd.threads = std::max(1u, std::thread::hardware_concurrency());
  try {
    return run(cmd);
  } catch (const freightsim::input_error& e) {
    std::cerr << e.what() << "\n";
    return exit_bad_input;
  } catch (const std::exception& e) {
    std::cerr << "freightsim: internal error: " << e.what() << "\n";
    return exit_internal;
  }
}
