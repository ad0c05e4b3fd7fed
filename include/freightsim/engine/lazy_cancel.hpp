// Lazy cancellation over an event-set core: a cancelled event stays where it is and is discarded when it
// reaches the front. Cancelling is O(k + log k) for k events cancelled but not yet discarded (few: models
// cancel timeouts, not every event).
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <vector>

#include "freightsim/engine/event.hpp"
#include "freightsim/engine/heap_ops.hpp"

namespace freightsim {

// Core: push(e); front() and pop() (precondition: !empty(); pop returns the earliest event); empty(); size();
// reserve(n). It knows nothing of cancellation.
template <class Core>
class lazy_cancel {
 public:
  void push(const event& e) { core_.push(e); }

  event pop() {
    drop_cancelled_front();
    assert(!core_.empty());
    const event top = core_.pop();
    last_popped_ = {top.time, top.seq};
    popped_any_ = true;
    return top;
  }

  // The earliest live event, left in place (precondition: !empty()).
  const event& peek() {
    drop_cancelled_front();
    assert(!core_.empty());
    return core_.front();
  }

  // Ignores a handle whose event was already popped or cancelled (like ns-3's EventId::IsExpired), so a
  // stale handle can never corrupt size().
  void cancel(event_handle h) {
    if (popped_any_ && h <= last_popped_) return;  // events leave in key order: this one is gone
    if (std::find(cancelled_.begin(), cancelled_.end(), h) != cancelled_.end()) return;
    heap_ops::push<2>(cancelled_, h, less_handle);
  }

  [[nodiscard]] bool empty() const { return size() == 0; }
  [[nodiscard]] std::size_t size() const { return core_.size() - cancelled_.size(); }

  void reserve(std::size_t n) { core_.reserve(n); }

 private:
  static constexpr bool less_handle(const event_handle& a, const event_handle& b) { return a < b; }

  // Every cancelled handle names a pending event, so the earliest cancelled handle is at or after the
  // front: discard fronts while they match it. The tests stay inline, the discarding does not: most pops
  // find nothing to discard (a cancelled batch timeout waits days to reach the front).
  void drop_cancelled_front() {
    while (!cancelled_.empty() && !core_.empty() && front_cancelled())
      discard_front();
  }
  bool front_cancelled() {
    const event& front = core_.front();
    return cancelled_.front() == event_handle{front.time, front.seq};
  }
  [[gnu::noinline]] void discard_front() {
    last_popped_ = cancelled_.front();
    popped_any_ = true;
    heap_ops::pop<2>(cancelled_, less_handle);
    core_.pop();
  }

  Core core_;
  std::vector<event_handle> cancelled_;  // handles of pending events, each once
  event_handle last_popped_{};
  bool popped_any_ = false;
};

}  // namespace freightsim
