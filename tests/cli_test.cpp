// The freightsim command end to end: exit codes, one-line errors, determinism and golden summaries.
#include <doctest/doctest.h>

#include <unistd.h>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli_helpers.hpp"
#include "freightsim/output/text_table.hpp"

namespace fs = std::filesystem;
constexpr std::size_t freightsim_max_bytes = 4 * 1024 * 1024;  // loader.hpp's max_scenario_bytes

namespace {

using cli_testing::command_result;
using cli_testing::slurp;

fs::path scratch_dir(const std::string& name) {
  return cli_testing::scratch_dir("test", name);
}

command_result run_cli(const std::string& args, const std::string& scratch) {
  return cli_testing::run_freightsim(args, scratch_dir(scratch + "-io"));
}

// Golden comparison: same keys and strings, numbers equal to 1e-9 relative (the goldens are regenerated with
// tools/update-goldens when a model change is intended).
void compare_json(const nlohmann::json& got, const nlohmann::json& want, const std::string& where) {
  INFO("at " << where);
  REQUIRE(got.type() == want.type());
  if (want.is_object()) {
    REQUIRE(got.size() == want.size());
    for (const auto& item : want.items()) {
      const std::string key = item.key();  // not a structured binding: clang 14 cannot capture those
      REQUIRE_MESSAGE(got.contains(key), "missing key " << key);
      compare_json(got[key], item.value(), where + "." + key);
    }
  } else if (want.is_array()) {
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i)
      compare_json(got[i], want[i], where + "[" + std::to_string(i) + "]");
  } else if (want.is_number_float()) {
    const double a = got.get<double>(), b = want.get<double>();
    CHECK(std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)));
  } else {
    CHECK(got == want);
  }
}

}  // namespace

TEST_CASE("--help documents the run command and exits 0") {
  const auto r = run_cli("run --help", "help");
  CHECK(r.status == 0);
  CHECK(r.out.find("--replications") != std::string::npos);
  CHECK(r.out.find("--seed") != std::string::npos);
  CHECK(r.out.find("--out") != std::string::npos);
}

TEST_CASE("bad command lines and bad files exit 2 with one line") {
  CHECK(run_cli("", "nosub").status == 2);
  CHECK(run_cli("run", "noarg").status == 2);
  CHECK(run_cli("run scenarios/brest_vladivostok.yaml --replications 0", "zero").status == 2);
  const auto missing = run_cli("run does/not/exist.yaml", "missing");
  CHECK(missing.status == 2);
  CHECK(missing.err == "does/not/exist.yaml:1:1: cannot open scenario file\n");
  const auto dir = run_cli("run scenarios", "dir");
  CHECK(dir.status == 2);
  CHECK(dir.err == "scenarios:1:1: is a directory, not a scenario file\n");
}

TEST_CASE("a misspelt command or option is named with the closest one, and refused with exit 2") {
  const std::string m = "run scenarios/minsk_customs.yaml ";
  const std::vector<std::pair<std::string, std::string>> cases{
      // CLI11 alone said "The following arguments were not expected: 2 --thread" (its list reversed) ...
      {m + "--thread 2", "unknown option '--thread' (did you mean '--threads'?) (see freightsim run --help)"},
      {m + "--thread=2", "unknown option '--thread' (did you mean '--threads'?) (see freightsim run --help)"},
      {m + "extra.yaml", "unexpected argument 'extra.yaml' (see freightsim run --help)"},
      {m + "-x", "unknown option '-x' (see freightsim run --help)"},
      {"sweep scenarios/sweeps/kamenny_log_lanes.yaml --replicatons 2",
       "unknown option '--replicatons' (did you mean '--replications'?) (see freightsim sweep --help)"},
      // ... and "A subcommand is required" for a misspelt command.
      {"runn scenarios/minsk_customs.yaml",
       "unknown command 'runn' (did you mean 'run'?) (see freightsim --help)"},
      {"--verbose", "unknown option '--verbose' (see freightsim --help)"},
      {"", "A subcommand is required (see freightsim --help)"}};
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto r = run_cli(cases[i].first, "misspelt-" + std::to_string(i));
    INFO(cases[i].first);
    CHECK(r.status == 2);
    CHECK(r.err == "freightsim: " + cases[i].second + "\n");
    CHECK(r.out.empty());
  }
}

TEST_CASE("run, validate, size and sweep take the worker threads as --threads or --jobs alike") {
  // sweep had only --jobs and the others only --threads: a planner's --threads on a sweep was refused.
  const std::string s = "sweep scenarios/sweeps/kamenny_log_lanes.yaml ";
  for (const char* flag : {"--threads", "--jobs"}) {
    INFO(flag);
    CHECK(run_cli(s + flag + " 1025", "jobs-sweep").err ==
          "freightsim: --jobs: must be a whole number from 0 to 1024, not '1025' (see freightsim sweep "
          "--help)\n");
    for (const char* command : {"run", "validate", "size"}) {
      const auto r =
          run_cli(std::string(command) + " scenarios/minsk_customs.yaml " + flag + " 1025", "jobs-run");
      CHECK(r.err ==
            std::string("freightsim: --threads: must be a whole number from 0 to 1024, not '1025' (see "
                        "freightsim ") +
                command + " --help)\n");
    }
  }
}

TEST_CASE("a malformed scenario exits 2 with a single file:line:col line and writes nothing") {
  const fs::path out = scratch_dir("malformed-out");
  const auto r = run_cli("run tests/malformed/unknown_node_key.yaml --out " + out.string(), "malformed");
  CHECK(r.status == 2);
  CHECK(r.err.rfind("tests/malformed/unknown_node_key.yaml:", 0) == 0);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK(fs::is_empty(out));
}

