// Reads a YAML scenario into a validated `scenario`; every problem is an input_error naming file:line:col.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "freightsim/scenario/input_error.hpp"
#include "freightsim/scenario/scenario.hpp"

namespace freightsim {

// Files larger than this are refused before parsing.
inline constexpr std::size_t max_scenario_bytes = 4 * 1024 * 1024;

scenario load_scenario(const std::filesystem::path& file);

// `file` names the text in messages; relative paths inside (empirical CSV files) resolve against `base_dir`.
scenario parse_scenario(std::string_view text, const std::string& file,
                        const std::filesystem::path& base_dir);

}  // namespace freightsim
