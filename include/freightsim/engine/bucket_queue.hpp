// A bucket queue of events ordered by (time, seq), with lazy cancellation: O(1) amortized per event where a
// heap pays O(log n), for models with thousands of pending events (brest_vladivostok keeps about 7,000).
//
// Three tiers, each earlier than the next:
//   near  a 4-ary heap of every event earlier than near_end_;
//   rung  buckets of 2^shift_ ms from base_ up to far_start_, each an unordered list; the next bucket is
//         heaped into near when near runs empty;
//   far   an unordered vector of the events at or after far_start_, bucketed when the rung runs out.
// While few events are pending everything stays in near (a plain heap: near_end_ and far_start_ are the end
// of time); past HeapLimit pending events near is spilled into buckets. (time, seq) is a total order, so this
// set and dary_heap pop the same events in the same order: results do not depend on which one runs.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "freightsim/engine/event.hpp"
#include "freightsim/engine/event_set.hpp"
#include "freightsim/engine/heap_ops.hpp"
#include "freightsim/engine/lazy_cancel.hpp"

namespace freightsim {

template <std::size_t HeapLimit>
class bucket_core {
  static_assert(HeapLimit >= 2);

 public:
  void push(const event& e) {
    ++size_;
    if (e.time < near_end_) {
      heap_ops::push<4>(near_, e, earlier_order{});
      // In heap mode (the rung is empty) past the limit: spill. size_ first, as the cheapest test.
      if (size_ > HeapLimit && near_end_ == end_of_time && near_.size() > HeapLimit) {
        far_.insert(far_.end(), near_.begin(), near_.end());
        near_.clear();
        rebuild();
      }
    } else if (e.time < far_start_) {
      add_to_rung(e);
    } else {
      far_.push_back(e);
    }
  }

  // Precondition for both: !empty().
  const event& front() {
    if (near_.empty()) refill();
    return near_.front();
  }
  event pop() {
    if (near_.empty()) refill();
    --size_;
    return heap_ops::pop<4>(near_, earlier_order{});
  }

  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  void reserve(std::size_t n) { near_.reserve(std::min(n, HeapLimit + 1)); }

 private:
  static constexpr sim_time end_of_time = sim_time::max();
  static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
  struct node {
    event e;
    std::uint32_t next = none;
  };

  void add_to_rung(const event& e) {
    const auto b = static_cast<std::size_t>(static_cast<std::uint64_t>((e.time - base_).count()) >> shift_);
    std::uint32_t i = free_;
    if (i != none) {
      free_ = nodes_[i].next;
    } else {
      i = static_cast<std::uint32_t>(nodes_.size());
      nodes_.emplace_back();
    }
    nodes_[i] = {e, heads_[b]};
    heads_[b] = i;
    ++in_rung_;
  }

  // near is empty and size_ > 0: heap the next non-empty bucket, bucketing far first if the rung is spent.
  void refill() {
    if (in_rung_ == 0) {
      rebuild();
      if (!near_.empty()) return;
    }
    while (heads_[next_] == none)
      ++next_;
    for (std::uint32_t i = heads_[next_]; i != none;) {
      heap_ops::push<4>(near_, nodes_[i].e, earlier_order{});
      const std::uint32_t following = nodes_[i].next;
      nodes_[i].next = free_;
      free_ = i;
      i = following;
      --in_rung_;
    }
    heads_[next_] = none;
    ++next_;
    near_end_ = bucket_start(next_);
  }

  // Saturates at the end of time: the last buckets may reach past it.
  [[nodiscard]] sim_time bucket_start(std::size_t i) const {
    const auto room = static_cast<std::uint64_t>((end_of_time - base_).count());
    return i > (room >> shift_) ? end_of_time
                                : base_ + sim_time{static_cast<std::int64_t>(std::uint64_t{i} << shift_)};
  }

  // Buckets far (near and the rung are empty). Few events go back to heap mode; otherwise the bucket width
  // is set from the earliest events, about two to a bucket, because the pending times are skewed (a dwell of
  // days beside moves of minutes): a width from the whole span would put hundreds in the first bucket.
  void rebuild() {
    const std::size_t n = far_.size();
    if (n <= HeapLimit / 2) return heap_far();
    const std::size_t k = std::min<std::size_t>(n - 1, 32);
    const auto by_time = [](const event& a, const event& b) { return a.time < b.time; };
    std::nth_element(far_.begin(), far_.begin() + static_cast<std::ptrdiff_t>(k), far_.end(), by_time);
    const sim_time lo =
        std::min_element(far_.begin(), far_.begin() + static_cast<std::ptrdiff_t>(k) + 1, by_time)->time;
    if (lo == end_of_time) return heap_far();  // no bucket could hold these: heap them
    const sim_time hi = std::max_element(far_.begin(), far_.end(), by_time)->time;
    const auto near_gap = static_cast<std::uint64_t>((far_[k].time - lo).count());
    shift_ = std::min(62U, static_cast<unsigned>(std::bit_width(2 * near_gap / k)));
    const std::uint64_t span_buckets = (static_cast<std::uint64_t>((hi - lo).count()) >> shift_) + 1;
    const std::size_t count = std::min<std::uint64_t>(span_buckets, 2 * n);
    heads_.assign(count, none);
    base_ = lo;
    next_ = 0;
    near_end_ = base_;
    far_start_ = bucket_start(count);  // events at the end of time itself stay in far
    std::size_t kept = 0;
    for (const event& e : far_) {
      if (e.time < far_start_) {
        add_to_rung(e);
      } else {
        far_[kept++] = e;
      }
    }
    far_.resize(kept);
  }

  // Back to heap mode. Events at the end of time itself still go to far there (they are not earlier than
  // near_end_); far then holds only those, scheduled after every event at that time in near.
  void heap_far() {
    for (const event& e : far_)
      heap_ops::push<4>(near_, e, earlier_order{});
    far_.clear();
    near_end_ = far_start_ = end_of_time;
  }

  std::vector<event> near_;
  std::vector<event> far_;
  std::vector<std::uint32_t> heads_;  // each bucket's first node, or none
  std::vector<node> nodes_;           // the rung's list nodes; freed ones are chained from free_
  std::uint32_t free_ = none;
  std::size_t next_ = 0;  // the next bucket to heap into near
  std::size_t in_rung_ = 0;
  std::size_t size_ = 0;
  sim_time base_{0};
  unsigned shift_ = 0;
  sim_time near_end_ = end_of_time;
  sim_time far_start_ = end_of_time;
};

template <std::size_t HeapLimit = 256>
using bucket_queue = lazy_cancel<bucket_core<HeapLimit>>;

static_assert(pending_event_set<bucket_queue<>>);

}  // namespace freightsim
