// Typed, position-aware access to a yaml-cpp tree: every failure throws input_error at the offending node.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "freightsim/scenario/input_error.hpp"

namespace freightsim::detail {

class yaml_reader {
 public:
  // `text` is the scenario text the nodes were read from; it turns yaml-cpp's byte columns into characters.
  yaml_reader(std::string file, std::filesystem::path base_dir, std::string_view text = {})
      : file_(std::move(file)), base_dir_(std::move(base_dir)), text_(text) {}

  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] const std::filesystem::path& base_dir() const { return base_dir_; }

  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const;
  [[noreturn]] void fail(const YAML::Mark& at, const std::string& message) const;

  // `what` names the thing in messages ("node 'brest'"). Requires a map whose keys are all in `allowed`,
  // each once; returns it.
  const YAML::Node& map(const YAML::Node& node, const std::string& what,
                        const std::vector<std::string>& allowed) const;
  const YAML::Node& sequence(const YAML::Node& node, const std::string& what) const;
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

 private:
  std::string file_;
  std::filesystem::path base_dir_;
  std::string_view text_;
};

}  // namespace freightsim::detail