TEST_CASE("same seed gives byte-identical output across runs and thread counts") {
  const fs::path a = scratch_dir("det-a"), b = scratch_dir("det-b"), c = scratch_dir("det-c");
  const std::string base = "run scenarios/brest_vladivostok.yaml --replications 4 --quiet --seed 9 --out ";
  REQUIRE(run_cli(base + a.string() + " --threads 1", "det1").status == 0);
  REQUIRE(run_cli(base + b.string() + " --threads 2", "det2").status == 0);
  REQUIRE(run_cli(base + c.string() + " --threads 1", "det3").status == 0);
  for (const char* file : {"summary.json", "flows.csv", "nodes.csv", "links.csv"}) {
    INFO(file);
    CHECK(slurp(a / file) == slurp(b / file));
    CHECK(slurp(a / file) == slurp(c / file));
  }
  const fs::path d = scratch_dir("det-d");
  REQUIRE(
      run_cli("run scenarios/brest_vladivostok.yaml --replications 4 --quiet --seed 10 --out " + d.string(),
              "det4")
          .status == 0);
  CHECK(slurp(a / "summary.json") != slurp(d / "summary.json"));
}

namespace {

// Rows of a CSV file (RFC 4180 quoting), each as column name -> field.
std::vector<std::map<std::string, std::string>> read_csv(const fs::path& file) {
  std::istringstream in(slurp(file));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.emplace_back();
      } else {
        fields.back() += c;
      }
    }
    rows.push_back(fields);
  }
  std::vector<std::map<std::string, std::string>> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    REQUIRE(rows[r].size() == rows[0].size());
    auto& row = out.emplace_back();
    for (std::size_t c = 0; c < rows[0].size(); ++c)
      row[rows[0][c]] = rows[r][c];
  }
  return out;
}

void check_same(const std::string& csv_field, const nlohmann::json& value, const std::string& what) {
  INFO(what << ": csv " << csv_field << ", summary.json " << value);
  REQUIRE(value.is_number());
  CHECK(std::stod(csv_field) == doctest::Approx(value.get<double>()).epsilon(1e-12));
}

}  // namespace

// Catches: a CSV column written from the wrong statistic, node, flow or link (the CSV files only matched
// themselves across runs before).
TEST_CASE("flows.csv, nodes.csv and links.csv hold the figures of summary.json") {
  const fs::path out = scratch_dir("csv");
  REQUIRE(run_cli("run scenarios/instc_western.yaml --replications 3 --quiet --out " + out.string(), "csv")
              .status == 0);
  const nlohmann::json sum = nlohmann::json::parse(slurp(out / "summary.json"));
  const auto flows = read_csv(out / "flows.csv");
  REQUIRE(flows.size() == sum["flows"].size());
  for (std::size_t i = 0; i < flows.size(); ++i) {
    const auto& row = flows[i];
    const auto& f = sum["flows"][i];
    CHECK(row.at("id") == f["id"].get<std::string>());
    check_same(row.at("delivered_mean"), f["delivered"]["mean"], "delivered");
    check_same(row.at("transit_mean_h"), f["transit_time_h"]["mean"], "transit mean");
    check_same(row.at("transit_p95_h"), f["transit_time_h"]["p95"], "transit p95");
    check_same(row.at("transit_max_h"), f["transit_time_h"]["max"], "transit max");
    check_same(row.at("cost_usd_mean"), f["cost_usd"]["mean"], "cost");
  }
  const auto nodes = read_csv(out / "nodes.csv");
  REQUIRE(nodes.size() == sum["nodes"].size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const auto& row = nodes[i];
    const auto& n = sum["nodes"][i];
    CHECK(row.at("id") == n["id"].get<std::string>());
    check_same(row.at("utilization_mean"), n["utilization"]["mean"], "utilization");
    check_same(row.at("wait_mean_h"), n["wait_h"]["mean"], "wait");
    check_same(row.at("queue_mean"), n["queue_length"]["mean"], "queue");
    check_same(row.at("queue_max"), n["queue_length"]["max"], "queue max");
    check_same(row.at("throughput_per_day_mean"), n["throughput_per_day"]["mean"], "throughput");
    for (const auto& cause : n["wait_by_cause_h"].items())
      check_same(row.at("wait_" + cause.key() + "_h_mean"), cause.value()["mean"], "wait " + cause.key());
  }
  const auto links = read_csv(out / "links.csv");
  REQUIRE(links.size() == sum["links"].size());
  std::size_t with_load = 0;
  for (std::size_t i = 0; i < links.size(); ++i) {
    const auto& row = links[i];
    const auto& l = sum["links"][i];
    CHECK(row.at("from") == l["from"].get<std::string>());
    CHECK(row.at("to") == l["to"].get<std::string>());
    check_same(row.at("units_per_day_mean"), l["units_per_day"]["mean"], "units per day");
    check_same(row.at("vehicles_per_day_mean"), l["vehicles_per_day"]["mean"], "vehicles per day");
    check_same(row.at("left_behind_per_day_mean"), l["left_behind_per_day"]["mean"], "left behind");
    check_same(row.at("travel_mean_h"), l["travel_h"]["mean"], "travel");
    if (l["load_factor"].is_null()) {
      CHECK(row.at("load_factor_mean").empty());
    } else {
      ++with_load;
      check_same(row.at("load_factor_mean"), l["load_factor"]["mean"], "load factor");
    }
  }
  CHECK(with_load > 0);  // the western INSTC route has trains and sailings
}

TEST_CASE("shipped scenarios reproduce their golden summaries") {
  std::set<std::string> scenarios, goldens;
  for (const auto& entry : fs::directory_iterator("tests/golden"))
    goldens.insert(entry.path().filename().string());
  std::size_t compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator("scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    if (entry.path().parent_path().filename() == "sweeps") continue;  // sweep files, not scenarios
    const std::string stem = entry.path().stem().string();
    REQUIRE_MESSAGE(scenarios.insert(stem + ".summary.json").second, "two scenarios named " << stem);
    ++compared;
    INFO("scenario " << stem);
    const fs::path golden = fs::path("tests/golden") / (stem + ".summary.json");
    REQUIRE_MESSAGE(fs::exists(golden), "no golden summary; run tools/update-goldens");
    const fs::path out = scratch_dir("golden-" + stem);
    const auto r = run_cli("run " + entry.path().string() + " --quiet --threads 2 --out " + out.string(),
                           "golden-" + stem);
    REQUIRE(r.status == 0);
    compare_json(nlohmann::json::parse(slurp(out / "summary.json")), nlohmann::json::parse(slurp(golden)),
                 stem);
  }
  // Every golden belongs to a shipped scenario (a stale one would silently stop being compared).
  CHECK(goldens == scenarios);
  CHECK(compared == goldens.size());
  CHECK(compared >= 13);
}

