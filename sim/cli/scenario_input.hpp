// A scenario as the commands that simulate it and write its summary (run, validate) load it.
#pragma once

#include <string>
#include <vector>

#include "freightsim/scenario/scenario.hpp"

namespace freightsim::cli {

struct hashed_scenario {
  scenario s;
  std::string sha256;  // of the text that was read: the file may change while the run goes on
};

// Reads FILE once, hashes that text and parses it with the --set overrides (PATH=VALUE) applied. Bad input
// throws input_error.
hashed_scenario load_hashed_scenario(const std::string& file, const std::vector<std::string>& overrides);

}  // namespace freightsim::cli
