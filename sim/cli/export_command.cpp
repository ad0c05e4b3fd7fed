// freightsim export: a sweep's result store as tidy CSV files, for pandas and R.
#include <iostream>

#include "command.hpp"
#include "freightsim/output/result_store.hpp"
#include "freightsim/output/store_csv.hpp"
#include "options.hpp"

namespace freightsim::cli {

namespace {

struct export_options {
  std::string store;
  std::string csv_dir;
  bool quiet = false;
};

int export_store(const export_options& cmd) {
  std::optional<output_set> out_set;
  if (!open_output(out_set, cmd.csv_dir, "--csv")) return exit_bad_input;
  std::optional<result_store> store;
  try {
    store = result_store::open_for_reading(cmd.store);
  } catch (const store_refused& e) {
    std::cerr << "freightsim: " << e.what() << "\n";
    return exit_bad_input;
  }
  const std::string metrics = store_metrics_csv(*store);
  if (!write_output(*out_set, {{"metrics.csv", metrics}, {"runs.csv", store_runs_csv(*store)}}))
    return exit_internal;
  if (!cmd.quiet) {
    const auto rows = std::count(metrics.begin(), metrics.end(), '\n') - 1;
    std::cout << "wrote " << (out_set->destination() / "metrics.csv").string() << " (" << rows
              << " rows: run x metric) and runs.csv (" << store->runs().size() << " runs)"
              << (store->sweep().complete ? "" : "; the sweep in the store is not complete") << "\n";
  }
  return exit_ok;
}

}  // namespace

action add_export_command(CLI::App& app) {
  auto cmd = std::make_shared<export_options>();
  auto* sub = app.add_subcommand(
      "export", "Write a sweep's result store (sweep --store) as tidy CSV: one row per run x metric.");
  sub->footer(
      "Writes DIR/metrics.csv (run_id, variant, variant_name, replication, seed, status, entity_kind, "
      "entity, "
      "metric, value)\nand DIR/runs.csv (one row per run). Exit status: 0 success, 2 bad input (not a result "
      "store, bad --csv), 1 internal error.");
  sub->add_option("store", cmd->store, "Result store written by sweep --store")->required();
  sub->add_option("--csv", cmd->csv_dir, "Output directory (created if missing)")
      ->required()
      ->check(path_given("a folder"));
  sub->add_flag("--quiet", cmd->quiet, "Print nothing");
  return [cmd] { return export_store(*cmd); };
}

}  // namespace freightsim::cli
