// A file the command writes must never be one it reads: each was written with no look at its inputs, so a
// slip of the shell's completion replaced the planner's scenario, result store, summary.json or
// replications.csv and still exited 0. Such an output is refused before any work (exit 2, one line), and the
// inputs are left as they were.
//
// `run --trace FILE.csv` truncates its file at once: `--trace scenario.yaml` replaced the scenario with the
// trace; `--trace OUT/summary.json` was replaced by the output set.
//
// `report` writes up to four files (-o FILE.html, FILE.md beside it, --geojson, --dot): `report s1.db -o
// s1.db` replaced the result store with the HTML, `report DIR -o DIR/summary.json` the summary, and `-o x.md`
// wrote the HTML and then the Markdown over it. Two outputs naming one file are refused too.
//
// `compare A B --out FILE.csv`: `--out B/replications.csv` replaced B's replications.
//
// `sweep --store X --out X`: the output folder was swapped in over the store, which was lost.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "cli_helpers.hpp"

namespace fs = std::filesystem;

namespace {

// A short run of minsk_customs into `out`, the input the report cases read.
bool run_small(const fs::path& out, const fs::path& io) {
  return cli_testing::run_freightsim(
             "run scenarios/minsk_customs.yaml --quiet --replications 2 --set horizon=20d "
             "--set warmup=2d --out " +
                 out.string(),
             io)
             .status == 0;
}

}  // namespace

TEST_CASE("report refuses an output that names one of its inputs or another of its outputs") {
  const fs::path dir = cli_testing::scratch_dir("report-targets", "case");
  const fs::path run = dir / "run", sweep = dir / "sweep", store = dir / "s.db";
  REQUIRE(run_small(run, dir));
  REQUIRE(
      cli_testing::run_freightsim("sweep scenarios/sweeps/kamenny_log_lanes.yaml --quiet --replications 1 "
                                  "--set horizon=5d --set warmup=1d --out " +
                                      sweep.string() + " --store " + store.string(),
                                  dir)
          .status == 0);
  const std::vector<fs::path> inputs{run / "summary.json", run / "replications.csv", sweep / "runs.csv",
                                     sweep / "comparison.csv", store};
  std::vector<std::string> before;
  for (const auto& f : inputs)
    before.push_back(cli_testing::slurp(f));
  const std::string is_input = "' is read by this report; name another file";
  const std::vector<std::pair<std::string, std::string>> cases{
      {store.string() + " -o " + store.string(), "-o: '" + store.string() + is_input},
      {run.string() + " -o " + (run / "summary.json").string(),
       "-o: '" + (run / "summary.json").string() + is_input},
      {run.string() + " --geojson " + (run / "summary.json").string(),
       "--geojson: '" + (run / "summary.json").string() + is_input},
      {run.string() + " --dot " + (run / "summary.json").string(),
       "--dot: '" + (run / "summary.json").string() + is_input},
      {sweep.string() + " -o " + (sweep / "runs.csv").string(),
       "-o: '" + (sweep / "runs.csv").string() + is_input},
      {run.string() + " " + run.string() + " -o " + (run / "replications.csv").string(),
       "-o: '" + (run / "replications.csv").string() + is_input},
      // The Markdown goes beside the HTML with the extension .md: -o x.md names one file twice.
      {run.string() + " -o " + (dir / "x.md").string(),
       "-o: the HTML and its Markdown would both be written to '" + (dir / "x.md").string() + "'"},
      {run.string() + " -o " + (dir / "x.html").string() + " --geojson " + (dir / "x.md").string(),
       "--geojson: '" + (dir / "x.md").string() + "' is also written as another of this report's files"},
      // Relative, and not there yet.
      {run.string() + " -o " + (dir / "x.html").string() + " --dot " + fs::relative(dir / "x.md").string(),
       "--dot: '" + fs::relative(dir / "x.md").string() +
           "' is also written as another of this report's files"},
  };
  for (const auto& c : cases) {
    const std::string args = c.first;
    INFO(args);
    const auto r = cli_testing::run_freightsim("report " + args, dir);
    CHECK(r.status == 2);
    CHECK(r.err == c.second + "\n");
    CHECK(r.out.empty());
    for (std::size_t i = 0; i < inputs.size(); ++i)
      CHECK(cli_testing::slurp(inputs[i]) == before[i]);
    CHECK(!fs::exists(dir / "x.md"));
  }
  // Writing over a report it wrote before stays allowed.
  CHECK(cli_testing::run_freightsim("report " + run.string(), dir).status == 0);
  CHECK(cli_testing::run_freightsim("report " + run.string(), dir).status == 0);
}

