// Scenario text to a YAML tree, with every syntax problem reported as FILE:LINE:COL.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

namespace freightsim::detail {

// Refuses oversized text, invalid encodings, tabs in indentation, unclosed quotes and brackets, several
// documents, and whatever yaml-cpp cannot parse.
YAML::Node parse_yaml_document(std::string_view text, const std::string& file);

}  // namespace freightsim::detail
