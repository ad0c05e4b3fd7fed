// The simulation clock and main loop over a pending-event set.
#pragma once

#include <cstdint>
#include <stdexcept>

#include "freightsim/engine/bucket_queue.hpp"
#include "freightsim/engine/event_set.hpp"

namespace freightsim {

template <pending_event_set Set = bucket_queue<>>
class scheduler {
 public:
  [[nodiscard]] sim_time now() const { return now_; }
  [[nodiscard]] std::uint64_t events_handled() const { return handled_; }
  [[nodiscard]] std::size_t pending() const { return set_.size(); }
  void reserve(std::size_t n) { set_.reserve(n); }

  // Schedules an event at absolute time `at` (never in the past).
  event_handle schedule(sim_time at, std::uint32_t kind, std::uint32_t id) {
    if (at < now_) throw std::logic_error("scheduler: event scheduled in the past");
    const event e{at, next_seq_++, kind, id};
    set_.push(e);
    return {e.time, e.seq};
  }

  // A no-op for a handle whose event was already handled or cancelled.
  void cancel(event_handle h) { set_.cancel(h); }

  // Handles every event with time <= end in (time, seq) order, then advances the clock to `end`.
  // `stop()` returning true ends the run early (the clock then stays at the last event).
  template <class Handler, class Stop>
  [[gnu::always_inline]] inline void run_until(sim_time end, Handler&& handle, Stop&& stop) {
    while (!set_.empty()) {
      if (set_.peek().time > end) break;  // left in place: a later run_until continues from here
      const event e = set_.pop();
      // Causality: the clock never goes back.
      if (e.time < now_) throw std::logic_error("scheduler: causality violated");
      now_ = e.time;
      ++handled_;
      handle(e);
      if (stop()) return;
    }
    if (end > now_) now_ = end;
  }

  template <class Handler>
  void run_until(sim_time end, Handler&& handle) {
    run_until(end, std::forward<Handler>(handle), [] { return false; });
  }

 private:
  Set set_;
  sim_time now_{0};
  std::uint64_t next_seq_ = 0;
  std::uint64_t handled_ = 0;
};

}  // namespace freightsim
