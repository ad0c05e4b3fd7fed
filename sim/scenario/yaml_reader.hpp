// Typed, position-aware access to a yaml-cpp tree: every failure throws input_error at the offending node.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "freightsim/scenario/input_error.hpp"
#include "freightsim/scenario/scenario.hpp"
#include "overlay.hpp"
#include "scenario_keys.hpp"

namespace freightsim::detail {

class yaml_reader {
 public:
  // `sources` tells which file (and text, for character columns) each node came from.
  explicit yaml_reader(const source_map& sources) : sources_(sources) {}

  [[nodiscard]] const std::string& file() const { return sources_.main().name; }
  // The folder relative paths written in `node` resolve against (its file's folder).
  [[nodiscard]] const std::filesystem::path& base_dir(const YAML::Node& node) const {
    return sources_.source_of(node).dir;
  }

  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const;
  // Where `node` was written, as fail() would name it.
  [[nodiscard]] source_position position(const YAML::Node& node) const;
  [[noreturn]] void fail(const YAML::Mark& at, const std::string& message) const;

  // `what` names the thing in messages ("node 'brest'"). Requires a map whose keys are all declared in
  // `keys`, each once; returns it.
  const YAML::Node& map(const YAML::Node& node, const std::string& what, const map_spec& keys) const;
  const YAML::Node& sequence(const YAML::Node& node, const std::string& what) const;
  // The keys of one map read so far, each at where it was first given.
  using key_set = std::map<std::string, YAML::Node>;
  // A key given twice in a map: yaml-cpp keeps both, and a lookup would silently take one. Fails at `key` if
  // `seen` holds its text ("WHAT: duplicate key 'KEY' (first given at LINE:COL)"), else adds it. map() checks
  // every map it reads so; what-ifs check theirs before merging, which would keep one of the pair.
  void refuse_repeated_key(key_set& seen, const YAML::Node& key, const std::string& what) const;
  // Fails for `key` missing from `map` with `message`: at the what-if's `key: ~` that removed it, if one did,
  // else at the map.
  [[noreturn]] void missing(const YAML::Node& map, const std::string& key, const std::string& message) const;
  // Whether a what-if added `entry` (a node or flow whose id matched no baseline entry).
  [[nodiscard]] bool added_by_what_if(const YAML::Node& entry) const { return sources_.added(entry); }
  // The key of the `~` (of a what-if or --set) that removed `key` from `map`, if one did.
  [[nodiscard]] std::optional<YAML::Node> removal_of(const YAML::Node& map, const std::string& key) const {
    return sources_.removal_of(map, key);
  }
  // The value under `key`, which must be present.
  YAML::Node require(const YAML::Node& map, const std::string& key, const std::string& what) const;

  std::string string(const YAML::Node& node, const std::string& what) const;
  double number(const YAML::Node& node, const std::string& what) const;  // finite
  double non_negative(const YAML::Node& node, const std::string& what) const;
  double positive(const YAML::Node& node, const std::string& what) const;
  double probability(const YAML::Node& node, const std::string& what) const;
  std::uint64_t integer(const YAML::Node& node, const std::string& what, std::uint64_t min,
                        std::uint64_t max) const;
  double duration_hours(const YAML::Node& node, const std::string& what) const;  // "6h"
  double rate_per_hour(const YAML::Node& node, const std::string& what) const;   // "40/d"

  // A data file read for the scenario (an empirical CSV), recorded among its inputs.
  void add_data_file(const std::filesystem::path& file) const { data_files_.push_back(file); }
  [[nodiscard]] const std::vector<std::filesystem::path>& data_files() const { return data_files_; }

 private:
  [[noreturn]] void fail_in(const source_file& source, const YAML::Mark& at,
                            const std::string& message) const;

  const source_map& sources_;
  // Mutable: the reader is passed as const to every part of the loader; this only records what they read.
  mutable std::vector<std::filesystem::path> data_files_;
};

}  // namespace freightsim::detail
