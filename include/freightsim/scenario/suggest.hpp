// "Did you mean" suggestions for misspelt keys, ids and names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace freightsim {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a small edit distance, if any.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace freightsim
