// What a random stream is for: the model's half of a stream's key (the engine keys streams by an opaque
// purpose number and an entity name, and knows no freight).
#pragma once

#include <cstdint>
#include <string_view>

#include "freightsim/engine/random.hpp"

namespace freightsim::detail {

// Never reorder or renumber: the numbers are hashed into the streams, so a change would alter every result. A
// new purpose takes the next number, which leaves every existing stream unchanged.
enum class stream_purpose : std::uint64_t {
  arrivals = 1,
  service,
  inspection,
  link_time,
  routing,
  breakdown,
  transfer,
  link_delay,
  fleet_return
};

// The stream of `purpose` for the entity named `entity` (a node, a link, a flow, a fleet).
inline random_stream make_stream(std::uint64_t seed, std::uint32_t rep, stream_purpose purpose,
                                 std::string_view entity) {
  return {seed, rep, static_cast<std::uint64_t>(purpose), entity};
}

}  // namespace freightsim::detail
