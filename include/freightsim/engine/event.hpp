// The small value event stored by every pending-event set.
#pragma once

#include <cstdint>
#include <tuple>

#include "freightsim/engine/time.hpp"

namespace freightsim {

struct event {
  sim_time time{};
  // Insertion sequence, assigned when the event is scheduled. Events at the same time are handled in the
  // order they were scheduled (FIFO), so the order is total and never depends on the container's internals.
  std::uint64_t seq = 0;
  std::uint32_t kind = 0;  // meaning is the model's
  std::uint32_t id = 0;    // the entity the event concerns (a flow, a shipment ...)
};

// Total order: by time, then by insertion sequence. Two distinct events never compare equal.
constexpr bool earlier(const event& a, const event& b) {
  return std::tie(a.time, a.seq) < std::tie(b.time, b.seq);
}

// earlier() as a function object: a heap's comparisons then inline, where a function pointer is a call.
struct earlier_order {
  constexpr bool operator()(const event& a, const event& b) const { return earlier(a, b); }
};

// Identifies a scheduled event for cancellation; cheap to copy.
struct event_handle {
  sim_time time{};
  std::uint64_t seq = 0;
  friend constexpr auto operator<=>(const event_handle&, const event_handle&) = default;
};

}  // namespace freightsim
