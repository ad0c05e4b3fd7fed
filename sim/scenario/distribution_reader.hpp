// Reads a distribution: a bare duration ("6h" = constant) or a map {dist: NAME, ...parameters}.
#pragma once

#include "freightsim/engine/distribution.hpp"
#include "yaml_reader.hpp"

namespace freightsim::detail {

distribution read_distribution(const yaml_reader& in, const YAML::Node& node, const std::string& what);

}  // namespace freightsim::detail
