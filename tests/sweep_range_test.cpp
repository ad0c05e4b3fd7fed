// A sweep's range {from, to, step} of decimals: each value is from + i x step in binary floating point, which
// gave variants named and set as 'probability=0.30000000000000004' and '0.7000000000000001'. Values are
// written as the planner would write them (12 significant digits), and `to` stays included.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "freightsim/scenario/sweep_spec.hpp"

using namespace freightsim;
namespace fs = std::filesystem;

TEST_CASE("a decimal range's values are written as 0.1, 0.2, ..., 0.7, to included") {
  const fs::path dir = fs::temp_directory_path() / "freightsim-sweep-range";
  fs::create_directories(dir);
  const fs::path file = dir / "range.yaml";
  std::ofstream(file) << "name: range\nbase: " FREIGHTSIM_SOURCE_DIR "/scenarios/kamenny_log.yaml\n"
                      << "parameters:\n"
                      << "  nodes.kamenny_log.inspection.probability: {from: 0.1, to: 0.7, step: 0.1}\n"
                      << "metrics: [nodes.kamenny_log.wait_h.mean]\n";
  const sweep_spec spec = load_sweep(file);
  REQUIRE(spec.variants.size() == 7);
  for (std::size_t i = 0; i < spec.variants.size(); ++i) {
    const std::string expected = "0." + std::to_string(i + 1);
    INFO(spec.variants[i].name);
    CHECK(spec.variants[i].name == "nodes.kamenny_log.inspection.probability=" + expected);
    CHECK(spec.variants[i].overrides.back().value == expected);
  }
}
