// A pool of vehicles (wagons or platforms, trucks, ships) that links draw on: a departure on a link using the
// fleet leaves only with a free vehicle, which is then busy for the loaded trip and its empty return
// (repositioning) to the origin, and free again there.
#pragma once

#include <cstdint>
#include <string>

#include "freightsim/engine/distribution.hpp"

namespace freightsim {

struct fleet_spec {
  std::string id;
  std::uint32_t size = 1;
  distribution return_time;  // hours of the empty trip back, drawn per departure
};

}  // namespace freightsim