// Catches: report -o, --geojson or --dot in a folder that does not exist, or naming a folder, ending as an
// "internal error: cannot write FILE.tmp" (exit 1) after the report's other files were written.
TEST_CASE("report refuses an output in a missing folder or naming a folder, before writing anything") {
  const fs::path dir = cli_testing::scratch_dir("report-targets", "folders");
  const fs::path run = dir / "run";
  REQUIRE(run_small(run, dir));
  const fs::path missing = dir / "nowhere";
  const std::vector<std::pair<std::string, std::string>> cases{
      {run.string() + " -o " + (missing / "r.html").string(),
       "-o: no folder '" + missing.string() + "' to write into"},
      {run.string() + " --geojson " + (missing / "c.geojson").string(),
       "--geojson: no folder '" + missing.string() + "' to write into"},
      {run.string() + " --dot " + (missing / "c.dot").string(),
       "--dot: no folder '" + missing.string() + "' to write into"},
      {run.string() + " -o " + run.string(), "-o: '" + run.string() + "' is a folder; name a file"},
      {run.string() + " " + run.string() + " -o " + (missing / "ab.html").string(),
       "-o: no folder '" + missing.string() + "' to write into"},
  };
  for (const auto& c : cases) {
    cli_testing::check_refused("report " + c.first, dir, c.second, missing);
    CHECK(!fs::exists(run / "report.html"));
  }
}

TEST_CASE("--trace naming the scenario file is refused and the scenario is left whole") {
  const fs::path dir = cli_testing::scratch_dir("trace-target", "case");
  const fs::path scenario = dir / "scenario.yaml";
  fs::copy_file(FREIGHTSIM_SOURCE_DIR "/scenarios/minsk_customs.yaml", scenario);
  const std::string before = cli_testing::slurp(scenario);
  const fs::path out = dir / "results";
  // The same file by another spelling, too.
  for (const fs::path& trace : {scenario, dir / "." / "scenario.yaml"}) {
    INFO(trace.string());
    const auto r =
        cli_testing::run_freightsim("run " + scenario.string() + " --quiet --replications 1 --out " +
                                        out.string() + " --trace " + trace.string(),
                                    dir);
    CHECK(r.status == 2);
    CHECK(r.err == "freightsim: --trace: '" + trace.string() + "' is the scenario file; name another file\n");
    CHECK(cli_testing::slurp(scenario) == before);
    CHECK(!fs::exists(out));
  }
  // One of the files --out writes: the trace was replaced by the output set, exit 0.
  fs::create_directories(out);
  const fs::path in_out = out / "." / "summary.json";
  const auto r = cli_testing::run_freightsim("run " + scenario.string() + " --quiet --replications 1 --out " +
                                                 out.string() + " --trace " + in_out.string(),
                                             dir);
  CHECK(r.status == 2);
  CHECK(r.err == "freightsim: --trace: '" + in_out.string() +
                     "' is one of the files --out writes; name another file\n");
  CHECK(fs::is_empty(out));
}

// `--trace OUT --out OUT`: the trace was renamed into place as OUT, then the output set was swapped in over
// it (exit 0, no trace). `--trace FOLDER`: the whole run went by before the trace's rename failed (exit 1).
TEST_CASE("--trace naming the --out folder or another folder is refused before simulating") {
  const fs::path dir = cli_testing::scratch_dir("trace-target", "folders");
  const fs::path out = dir / "results";
  const std::string run = "run scenarios/minsk_customs.yaml --quiet --replications 1 --out " + out.string();
  cli_testing::check_refused(run + " --trace " + out.string(), dir,
                             "freightsim: --trace: '" + out.string() + "' is the --out folder; name a file",
                             out);
  const fs::path folder = dir / "traces";
  fs::create_directories(folder);
  cli_testing::check_refused(run + " --trace " + folder.string(), dir,
                             "freightsim: --trace: '" + folder.string() + "' is a folder; name a file", out);
  CHECK(fs::is_empty(folder));
  // The --out folder that exists, by another spelling: named as the --out folder.
  fs::create_directories(out);
  const fs::path spelt = dir / "." / "results";
  const auto r = cli_testing::run_freightsim(run + " --trace " + spelt.string(), dir);
  CHECK(r.status == 2);
  CHECK(r.err == "freightsim: --trace: '" + spelt.string() + "' is the --out folder; name a file\n");
  CHECK(fs::is_empty(out));
}

