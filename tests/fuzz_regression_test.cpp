// Inputs that broke the scenario loader, found by the fuzzer (tests/fuzz, tools/fuzz) or written against its
// limits. Each must load (and then run one short replication) or fail quickly with one clean line
// "FILE:LINE:COL: message"; none may crash, hang or exhaust memory.
#include <doctest/doctest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "freightsim/scenario/loader.hpp"
#include "fuzz/bounded_run.hpp"

using namespace freightsim;
namespace fs = std::filesystem;

namespace {

struct outcome {
  bool loaded = false;
  std::string error;  // input_error::what() when it did not load
};

// Loads `text` as the fuzzer does (relative paths against tests/data) and runs what loads briefly.
outcome load(std::string_view text, const std::string& path) {
  outcome out;
  try {
    const scenario s = parse_scenario(text, path, FREIGHTSIM_SOURCE_DIR "/tests/data");
    out.loaded = true;
    fuzz::run_briefly(s);
  } catch (const input_error& e) {
    out.error = e.what();
  }
  return out;
}

// True if `error` is one line that starts "PATH:LINE:COL: ".
bool one_line_at(const std::string& error, const std::string& path) {
  if (error.find_first_of("\r\n") != std::string::npos) return false;
  if (error.compare(0, path.size() + 1, path + ":") != 0) return false;
  std::size_t i = path.size() + 1;
  const auto number = [&] {
    const std::size_t first = i;
    while (i < error.size() && std::isdigit(static_cast<unsigned char>(error[i])))
      ++i;
    return i > first;
  };
  if (!number() || i >= error.size() || error[i++] != ':') return false;
  return number() && error.compare(i, 2, ": ") == 0;
}

// Requires a clean input_error at `path` whose message contains `words`. Runaway work (quadratic merging,
// unbounded expansion) is caught by ctest's per-test timeout (tests/CMakeLists.txt), not by a wall clock.
void require_clean_error(const std::string& text, const std::string& path, const std::string& words) {
  const outcome out = load(text, path);
  INFO("error: " << out.error.substr(0, 300));
  REQUIRE_FALSE(out.loaded);
  CHECK(one_line_at(out.error, path));
  CHECK(out.error.find(words) != std::string::npos);
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i)
    out += piece;
  return out;
}

}  // namespace

TEST_CASE("every input under tests/fuzz/regressions loads or fails with one line at its path") {
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(FREIGHTSIM_SOURCE_DIR "/tests/fuzz/regressions")) {
    if (!entry.is_regular_file()) continue;
    ++files;
    const std::string path = "tests/fuzz/regressions/" + entry.path().filename().string();
    std::ifstream in(entry.path(), std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    const outcome out = load(text.str(), path);
    INFO("file " << path << ": " << out.error.substr(0, 300));
    if (!out.loaded) CHECK(one_line_at(out.error, path));
  }
  CHECK(files >= 5);
}

TEST_CASE("an alias bomb (billion laughs) is refused by its node count") {
  // Ten levels of ten aliases each: 10^10 nodes once expanded, from a few hundred bytes.
  std::string text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int level = 1; level < 10; ++level) {
    // Named strings, not "l" + std::to_string(...): in a unity build GCC 12 inlines that temporary's insert
    // and raises a false -Wrestrict (GCC bug 105329).
    const std::string n = std::to_string(level);
    const std::string below = "*l" + std::to_string(level - 1);
    text += "l" + n + ": &l" + n + " [" + below;
    for (int k = 1; k < 10; ++k)
      text += ", " + below;
    text += "]\n";
  }
  text += "name: *l9\n";
  require_clean_error(text, "bomb.yaml", "YAML nodes (nested aliases?)");
}

TEST_CASE("an alias inside the list or map it names is refused before it becomes a cycle") {
  require_clean_error("a: &a [*a]\n", "cycle.yaml", "cycle.yaml:1:8: YAML error: the alias *a is inside");
  require_clean_error("name: &n {x: [1, *n]}\n", "cycle.yaml", "cycle.yaml:1:18: YAML error: the alias *n");
  require_clean_error("a: &a {*a : 1}\n", "cycle.yaml", "a value cannot contain itself");
}

