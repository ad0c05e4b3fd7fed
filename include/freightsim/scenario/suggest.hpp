// "Did you mean" suggestions for misspelt keys, ids and names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace freightsim {

// Levenshtein distance in characters (code points) of UTF-8 text.
std::size_t edit_distance(std::string_view a, std::string_view b);
std::size_t edit_distance(std::u32string_view a, std::u32string_view b);

// The candidate that looks the same as `word` (it differs in Unicode normalization, or has a letter of
// another script that looks alike: Unicode's confusables), else the closest within a small edit distance, if
// any.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)", saying how the two differ when they look the same; for no close candidate, a note
// when `word` mixes letters of several scripts (a keyboard layout slip); or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace freightsim
