// --trace FILE.csv is written as the run goes, truncating FILE first: naming the scenario file itself (a slip
// of the shell's completion) would replace the planner's scenario with the trace and still exit 0. It is
// refused before any work, exit 2 with one line, and the scenario is left as it was.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "cli_helpers.hpp"

namespace fs = std::filesystem;

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
}