// The sanitizer build runs this instead of the golden comparison (CMakePresets.json): the same code paths
// for every shipped scenario and what-if, at two replications on two threads instead of each file's own
// count; the release build compares the figures.
TEST_CASE("sanitizer smoke: every shipped scenario runs two replications on two threads") {
  std::size_t ran = 0;
  for (const auto& entry : fs::recursive_directory_iterator("scenarios")) {
    if (entry.path().extension() != ".yaml" || entry.path().parent_path().filename() == "sweeps") continue;
    const std::string stem = entry.path().stem().string();
    INFO("scenario " << stem);
    const fs::path out = scratch_dir("smoke-" + stem);
    const auto r = run_cli(
        "run " + entry.path().string() + " --quiet --replications 2 --threads 2 --out " + out.string(),
        "smoke-" + stem);
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(slurp(out / "summary.json"))["replications"] == 2);
    ++ran;
  }
  CHECK(ran >= 13);
}

TEST_CASE("a saturated node stops the run at the cap, naming the node, with partial results marked") {
  const fs::path out = scratch_dir("saturated");
  const auto r = run_cli("run tests/data/saturated.yaml --quiet --max-in-network 2000 --out " + out.string(),
                         "saturated");
  CHECK(r.status == 3);
  CHECK(r.err.find("the most at one place: 2000 units waiting for a server at node 'border'") !=
        std::string::npos);
  CHECK(r.err.find("2000") != std::string::npos);
  // The analytic warning before the run (lambda 1/h x 2 h on 1 server: rho 2, 3 servers needed), then the
  // stop.
  CHECK(r.err.find("warning: node 'border' is unstable: utilization 2.000") != std::string::npos);
  CHECK(r.err.find("it needs 3 servers") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 2);
  const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
  const std::string warnings = summary["warnings"].dump();
  CHECK(warnings.find("analytic: node 'border' is unstable: utilization 2.000") != std::string::npos);
  CHECK(summary["complete"] == false);
  CHECK(summary["conservation"]["holds"] == true);
  CHECK(summary["replications"] == 3);  // none completed: the partial ones are summarized
}

TEST_CASE("a run saturated on a slow link names the link's units, not an empty node queue") {
  // Units pile up travelling on a link of ample capacity; no node queue holds any (the message used to name
  // the first node with "held 0").
  const fs::path out = scratch_dir("saturated_link");
  const auto r =
      run_cli("run tests/data/saturated_link.yaml --quiet --max-in-network 2000 --out " + out.string(),
              "saturated_link");
  CHECK(r.status == 3);
  CHECK(r.err.find("2001 units in the network") != std::string::npos);
  CHECK(r.err.find("the most at one place: 2000 units travelling on links toward node 'far'") !=
        std::string::npos);
  CHECK(r.err.find("held 0") == std::string::npos);
}

TEST_CASE(
    "SIGINT and SIGTERM stop cleanly: finished replications written, marked incomplete, no temp files") {
  for (const auto& sig : {std::pair<std::string, int>{"INT", 2}, {"TERM", 15}}) {
    const std::string name = sig.first;  // not a structured binding: clang 14 cannot capture those
    const int number = sig.second;
    INFO("SIG" << name);
    const fs::path out = scratch_dir("sig" + name);
    const fs::path io = scratch_dir("sig" + name + "-io");
    const std::string cmd = "cd " + fs::current_path().string() + " && (" + FREIGHTSIM_BINARY +
                            " run tests/data/empirical.yaml --quiet --replications 100000 --out " +
                            out.string() + " 2>" + (io / "err").string() + " & pid=$!; sleep 1.5; kill -" +
                            name + " $pid; " + "wait $pid; echo $? >" + (io / "status").string() + ")";
    REQUIRE(std::system(cmd.c_str()) == 0);
    CHECK(std::stoi(slurp(io / "status")) == 128 + number);
    CHECK(slurp(io / "err").find("interrupted") != std::string::npos);
    const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
    CHECK(summary["complete"] == false);
    CHECK(summary["replications"].get<int>() >= 1);
    CHECK(summary["replications"].get<int>() < 100000);
    for (const auto& entry : fs::directory_iterator(out))
      CHECK(entry.path().extension() != ".tmp");
  }
}

// summary.json's scenario_sha256 names the text the run loaded: the file was hashed again after the run, so
// a scenario edited while it ran was named by its new content. The run is stopped by SIGINT once it is
// simulating (its trace has content), after the file was changed, so the summary is written while the file
// holds the new text.
TEST_CASE("scenario_sha256 is the hash of the scenario as loaded, not as it is when the run ends") {
  const fs::path dir = scratch_dir("sha-at-load");
  const fs::path scenario = dir / "scenario.yaml", out = dir / "out", trace = dir / "trace.csv";
  fs::copy_file("tests/data/empirical.yaml", scenario);
  fs::copy_file("tests/data/service_minutes.csv", dir / "service_minutes.csv");
  const std::string loaded = slurp(scenario);
  const std::string cmd =
      "(sha256sum <" + scenario.string() + " | cut -c1-64 >" + (dir / "sha256").string() + "; " +
      std::string(FREIGHTSIM_BINARY) + " run " + scenario.string() + " --quiet --replications 100000 --out " +
      out.string() + " --trace " + trace.string() + " 2>" + (dir / "err").string() +
      " & pid=$!; for i in $(seq 1200); do [ -s " + trace.string() + ".tmp ] || [ -s " + trace.string() +
      " ] && break; sleep 0.05; done; echo '# edited during the run' >> " + scenario.string() +
      "; kill -INT $pid; wait $pid; echo $? >" + (dir / "status").string() + ")";
  REQUIRE(std::system(cmd.c_str()) == 0);
  REQUIRE(std::stoi(slurp(dir / "status")) == 128 + 2);
  REQUIRE(slurp(scenario) != loaded);
  const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
  const std::string sha256 = slurp(dir / "sha256");
  REQUIRE(sha256.size() == 65);  // and a line break
  const std::string as_loaded = sha256.substr(0, 64);
  CHECK(summary["scenario_sha256"].get<std::string>() == as_loaded);
}