TEST_CASE("compare --out naming a result folder's file is refused and the folders are left whole") {
  const fs::path dir = cli_testing::scratch_dir("compare-target", "case");
  const fs::path a = dir / "a", b = dir / "b";
  for (const fs::path& folder : {a, b})
    REQUIRE(cli_testing::run_freightsim("run scenarios/minsk_customs.yaml --quiet --replications 2 --set "
                                        "horizon=20d --set warmup=2d --out " +
                                            folder.string(),
                                        dir)
                .status == 0);
  const std::string before_a = cli_testing::slurp(a / "replications.csv");
  const std::string before_b = cli_testing::slurp(b / "replications.csv");
  for (const fs::path& target :
       {a / "replications.csv", b / "replications.csv", b / "." / "replications.csv"}) {
    INFO(target.string());
    const auto r = cli_testing::run_freightsim(
        "compare " + a.string() + " " + b.string() + " --quiet --out " + target.string(), dir);
    CHECK(r.status == 2);
    CHECK(r.err == "--out: '" + target.string() + "' is read by this comparison; name another file\n");
    CHECK(cli_testing::slurp(a / "replications.csv") == before_a);
    CHECK(cli_testing::slurp(b / "replications.csv") == before_b);
  }
  CHECK(cli_testing::run_freightsim(
            "compare " + a.string() + " " + b.string() + " --quiet --out " + (dir / "c.csv").string(), dir)
            .status == 0);
}

TEST_CASE("sweep --store naming the --out folder is refused") {
  const fs::path dir = cli_testing::scratch_dir("store-target", "case");
  const fs::path same = dir / "results";
  const auto r = cli_testing::run_freightsim(
      "sweep scenarios/sweeps/kamenny_log_lanes.yaml --quiet --replications 1 "
      "--set horizon=2d --set warmup=1d --out " +
          same.string() + " --store " + same.string(),
      dir);
  CHECK(r.status == 2);
  CHECK(r.err == "freightsim: --store: '" + same.string() + "' is the --out folder; name another file\n");
  CHECK(!fs::exists(same));
  // Spelt differently, relative (neither exists yet) and with a trailing separator.
  const std::string relative = fs::relative(same).string();
  const auto spelt = cli_testing::run_freightsim(
      "sweep scenarios/sweeps/kamenny_log_lanes.yaml --quiet --replications 1 "
      "--set horizon=2d --set warmup=1d --out " +
          same.string() + "/ --store " + relative,
      dir);
  CHECK(spelt.status == 2);
  CHECK(spelt.err == "freightsim: --store: '" + relative + "' is the --out folder; name another file\n");
  CHECK(!fs::exists(same));
}

// `--trace` and `--store` were checked against the scenario file (or the --out folder) only: `--trace` naming
// the baseline a what-if extends, or the CSV of an empirical distribution, truncated it and exited 0; the
// store named such a file failed in SQLite's words ("file is not a database"). Every file the scenario read
// is an input.
namespace {

// A what-if (what_if.yaml) that extends base.yaml, whose service is drawn from service.csv, and a sweep of
// the what-if.
fs::path scenario_with_inputs(const std::string& name) {
  const fs::path dir = cli_testing::scratch_dir("input-targets", name);
  std::ofstream(dir / "base.yaml", std::ios::binary) << R"(name: base
horizon: 2d
replications: 1
nodes:
  - {id: gate, servers: 1, service: {dist: empirical, file: service.csv, unit: min}}
  - {id: exit}
links:
  - {from: gate, to: exit, mode: road, time: 1h}
flows:
  - {id: f, from: gate, to: exit, arrivals: {process: poisson, rate: 1/h}, route: [gate, exit]}
)";
  std::ofstream(dir / "service.csv", std::ios::binary) << "minutes\n30\n40\n";
  std::ofstream(dir / "what_if.yaml", std::ios::binary) << "extends: base.yaml\nname: what-if\n";
  std::ofstream(dir / "sweep.yaml", std::ios::binary)
      << "name: servers\nbase: what_if.yaml\nparameters:\n  nodes.gate.servers: [1, 2]\n"
         "metrics: [nodes.gate.wait_h.mean]\n";
  return dir;
}

}  // namespace

