// A scenario as loaded and validated: the run settings and the corridor model.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "freightsim/engine/time.hpp"
#include "freightsim/model/corridor.hpp"

namespace freightsim {

// Where a setting was written, for errors found after loading (a metric path checked against the results).
struct source_position {
  std::string file;
  int line = 0, column = 0;  // 1-based
};

// A published outcome the scenario's results are compared with (`observed:`). Calibration and validation are
// kept apart: a calibration entry names the input that was set so that it matches (agreement there is no
// evidence); nothing was set from a validation entry.
enum class observed_use { calibration, validation };

struct observed_spec {
  std::string metric;  // a path into the results, such as flows.f.transit_time_h.mean
  source_position metric_at;
  double value = 0;  // > 0; hours when written as a duration
  bool value_is_duration = false;
  std::string value_text;  // as written, for messages
  source_position value_at;
  double tolerance = 0;  // relative: 0.2 for 20%
  std::string source;
  observed_use use = observed_use::validation;
  std::string sets;       // calibration only: the input set from this figure
  std::string known_gap;  // validation only: why the model does not reach it yet
};

struct scenario {
  std::string name;
  std::string source;  // the file it was read from, as given
  // Every file read for it, as named in messages: `source` first, then its baselines (`extends`) and data
  // files (empirical CSV), each once. An output must name none of them.
  std::vector<std::string> inputs;
  sim_time horizon{0};
  sim_time warmup{0};
  // warmup: auto: each replication's warm-up is chosen by MSER-5 (experiment/warmup.hpp); warmup is then 0.
  bool warmup_auto = false;
  std::uint64_t seed = 1;
  std::uint32_t replications = 10;
  corridor model;
  std::vector<observed_spec> observed;
};

}  // namespace freightsim