// The trace was written straight to its file: a run interrupted during the first replication left half a
// trace under the file's name, in place of the file that was there. Catches: writing to FILE itself; a
// FILE.tmp left behind; an unfinished trace renamed into place.
TEST_CASE("--trace interrupted before the first replication finishes leaves the previous file as it was") {
  const fs::path dir = scratch_dir("trace-interrupted");
  const fs::path trace = dir / "trace.csv", tmp = dir / "trace.csv.tmp";
  std::ofstream(trace, std::ios::binary) << "the previous trace\n";
  const std::string cmd =
      "(cd " + fs::current_path().string() + " && " + FREIGHTSIM_BINARY +
      " run tests/data/empirical.yaml --quiet --replications 1 --set horizon=300000d --out " +
      (dir / "out").string() + " --trace " + trace.string() + " 2>" + (dir / "err").string() +
      " & pid=$!; for i in $(seq 1200); do [ -s " + tmp.string() +
      " ] && break; sleep 0.05; done; kill -INT " + "$pid; wait $pid; echo $? >" + (dir / "status").string() +
      ")";
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK(std::stoi(slurp(dir / "status")) == 128 + 2);
  CHECK(slurp(trace) == "the previous trace\n");
  CHECK_FALSE(fs::exists(tmp));
  CHECK(slurp(dir / "err")
            .find("freightsim: --trace: replication 1 did not finish; '" + trace.string() +
                  "' not written\n") != std::string::npos);
}

// A JSON file that is not a summary printed nlohmann's exception ("[json.exception.type_error.304] cannot use
// at() with array") as the reason.
TEST_CASE("report given a JSON file that is not a summary says so in one plain line, exit 2") {
  const fs::path dir = scratch_dir("report-not-summary");
  const std::string run_it = "give the summary.json that `freightsim run` wrote";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"[1, 2]", "not a freightsim summary: it holds a JSON array, not an object; " + run_it},
      {"42", "not a freightsim summary: it holds a JSON number, not an object; " + run_it},
      {R"({"scenario": "x"})", "not a freightsim summary: it has no 'freightsim_version'; " + run_it},
      {R"({"freightsim_version": "0.1"})",
       "not a summary.json this freightsim can read (written by freightsim 0.1): key 'scenario_file' not "
       "found"},
  };
  for (const auto& c : cases) {
    const std::string content = c.first;
    INFO(content);
    const fs::path file = dir / "summary.json";
    std::ofstream(file, std::ios::binary) << content;
    cli_testing::check_refused("report " + file.string(), dir, file.string() + ":1:1: " + c.second,
                               dir / "report.html");
  }
  // Not JSON at all: nlohmann's reason, without its exception's name.
  std::ofstream(dir / "summary.json", std::ios::binary) << "{";
  const auto not_json = cli_testing::run_freightsim("report " + (dir / "summary.json").string(), dir);
  CHECK(not_json.status == 2);
  CHECK(not_json.err.rfind((dir / "summary.json").string() + ":1:1: not valid JSON: parse error at line 1",
                           0) == 0);
  CHECK(not_json.err.find("json.exception") == std::string::npos);
  // analyze's analytic.json has the shape of a summary but is not one.
  const fs::path analytic = dir / "analytic";
  REQUIRE(
      run_cli("analyze scenarios/kamenny_log.yaml --out " + analytic.string(), "report-analytic").status ==
      0);
  cli_testing::check_refused("report " + (analytic / "analytic.json").string(), dir,
                             (analytic / "analytic.json").string() +
                                 ":1:1: not a freightsim summary: it has no 'freightsim_version'; " + run_it,
                             analytic / "report.html");
}

TEST_CASE("every catalogued malformed file exits 2 with exactly its one-line error") {
  std::ifstream catalogue("tests/malformed/catalogue.tsv");
  REQUIRE(catalogue);
  std::string line;
  int checked = 0;
  while (std::getline(catalogue, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    const std::string file = "tests/malformed/" + line.substr(0, tab);
    INFO(file);
    const fs::path out = scratch_dir("catalogue-out") / "out";
    const auto r = run_cli("run " + file + " --out " + out.string(), "catalogue");
    CHECK(r.status == 2);
    CHECK(r.err == file + ":" + line.substr(tab + 1) + "\n");
    // Nothing written: no output directory, nothing on stdout.
    CHECK(!fs::exists(out));
    CHECK(r.out.empty());
    ++checked;
  }
  int files = 0;
  for (const auto& entry : fs::directory_iterator("tests/malformed"))
    files += entry.path().extension() == ".yaml";
  CHECK(checked == files);
}

TEST_CASE("files over the size limit are refused before parsing") {
  const fs::path dir = scratch_dir("big");
  const fs::path big = dir / "big.yaml";
  {
    std::ofstream out(big, std::ios::binary);
    const std::string line = "# " + std::string(1000, 'x') + "\n";
    for (std::size_t written = 0; written <= freightsim_max_bytes; written += line.size())
      out << line;
  }
  const auto r = run_cli("run " + big.string() + " --quiet --out " + (dir / "out").string(), "big");
  CHECK(r.status == 2);
  CHECK(r.err == big.string() + ":1:1: scenario file is larger than the 4 MiB limit\n");
}

TEST_CASE("command-line errors are one line") {
  const auto r = run_cli("run scenarios/kamenny_log.yaml --replications 0", "cli-one-line");
  CHECK(r.status == 2);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK(r.err.rfind("freightsim: --replications", 0) == 0);
}

TEST_CASE("every numeric option is checked as strictly as the file, with a plain one-line message") {
  const std::string run = "run scenarios/kamenny_log.yaml --quiet --replications 1 --out " +
                          scratch_dir("options-out").string() + " ";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"--seed -1", "freightsim: --seed: must be a whole number from 0 to 18446744073709551615, not '-1'"},
      {"--seed 18446744073709551616",
       "freightsim: --seed: must be a whole number from 0 to 18446744073709551615, not "
       "'18446744073709551616'"},
      {"--seed 1e3", "freightsim: --seed: must be a whole number from 0 to 18446744073709551615, not '1e3'"},
      {"--max-in-network 0",
       "freightsim: --max-in-network: must be a whole number from 1 to 1000000000, not '0'"},
      {"--max-in-network 1.5",
       "freightsim: --max-in-network: must be a whole number from 1 to 1000000000, not '1.5'"},
      {"--replications 0", "freightsim: --replications: must be a whole number from 1 to 100000, not '0'"},
      {"--threads -1", "freightsim: --threads: must be a whole number from 0 to 1024, not '-1'"},
  };
  for (const auto& c : cases) {
    const std::string option = c.first;
    INFO(option);
    const auto r = run_cli(run + option, "options");
    CHECK(r.status == 2);
    CHECK(r.err == c.second + " (see freightsim run --help)\n");
  }
  CHECK(run_cli(run + "--seed 18446744073709551615", "options-max").status == 0);
}

