// freightsim run: a scenario's replications, written as summary.json, CSV tables and each replication's
// metrics (replications.csv, for compare).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "command.hpp"
#include "freightsim/analysis/network_estimate.hpp"
#include "freightsim/experiment/experiment.hpp"
#include "freightsim/experiment/observed.hpp"
#include "freightsim/experiment/run_metrics.hpp"
#include "freightsim/experiment/summary.hpp"
#include "freightsim/output/analytic_report.hpp"
#include "freightsim/output/atomic_file.hpp"
#include "freightsim/output/csv_tables.hpp"
#include "freightsim/output/json_summary.hpp"
#include "freightsim/output/output_set.hpp"
#include "freightsim/output/report.hpp"
#include "freightsim/output/result_folder.hpp"
#include "freightsim/output/text_table.hpp"
#include "freightsim/output/trace_csv.hpp"
#include "freightsim/scenario/input_error.hpp"
#include "freightsim/scenario/suggest.hpp"
#include "options.hpp"
#include "run_summary.hpp"
#include "scenario_input.hpp"
#include "signals.hpp"

namespace freightsim::cli {

namespace {

struct run_options {
  std::string scenario_file;
  std::string out_dir = "out";
  std::optional<std::uint32_t> replications;
  std::optional<std::uint64_t> seed;
  unsigned threads = 1;
  std::uint64_t max_in_network = run_limits{}.max_in_network;
  bool quiet = false;
  std::vector<std::string> overrides;  // --set PATH=VALUE
  bool report = false;
  std::string trace_file;  // --trace FILE.csv
  bool analytic = false;
  std::string precision;  // --precision 5%
  std::uint32_t max_replications = 1000;
  bool max_replications_given = false;
  std::vector<std::string> metrics;  // --metric
};

// The metrics --precision watches: --metric names, else every flow's mean transit time.
std::vector<std::size_t> precision_metrics(const scenario& s, const std::vector<std::string>& chosen) {
  const std::vector<std::string> names = metric_names(s);
  std::vector<std::size_t> out;
  for (std::size_t m = 0; m < names.size(); ++m)
    if (chosen.empty() && names[m].starts_with("flows.") && names[m].ends_with(".transit_time_h.mean"))
      out.push_back(m);
  for (const auto& c : chosen) {
    const auto it = std::find(names.begin(), names.end(), c);
    if (it == names.end())
      throw input_error("--metric", -1, -1, "unknown metric '" + c + "'" + did_you_mean(c, names));
    out.push_back(static_cast<std::size_t>(it - names.begin()));
  }
  return out;
}

int run(const run_options& cmd) {
  namespace fs = std::filesystem;
  const hashed_scenario loaded = load_hashed_scenario(cmd.scenario_file, cmd.overrides);
  const scenario& s = loaded.s;
  check_observed(s);
  if (cmd.precision.empty() && !cmd.metrics.empty())
    throw input_error("--metric", -1, -1, "--metric names what --precision watches; give --precision too");
  if (!cmd.precision.empty()) precision_metrics(s, cmd.metrics);  // a bad --metric fails before running
  check_replication_cap(cmd.precision, cmd.max_replications, cmd.max_replications_given,
                        cmd.replications.value_or(s.replications));
  const std::vector<std::string> written{"summary.json",   "flows.csv",        "nodes.csv",   "links.csv",
                                         "indicators.csv", "replications.csv", "report.html", "report.md"};
  // The output set replaces its files in the --out folder: none may be a file the scenario reads.
  if (output_replaces_input(cmd.out_dir, written, s.inputs)) return exit_bad_input;
  if (!cmd.trace_file.empty()) {
    // The trace replaces its file: a file the scenario read (the scenario itself first, then its
    // baselines and data files), named by a slip, would be lost.
    for (const auto& input : s.inputs)
      if (same_file(cmd.trace_file, input)) {
        std::cerr << "freightsim: --trace: '" << cmd.trace_file << "' is "
                  << (input == s.inputs.front() ? "the scenario file" : "a file the scenario reads")
                  << "; name another file\n";
        return exit_bad_input;
      }
    // Nor the --out folder, which the output set is swapped in as over the trace, nor any folder, over which
    // the trace cannot be renamed into place when the run is over.
    const fs::path trace(cmd.trace_file);
    if (same_file(trace, cmd.out_dir)) {
      std::cerr << "freightsim: --trace: '" << cmd.trace_file << "' is the --out folder; name a file\n";
      return exit_bad_input;
    }
    if (std::error_code ec; fs::is_directory(trace, ec)) {
      std::cerr << "freightsim: --trace: '" << cmd.trace_file << "' is a folder; name a file\n";
      return exit_bad_input;
    }
    // Nor may it be one of the output set's files, which would replace it when the set is swapped in.
    if (std::find(written.begin(), written.end(), trace.filename().string()) != written.end() &&
        same_file(trace, fs::path(cmd.out_dir) / trace.filename())) {
      std::cerr << "freightsim: --trace: '" << cmd.trace_file
                << "' is one of the files --out writes; name another file\n";
      return exit_bad_input;
    }
  }
  // The output folder is checked before simulating: a bad --out is bad input, found at once.
  std::optional<output_set> out;
  if (!open_output(out, cmd.out_dir)) return exit_bad_input;
  // The trace of the first replication is written as it runs, to FILE.tmp, and renamed into place once that
  // replication has finished: an interrupted run leaves no half trace, and FILE as it was. A file that cannot
  // be written is bad input.
  std::optional<staged_file> trace_file;
  std::optional<trace_csv> trace_writer;
  trace_sink trace;
  if (!cmd.trace_file.empty()) {
    try {
      trace_file.emplace(cmd.trace_file);
    } catch (const std::runtime_error&) {
      std::cerr << "freightsim: --trace: cannot write '" << cmd.trace_file << "'\n";
      return exit_bad_input;
    }
    trace_writer.emplace(s.model, trace_file->stream());
    trace = [&](const trace_record& r) { (*trace_writer)(r); };
  }
  // Milliseconds of queueing theory before a long simulation: warn about saturated nodes and links first.
  const network_estimate analytic = estimate_network(s);
  std::cerr << stability_warnings(cmd.scenario_file, analytic);
  install_signal_handlers();
  const unsigned threads = cmd.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : cmd.threads;
  experiment_options options{.replications = cmd.replications,
                             .seed = cmd.seed,
                             .threads = threads,
                             .max_in_network = cmd.max_in_network,
                             .cancel = &interrupted(),
                             .trace = trace ? &trace : nullptr};
  if (!cmd.precision.empty()) {
    options.precision = precision_goal{percentage(cmd.precision), cmd.max_replications};
    options.precision_metrics = precision_metrics(s, cmd.metrics);
  }
  const experiment_result result = run_experiment(s, options);
  if (trace_file) {
    const stop_reason first =
        result.replications.empty() ? stop_reason::not_run : result.replications[0].stopped;
    if (first == stop_reason::none || first == stop_reason::saturated) {
      try {
        trace_file->commit();
      } catch (const std::runtime_error& e) {
        std::cerr << "freightsim: --trace: " << e.what() << "\n";
        return exit_internal;
      }
    } else {
      std::cerr << "freightsim: --trace: replication 1 did not finish; '" << cmd.trace_file
                << "' not written\n";
    }
  }
  const run_summary summarized = summarize_run(loaded, result, analytic);
  const summary& sum = summarized.sum;
  try {
    // The report and the indicators read summary.json's document, as `freightsim report` reads the file
    // (which adds only the flows' routes, which neither reads). The text goes straight to the file and the
    // document is dropped once copied: on long chains each is hundreds of megabytes.
    nlohmann::json parsed;
    {
      const auto doc = summary_document(sum, analytic, cmd.analytic);
      out->add("summary.json", [&](std::ostream& file) { write_summary(file, doc, sum); });
      parsed = doc;
    }
    out->add("flows.csv", flows_csv(sum));
    out->add("nodes.csv", nodes_csv(sum));
    out->add("links.csv", links_csv(sum));
    out->add("indicators.csv", indicators_csv(parsed));
    out->add("replications.csv", replications_csv(s, result));
    if (cmd.report) {
      out->add("report.html", html_report(parsed));
      out->add("report.md", markdown_report(parsed));
    }
    out->commit();
  } catch (const std::runtime_error& e) {
    std::cerr << "freightsim: " << e.what() << "\n";
    return exit_internal;
  }
  const fs::path& dir = out->destination();
  if (!cmd.quiet)
    std::cout << text_table(sum, analytic, cmd.analytic) << "\nwrote " << (dir / "summary.json").string()
              << ", flows.csv, nodes.csv, links.csv, "
              << "indicators.csv, replications.csv" << (cmd.report ? ", report.html, report.md" : "") << "\n";
  print_simulated_warnings(summarized);
  if (std::any_of(result.replications.begin(), result.replications.end(),
                  [](const auto& r) { return r.stopped == stop_reason::out_of_memory; })) {
    std::cerr << "freightsim: " << sum.incomplete_reason << "; written to " << dir.string()
              << " marked incomplete (fewer units in the network need less: see --max-in-network)\n";
    return exit_internal;
  }
  if (interrupted()) {
    if (sum.replications == 0)
      std::cerr << "freightsim: interrupted before any replication finished; " << dir.string()
                << "/summary.json is marked incomplete with 0 replications\n";
    else
      std::cerr << "freightsim: interrupted; finished replications written to " << dir.string()
                << " marked incomplete\n";
    return 128 + interrupt_signal();
  }
  if (!sum.complete) {
    std::cerr << cmd.scenario_file << ": stopped: " << sum.incomplete_reason << " (cap --max-in-network "
              << cmd.max_in_network << "); partial results written to " << dir.string()
              << " marked incomplete\n";
    return exit_stopped;
  }
  return exit_ok;
}

}  // namespace

action add_run_command(CLI::App& app) {
  auto cmd = std::make_shared<run_options>();
  auto* sub = app.add_subcommand("run",
                                 "Run a scenario's replications and write summary.json, flows.csv and "
                                 "nodes.csv (times in hours, ± = 95% CI half width).");
  sub->footer(
      "The scenario format is documented in README.md (section \"Scenario format\").\n"
      "Exit status: 0 success, 2 bad input (one line FILE:LINE:COL: message on stderr, nothing written),\n"
      "3 stopped early by --max-in-network (partial results written marked incomplete), 128+N on signal N\n"
      "(finished replications written marked incomplete), 1 internal error.");
  sub->add_option("scenario", cmd->scenario_file, "Scenario YAML file")->required();
  sub->add_option("--set", cmd->overrides,
                  "Change one setting, PATH=VALUE (repeatable), e.g. nodes.brest.servers=6, "
                  "flows.eu_to_vladivostok.arrivals.rate=60/d, links.brest>minsk.speed_kmh=50")
      ->take_all()
      ->allow_extra_args(false);
  sub->add_option("--out", cmd->out_dir, "Output directory (created if missing)")
      ->capture_default_str()
      ->check(path_given("a folder"));
  sub->add_option("--replications", cmd->replications, "Number of replications (overrides the scenario's)")
      ->check(whole_number(1, 100'000));
  sub->add_option("--seed", cmd->seed, "Random seed (overrides the scenario's); same seed, same output")
      ->check(whole_number(0, UINT64_MAX));
  sub->add_option("--threads,--jobs", cmd->threads,
                  "Worker threads for replications; results do not depend on it (0 = all cores)")
      ->capture_default_str()
      ->check(whole_number(0, 1024));
  sub->add_option("--max-in-network", cmd->max_in_network,
                  "Stop a replication when more units than this are in the network (a saturated node); "
                  "partial results are written marked incomplete and the exit status is 3")
      ->capture_default_str()
      ->check(whole_number(1, 1'000'000'000));
  sub->add_flag("--quiet", cmd->quiet, "Do not print the summary table");
  sub->add_flag(
      "--report", cmd->report,
      "Also write report.html, the planners' report, and report.md (as `freightsim report DIR` does)");
  sub->add_option("--trace", cmd->trace_file,
                  "Write every event of the first replication to this CSV file (time_h, event, unit, flow, "
                  "place, cause), to follow single units")
      ->check(path_given("a file"));
  sub->add_option("--precision", cmd->precision,
                  "After the replications, add more until the 95% CI half width of each watched metric is at "
                  "most this share of its mean, e.g. 5% (the number used is reported)")
      ->check(percentage());
  auto* max_replications =
      sub->add_option("--max-replications", cmd->max_replications, "Cap on replications with --precision")
          ->capture_default_str()
          ->check(whole_number(2, 100'000));
  sub->add_option("--metric", cmd->metrics,
                  "A metric --precision watches (repeatable; default every flow's transit_time_h.mean), e.g. "
                  "nodes.brest.wait_h.mean")
      ->take_all()
      ->allow_extra_args(false);
  sub->add_flag(
      "--analytic", cmd->analytic,
      "Put analytic estimates beside the simulated ones (table and summary.json) and flag nodes where "
      "they differ by more than the documented tolerance");
  return [cmd, max_replications] {
    cmd->max_replications_given = max_replications->count() > 0;
    return run(*cmd);
  };
}

}  // namespace freightsim::cli