TEST_CASE(
    "nesting is limited as yaml-cpp's parser opens each level, far below where its recursion would matter") {
  SUBCASE("a flow sequence 100000 deep") {
    const std::string text = "name: x\nhorizon: " + repeat("[", 100'000) + repeat("]", 100'000) + "\n";
    require_clean_error(text, "deep.yaml",
                        "deep.yaml:2:10: YAML syntax error: lists and maps are nested too deeply");
  }
  SUBCASE("an unclosed flow sequence 100000 deep") {
    require_clean_error(repeat("[", 100'000), "deep.yaml",
                        "deep.yaml:1:1: YAML syntax error: lists and maps");
  }
  SUBCASE("flow maps 100000 deep, behind anchors and tags") {
    require_clean_error("a: " + repeat("&x !t {k: ", 100'000), "deep.yaml",
                        "deep.yaml:1:10: YAML syntax error");
  }
  SUBCASE("block maps indented one more space per line") {
    std::string text;
    for (int i = 0; i < 2500; ++i)
      text += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
    require_clean_error(text, "deep.yaml", "deep.yaml:201:201: YAML syntax error: lists and maps are nested");
  }
  SUBCASE("block sequences, one dash after another") {
    require_clean_error(repeat("- ", 100'000) + "x\n", "deep.yaml", "deep.yaml:1:401: YAML syntax error");
  }
  SUBCASE("block sequences of maps") {
    std::string text;
    for (int i = 0; i < 1000; ++i)
      text += std::string(static_cast<std::size_t>(2 * i), ' ') + "- k:\n";
    require_clean_error(text, "deep.yaml", "YAML syntax error: lists and maps are nested too deeply");
  }
  SUBCASE("just past the limit: the check, not yaml-cpp's guard (2000 levels), refuses it") {
    // The top-level map and 200 brackets: 201 levels, one more than the loader allows.
    const std::string text = "name: x\ndescription: " + repeat("[", 200) + "\n";
    require_clean_error(text, "deep.yaml", "deep.yaml:2:14: YAML syntax error: lists and maps are nested");
  }
  SUBCASE("exactly at the limit: the top-level map and 199 brackets, 200 levels, are parsed") {
    const std::string text =
        "name: x\nhorizon: 1d\ndescription: " + repeat("[", 199) + repeat("]", 199) + "\n";
    require_clean_error(text, "deep.yaml", "deep.yaml:3:14: description must be a text value, not a list");
  }
  SUBCASE("brackets in quotes, comments and block text are no levels") {
    const std::string text = "name: x\nhorizon: 1d\ndescription: '" + repeat("[", 300) + "' # " +
                             repeat("{", 300) + "\nnodes: |\n  " + repeat("[", 300) + "\n";
    require_clean_error(text, "deep.yaml", "deep.yaml:4:8: nodes must be a list, not a scalar");
  }
  SUBCASE("within the limit: an ordinary error, and plain text over many lines does not count") {
    std::string text = "name: x\nhorizon: 1d\ndescription: " + repeat("[", 150) + repeat("]", 150) + "\n";
    require_clean_error(text, "deep.yaml", "deep.yaml:3:14: description must be a text value, not a list");
    text = "name: x\nhorizon: 1d\ndescription: a\n";
    for (int i = 1; i <= 300; ++i)
      text += std::string(static_cast<std::size_t>(i), ' ') + "w\n";
    require_clean_error(text + "nodes: []\n", "deep.yaml", "nodes: the scenario needs at least one node");
  }
}

TEST_CASE("devices and pipes are never read as scenarios or value files") {
  if (!fs::exists("/dev/zero")) return;
  require_clean_error("extends: /dev/zero\n", "dev.yaml",
                      "dev.yaml:1:10: cannot read the baseline '/dev/zero': is not a regular file");
  require_clean_error(R"(name: x
horizon: 1d
nodes:
  - {id: a, servers: 1, service: {dist: empirical, file: /dev/zero, unit: min}}
flows: []
)",
                      "dev.yaml",
                      "dev.yaml:4:58: cannot read empirical values file '/dev/zero': not a regular file");
}

TEST_CASE("quoted text with line breaks stays on the error's one line") {
  require_clean_error("name: x\nhorizon: \"5\\nx\"\n", "lines.yaml", R"(horizon '5\nx': unknown unit '\nx')");
  require_clean_error("name: x\nhorizon: |\n  5\n  x\n", "lines.yaml",
                      R"(lines.yaml:2:10: horizon '5\nx\n')");
}

TEST_CASE("a what-if adding many entries merges in linear time") {
  std::string text = "extends: whatif/base.yaml\nnodes:\n";
  for (int i = 0; i < 10'000; ++i)
    text += "  - {id: n" + std::to_string(i) + "}\n";
  text += "links:\n";  // every node must be linked
  for (int i = 0; i < 10'000; ++i)
    text += "  - {from: n" + std::to_string(i) + ", to: a, mode: road, time: 1h}\n";
  text += "flows:\n  - {id: f, arrivals: {process: poisson, rate: 2/d}}\n";
  const outcome out = load(text, "many.yaml");
  INFO("error: " << out.error);
  CHECK(out.loaded);
}