// Catches: an output folder checked only after the run (exit 1 "internal error"), or a read-only folder
// silently replaced.
TEST_CASE("an output folder that cannot be written is refused before simulating, exit 2 naming it") {
  const fs::path dir = scratch_dir("out-bad");
  const fs::path file = dir / "a-file";
  std::ofstream(file) << "x";
  const fs::path read_only = dir / "read-only";
  fs::create_directories(read_only);
  fs::permissions(read_only, fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                  fs::perm_options::remove);
  const std::vector<std::pair<std::string, std::string>> cases{
      {"/proc/x", "cannot write the output folder /proc/x: "},
      {file.string(), "cannot write the output folder " + file.string() + ": it exists and is not a folder"},
      {read_only.string(), "cannot write the output folder " + read_only.string() + ": "},
  };
  for (const auto& c : cases) {
    const std::string where = c.first;
    INFO(where);
    // A long run: the refusal must come before it.
    const auto r = run_cli("run tests/data/long_replication.yaml --quiet --out " + where, "out-bad");
    CHECK(r.status == 2);
    CHECK(r.err.rfind("freightsim: --out: " + c.second, 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
  CHECK(fs::is_empty(read_only));
}

// Catches: validate, sweep or analyze creating the folder and writing file by file after the work (exit 1
// "internal error" after a whole sweep, as run did before its fix): every command that takes --out refuses
// an unwritable one first, exit 2 with run's line, and prints nothing else.
TEST_CASE("validate, sweep and analyze refuse an unwritable --out before any work, exit 2 naming it") {
  const std::vector<std::string> commands{
      "validate scenarios/kamenny_log.yaml",
      "sweep scenarios/sweeps/kamenny_log_lanes.yaml --quiet",
      "analyze scenarios/kamenny_log.yaml --quiet",
  };
  for (const auto& command : commands) {
    INFO(command);
    const auto r = run_cli(command + " --out /proc/x", "out-bad-others");
    CHECK(r.status == 2);
    CHECK(r.err.rfind("freightsim: --out: cannot write the output folder /proc/x: ", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.out.empty());
  }
}

// Catches: options of sweep, validate and size read by CLI11's plain conversions (a negative seed wrapped, a
// seed past 2^64 saturated, --jobs -1 as 4 billion threads), which run already refuses.
TEST_CASE("sweep, validate and size check their numeric options as run does") {
  const std::string whole = ": must be a whole number from ";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"sweep scenarios/sweeps/kamenny_log_lanes.yaml --seed -1",
       "freightsim: --seed" + whole + "0 to 18446744073709551615, not '-1' (see freightsim sweep --help)"},
      {"sweep scenarios/sweeps/kamenny_log_lanes.yaml --jobs -1",
       "freightsim: --jobs" + whole + "0 to 1024, not '-1' (see freightsim sweep --help)"},
      {"sweep scenarios/sweeps/kamenny_log_lanes.yaml --replications 1e3",
       "freightsim: --replications" + whole + "1 to 100000, not '1e3' (see freightsim sweep --help)"},
      {"sweep scenarios/sweeps/kamenny_log_lanes.yaml --max-in-network 0",
       "freightsim: --max-in-network" + whole + "1 to 1000000000, not '0' (see freightsim sweep --help)"},
      {"validate scenarios/kamenny_log.yaml --threads -1",
       "freightsim: --threads" + whole + "0 to 1024, not '-1' (see freightsim validate --help)"},
      {"size scenarios/kamenny_log.yaml --node kamenny_log --target 'wait_h.mean<=1' --seed "
       "18446744073709551616",
       "freightsim: --seed" + whole +
           "0 to 18446744073709551615, not '18446744073709551616' (see freightsim size "
           "--help)"},
  };
  for (const auto& c : cases) {
    const std::string command = c.first;
    INFO(command);
    const auto r = run_cli(command, "options-others");
    CHECK(r.status == 2);
    CHECK(r.err == c.second + "\n");
  }
}

// Catches: --set on validate not accepted, accepted and ignored, or a bad path passed over in silence.
TEST_CASE("validate --set checks a variant against the same published outcomes") {
  const fs::path out = scratch_dir("validate-set") / "out";
  const auto r = run_cli(
      "validate scenarios/kamenny_log.yaml --set horizon=40d --set replications=2 --out " + out.string(),
      "validate-set");
  CHECK((r.status == 0 || r.status == 4));
  const auto json = nlohmann::json::parse(slurp(out / "summary.json"));
  CHECK(json["horizon_h"] == 960.0);
  CHECK(json["replications"] == 2);
  CHECK(r.out.find("2 replications") != std::string::npos);
  const auto bad =
      run_cli("validate scenarios/kamenny_log.yaml --set nodes.kamenny_logg.servers=3", "validate-set");
  CHECK(bad.status == 2);
  CHECK(std::count(bad.err.begin(), bad.err.end(), '\n') == 1);
  CHECK(bad.err.find("kamenny_log") != std::string::npos);
}

// Catches: files renamed into place one by one (a failed write leaves a new summary.json beside old CSVs, or
// a .tmp file behind).
TEST_CASE("a failed write leaves the previous output set whole and no partial file") {
  const fs::path dir = scratch_dir("out-set");
  const fs::path out = dir / "out";
  const std::string run = "run scenarios/kamenny_log.yaml --quiet --replications 2 --out " + out.string();
  REQUIRE(run_cli(run + " --seed 1", "out-set-1").status == 0);
  std::ofstream(out / "notes.txt") << "mine";  // a file of the user's, kept across runs
  std::map<std::string, std::string> before;
  for (const auto& e : fs::directory_iterator(out))
    before[e.path().filename().string()] = slurp(e.path());
  // The file size limit (SIGXFSZ ignored, so write fails with EFBIG) stops summary.json half way.
  const fs::path io = scratch_dir("out-set-io");
  const std::string cmd = "cd " + fs::current_path().string() + " && (trap '' XFSZ; ulimit -f 4; " +
                          FREIGHTSIM_BINARY + " " + run + " --seed 2 2>" + (io / "err").string() +
                          "; echo $? >" + (io / "status").string() + ")";
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK(std::stoi(slurp(io / "status")) == 1);
  CHECK(slurp(io / "err").find("cannot write " + (out / "summary.json").string()) != std::string::npos);
  std::map<std::string, std::string> after;
  for (const auto& e : fs::directory_iterator(out))
    after[e.path().filename().string()] = slurp(e.path());
  CHECK(after == before);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir))
    ++entries;
  CHECK(entries == 1);  // no staging folder left beside it
  // A successful run replaces the set as a unit and keeps the user's file.
  REQUIRE(run_cli(run + " --seed 3", "out-set-3").status == 0);
  CHECK(slurp(out / "summary.json") != before["summary.json"]);
  CHECK(slurp(out / "notes.txt") == "mine");
}

