// Command-line overrides, `--set PATH=VALUE`: one setting of a scenario changed without editing its file.
//
// PATH names a setting of the scenario as merged (after `extends`), with dots between keys; entries of
// `nodes` and `flows` are named by id and entries of `links` by `FROM>TO` (`FROM>TO:MODE` where several links
// join the same nodes), e.g. `nodes.brest.servers`, `flows.eu_to_vladivostok.arrivals.rate`,
// `links.brest>minsk.speed_kmh`. Other lists take an index from 0 (`nodes.brest.shifts.0.servers`). VALUE is
// YAML (`6`, `60/d`,
// `{dist: exponential, mean: 2h}`); `~` removes the setting. A missing last key is added.
#pragma once

#include <string>
#include <vector>

namespace freightsim {

struct scenario_override {
  std::string path;
  std::string value;

  // "--set PATH=VALUE": how messages name the override.
  [[nodiscard]] std::string describe() const { return "--set " + path + "=" + value; }
};

// Splits "PATH=VALUE" at the first '='; throws input_error naming `--set TEXT` when either side is empty.
scenario_override parse_override(const std::string& text);

}  // namespace freightsim
