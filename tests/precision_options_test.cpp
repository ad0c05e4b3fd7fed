// The options of --precision on the command line: --max-replications caps what --precision adds, so without
// --precision it would be silently ignored, and a cap below the replications asked for would be overrun
// ("reached after 50 replications (cap 10)"); both are refused before any work, exit 2 with one line.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "cli_helpers.hpp"

namespace fs = std::filesystem;

TEST_CASE("--max-replications without --precision, or below the replications asked for, is refused") {
  const fs::path io = cli_testing::scratch_dir("precision-options", "io");
  const fs::path out = io / "results";
  const std::string run = "run scenarios/minsk_customs.yaml --quiet --out " + out.string() + " ";
  const std::string sweep =
      "sweep scenarios/sweeps/kamenny_log_lanes.yaml --quiet --out " + out.string() + " ";
  const std::vector<std::pair<std::string, std::string>> cases{
      {run + "--replications 1 --max-replications 5",
       "--max-replications: caps the replications --precision adds; give --precision too"},
      {run + "--precision 5% --replications 50 --max-replications 10",
       "--max-replications: 10 is below the 50 replications asked for"},
      // The scenario's own 10 replications.
      {run + "--precision 5% --max-replications 4",
       "--max-replications: 4 is below the 10 replications asked for"},
      {sweep + "--replications 1 --max-replications 5",
       "--max-replications: caps the replications --precision adds; give --precision too"},
      {sweep + "--precision 5% --replications 4 --max-replications 2",
       "--max-replications: 2 is below the 4 replications asked for"},
  };
  for (const auto& c : cases)
    cli_testing::check_refused(c.first, io, c.second, out);
}