// Catches: a bare std::bad_alloc (internal error, nothing written) when a run runs out of memory. ASan
// reserves far more address space than the limit allows, so the sanitizer build cannot run under it.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FREIGHTSIM_TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define FREIGHTSIM_TEST_ASAN 1
#endif
#ifndef FREIGHTSIM_TEST_ASAN
TEST_CASE("running out of memory: one clear line, exit 1, the summary written marked incomplete") {
  const fs::path out = scratch_dir("oom");
  const fs::path io = scratch_dir("oom-io");
  const std::string cmd =
      "cd " + fs::current_path().string() + " && (ulimit -v 400000; " + FREIGHTSIM_BINARY +
      " run tests/data/floods_memory.yaml --quiet --threads 1 --max-in-network 1000000000 "
      "--out " +
      out.string() + " 2>" + (io / "err").string() + "; echo $? >" + (io / "status").string() + ")";
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK(std::stoi(slurp(io / "status")) == 1);
  const std::string err = slurp(io / "err");
  // The analytic stability warning (the node cannot keep up) comes first, before the run; then one line.
  const auto oom_line = err.find("freightsim: out of memory: 1 replication(s) ran out of memory, 0 finished");
  REQUIRE(oom_line != std::string::npos);
  CHECK(std::count(err.begin() + static_cast<std::ptrdiff_t>(oom_line), err.end(), '\n') == 1);
  CHECK(err.substr(0, oom_line).find("is unstable") != std::string::npos);
  const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
  CHECK(summary["complete"] == false);
  CHECK(summary["replications"] == 0);  // the later replication is not started
  CHECK(summary["replications_requested"] == 2);
}

// Catches: a sweep that runs out of memory ending in a bare std::bad_alloc with the finished runs lost.
TEST_CASE("a sweep that runs out of memory: one clear line, exit 1, the finished runs written") {
  const fs::path out = scratch_dir("oom-sweep");
  const fs::path io = scratch_dir("oom-sweep-io");
  const std::string cmd =
      "cd " + fs::current_path().string() + " && (ulimit -v 400000; " + FREIGHTSIM_BINARY +
      " sweep tests/data/floods_memory_sweep.yaml --quiet --jobs 1 --max-in-network "
      "1000000000 --out " +
      out.string() + " 2>" + (io / "err").string() + "; echo $? >" + (io / "status").string() + ")";
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK(std::stoi(slurp(io / "status")) == 1);
  const std::string err = slurp(io / "err");
  CHECK(err.find("freightsim: out of memory: 1 run(s) ran out of memory, 1 finished") == 0);
  CHECK(std::count(err.begin(), err.end(), '\n') == 1);
  const std::string runs = slurp(out / "runs.csv");
  CHECK(runs.find("0,flows.trucks.arrivals.rate=30/d,0,done,nodes,border,wait_h.mean,") != std::string::npos);
  CHECK(runs.find("\n1,") == std::string::npos);  // the flooded run has no figures
}
#endif

// Catches: an unfinished replication summarized as if it covered the horizon.
TEST_CASE(
    "Ctrl-C before any replication finishes writes a summary with zero replications, marked incomplete") {
  const fs::path out = scratch_dir("early-int");
  const fs::path io = scratch_dir("early-int-io");
  const std::string cmd = "cd " + fs::current_path().string() + " && (" + FREIGHTSIM_BINARY +
                          " run tests/data/long_replication.yaml --quiet --out " + out.string() + " 2>" +
                          (io / "err").string() + " & pid=$!; sleep 1; kill -INT $pid; wait $pid; echo $? >" +
                          (io / "status").string() + ")";
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK(std::stoi(slurp(io / "status")) == 130);
  CHECK(slurp(io / "err").find("interrupted before any replication finished") != std::string::npos);
  const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
  CHECK(summary["complete"] == false);
  CHECK(summary["replications"] == 0);
  CHECK(summary["flows"].empty());
  CHECK(summary["conservation"]["created"] == 0);
}

