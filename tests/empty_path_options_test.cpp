// An option naming a file or folder given an empty value (`--out "$DIR"` with DIR unset): --out was refused
// as "cannot write the output folder : it is a root folder", and --trace, --store, report's -o, --geojson and
// --dot were taken as not given (no trace, no store, the default report, exit 0). Each is refused before any
// work, exit 2 with one line naming the option.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "cli_helpers.hpp"

namespace fs = std::filesystem;

TEST_CASE("an empty file or folder option is refused, naming the option") {
  const fs::path io = cli_testing::scratch_dir("empty-path-options", "io");
  const std::string out = " --out " + (io / "results").string();
  const std::string run = "run scenarios/minsk_customs.yaml --quiet --replications 1";
  const std::string sweep = "sweep scenarios/sweeps/kamenny_log_lanes.yaml --quiet --replications 1";
  const std::string folder = ": must name a folder, not an empty path (see freightsim ";
  const std::string file = ": must name a file, not an empty path (see freightsim ";
  const std::vector<std::pair<std::string, std::string>> cases{
      {run + " --out ''", "freightsim: --out" + folder + "run --help)"},
      {run + out + " --trace ''", "freightsim: --trace" + file + "run --help)"},
      {sweep + " --out ''", "freightsim: --out" + folder + "sweep --help)"},
      {sweep + out + " --store ''", "freightsim: --store" + file + "sweep --help)"},
      {"validate scenarios/kamenny_log.yaml --out ''", "freightsim: --out" + folder + "validate --help)"},
      {"analyze scenarios/kamenny_log.yaml --out ''", "freightsim: --out" + folder + "analyze --help)"},
      {"report tests/golden --output ''", "freightsim: --output" + file + "report --help)"},
      {"report tests/golden --geojson ''", "freightsim: --geojson" + file + "report --help)"},
      {"report tests/golden --dot ''", "freightsim: --dot" + file + "report --help)"},
      {"compare tests/golden tests/golden --out ''", "freightsim: --out" + file + "compare --help)"},
      {"export no.db --csv ''", "freightsim: --csv" + folder + "export --help)"},
  };
  for (const auto& c : cases)
    cli_testing::check_refused(c.first, io, c.second, io / "results");
}
