// Reader for a node's `stages:` list (include/freightsim/model/stage.hpp).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "freightsim/model/stage.hpp"
#include "yaml_reader.hpp"

namespace freightsim::detail {

// A flow id written in a stage, checked once the flows are read.
struct flow_reference {
  YAML::Node node;
  std::string what;
};

// `stages: [{service: 2h}, {delay: {time: 1d, cause: hold, share: 0.1, flows: [f1]}}, ...]`. Each item has
// exactly one key. `what` names the node. Flow ids are appended to `flows` for the caller to check.
std::vector<stage_spec> read_stages(const yaml_reader& in, const YAML::Node& node, const std::string& what,
                                    std::vector<flow_reference>& flows);

}  // namespace freightsim::detail
