#include "freightsim/output/sweep_folder.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "csv_text.hpp"
#include "freightsim/output/result_store.hpp"
#include "freightsim/scenario/input_error.hpp"
#include "sqlite_db.hpp"

namespace freightsim {

namespace {

constexpr const char* header =
    "metric,variant,variant_name,mean,ci95,difference,difference_ci95,pairs,significant";

// The sweep's name from sweep.json; "" for a folder without one (written before sweep.json was).
std::string sweep_title(const std::filesystem::path& dir) {
  const std::filesystem::path file = dir / "sweep.json";
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  const nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
  if (!doc.is_object() || !doc.contains("name") || !doc["name"].is_string())
    throw input_error(file.string(), 0, 0, "expected a JSON object with the sweep's \"name\"");
  return doc["name"].get<std::string>();
}

// An interrupted sweep still writes its folder, from the runs that finished: runs.csv then holds a run whose
// status is not done or saturated, or variants with different replications (runs never started are left
// out). Its comparison.csv would be reported as if the sweep were whole, so such a folder is refused, as a
// store whose sweep is not complete is.
void require_finished(const std::filesystem::path& dir, std::size_t variants) {
  const std::filesystem::path file = dir / "runs.csv";
  std::ifstream in(file, std::ios::binary);
  if (!in) throw input_error(file.string(), 0, 0, "cannot open (the sweep writes it beside comparison.csv)");
  const std::string again =
      "; run the sweep again (with --store, an interrupted sweep is finished by --resume)";
  std::vector<std::vector<std::uint32_t>> replications(variants);
  std::string line;
  for (int line_number = 1; std::getline(in, line); ++line_number) {
    if (line_number == 1) continue;
    const auto f = csv::fields_of(line);
    const auto variant = f && f->size() == 8 ? csv::parse<std::uint32_t>((*f)[0]) : std::nullopt;
    const auto replication = f && f->size() == 8 ? csv::parse<std::uint32_t>((*f)[2]) : std::nullopt;
    if (!variant || !replication || *variant >= variants)
      throw input_error(file.string(), line_number, 1,
                        "expected variant,variant_name,replication,status,kind,entity,metric,value with a "
                        "variant of comparison.csv");
    if (const std::string& status = (*f)[3]; status != "done" && status != "saturated")
      throw input_error(file.string(), line_number, 1,
                        fmt::format("the sweep did not finish: replication {} of variant {} is '{}'{}",
                                    *replication, *variant, status, again));
    auto& seen = replications[*variant];
    if (seen.empty() || seen.back() != *replication) seen.push_back(*replication);
  }
  for (std::size_t v = 0; v < variants; ++v) {
    if (replications[v].empty())
      throw input_error(file.string(), 0, 0,
                        fmt::format("the sweep did not finish: variant {} has no finished run{}", v, again));
    if (replications[v] != replications[0])
      throw input_error(
          file.string(), 0, 0,
          fmt::format("the sweep did not finish: runs finished: {} in variant {}, {} in variant 0{}",
                      replications[v].size(), v, replications[0].size(), again));
  }
}

}  // namespace

bool is_sweep_folder(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "comparison.csv", ec) &&
         std::filesystem::is_regular_file(dir / "runs.csv", ec);
}

sweep_folder read_sweep_folder(const std::filesystem::path& dir) {
  const std::filesystem::path file = dir / "comparison.csv";
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw input_error(file.string(), 0, 0, "cannot open (run `freightsim sweep SWEEP --out DIR` first)");
  sweep_folder out;
  out.name = dir.string();
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    const auto bad = [&](const std::string& why) { return input_error(file.string(), line_number, 1, why); };
    if (line_number == 1) {
      if (line != header) throw bad(std::string("expected the header '") + header + "'");
      continue;
    }
    const auto f = csv::fields_of(line);
    if (!f || f->size() != 9) throw bad(std::string("expected 9 fields: ") + header);
    const auto number = [&](const std::string& text, const char* what) {
      if (text.empty()) return std::nan("");
      const auto x = csv::parse<double>(text);
      if (!x || std::isinf(*x)) throw bad(std::string(what) + " '" + text + "' is not a number");
      return *x;
    };
    const auto optional = [&](const std::string& text, const char* what) {
      return text.empty() ? std::optional<double>() : std::optional<double>(number(text, what));
    };
    sweep_row r;
    r.metric = (*f)[0];
    const auto variant = csv::parse<std::uint32_t>((*f)[1]);
    const auto pairs = csv::parse<std::uint32_t>((*f)[7]);
    if (!variant || !pairs) throw bad("variant and pairs must be whole numbers");
    if ((*f)[8] != "true" && (*f)[8] != "false") throw bad("significant must be true or false");
    r.variant = *variant;
    r.variant_name = (*f)[2];
    r.mean = number((*f)[3], "mean");
    r.ci95 = optional((*f)[4], "ci95");
    r.difference = number((*f)[5], "difference");
    r.difference_ci95 = optional((*f)[6], "difference_ci95");
    r.pairs = *pairs;
    r.significant = (*f)[8] == "true";
    if (r.variant > out.variants.size()) throw bad("variants must be numbered from 0 in order");
    if (r.variant == out.variants.size()) out.variants.push_back(r.variant_name);
    if (out.metrics.empty() || out.metrics.back() != r.metric) out.metrics.push_back(r.metric);
    out.rows.push_back(std::move(r));
  }
  if (out.rows.empty()) throw input_error(file.string(), 0, 0, "holds no results");
  require_finished(dir, out.variants.size());
  out.title = sweep_title(dir);
  return out;
}

bool is_sqlite_file(const std::filesystem::path& file) {
  static constexpr char magic[] = "SQLite format 3";  // with its terminating NUL: the file's first 16 bytes
  std::ifstream in(file, std::ios::binary);
  char head[sizeof magic] = {};
  return in.read(head, sizeof head) && std::equal(head, head + sizeof head, magic);
}

sweep_folder read_sweep_store(const std::filesystem::path& file) {
  std::vector<metric_comparison> summary;
  std::vector<std::string> names;
  std::string title;
  try {
    const result_store store = result_store::open_for_reading(file);
    if (!store.sweep().complete)
      throw input_error(
          file.string(), 0, 0,
          fmt::format("the sweep in the store is not complete ({} of {}{} runs): finish it with "
                      "`freightsim sweep SWEEP --store {} --resume`",
                      store.runs().size(), store.sweep().precision ? "at least " : "",
                      store.sweep().variants.size() * store.sweep().replications, file.string()));
    summary = store.summary();
    title = store.sweep().name;
    for (const auto& v : store.sweep().variants)
      names.push_back(v.name);
  } catch (const store_refused& e) {
    throw input_error(file.string(), 0, 0, e.what());
  } catch (const sqlite::error& e) {
    throw input_error(file.string(), 0, 0, std::string("cannot read the result store: ") + e.what());
  }
  sweep_folder out;
  out.name = file.string();
  out.title = title;
  out.from_store = true;
  out.variants = names;
  // In comparison.csv's order: per metric of interest, per variant.
  for (const metric_comparison& c : summary) {
    out.metrics.push_back(c.metric);
    for (std::size_t v = 0; v < names.size(); ++v)
      out.rows.push_back({c.metric, static_cast<std::uint32_t>(v), names[v], c.level[v].mean, c.level[v].ci95,
                          c.difference[v].mean, c.difference[v].ci95, c.pairs[v], c.significant[v]});
  }
  if (out.rows.empty()) throw input_error(file.string(), 0, 0, "the result store holds no summary");
  return out;
}

}  // namespace freightsim
