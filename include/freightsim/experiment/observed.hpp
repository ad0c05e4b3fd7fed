// Simulated against observed: the scenario's `observed:` entries checked against the results' paths and
// compared with a run's summary.
#pragma once

#include <vector>

#include "freightsim/experiment/summary.hpp"
#include "freightsim/scenario/scenario.hpp"

namespace freightsim {

// Throws input_error at the first entry whose metric names no result, naming the closest valid path. Call
// before running: the loader reads the paths but cannot know the results' names.
void check_observed(const scenario& s);

// One result per entry, in the scenario's order.
std::vector<observed_result> compare_observed(const scenario& s, const summary& sum);

}  // namespace freightsim
