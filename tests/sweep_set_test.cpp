// sweep --set PATH=VALUE is applied to every variant after its own values: naming a path the sweep varies
// gave every variant that one value, and the table still labelled them servers=8, 10 and 12 (exit 0,
// identical rows). It is refused before any work, exit 2 with one line.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "cli_helpers.hpp"

namespace fs = std::filesystem;

TEST_CASE("sweep --set naming a path the sweep varies is refused") {
  const fs::path io = cli_testing::scratch_dir("sweep-set", "io");
  const fs::path out = io / "results";
  const auto r = cli_testing::run_freightsim(
      "sweep scenarios/sweeps/kamenny_log_lanes.yaml --quiet --replications 1 "
      "--set nodes.kamenny_log.servers=10 --out " +
          out.string(),
      io);
  CHECK(r.status == 2);
  CHECK(r.err ==
        "--set nodes.kamenny_log.servers=10: the sweep varies this path over its variants; --set would give "
        "them all one value\n");
  CHECK(!fs::exists(out));
  // A path the sweep does not vary is still set on every variant.
  CHECK(cli_testing::run_freightsim("sweep scenarios/sweeps/kamenny_log_lanes.yaml --quiet --replications 1 "
                                    "--set horizon=3d --set warmup=1d --out " +
                                        out.string(),
                                    io)
            .status == 0);
}
