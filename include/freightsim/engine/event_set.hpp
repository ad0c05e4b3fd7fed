// The interface every pending-event set implements, checked at compile time.
#pragma once

#include <concepts>
#include <cstddef>

#include "freightsim/engine/event.hpp"

namespace freightsim {

// push: add an event whose seq is already set; pop: remove and return the earliest live event; peek: the
// earliest live event, left in place (both need !empty()); cancel: drop a pending event (a no-op for a
// handle already popped or cancelled); size counts live events.
template <class S>
concept pending_event_set = requires(S s, const S cs, event e, event_handle h) {
  { s.push(e) } -> std::same_as<void>;
  { s.pop() } -> std::same_as<event>;
  { s.peek() } -> std::same_as<const event&>;
  { s.cancel(h) } -> std::same_as<void>;
  { cs.empty() } -> std::same_as<bool>;
  { cs.size() } -> std::same_as<std::size_t>;
  { s.reserve(std::size_t{}) } -> std::same_as<void>;
};

}  // namespace freightsim