// `run s.yaml --out DIR` where DIR holds a file the scenario reads under the name of one of the output set's
// files (an empirical CSV called nodes.csv beside the scenario): the set was swapped in over it, exit 0.
TEST_CASE("--out whose output set would replace a file the scenario reads is refused, the file whole") {
  const fs::path dir = scenario_with_inputs("out-over-input");
  fs::rename(dir / "service.csv", dir / "nodes.csv");
  std::string base = cli_testing::slurp(dir / "base.yaml");
  base.replace(base.find("service.csv"), std::string("service.csv").size(), "nodes.csv");
  std::ofstream(dir / "base.yaml", std::ios::binary) << base;
  const std::string before = cli_testing::slurp(dir / "nodes.csv");
  for (const char* command : {"run", "validate"}) {
    INFO(command);
    const auto r = cli_testing::run_freightsim(std::string(command) + " " + (dir / "what_if.yaml").string() +
                                                   " --out " + dir.string() +
                                                   " --set 'observed=[{metric: "
                                                   "nodes.gate.wait_h.mean, value: 1h, tolerance: 50%, "
                                                   "source: x, use: validation}]'",
                                               dir);
    CHECK(r.status == 2);
    CHECK(r.err ==
          "freightsim: --out: '" + (dir / "nodes.csv").string() +
              "', which the output set replaces, is a file the scenario reads; name another folder\n");
    CHECK(cli_testing::slurp(dir / "nodes.csv") == before);
    CHECK(!fs::exists(dir / "summary.json"));
  }
  // A sweep's runs.csv over a data file of that name.
  fs::rename(dir / "nodes.csv", dir / "runs.csv");
  base.replace(base.find("nodes.csv"), std::string("nodes.csv").size(), "runs.csv");
  std::ofstream(dir / "base.yaml", std::ios::binary) << base;
  cli_testing::check_refused(
      "sweep " + (dir / "sweep.yaml").string() + " --quiet --out " + dir.string(), dir,
      "freightsim: --out: '" + (dir / "runs.csv").string() +
          "', which the output set replaces, is a file the sweep reads; name another folder",
      dir / "comparison.csv");
  CHECK(cli_testing::slurp(dir / "runs.csv") == before);
  // ... and its sweep.json (written since d71225c) over the sweep file itself, given that name.
  fs::rename(dir / "runs.csv", dir / "data.csv");
  base.replace(base.find("runs.csv"), std::string("runs.csv").size(), "data.csv");
  std::ofstream(dir / "base.yaml", std::ios::binary) << base;
  fs::rename(dir / "sweep.yaml", dir / "sweep.json");
  const std::string sweep_file = cli_testing::slurp(dir / "sweep.json");
  cli_testing::check_refused(
      "sweep " + (dir / "sweep.json").string() + " --quiet --out " + dir.string(), dir,
      "freightsim: --out: '" + (dir / "sweep.json").string() +
          "', which the output set replaces, is a file the sweep reads; name another folder",
      dir / "comparison.csv");
  CHECK(cli_testing::slurp(dir / "sweep.json") == sweep_file);
}

TEST_CASE("--trace naming a file the scenario reads (its baseline, a data file) is refused, the file whole") {
  const fs::path dir = scenario_with_inputs("trace");
  for (const char* name : {"base.yaml", "service.csv"}) {
    INFO(name);
    const fs::path input = dir / "." / name;
    const std::string before = cli_testing::slurp(input);
    cli_testing::check_refused(
        "run " + (dir / "what_if.yaml").string() + " --quiet --out " + (dir / "results").string() +
            " --trace " + input.string(),
        dir, "freightsim: --trace: '" + input.string() + "' is a file the scenario reads; name another file",
        dir / "results");
    CHECK(cli_testing::slurp(input) == before);
  }
  CHECK(cli_testing::run_freightsim("run " + (dir / "what_if.yaml").string() + " --quiet --out " +
                                        (dir / "results").string() + " --trace " +
                                        (dir / "trace.csv").string(),
                                    dir)
            .status == 0);
}

TEST_CASE("sweep --store naming a file the sweep reads is refused, the file whole") {
  const fs::path dir = scenario_with_inputs("store");
  for (const char* name : {"sweep.yaml", "what_if.yaml", "base.yaml", "service.csv"}) {
    INFO(name);
    const fs::path input = dir / "." / name;
    const std::string before = cli_testing::slurp(input);
    cli_testing::check_refused(
        "sweep " + (dir / "sweep.yaml").string() + " --quiet --out " + (dir / "results").string() +
            " --store " + input.string(),
        dir, "freightsim: --store: '" + input.string() + "' is a file the sweep reads; name another file",
        dir / "results");
    CHECK(cli_testing::slurp(input) == before);
  }
  CHECK(cli_testing::run_freightsim("sweep " + (dir / "sweep.yaml").string() + " --quiet --out " +
                                        (dir / "results").string() + " --store " + (dir / "s.db").string(),
                                    dir)
            .status == 0);
}
