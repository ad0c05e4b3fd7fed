// What-if scenarios: a file that `extends` a baseline and lists only what differs.
//
// The what-if's top-level settings replace the baseline's; its `nodes` and `flows` entries are merged into the
// baseline entry with the same id (keys given replace the baseline's keys) or added when the id is new; its
// `links` entries are merged into the baseline link with the same `from` and `to` (and `mode`, where several
// links join the same nodes) or added. A baseline may itself extend another file.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace freightsim::detail {

// Which file each YAML node came from, so that errors in merged trees name the right file.
class source_map {
public:
  void add_tree(const YAML::Node& root, const std::string& file);
  // The file `node` was read from; `fallback` for nodes made while merging.
  [[nodiscard]] const std::string& file_of(const YAML::Node& node, const std::string& fallback) const;

private:
  std::vector<std::pair<YAML::Node, std::string>> nodes_;
};

// The text of a scenario file; `name` is how messages call it. Refuses directories and files over the size limit.
std::string read_scenario_file(const std::filesystem::path& file, const std::string& name);

// Reads `text` (the contents of `file`) into a YAML tree with every `extends` resolved and merged.
YAML::Node load_merged(const std::string& text, const std::string& file, source_map& sources, int depth = 0);

}  // namespace freightsim::detail
