// freightsim replay: one run of a result store done again alone, from its stored scenario and seed, and its
// metrics compared with the stored ones. They must be the same to the last bit: a run depends only on its
// scenario, seed and replication.
#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <iostream>

#include "command.hpp"
#include "freightsim/experiment/run_metrics.hpp"
#include "freightsim/experiment/warmup.hpp"
#include "freightsim/output/result_store.hpp"
#include "freightsim/output/sweep_tables.hpp"
#include "freightsim/scenario/loader.hpp"
#include "options.hpp"
#include "signals.hpp"

namespace freightsim::cli {

namespace {

struct replay_options {
  std::string store;
  std::uint64_t run_id = 0;
  bool quiet = false;
};

// Bit for bit; two NaNs (no figure in either) are the same.
bool same(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) ||
         std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

std::string shown(double x) {
  return std::isnan(x) ? std::string("none") : fmt::format("{}", x);
}

int replay(const replay_options& cmd) {
  std::optional<result_store> store;
  std::optional<stored_run> run;
  try {
    store = result_store::open_for_reading(cmd.store);
    run = store->run(static_cast<std::int64_t>(cmd.run_id));
  } catch (const store_refused& e) {
    std::cerr << "freightsim: " << e.what() << "\n";
    return exit_bad_input;
  }
  const stored_sweep& sweep = store->sweep();
  if (!run) {
    std::cerr << "freightsim: " << cmd.store << ": no run " << cmd.run_id << " (it holds "
              << store->runs().size() << " runs; run_id = variant x " << sweep.max_replications
              << " + replication)\n";
    return exit_bad_input;
  }
  const stored_variant& variant = sweep.variants.at(run->variant);
  if (sweep.freightsim_version != FREIGHTSIM_VERSION)
    std::cerr << "freightsim: warning: the store was written by freightsim " << sweep.freightsim_version
              << ", this is " << FREIGHTSIM_VERSION << ": the values may differ\n";
  const scenario s =
      parse_scenario(variant.scenario_yaml, cmd.store + ": variant " + variant.name, variant.scenario_dir);
  const std::vector<std::string> names = metric_names(s);
  if (names != variant.metric_names) {
    std::cerr << "freightsim: " << cmd.store << ": the stored scenario of variant '" << variant.name
              << "' now measures other metrics than the store holds\n";
    return exit_internal;
  }
  install_signal_handlers();
  const replication_result r =
      simulate_replication(s, sweep.seed, run->replication, nullptr, {sweep.max_in_network, &interrupted()});
  if (interrupted()) {
    std::cerr << "freightsim: interrupted\n";
    return 128 + interrupt_signal();
  }
  const std::vector<double> values = metric_values(s, r);
  std::size_t differ = 0;
  std::string table;
  for (std::size_t m = 0; m < names.size(); ++m) {
    const bool ok = same(values[m], run->values[m]);
    differ += ok ? 0 : 1;
    table += fmt::format("{:<60} {:>22} {:>22}{}\n", names[m], shown(run->values[m]), shown(values[m]),
                         ok ? "" : "  DIFFERS");
  }
  const std::string status = to_string(r.stopped);
  const bool same_status = status == run->status;
  if (!cmd.quiet) {
    std::cout << fmt::format(
        "run {}: variant {} '{}', replication {}, seed {}; status stored {}, replayed {}\n", run->run_id,
        run->variant, variant.name, run->replication, sweep.seed, run->status, status);
    std::cout << fmt::format("{:<60} {:>22} {:>22}\n", "metric", "stored", "replayed") << table;
  }
  if (differ > 0 || !same_status) {
    std::cerr << "freightsim: run " << run->run_id << " NOT reproduced: " << differ << " of " << names.size()
              << " metric(s) differ" << (same_status ? "" : ", and its status") << "\n";
    return exit_internal;
  }
  if (!cmd.quiet)
    std::cout << "reproduced: all " << names.size() << " metrics are identical to the stored values\n";
  return exit_ok;
}

}  // namespace

action add_replay_command(CLI::App& app) {
  auto cmd = std::make_shared<replay_options>();
  auto* sub =
      app.add_subcommand("replay",
                         "Run one stored run of a result store again, alone, from its stored scenario "
                         "and seed, and check that its metrics are the stored ones.");
  sub->footer(
      "Exit status: 0 reproduced exactly, 1 the values differ (or internal error), 2 bad input (not a "
      "result store, no such run).");
  sub->add_option("store", cmd->store, "Result store written by sweep --store")->required();
  sub->add_option("run_id", cmd->run_id, "The run's run_id (see freightsim export's runs.csv)")
      ->required()
      ->check(whole_number(0, INT64_MAX));
  sub->add_flag("--quiet", cmd->quiet, "Print only a difference");
  return [cmd] { return replay(*cmd); };
}

}  // namespace freightsim::cli
