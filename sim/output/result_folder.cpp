#include "freightsim/output/result_folder.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "csv_text.hpp"
#include "freightsim/experiment/run_metrics.hpp"
#include "freightsim/output/json_error.hpp"
#include "freightsim/output/sweep_tables.hpp"
#include "freightsim/output/text_table.hpp"
#include "freightsim/scenario/input_error.hpp"

namespace freightsim {

namespace {

using csv::fields_of;
using csv::parse;

constexpr const char* header = "replication,status,kind,entity,metric,value";

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) throw input_error(file.string(), 0, 0, "cannot be read");
  return text.str();
}

struct summary_facts {
  std::string scenario;
  std::uint64_t seed = 0;
  std::uint32_t replications = 0;
  std::string period;
  bool complete = true;
  std::string incomplete_reason;
};

summary_facts read_summary(const std::filesystem::path& file) {
  const std::string name = file.string();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(slurp(file));
  } catch (const nlohmann::json::parse_error& e) {
    throw input_error(name, -1, -1, "not valid JSON: " + json_error_text(e));
  }
  // The facts compare needs, each of the type summary.json gives it.
  const auto need = [&](const char* key, bool (nlohmann::json::*is)() const noexcept) {
    if (!doc.is_object() || !doc.contains(key) || !(doc[key].*is)())
      throw input_error(name, -1, -1, std::string("not a freightsim summary: no valid '") + key + "'");
  };
  need("scenario", &nlohmann::json::is_string);
  need("seed", &nlohmann::json::is_number_unsigned);
  need("replications", &nlohmann::json::is_number_unsigned);
  summary_facts out;
  out.scenario = doc["scenario"].get<std::string>();
  out.seed = doc["seed"].get<std::uint64_t>();
  out.replications = doc["replications"].get<std::uint32_t>();
  if (doc.contains("horizon_h") && doc["horizon_h"].is_number() && doc.contains("warmup_h") &&
      doc["warmup_h"].is_number())
    out.period = period_text(doc["horizon_h"].get<double>(), doc["warmup_h"].get<double>(),
                             doc.contains("warmup_auto"));
  out.complete = !doc.contains("complete") || doc["complete"] != false;
  if (doc.contains("incomplete_reason") && doc["incomplete_reason"].is_string())
    out.incomplete_reason = doc["incomplete_reason"].get<std::string>();
  return out;
}

}  // namespace

std::string replications_csv(const scenario& s, const experiment_result& result) {
  const std::vector<metric_parts> parts = metric_name_parts(s);
  std::string out = std::string(header) + "\n";
  for (std::size_t r = 0; r < result.replications.size() && r < result.values.size(); ++r)
    if (!result.values[r].empty())
      out += csv::metric_rows(std::to_string(r) + "," + to_string(result.replications[r].stopped) + ",",
                              parts, result.values[r]);
  return out;
}

std::string period_text(double horizon_h, double warmup_h, bool warmup_auto) {
  return fmt::format("horizon {:g} h, warm-up {}", horizon_h,
                     warmup_auto ? std::string("auto") : fmt::format("{:g} h", warmup_h));
}

std::string period_warning(const result_values& a, const result_values& b) {
  if (a.period.empty() || b.period.empty() || a.period == b.period) return "";
  return "A and B cover different periods (A: " + a.period + "; B: " + b.period +
         "): their counts and times are not of the same period";
}

std::string incomplete_warning(const result_folder& r) {
  if (r.complete) return "";
  return r.values.name + " is incomplete: " + r.incomplete_reason + "; its " +
         count_of(r.values.replications.size(), "finished replication") + " " +
         (r.values.replications.size() == 1 ? "is" : "are") + " compared";
}

std::vector<std::string> comparison_warnings(const result_folder& a, const result_folder& b) {
  std::vector<std::string> out;
  for (const std::string& w :
       {incomplete_warning(a), incomplete_warning(b), period_warning(a.values, b.values)})
    if (!w.empty()) out.push_back(w);
  return out;
}

result_folder read_result_folder(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  const std::string name = dir.string();
  std::error_code ec;
  if (!fs::exists(dir, ec)) throw input_error(name, -1, -1, "no such result folder");
  if (!fs::is_directory(dir, ec))
    throw input_error(name, -1, -1, "not a folder (give the folder `freightsim run --out` wrote)");
  if (!fs::exists(dir / "summary.json", ec))
    throw input_error(name, -1, -1, "no summary.json: not a result folder of `freightsim run`");
  const summary_facts facts = read_summary(dir / "summary.json");
  const fs::path csv_file = dir / "replications.csv";
  if (!fs::exists(csv_file, ec))
    throw input_error(
        name, -1, -1,
        "no replications.csv (written by `freightsim run` since compare exists): run the scenario "
        "again to compare it");
  result_folder out;
  out.complete = facts.complete;
  out.incomplete_reason = facts.incomplete_reason;
  result_values& v = out.values;
  v.name = name;
  v.scenario = facts.scenario;
  v.seed = facts.seed;
  v.period = facts.period;
  std::unordered_map<std::string, std::size_t> index;
  std::istringstream text(slurp(csv_file));
  std::string line;
  int line_number = 0;
  while (std::getline(text, line)) {
    ++line_number;
    const auto bad = [&](const std::string& why) {
      return input_error(csv_file.string(), line_number, 1, why);
    };
    if (line_number == 1) {
      if (line != header) throw bad(std::string("expected the header '") + header + "'");
      continue;
    }
    const auto f = fields_of(line);
    if (!f || f->size() != 6) throw bad("expected 6 fields: " + std::string(header));
    const auto rep = parse<std::uint32_t>((*f)[0]);
    if (!rep) throw bad("replication '" + (*f)[0] + "' is not a whole number");
    const auto value = (*f)[5].empty() ? std::optional<double>(std::nan("")) : parse<double>((*f)[5]);
    if (!value || std::isinf(*value)) throw bad("value '" + (*f)[5] + "' is not a number");
    if ((*f)[1] != "done") continue;  // only replications that reached the horizon are compared
    const std::string metric = (*f)[2] + "." + (*f)[3] + "." + (*f)[4];
    auto [at, added] = index.try_emplace(metric, v.metrics.size());
    if (added) {
      v.metrics.push_back(metric);
      for (auto& values : v.replications)
        values.second.push_back(std::nan(""));
    }
    auto& values = v.replications[*rep];
    values.resize(v.metrics.size(), std::nan(""));
    values[at->second] = *value;
  }
  if (v.replications.empty())
    throw input_error(
        name, -1, -1,
        "no replication reached the horizon" +
            (facts.incomplete_reason.empty() ? std::string() : " (" + facts.incomplete_reason + ")"));
  if (facts.complete && v.replications.size() != facts.replications)
    throw input_error(name, -1, -1,
                      "replications.csv holds " + std::to_string(v.replications.size()) +
                          " finished replications, summary.json " + std::to_string(facts.replications) +
                          ": files of different runs");
  return out;
}

}  // namespace freightsim