// Catches: a flow that delivered nothing shown with transit 0.0 h, and a run that keeps nothing moving
// passing in silence.
TEST_CASE("a model that delivers nothing warns on stderr and in summary.json, its transit is none, never 0") {
  const fs::path out = scratch_dir("delivers-nothing");
  const auto r = run_cli("run tests/data/delivers_nothing.yaml --out " + out.string(), "delivers-nothing");
  CHECK(r.status == 0);
  CHECK(r.err.find("freightsim: warning: flow f delivered no units after the warm-up (transit time: none)") !=
        std::string::npos);
  CHECK(r.err.find("480 at a link's origin") != std::string::npos);  // counted by place
  CHECK(r.out.find("none") != std::string::npos);
  const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
  CHECK(summary["warnings"].size() == 2);
  // No transit time and no cost per unit: null, never 0.
  const auto& flow = summary["flows"][0];
  CHECK(flow["transit_time_h"]["mean"].is_null());
  CHECK(flow["transit_time_h"]["p95"].is_null());
  CHECK(flow["transit_time_h"]["max"].is_null());
  CHECK(flow["transit_time_h"]["cdf"].empty());
  CHECK(flow["cost_usd"]["mean"].is_null());
  // Every figure after the counts is empty (none), storage included.
  CHECK(slurp(out / "flows.csv").find("\nf,unit,a,b,0,0,,,,,,,,,,,\n") != std::string::npos);
}

// Catches: a trace observer that changes what is simulated (a draw, an event) or the statistics; a trace of
// more than the first replication; a trace file that cannot be written accepted silently.
TEST_CASE("--trace writes the first replication's records and leaves the results byte-identical") {
  const fs::path dir = scratch_dir("trace");
  const std::string scenario = FREIGHTSIM_SOURCE_DIR "/scenarios/kamenny_log.yaml";
  const auto plain =
      run_cli("run " + scenario + " --quiet --replications 3 --threads 2 --out " + (dir / "plain").string(),
              "trace-plain");
  const auto traced = run_cli("run " + scenario + " --quiet --replications 3 --threads 2 --out " +
                                  (dir / "traced").string() + " --trace " + (dir / "trace.csv").string(),
                              "trace-traced");
  REQUIRE(plain.status == 0);
  REQUIRE(traced.status == 0);
  CHECK(slurp(dir / "plain" / "summary.json") == slurp(dir / "traced" / "summary.json"));
  CHECK_FALSE(fs::exists(dir / "trace.csv.tmp"));
  // One replication's units: each created once, numbered 1, 2, ... without a gap.
  std::istringstream trace(slurp(dir / "trace.csv"));
  std::string line;
  std::getline(trace, line);
  CHECK(line == "time_h,event,unit,flow,place,cause");
  std::uint64_t created = 0;
  bool numbered = true;
  while (std::getline(trace, line)) {
    if (line.find(",created,") == std::string::npos) continue;
    ++created;
    numbered = numbered && line.find(",created," + std::to_string(created) + ",") != std::string::npos;
  }
  CHECK(created > 1000);
  CHECK(numbered);
  const auto bad = run_cli("run " + scenario + " --quiet --out " + (dir / "bad").string() + " --trace " +
                               (dir / "no" / "such" / "t.csv").string(),
                           "trace-bad");
  CHECK(bad.status == 2);
  CHECK_FALSE(fs::exists(dir / "bad" / "summary.json"));
}

TEST_CASE("analyze: a table, analytic.json in the shape of summary.json, warnings for unstable nodes") {
  const fs::path out = scratch_dir("analyze");
  const auto r = run_cli("analyze tests/data/mmc_sizing.yaml --out " + out.string(), "analyze");
  CHECK(r.status == 0);
  CHECK(r.out.find("UNSTABLE") != std::string::npos);
  CHECK(
      r.err ==
      "tests/data/mmc_sizing.yaml: warning: node 'gate' is unstable: utilization 2.000 >= 1 (10.00 units/h x "
      "1.000 h service on 5.00 servers on average); it needs 11 servers\n");
  const auto doc = nlohmann::json::parse(slurp(out / "analytic.json"));
  CHECK(doc["method"] == "analytic");
  CHECK(doc["stable"] == false);
  CHECK(doc["nodes"][0]["id"] == "gate");
  CHECK(doc["nodes"][0]["utilization"]["mean"] == 2.0);
  CHECK(doc["nodes"][0]["wait_h"]["mean"].is_null());  // infinite
  CHECK(doc["stability"][0]["servers_needed"] == 11);
  const auto good = run_cli("analyze scenarios/kamenny_log.yaml", "analyze-good");
  CHECK(good.status == 0);
  CHECK(good.err.empty());
  CHECK(good.out.find("stable: every node and link") != std::string::npos);
  CHECK(run_cli("analyze no/such.yaml", "analyze-missing").status == 2);
}

TEST_CASE("run --analytic: analytic estimates beside the simulated ones, flagged beyond the tolerance") {
  const fs::path out = scratch_dir("run-analytic");
  const auto r = run_cli("run scenarios/kamenny_log.yaml --analytic --replications 2 --out " + out.string(),
                         "run-analytic");
  CHECK(r.status == 0);
  CHECK(r.out.find("analytic beside simulated") != std::string::npos);
  const auto doc = nlohmann::json::parse(slurp(out / "summary.json"));
  CHECK(doc["nodes"][1]["analytic"]["method"] == "allen_cunneen+fluid");
  CHECK(doc["nodes"][1]["analytic"]["differs"] == false);
  CHECK(doc["flows"][0]["analytic"]["transit_time_h"]["mean"].is_number());
  CHECK(doc["analytic_tolerance"]["relative"] == 0.35);
  CHECK(doc["warnings"].dump().find("analytic:") == std::string::npos);  // stable: no analytic warning
}

TEST_CASE("size: analytic answer confirmed by simulation, bad nodes and targets exit 2 with one line") {
  const auto r = run_cli("size tests/data/mmc_sizing.yaml --node gate --target \"wait_h.mean<=0.1\"", "size");
  CHECK(r.status == 0);
  CHECK(r.out.find("answer: 13 servers at 'gate'") != std::string::npos);
  CHECK(r.out.find("      12             0.22") != std::string::npos);
  CHECK(r.out.find("      13             0.10") != std::string::npos);
  const auto bad_node =
      run_cli("size tests/data/mmc_sizing.yaml --node gaet --target \"wait_h.mean<=1\"", "size-bad");
  CHECK(bad_node.status == 2);
  CHECK(bad_node.err ==
        "freightsim: --node: no node 'gaet' in the scenario (did you mean 'gate'?) (see freightsim size "
        "--help)\n");
  const auto bad_target =
      run_cli("size tests/data/mmc_sizing.yaml --node gate --target \"flows.truks.transit_time_h.p95<=1\"",
              "size-bad2");
  CHECK(bad_target.status == 2);
  CHECK(bad_target.err.find("no flow 'truks' (did you mean 'trucks'?)") != std::string::npos);
  CHECK(std::count(bad_target.err.begin(), bad_target.err.end(), '\n') == 1);
}

