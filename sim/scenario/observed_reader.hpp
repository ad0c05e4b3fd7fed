// The `observed:` list: published outcomes the results are compared with (calibration and validation apart).
#pragma once

#include <string>
#include <vector>

#include "freightsim/scenario/scenario.hpp"
#include "yaml_reader.hpp"

namespace freightsim::detail {

// Whether a metric path names a result, and whether its value must be a duration (a time) or a plain number,
// is checked by the experiment layer (check_observed), which knows the results' names.
std::vector<observed_spec> read_observed(const yaml_reader& in, const YAML::Node& list);

}  // namespace freightsim::detail
