// The scenario format is declared once (sim/scenario/scenario_keys.cpp). These tests keep the loader, the
// generated reference, the JSON Schema and the README from drifting apart.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "freightsim/scenario/format_reference.hpp"
#include "freightsim/scenario/loader.hpp"

using namespace freightsim;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot read " << path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The map a key belongs to as the marks in every_key.yaml name it: forms by their tag value ("gamma").
std::string map_name(const documented_key& k) {
  const auto space = k.map.rfind(' ');
  return space == std::string::npos ? k.map : k.map.substr(space + 1);
}

// The error of loading `text` (as tests/data/every_key.yaml), or "" if it loads.
std::string load_error(const std::string& text) {
  try {
    parse_scenario(text, "every_key.yaml", FREIGHTSIM_SOURCE_DIR "/tests/data");
  } catch (const input_error& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("docs/scenario-format.md is what `freightsim schema --markdown` prints") {
  // Regenerate with: build/release/freightsim schema --markdown > docs/scenario-format.md
  CHECK(read_text(FREIGHTSIM_SOURCE_DIR "/docs/scenario-format.md") == scenario_format_markdown());
}

TEST_CASE("every declared key has one line of documentation and is named in the README") {
  const std::string readme = read_text(FREIGHTSIM_SOURCE_DIR "/README.md");
  CHECK(readme.find("docs/scenario-format.md") != std::string::npos);
  // The words inside the README's code spans.
  std::set<std::string> words;
  const std::regex span("`([^`\n]+)`"), word("[A-Za-z_][A-Za-z0-9_]*");
  for (auto s = std::sregex_iterator(readme.begin(), readme.end(), span); s != std::sregex_iterator(); ++s) {
    const std::string code = (*s)[1];
    for (auto w = std::sregex_iterator(code.begin(), code.end(), word); w != std::sregex_iterator(); ++w)
      words.insert(w->str());
  }
  const auto keys = scenario_keys_documented();
  CHECK(keys.size() > 80);
  for (const auto& k : keys) {
    INFO(k.map << ": " << k.key);
    CHECK(k.doc.size() > 3);
    CHECK(k.doc.find('\n') == std::string::npos);
    CHECK(words.count(k.key) == 1);
  }
}

TEST_CASE(
    "every declared key is in tests/data/every_key.yaml, and the loader requires exactly the required ones") {
  const std::string text = read_text(FREIGHTSIM_SOURCE_DIR "/tests/data/every_key.yaml");
  REQUIRE(load_error(text).empty());
  std::vector<std::string> lines;
  for (std::istringstream in(text); !in.eof();) {
    std::string line;
    std::getline(in, line);
    lines.push_back(line);
  }
  // Optional keys the loader requires in some combination, as their documentation says.
  const std::set<std::string> conditional{"node.servers", "link.distance_km", "link.speed_kmh", "link.time",
                                          "observed.sets"};
  for (const auto& k : scenario_keys_documented()) {
    const std::string mark = "# " + map_name(k) + "." + k.key;
    INFO(mark);
    if (k.key == "extends") continue;  // read by the what-if overlay, tested in loader_test.cpp
    std::size_t at = lines.size();
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (lines[i].size() >= mark.size() &&
          lines[i].compare(lines[i].size() - mark.size(), mark.size(), mark) == 0)
        at = i;
    REQUIRE_MESSAGE(at < lines.size(), "no line ends with '" << mark << "'");
    // Remove the key and the lines nested under it; of a list entry's first key ("- id: a") the dash stays.
    const auto indent = [](const std::string& l) { return l.find_first_not_of(' '); };
    const bool entry = lines[at].compare(indent(lines[at]), 2, "- ") == 0;
    const std::size_t key_column = indent(lines[at]) + (entry ? 2 : 0);
    std::string without;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i == at) {
        if (entry) without += lines[i].substr(0, key_column - 1) + "\n";
        while (i + 1 < lines.size() && indent(lines[i + 1]) > key_column)
          ++i;
        continue;
      }
      without += lines[i] + "\n";
    }
    const std::string error = load_error(without);
    const bool missing = error.find("missing key '" + k.key + "'") != std::string::npos;
    INFO("error: " << error);
    if (k.required)
      CHECK(missing);
    else if (conditional.count(map_name(k) + "." + k.key) == 0)
      CHECK_FALSE(missing);
  }
}

TEST_CASE("the JSON Schema declares each map with exactly the declared keys") {
  const auto schema = nlohmann::json::parse(scenario_json_schema());
  CHECK(schema["$schema"] == "http://json-schema.org/draft-07/schema#");
  const auto& defs = schema["definitions"];
  for (const auto& k : scenario_keys_documented()) {
    const std::string name = k.map.find(' ') == std::string::npos  ? k.map
                             : k.map.rfind("distribution", 0) == 0 ? "dist_" + map_name(k)
                                                                   : "process_" + map_name(k);
    INFO(name << "." << k.key);
    REQUIRE(defs.contains(name));
    CHECK(defs[name]["properties"].contains(k.key));
    const auto& required = defs[name].value("required", nlohmann::json::array());
    CHECK((std::find(required.begin(), required.end(), k.key) != required.end()) == k.required);
  }
  for (const auto& item : defs.items()) {
    // Not a structured binding: clang 14 cannot capture one in doctest's INFO.
    const std::string name = item.key();
    const auto& def = item.value();
    if (!def.contains("properties") || name.rfind("partial_", 0) == 0 || name == "what_if") continue;
    std::size_t declared = 0;
    for (const auto& k : scenario_keys_documented())
      if (k.map == name || "dist_" + map_name(k) == name || "process_" + map_name(k) == name) ++declared;
    if (def.contains("allOf")) continue;  // the choice between forms
    INFO(name);
    CHECK(def["properties"].size() == declared);
  }
  CHECK(schema["then"]["$ref"] == "#/definitions/what_if");
  CHECK(defs["what_if"]["required"] == nlohmann::json::array({"extends"}));
}
