// The human-readable summary printed by `freightsim run`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "freightsim/experiment/summary.hpp"

namespace freightsim {

std::string text_table(const summary& s);

// A count and its noun for printed text: "1 replication", "3 replications".
std::string count_of(std::uint64_t n, std::string_view noun);

// The lines comparing simulated with observed values, calibration and validation apart; empty without
// `observed:` entries. Part of text_table; printed alone by `freightsim validate`.
std::string observed_table(const summary& s);

}  // namespace freightsim
