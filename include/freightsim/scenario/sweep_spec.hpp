// A sweep file: the variants of a base scenario to compare, how many replications, and the metrics of
// interest. Read and checked by `load_sweep`; every problem is an input_error naming FILE:LINE:COL.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "freightsim/scenario/override.hpp"

namespace freightsim {

// A place in the sweep file, for messages about what was written there.
struct sweep_mark {
  int line = 0, column = 0;
};

struct sweep_variant {
  std::string name;                          // "nodes.brest.servers=4", or the what-if file's stem
  std::filesystem::path scenario;            // the base, or a what-if file
  std::vector<scenario_override> overrides;  // `set`, then this variant's parameter values
  std::vector<sweep_mark> override_marks;    // where each override's value was written (0:0: not in the file)
  sweep_mark mark;                           // where the variant was written
};

struct sweep_metric {
  std::string name;  // e.g. flows.eu_to_vladivostok.transit_time_h.p95
  sweep_mark mark;
};

struct sweep_spec {
  std::string file;  // as given, for messages
  std::string name;
  std::vector<sweep_variant> variants;  // the first is the baseline of paired differences
  std::uint32_t replications = 0;
  std::optional<std::uint64_t> seed;  // default: the base scenario's
  std::vector<sweep_metric> metrics;
  sweep_mark replications_mark;
};

sweep_spec load_sweep(const std::filesystem::path& file);

}  // namespace freightsim
