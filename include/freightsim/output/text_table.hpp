// The human-readable summary printed by `freightsim run`.
#pragma once

#include <string>

#include "freightsim/experiment/summary.hpp"

namespace freightsim {

std::string text_table(const summary& s);

// The lines comparing simulated with observed values, calibration and validation apart; empty without
// `observed:` entries. Part of text_table; printed alone by `freightsim validate`.
std::string observed_table(const summary& s);

}  // namespace freightsim
