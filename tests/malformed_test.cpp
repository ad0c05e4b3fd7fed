// The bad-input catalogue: every file under tests/malformed/ must fail with exactly the one-line error listed
// for it in tests/malformed/catalogue.tsv ("file<TAB>LINE:COL: message"), and every file must be listed.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "freightsim/experiment/observed.hpp"
#include "freightsim/scenario/loader.hpp"

using namespace freightsim;
namespace fs = std::filesystem;

namespace {

std::map<std::string, std::string> read_catalogue() {
  std::map<std::string, std::string> expected;
  std::ifstream in(FREIGHTSIM_SOURCE_DIR "/tests/malformed/catalogue.tsv");
  REQUIRE(in);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    REQUIRE_MESSAGE(tab != std::string::npos, "catalogue line without a tab: " << line);
    REQUIRE_MESSAGE(expected.emplace(line.substr(0, tab), line.substr(tab + 1)).second,
                    "listed twice: " << line);
  }
  return expected;
}

}  // namespace

TEST_CASE("every malformed scenario fails with its catalogued file:line:col message") {
  const auto expected = read_catalogue();
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(FREIGHTSIM_SOURCE_DIR "/tests/malformed")) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    INFO("file " << name);
    const auto it = expected.find(name);
    REQUIRE_MESSAGE(it != expected.end(), "not in catalogue.tsv");
    const std::string path = "tests/malformed/" + name;
    std::string error;
    try {
      // As the command reads it: metric paths of `observed:` are checked once the scenario is loaded.
      check_observed(load_scenario(path));
    } catch (const input_error& e) {
      error = e.what();
    }
    CHECK(error == path + ":" + it->second);
    CHECK(error.find('\n') == std::string::npos);
  }
  CHECK(files == expected.size());
  CHECK(files >= 25);
}
