// summary.json in the shape of the output contract (BRIEF §3).
#pragma once

#include <string>

#include "freightsim/experiment/summary.hpp"

namespace freightsim {

// Deterministic text: keys in contract order, numbers in shortest round-trip form; ci95 is null below two
// replications.
std::string to_json(const summary& s);

}  // namespace freightsim
