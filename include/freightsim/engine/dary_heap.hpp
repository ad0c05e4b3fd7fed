// A d-ary min-heap of events ordered by (time, seq), with lazy cancellation.
//
// push and pop are O(log_d n) with hole-based sifting (moves, not swaps). Storage is a std::vector that only
// grows, so a steady-state simulation allocates nothing. Cancellation records the handle in a second heap;
// pop and peek discard an event whose key is at that heap's top. Cancelling is O(k + log k) for k events
// cancelled but not yet discarded (few: models cancel timeouts, not every event). tools/bench measures the
// arities against std::priority_queue.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <vector>

#include "freightsim/engine/event.hpp"
#include "freightsim/engine/event_set.hpp"

namespace freightsim {

template <std::size_t D = 4>
class dary_heap {
  static_assert(D >= 2);

 public:
  void push(const event& e) { sift_up(heap_, e, earlier); }

  event pop() {
    drop_cancelled_top();
    assert(!heap_.empty());
    const event top = pop_top(heap_, earlier);
    last_popped_ = {top.time, top.seq};
    popped_any_ = true;
    return top;
  }

  // The earliest live event, left in place (precondition: !empty()).
  const event& peek() {
    drop_cancelled_top();
    assert(!heap_.empty());
    return heap_.front();
  }

  // Ignores a handle whose event was already popped or cancelled (like ns-3's EventId::IsExpired), so a
  // stale handle can never corrupt size().
  void cancel(event_handle h) {
    if (popped_any_ && h <= last_popped_) return;  // events leave in key order: this one is gone
    if (std::find(cancelled_.begin(), cancelled_.end(), h) != cancelled_.end()) return;
    sift_up(cancelled_, h, less_handle);
  }

  [[nodiscard]] bool empty() const { return size() == 0; }
  [[nodiscard]] std::size_t size() const { return heap_.size() - cancelled_.size(); }

  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  static constexpr bool less_handle(const event_handle& a, const event_handle& b) { return a < b; }

  // Every cancelled handle names a pending event, so the earliest cancelled handle is at or after the
  // heap's top: discard tops while they match it.
  void drop_cancelled_top() {
    while (!cancelled_.empty() && !heap_.empty() &&
           cancelled_.front() == event_handle{heap_.front().time, heap_.front().seq}) {
      last_popped_ = cancelled_.front();
      popped_any_ = true;
      pop_top(cancelled_, less_handle);
      pop_top(heap_, earlier);
    }
  }

  template <class T, class Less>
  static void sift_up(std::vector<T>& h, const T& value, Less less) {
    std::size_t hole = h.size();
    h.emplace_back();
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / D;
      if (!less(value, h[parent])) break;
      h[hole] = h[parent];
      hole = parent;
    }
    h[hole] = value;
  }

  // Nodes at the top of a heap array that stay in cache anyway (half a typical 1-2 MB L2): no prefetching
  // there. With 64 KB, a corridor's few thousand pending events (brest_vladivostok: 7,000 on average, 170 KB)
  // paid for prefetch tests and hints at every level, though the whole heap stays in L2.
  template <class T>
  static constexpr std::size_t cached_nodes = 512 * 1024 / sizeof(T);

  template <class T, class Less>
  static T pop_top(std::vector<T>& h, Less less) {
    const T top = h.front();
    const T last = h.back();
    h.pop_back();
    const std::size_t n = h.size();
    if (n == 0) return top;
    // Implied by the test below, but loop-invariant: GCC then keeps the prefetching out of small heaps' loop.
    const bool large = n > cached_nodes<T>;
    std::size_t hole = 0;
    for (;;) {
      const std::size_t first = hole * D + 1;
      if (first >= n) break;
      // Below the top levels (which stay cached) a large heap misses cache at every level. The children of
      // the D nodes compared here form one contiguous block; loading it now overlaps the next level's miss
      // with this level's work (about 1.5-2x at 1e6 pending events). Written inline on purpose: in a helper
      // function GCC 12's dead-code elimination dropped the prefetches.
      if (const std::size_t g = first * D + 1; large && g >= cached_nodes<T> && g < n) {
        const std::size_t bytes = (g + D * D < n ? D * D : n - g) * sizeof(T);
        const char* block = reinterpret_cast<const char*>(h.data() + g);
        for (std::size_t offset = 0; offset < bytes; offset += 64)
          __builtin_prefetch(block + offset);
        __builtin_prefetch(block + bytes - 1);  // the block need not start on a cache line
      }
      const std::size_t end = first + D < n ? first + D : n;
      // Branches, not a branch-free select: they let the CPU run ahead down the likely path, which measured
      // about twice as fast on heaps that fit in cache.
      std::size_t best = first;
      for (std::size_t c = first + 1; c < end; ++c)
        if (less(h[c], h[best])) best = c;
      if (!less(h[best], last)) break;
      h[hole] = h[best];
      hole = best;
    }
    h[hole] = last;
    return top;
  }

  std::vector<event> heap_;
  std::vector<event_handle> cancelled_;  // handles of pending events, each once
  event_handle last_popped_{};
  bool popped_any_ = false;
};

static_assert(pending_event_set<dary_heap<4>>);

}  // namespace freightsim
