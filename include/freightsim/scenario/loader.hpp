// Reads a YAML scenario into a validated `scenario`; every problem is an input_error naming file:line:col.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "freightsim/scenario/input_error.hpp"
#include "freightsim/scenario/override.hpp"
#include "freightsim/scenario/scenario.hpp"

namespace freightsim {

// Files larger than this are refused before parsing.
inline constexpr std::size_t max_scenario_bytes = 4 * 1024 * 1024;

// The text of a scenario file as load_scenario reads it: plain files only, up to max_scenario_bytes. Throws
// input_error. For a caller that needs the bytes it loaded (to hash them): parse_scenario reads this text.
std::string read_scenario_text(const std::filesystem::path& file);

// `overrides` are applied, in order, to the tree merged from `file` and its baselines before it is read.
scenario load_scenario(const std::filesystem::path& file,
                       const std::vector<scenario_override>& overrides = {});

// `file` names the text in messages; relative paths inside (empirical CSV files) resolve against `base_dir`.
scenario parse_scenario(std::string_view text, const std::string& file, const std::filesystem::path& base_dir,
                        const std::vector<scenario_override>& overrides = {});

// The scenario exactly as it is read: `file` merged with its baselines and the overrides applied, as YAML
// text (for result stores and replays). Throws input_error as load_scenario does.
std::string resolved_scenario_yaml(const std::filesystem::path& file,
                                   const std::vector<scenario_override>& overrides = {});

}  // namespace freightsim
