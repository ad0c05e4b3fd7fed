// Applies command-line overrides to a merged scenario tree (see freightsim/scenario/override.hpp).
#pragma once

#include <yaml-cpp/yaml.h>

#include <vector>

#include "freightsim/scenario/override.hpp"
#include "overlay.hpp"

namespace freightsim::detail {

// Changes `root` in place, in order. Each value is recorded in `sources` as a source without lines named
// "--set PATH=VALUE", so that the loader's later complaints about it name the override. A path that does not
// lead to a setting is an input_error naming the override and the closest valid path.
void apply_overrides(YAML::Node root, const std::vector<scenario_override>& overrides, source_map& sources);

}  // namespace freightsim::detail
