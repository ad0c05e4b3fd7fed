// export's folder is given with --csv: a folder it cannot write was refused as "freightsim: --out: ...",
// naming an option export does not have. The refusal names --csv.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "cli_helpers.hpp"

namespace fs = std::filesystem;

TEST_CASE("export refuses a --csv folder it cannot write, naming --csv") {
  const fs::path io = cli_testing::scratch_dir("export-folder", "io");
  const auto r = cli_testing::run_freightsim("export no.db --csv /proc/x", io);
  CHECK(r.status == 2);
  CHECK(r.err.rfind("freightsim: --csv: cannot write the output folder /proc/x: ", 0) == 0);
}
