// A scenario as loaded and validated: the run settings and the corridor model.
#pragma once

#include <cstdint>
#include <string>

#include "freightsim/engine/time.hpp"
#include "freightsim/model/corridor.hpp"

namespace freightsim {

struct scenario {
  std::string name;
  std::string source;  // the file it was read from, as given
  sim_time horizon{0};
  sim_time warmup{0};
  std::uint64_t seed = 1;
  std::uint32_t replications = 10;
  corridor model;
};

}  // namespace freightsim
