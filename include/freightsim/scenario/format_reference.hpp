// The scenario format's reference and JSON Schema, generated from the one declaration of its keys the loader
// checks scenarios against (sim/scenario/scenario_keys.cpp).
#pragma once

#include <string>
#include <vector>

namespace freightsim {

// docs/scenario-format.md, as Markdown.
std::string scenario_format_markdown();

// A JSON Schema (draft-07) of scenario files, for editors (yaml-language-server) and CI. A file with
// `extends` (a what-if) is checked against a looser schema: no key is required and `~` removes a setting.
std::string scenario_json_schema();

// Every key of every map, as "map.key" ("node.servers"), with its one-line documentation.
struct documented_key {
  std::string map, key, doc;
  bool required;
};
std::vector<documented_key> scenario_keys_documented();

}  // namespace freightsim
