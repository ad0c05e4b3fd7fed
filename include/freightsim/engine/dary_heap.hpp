// A d-ary min-heap of events ordered by (time, seq), with lazy cancellation.
//
// push and pop are O(log_d n) (heap_ops.hpp). Storage is a std::vector that only grows, so a steady-state
// simulation allocates nothing. tools/bench measures the arities against std::priority_queue.
#pragma once

#include <cstddef>
#include <vector>

#include "freightsim/engine/event.hpp"
#include "freightsim/engine/event_set.hpp"
#include "freightsim/engine/heap_ops.hpp"
#include "freightsim/engine/lazy_cancel.hpp"

namespace freightsim {

template <std::size_t D>
class heap_core {
 public:
  void push(const event& e) { heap_ops::push<D>(heap_, e, earlier_order{}); }
  event pop() { return heap_ops::pop<D>(heap_, earlier_order{}); }
  [[nodiscard]] const event& front() const { return heap_.front(); }
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  std::vector<event> heap_;
};

template <std::size_t D = 4>
using dary_heap = lazy_cancel<heap_core<D>>;

static_assert(pending_event_set<dary_heap<4>>);

}  // namespace freightsim
