// freightsim report: the planners' HTML report of a result directory written by `freightsim run`, of a
// sweep (its folder or its result store) or of a comparison of two runs.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "command.hpp"
#include "freightsim/experiment/compare.hpp"
#include "freightsim/output/atomic_file.hpp"
#include "freightsim/output/json_error.hpp"
#include "freightsim/output/report.hpp"
#include "freightsim/output/result_folder.hpp"
#include "freightsim/output/sweep_folder.hpp"
#include "freightsim/scenario/input_error.hpp"
#include "options.hpp"

namespace freightsim::cli {

namespace {

struct report_options {
  // A run's result directory (or its summary.json), a sweep's folder, or two run result directories A B.
  std::vector<std::string> results;
  std::vector<std::string> metrics;  // comparisons: as compare's --metric
  double alpha = 0.05;
  std::string html;  // default: report.html in the directory
  std::string geojson, dot;
};

// A summary.json: a JSON object with the freightsim version that wrote it. Anything else (another JSON file,
// analyze's analytic.json) is refused as not a summary, before any report is made of it.
nlohmann::json read_summary(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in || std::filesystem::is_directory(file))
    throw input_error(file.string(), 0, 0,
                      "cannot open summary.json (run `freightsim run SCENARIO --out DIR` first)");
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json summary;
  try {
    summary = nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw input_error(file.string(), 0, 0, "not valid JSON: " + json_error_text(e));
  }
  const std::string give = "; give the summary.json that `freightsim run` wrote";
  if (!summary.is_object())
    throw input_error(file.string(), 0, 0,
                      std::string("not a freightsim summary: it holds a JSON ") + summary.type_name() +
                          ", not an object" + give);
  if (const auto v = summary.find("freightsim_version"); v == summary.end() || !v->is_string())
    throw input_error(file.string(), 0, 0, "not a freightsim summary: it has no 'freightsim_version'" + give);
  return summary;
}

// A summary of another version whose report failed on a key or a type it lacks.
input_error unreadable(const std::filesystem::path& file, const nlohmann::json& summary,
                       const nlohmann::json::exception& e) {
  return {file.string(), 0, 0,
          "not a summary.json this freightsim can read (written by freightsim " +
              summary.at("freightsim_version").get<std::string>() + "): " + json_error_text(e)};
}

// Writes the HTML and, beside it with the extension .md, the Markdown.
void write_pair(const std::filesystem::path& out, const std::string& html, const std::string& markdown) {
  std::filesystem::path md = out;
  md.replace_extension(".md");
  write_file_atomically(out, html);
  write_file_atomically(md, markdown);
  std::cout << "wrote " << out.string() << " and " << md.string() << "\n";
}

// The files this report would write must not be what it reads (the result store, summary.json, ...) nor one
// another: each write would silently replace the other file. Checked before anything is read or written.
void check_targets(const report_options& cmd) {
  namespace fs = std::filesystem;
  std::vector<fs::path> inputs;
  for (const auto& r : cmd.results) {
    const fs::path p(r);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const char* name : {"summary.json", "replications.csv", "runs.csv", "comparison.csv"})
        inputs.push_back(p / name);
    } else {
      inputs.push_back(p);
    }
  }
  fs::path html(cmd.html);
  if (html.empty() && cmd.results.size() == 1) {
    const fs::path given(cmd.results.front());
    std::error_code ec;
    html = fs::is_directory(given, ec) ? given / "report.html" : given.parent_path() / "report.html";
  }
  std::vector<std::pair<std::string, fs::path>> outputs;
  if (!html.empty()) {
    fs::path md = html;
    md.replace_extension(".md");
    if (md == html)
      throw input_error("-o", -1, -1,
                        "the HTML and its Markdown would both be written to '" + html.string() + "'");
    outputs.emplace_back("-o", html);
    outputs.emplace_back("-o", md);
  }
  if (!cmd.geojson.empty()) outputs.emplace_back("--geojson", cmd.geojson);
  if (!cmd.dot.empty()) outputs.emplace_back("--dot", cmd.dot);
  // A file named on the command line goes into a folder that is there, and is not itself a folder.
  for (const auto& [option, given] : {std::pair<const char*, std::string>{"-o", cmd.html},
                                      {"--geojson", cmd.geojson},
                                      {"--dot", cmd.dot}}) {
    if (given.empty()) continue;
    const fs::path path(given);
    const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    if (fs::is_directory(path, ec))
      throw input_error(option, -1, -1, "'" + given + "' is a folder; name a file");
    if (!fs::is_directory(parent, ec))
      throw input_error(option, -1, -1, "no folder '" + parent.string() + "' to write into");
  }
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const auto& [option, path] = outputs[i];
    for (const auto& input : inputs)
      if (same_file(path, input))
        throw input_error(option, -1, -1,
                          "'" + path.string() + "' is read by this report; name another file");
    for (std::size_t j = 0; j < i; ++j)
      if (same_file(path, outputs[j].second))
        throw input_error(option, -1, -1,
                          "'" + path.string() + "' is also written as another of this report's files");
  }
}

