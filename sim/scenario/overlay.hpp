// What-if scenarios: a file that `extends` a baseline and lists only what differs.
//
// The what-if's top-level settings replace the baseline's; its `nodes` and `flows` entries are merged into
// the baseline entry with the same id (keys given replace the baseline's keys) or added when the id is new;
// its `links` entries are merged into the baseline link with the same `from` and `to` (and `mode`, where
// several links join the same nodes) or added. A baseline may itself extend another file.
#pragma once

#include <yaml-cpp/yaml.h>

#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace freightsim::detail {

// Bounds the work an alias-heavy file can cause ("billion laughs"): the trees of a scenario and its
// baselines, every alias expanded, may hold at most this many nodes.
inline constexpr std::size_t max_yaml_nodes = 1'000'000;

// A file a scenario was read from: its name in messages, its text (to turn byte columns into characters) and
// the folder its relative paths resolve against.
struct source_file {
  std::string name;
  std::string text;
  std::filesystem::path dir;
  bool has_lines = true;  // false for a command-line override: messages name it without line and column
};

// Which file each YAML node came from, so that errors in merged trees name the right file and line.
class source_map {
 public:
  // The first file added is the scenario itself: nodes of unknown origin are attributed to it.
  std::size_t add_file(source_file file);
  // Records the nodes of `root` as read from `file`. Throws input_error when all trees together, counting a
  // node again for every alias to it, pass the node limit ("billion laughs"): this bounds the work of every
  // later walk.
  void add_tree(const YAML::Node& root, std::size_t file);
  [[nodiscard]] const source_file& source_of(const YAML::Node& node) const;
  [[nodiscard]] const source_file& main() const { return files_.front(); }
  [[nodiscard]] const source_file& file(std::size_t i) const { return files_[i]; }
  [[nodiscard]] std::size_t file_count() const { return files_.size(); }

  // A what-if's `key: ~` (`at` is its key) removed `key` from `map`: a missing required key is blamed there,
  // not on the baseline map that lacks it.
  void record_removal(const YAML::Node& map, const std::string& key, const YAML::Node& at);
  // The key of the `~` that removed `key` from `map`, if one did.
  [[nodiscard]] std::optional<YAML::Node> removal_of(const YAML::Node& map, const std::string& key) const;
  // A `nodes` or `flows` entry a what-if added because its id matched no baseline entry (perhaps a typo).
  void record_addition(const YAML::Node& entry);
  [[nodiscard]] bool added(const YAML::Node& entry) const;
  // Whether `node` is reached from more than one place: written once and used again through an alias
  // (yaml-cpp keeps one node for both), or inside such a node.
  [[nodiscard]] bool shared(const YAML::Node& node) const;

 private:
  std::deque<source_file> files_;
  // Each distinct node once, by the position yaml-cpp marks it at (a few nodes share one).
  std::unordered_map<int, std::vector<std::pair<YAML::Node, std::size_t>>> nodes_;
  struct removal {
    YAML::Node map;
    std::string key;
    YAML::Node at;
  };
  std::vector<removal> removals_;
  std::unordered_map<int, std::vector<YAML::Node>> additions_;  // by mark position, as nodes_
  std::unordered_map<int, std::vector<YAML::Node>> shared_;     // by mark position, as nodes_
  std::size_t budget_ = max_yaml_nodes;                         // nodes add_tree may still visit
};

// Puts `value` under `key` in `map`, in the place of the entry with the same key (keeping the order) or at
// the end, and `key` (a node of the file that gives it) as that entry's key. The old key and value nodes are
// left as they are: yaml-cpp keeps a value used again through an alias as one node, and writing into it would
// change every place that uses it.
void replace_entry(YAML::Node map, const YAML::Node& key, const YAML::Node& value);
// The same for item i of a list.
void replace_item(YAML::Node list, std::size_t i, const YAML::Node& value);

// The text of a scenario file; `name` is how messages call it. Refuses directories and files over the size
// limit.
std::string read_scenario_file(const std::filesystem::path& file, const std::string& name);

// Reads `file` (already in `sources`) into a YAML tree with every `extends` resolved and merged; every
// problem is an input_error naming the file, line and column.
YAML::Node load_merged(std::size_t file, source_map& sources, int depth = 0);

}  // namespace freightsim::detail
