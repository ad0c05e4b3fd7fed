// freightsim compare: two result folders of `freightsim run`, or variants of a sweep's store, metric by
// metric, B - A with intervals.
#include <filesystem>
#include <iostream>

#include "command.hpp"
#include "freightsim/experiment/compare.hpp"
#include "freightsim/output/atomic_file.hpp"
#include "freightsim/output/compare_table.hpp"
#include "freightsim/output/result_folder.hpp"
#include "freightsim/output/store_variant.hpp"
#include "freightsim/scenario/input_error.hpp"
#include "options.hpp"

namespace freightsim::cli {

namespace {

struct compare_options {
  std::string a, b;
  std::vector<std::string> metrics;
  double alpha = 0.05;
  std::string out_file;  // --out FILE.csv
  bool quiet = false;
};

// "N metric(s) only in DIR left out: x, y, z and K more", on one line.
std::string left_out(const std::vector<std::string>& metrics, const std::string& where) {
  std::string out = std::to_string(metrics.size()) + " metric(s) only in " + where + " left out: ";
  constexpr std::size_t shown = 5;
  for (std::size_t i = 0; i < metrics.size() && i < shown; ++i)
    out += (i ? ", " : "") + metrics[i];
  if (metrics.size() > shown) out += " and " + std::to_string(metrics.size() - shown) + " more";
  return out;
}

int compare(const compare_options& cmd) {
  namespace fs = std::filesystem;
  // A bad --out is bad input, found before reading anything.
  if (!cmd.out_file.empty()) {
    const fs::path out(cmd.out_file);
    const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
    std::error_code ec;
    if (out.extension() != ".csv")
      throw input_error("--out", -1, -1, "'" + cmd.out_file + "' must end in .csv");
    if (!fs::is_directory(parent, ec))
      throw input_error("--out", -1, -1, "no folder '" + parent.string() + "' to write into");
    // Writing it would replace a result folder's file this comparison reads.
    for (const std::string& folder : {cmd.a, cmd.b})
      for (const char* name : {"summary.json", "replications.csv"})
        if (!parse_store_variant(folder) && fs::equivalent(out, fs::path(folder) / name, ec))
          throw input_error("--out", -1, -1,
                            "'" + cmd.out_file + "' is read by this comparison; name another file");
  }
  const auto read = [](const std::string& arg) {
    const auto ref = parse_store_variant(arg);
    return ref ? read_store_variant(*ref) : read_result_folder(arg);
  };
  const result_folder a = read(cmd.a), b = read(cmd.b);
  for (const auto& w : comparison_warnings(a, b))
    std::cerr << "freightsim: warning: " << w << "\n";
  const result_comparison c = compare_results(a.values, b.values, cmd.metrics, cmd.alpha);
  // Without --metric, metrics of one scenario only (a node the other lacks) are named, not compared.
  if (cmd.metrics.empty()) {
    if (!c.only_a.empty()) std::cerr << "freightsim: " << left_out(c.only_a, cmd.a) << "\n";
    if (!c.only_b.empty()) std::cerr << "freightsim: " << left_out(c.only_b, cmd.b) << "\n";
  }
  if (!cmd.out_file.empty()) write_file_atomically(cmd.out_file, compare_csv(c));
  if (!cmd.quiet) std::cout << compare_table(c, a.values, b.values);
  return exit_ok;
}

}  // namespace

action add_compare_command(CLI::App& app) {
  auto cmd = std::make_shared<compare_options>();
  auto* sub = app.add_subcommand(
      "compare",
      "Compare two result folders of `freightsim run` or variants of a sweep's store (FILE.db:VARIANT): B - "
      "A "
      "per metric with intervals, paired when both "
      "used the same seed (common random numbers), else Welch's; Bonferroni over the metrics.");
  sub->footer(
      "Exit status: 0 success, 2 bad input (a missing or old result folder, an unknown metric: one line on "
      "stderr),\n1 internal error.");
  sub->add_option("a", cmd->a, "Result folder A (the baseline), or FILE.db:VARIANT (name or number)")
      ->required();
  sub->add_option("b", cmd->b, "Result folder B (compared with A), or FILE.db:VARIANT")->required();
  sub->add_option("--metric", cmd->metrics,
                  "A metric to compare (repeatable; default every metric both have), e.g. "
                  "nodes.kamenny_log.wait_h.mean")
      ->take_all()
      ->allow_extra_args(false);
  sub->add_option("--alpha", cmd->alpha,
                  "Family-wise error rate: each of m intervals is at confidence 1 - alpha/m (Bonferroni)")
      ->capture_default_str()
      ->check(probability());
  sub->add_option("--out", cmd->out_file,
                  "Also write the table as CSV to this file (metric, a_mean, b_mean, difference, half_width, "
                  "confidence, n_a, n_b, method, significant)")
      ->check(path_given("a file"));
  sub->add_flag("--quiet", cmd->quiet, "Do not print the table");
  return [cmd] { return compare(*cmd); };
}

}  // namespace freightsim::cli