// Two run result folders: B - A as `freightsim compare` computes it.
int comparison_report(const report_options& cmd) {
  if (cmd.html.empty())
    throw input_error("-o", -1, -1,
                      "a comparison report needs -o FILE.html (there is no one result folder to "
                      "write it into)");
  const result_folder a = read_result_folder(cmd.results[0]), b = read_result_folder(cmd.results[1]);
  for (const auto& w : comparison_warnings(a, b))
    std::cerr << "freightsim: warning: " << w << "\n";
  const result_comparison c = compare_results(a.values, b.values, cmd.metrics, cmd.alpha);
  const auto summary_file = std::filesystem::path(cmd.results[0]) / "summary.json";
  const nlohmann::json summary_a = read_summary(summary_file);
  std::string html, markdown;
  try {
    html = comparison_html_report(c, a.values, b.values, summary_a);
    markdown = comparison_markdown_report(c, a.values, b.values, summary_a);
  } catch (const nlohmann::json::exception& e) {
    throw unreadable(summary_file, summary_a, e);
  }
  write_pair(cmd.html, html, markdown);
  return exit_ok;
}

int report(const report_options& cmd) {
  namespace fs = std::filesystem;
  check_targets(cmd);
  if (cmd.results.size() == 2) return comparison_report(cmd);
  const fs::path given(cmd.results.front());
  if (!cmd.metrics.empty())
    throw input_error("--metric", -1, -1, "only a comparison report (two result folders) takes --metric");
  std::error_code ec;
  if (fs::is_directory(given, ec) && !fs::exists(given / "summary.json", ec) && is_sweep_folder(given)) {
    const sweep_folder sweep = read_sweep_folder(given);
    write_pair(cmd.html.empty() ? given / "report.html" : fs::path(cmd.html), sweep_html_report(sweep),
               sweep_markdown_report(sweep));
    return exit_ok;
  }
  if (fs::is_regular_file(given, ec) && is_sqlite_file(given)) {
    // A result store (sweep --store): the sweep's report from the summary it holds.
    if (cmd.html.empty()) throw input_error("-o", -1, -1, "a result store's report needs -o FILE.html");
    const sweep_folder sweep = read_sweep_store(given);
    write_pair(cmd.html, sweep_html_report(sweep), sweep_markdown_report(sweep));
    return exit_ok;
  }
  const fs::path summary_file = fs::is_directory(given) ? given / "summary.json" : given;
  const nlohmann::json summary = read_summary(summary_file);
  std::string html, markdown, geojson, dot;
  try {
    html = html_report(summary);
    markdown = markdown_report(summary);
    if (!cmd.geojson.empty()) geojson = geojson_report(summary);
    if (!cmd.dot.empty()) dot = dot_report(summary);
  } catch (const nlohmann::json::exception& e) {
    throw unreadable(summary_file, summary, e);
  }
  const fs::path out = cmd.html.empty() ? summary_file.parent_path() / "report.html" : fs::path(cmd.html);
  fs::path md = out;
  md.replace_extension(".md");
  write_file_atomically(out, html);
  write_file_atomically(md, markdown);
  std::cout << "wrote " << out.string() << " and " << md.string();
  if (!cmd.geojson.empty()) {
    write_file_atomically(cmd.geojson, geojson);
    std::cout << ", " << cmd.geojson;
  }
  if (!cmd.dot.empty()) {
    write_file_atomically(cmd.dot, dot);
    std::cout << ", " << cmd.dot;
  }
  std::cout << "\n";
  return exit_ok;
}

}  // namespace

action add_report_command(CLI::App& app) {
  auto cmd = std::make_shared<report_options>();
  auto* sub = app.add_subcommand(
      "report",
      "Write a self-contained HTML report (map, bottlenecks, where the days go, charts and tables) from the "
      "summary.json that `freightsim run` wrote; of a sweep from the folder `freightsim sweep --out` wrote "
      "or from its result store (sweep --store FILE.db, with -o); or "
      "of B - A from two result folders of `freightsim run`, as `freightsim compare` computes it.");
  sub->footer("Exit status: 0 success, 2 bad input (missing or malformed summary.json), 1 internal error.");
  sub->add_option(
         "results", cmd->results,
         "Result directory of `freightsim run` (or its summary.json), a sweep's --out folder or result "
         "store (--store FILE.db), or two result directories A B to compare")
      ->required()
      ->expected(1, 2);
  sub->add_option("--metric", cmd->metrics,
                  "Comparisons: a metric to compare (repeatable; default every metric both have)")
      ->take_all()
      ->allow_extra_args(false);
  sub->add_option("--alpha", cmd->alpha, "Comparisons: family-wise error rate (Bonferroni), as compare's")
      ->capture_default_str()
      ->check(probability());
  sub->add_option("-o,--output", cmd->html,
                  "HTML file to write (default: report.html in the result or sweep directory; needed for a "
                  "comparison); the Markdown tables go beside it with the extension .md")
      ->check(path_given("a file"));
  sub->add_option("--geojson", cmd->geojson, "Also write the corridor as GeoJSON (RFC 7946) to this file")
      ->check(path_given("a file"));
  sub->add_option("--dot", cmd->dot, "Also write the corridor as Graphviz DOT to this file")
      ->check(path_given("a file"));
  return [cmd] { return report(*cmd); };
}

}  // namespace freightsim::cli
