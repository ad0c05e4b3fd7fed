// freightsim report: the planners' HTML report of a result directory written by `freightsim run`.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "command.hpp"
#include "freightsim/output/atomic_file.hpp"
#include "freightsim/output/report.hpp"
#include "freightsim/scenario/input_error.hpp"

namespace freightsim::cli {

namespace {

struct report_options {
  std::string results;  // a directory holding summary.json, or the file itself
  std::string html;     // default: report.html in the directory
  std::string geojson, dot;
};

// A message without line breaks, for the one-line error.
std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

nlohmann::json read_summary(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in || std::filesystem::is_directory(file))
    throw input_error(file.string(), 0, 0,
                      "cannot open summary.json (run `freightsim run SCENARIO --out DIR` first)");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw input_error(file.string(), 0, 0, "not valid JSON: " + one_line(e.what()));
  }
}

int report(const report_options& cmd) {
  namespace fs = std::filesystem;
  const fs::path given(cmd.results);
  const fs::path summary_file = fs::is_directory(given) ? given / "summary.json" : given;
  const nlohmann::json summary = read_summary(summary_file);
  std::string html, markdown, geojson, dot;
  try {
    html = html_report(summary);
    markdown = markdown_report(summary);
    if (!cmd.geojson.empty()) geojson = geojson_report(summary);
    if (!cmd.dot.empty()) dot = dot_report(summary);
  } catch (const nlohmann::json::exception& e) {
    throw input_error(summary_file.string(), 0, 0,
                      "not a summary.json of this freightsim version: " + one_line(e.what()));
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
      "summary.json that `freightsim run` wrote.");
  sub->footer("Exit status: 0 success, 2 bad input (missing or malformed summary.json), 1 internal error.");
  sub->add_option("results", cmd->results, "Result directory of `freightsim run` (or its summary.json)")
      ->required();
  sub->add_option("-o,--output", cmd->html,
                  "HTML file to write (default: report.html in the result directory); the Markdown tables go "
                  "beside it with the extension .md");
  sub->add_option("--geojson", cmd->geojson, "Also write the corridor as GeoJSON (RFC 7946) to this file");
  sub->add_option("--dot", cmd->dot, "Also write the corridor as Graphviz DOT to this file");
  return [cmd] { return report(*cmd); };
}

}  // namespace freightsim::cli
