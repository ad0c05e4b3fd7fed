// Checks on the raw scenario text that yaml-cpp would report poorly or not at all.
#pragma once

#include <string>
#include <string_view>

namespace freightsim::detail {

// Throws input_error for: an empty file, invalid UTF-8, control characters, and tabs in indentation.
void check_scenario_text(std::string_view text, const std::string& file);

}  // namespace freightsim::detail
