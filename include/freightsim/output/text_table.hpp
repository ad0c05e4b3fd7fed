// The human-readable summary printed by `freightsim run`.
#pragma once

#include <string>

#include "freightsim/experiment/summary.hpp"

namespace freightsim {

std::string text_table(const summary& s);

}  // namespace freightsim
