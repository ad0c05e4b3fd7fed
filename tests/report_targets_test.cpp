// `freightsim report` writes up to four files (-o FILE.html, FILE.md beside it, --geojson, --dot) with no
// look at what it reads: `report s1.db -o s1.db` replaced the result store with the HTML, `report DIR -o
// DIR/summary.json` the summary, and `-o x.md` wrote the HTML and then the Markdown over it, all exit 0. An
// output naming an input, or two outputs naming one file, is refused before anything is written (exit 2, one
// line), and the inputs are left as they were.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "cli_helpers.hpp"

namespace fs = std::filesystem;

TEST_CASE("report refuses an output that names one of its inputs or another of its outputs") {
  const fs::path dir = cli_testing::scratch_dir("report-targets", "case");
  const fs::path run = dir / "run", sweep = dir / "sweep", store = dir / "s.db";
  REQUIRE(cli_testing::run_freightsim(
              "run scenarios/minsk_customs.yaml --quiet --replications 2 --set horizon=20d "
              "--set warmup=2d --out " +
                  run.string(),
              dir)
              .status == 0);
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