TEST_CASE("an unstable node is warned about once on stderr, before the run, and kept in summary.json") {
  const fs::path out = scratch_dir("unstable-once");
  const auto r = run_cli(
      "run scenarios/what-if/kamenny_log_25pct_norm.yaml --quiet --replications 1 --set "
      "horizon=2d --set warmup=0h --out " +
          out.string(),
      "unstable-once");
  CHECK(r.status == 0);
  const auto count = [&](const std::string& text) {
    std::size_t n = 0;
    for (auto at = r.err.find(text); at != std::string::npos; at = r.err.find(text, at + 1))
      ++n;
    return n;
  };
  CHECK(count("node 'medininkai' is unstable") == 1);
  const std::string warnings = nlohmann::json::parse(slurp(out / "summary.json"))["warnings"].dump();
  CHECK(warnings.find("analytic: node 'medininkai' is unstable") != std::string::npos);
}

TEST_CASE(
    "run --precision: the number used in summary.json and the table, bad options exit 2 with one line") {
  const fs::path out = scratch_dir("precision-run");
  const auto r = run_cli(
      "run tests/data/mmc_sizing.yaml --replications 2 --precision 10% --metric "
      "nodes.gate.wait_h.mean --threads 2 --out " +
          out.string(),
      "precision-run");
  CHECK(r.status == 0);
  const auto doc = nlohmann::json::parse(slurp(out / "summary.json"));
  REQUIRE(doc.contains("precision"));
  CHECK(doc["precision"]["replications"] == doc["replications"]);
  CHECK(doc["precision"]["target"].get<double>() == 0.1);
  CHECK(doc["precision"]["metrics"][0]["metric"] == "nodes.gate.wait_h.mean");
  CHECK(r.out.find("precision 10%: ") != std::string::npos);
  for (const char* bad : {"--precision 0%", "--precision 5", "--precision 100%", "--precision x%"}) {
    INFO(bad);
    const auto e = run_cli(std::string("run tests/data/mmc_sizing.yaml --quiet ") + bad, "precision-bad");
    CHECK(e.status == 2);
    CHECK(e.err.find("percentage above 0% and below 100%") != std::string::npos);
  }
  const auto unknown = run_cli(
      "run tests/data/mmc_sizing.yaml --precision 5% --metric nodes.gate.wiat_h.mean", "precision-metric");
  CHECK(unknown.status == 2);
  CHECK(unknown.err ==
        "--metric: unknown metric 'nodes.gate.wiat_h.mean' (did you mean "
        "'nodes.gate.wait_h.mean'?)\n");
  const auto alone =
      run_cli("run tests/data/mmc_sizing.yaml --metric nodes.gate.wait_h.mean", "metric-alone");
  CHECK(alone.status == 2);
}

// Catches: a sweep report's units read from anywhere in the metric's name (an id such as 'port_h' or
// 'usd_yard' made a queue "h" or "USD"), and link and fleet counts without a unit.
TEST_CASE("a sweep report names each metric's unit from its statistic, not from the entity's id") {
  const fs::path dir = scratch_dir("sweep-units");
  std::ofstream(dir / "ids.yaml") << "name: ids\nhorizon: 5d\nreplications: 2\nnodes:\n"
                                     "  - {id: port_h, servers: 1, service: {dist: exponential, mean: 1h}}\n"
                                     "  - {id: usd_yard}\n"
                                     "links:\n  - {from: port_h, to: usd_yard, mode: rail, time: 2h}\n"
                                     "flows:\n  - {id: f, from: port_h, to: usd_yard, arrivals: "
                                     "{process: poisson, rate: 12/d}, route: shortest}\n";
  std::ofstream(dir / "sweep.yaml") << "name: units\nbase: ids.yaml\nparameters:\n"
                                       "  nodes.port_h.servers: [1, 2]\nmetrics:\n"
                                       "  - nodes.port_h.queue_length.mean\n"
                                       "  - nodes.usd_yard.throughput_per_day\n"
                                       "  - links.port_h>usd_yard.units_per_day\n"
                                       "  - links.port_h>usd_yard.vehicles_per_day\n"
                                       "  - nodes.port_h.wait_h.mean\n";
  const fs::path out = dir / "out";
  REQUIRE(run_cli("sweep " + (dir / "sweep.yaml").string() + " --quiet --out " + out.string(), "sweep-units")
              .status == 0);
  REQUIRE(run_cli("report " + out.string(), "sweep-units").status == 0);
  const std::string md = slurp(out / "report.md");
  for (const char* heading : {"\n## nodes.port_h.queue_length.mean (units)\n",
                              "\n## nodes.usd_yard.throughput_per_day (units/day)\n",
                              "\n## links.port_h>usd_yard.units_per_day (units/day)\n",
                              "\n## links.port_h>usd_yard.vehicles_per_day (vehicles/day)\n",
                              "\n## nodes.port_h.wait_h.mean (h)\n"}) {
    INFO(std::string(heading));
    CHECK(md.find(heading) != std::string::npos);
  }
}

TEST_CASE("printed counts agree with their number: 1 replication, 2 replications") {
  using freightsim::count_of;
  CHECK(count_of(0, "variant") == "0 variants");
  CHECK(count_of(1, "replication") == "1 replication");
  CHECK(count_of(2, "replication") == "2 replications");
  const auto one =
      run_cli("run scenarios/minsk_customs.yaml --replications 1 --set horizon=10d --set warmup=1d --out " +
                  scratch_dir("count-one").string(),
              "count-one");
  REQUIRE(one.status == 0);
  CHECK(one.out.find("\n1 replication, seed ") != std::string::npos);
  CHECK(one.out.find("1 replications") == std::string::npos);
}
