// An event's kind names the component that owns it (high bits) and that component's own kind (low byte): the
// replication dispatches once, by owner, and each component interprets only its own kinds.
#pragma once

#include <cstdint>

namespace freightsim::detail {

enum class owner : std::uint8_t { replication, sources, stations, links, fleets };

constexpr std::uint32_t event_kind(owner o, std::uint8_t kind) {
  return static_cast<std::uint32_t>(o) << 8U | kind;
}
constexpr owner owner_of(std::uint32_t kind) {
  return static_cast<owner>(kind >> 8U);
}
constexpr std::uint8_t own_kind(std::uint32_t kind) {
  return static_cast<std::uint8_t>(kind & 0xffU);
}

}  // namespace freightsim::detail
