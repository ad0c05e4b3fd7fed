// Each unit's life as stretches (place, duration), by shipment slot, for the statistics collector.
//
// A slot holds a 16-byte header (its stretch count, its first chunk, the chunk holding its last stretch and
// that chunk's fill); the stretches sit in chunks of seven, one cache line each, from one shared arena, each
// packed in 8 bytes (place in the low 24 bits, milliseconds in the high 40), and a life's chunks are chained
// both ways by their last word. A unit's next stretch then touches its header and one line, a waiting unit
// with no stretch yet holds no chunk, and a delivered unit's chunks go to a free list, so a long run
// allocates only while the stretches in the network grow. A stretch longer than max_part (305,419 h, about 35
// years) is logged as several with the same place, so sums by place stay exact.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "freightsim/engine/time.hpp"

namespace freightsim::detail {

class life_log {
 public:
  static constexpr std::uint32_t place_bits = 24;
  static constexpr std::uint64_t max_places = std::uint64_t{1} << place_bits;
  static constexpr std::int64_t max_part = (std::int64_t{1} << (64 - place_bits)) - 1;

  explicit life_log(std::size_t places) {
    if (places > max_places)
      throw std::length_error(
          "the model has more than 2^24 node parts and links; the statistics cannot hold them");
  }

  struct part {
    std::uint32_t place;
    sim_time duration;
  };

  // A new unit in slot id: a slot not seen before gets an empty life (a reused one was emptied at delivery).
  void open(std::uint32_t id) {
    if (id >= heads_.size()) heads_.resize(id + 1);
  }

  // Slot id's unit is delivered: its life becomes empty and its chunks go to the free list.
  void clear(std::uint32_t id) {
    head& h = heads_[id];
    if (h.first != none) {
      link_of(h.cur) = (link_of(h.cur) & ~std::uint64_t{UINT32_MAX}) | free_;
      free_ = h.first;
    }
    h = {};
  }

  void add(std::uint32_t id, std::uint32_t place, sim_time duration) {
    // One unsigned comparison for 0 < duration <= max_part, the common case (0 wraps to the largest value).
    if (static_cast<std::uint64_t>(duration.count()) - 1 < static_cast<std::uint64_t>(max_part))
      return push(id, place, duration.count());
    if (duration.count() > 0) add_long(id, place, duration.count());
  }

  // Calls f(part) for each of slot id's stretches, first to last.
  template <class F>
  void for_each(std::uint32_t id, F f) const {
    const head& h = heads_[id];
    std::uint32_t c = h.first;
    for (std::uint32_t left = h.count;;) {
      const std::uint32_t n = left < per_chunk ? left : per_chunk;
      for (std::uint32_t k = 0; k < n; ++k)
        f(unpack(chunks_[c].words[k]));
      left -= n;
      if (left == 0) return;
      c = next(c);
    }
  }

  // Calls f(part) for slot id's stretches from the last back, while f returns true.
  template <class F>
  void for_each_back(std::uint32_t id, F f) const {
    const head& h = heads_[id];
    if (h.count == 0) return;
    std::uint32_t c = h.cur;
    for (std::uint32_t left = h.count, n = h.fill;;) {
      for (std::uint32_t k = n; k-- > 0;)
        if (!f(unpack(chunks_[c].words[k]))) return;
      left -= n;
      if (left == 0) return;
      c = prev(c);
      n = per_chunk;
    }
  }

 private:
  static constexpr std::uint32_t per_chunk = 7;
  static constexpr std::uint32_t none = UINT32_MAX;

  // The slot's chain starts at `first`; `cur` holds its life's last stretch and `fill` stretches in all
  // (when count > 0): kept, not computed as a remainder on each add and walk.
  struct head {
    std::uint32_t count = 0, first = none, cur = none, fill = per_chunk;
  };
  // Seven stretches, and the indices of the previous chunk (high 32 bits) and of the next (low 32 bits) in
  // the slot's chain.
  struct alignas(64) chunk {
    std::array<std::uint64_t, per_chunk + 1> words{};
  };

  static part unpack(std::uint64_t w) {
    return {static_cast<std::uint32_t>(w & (max_places - 1)),
            sim_time{static_cast<std::int64_t>(w >> place_bits)}};
  }

  [[nodiscard]] std::uint32_t next(std::uint32_t c) const {
    return static_cast<std::uint32_t>(chunks_[c].words[per_chunk]);
  }
  [[nodiscard]] std::uint32_t prev(std::uint32_t c) const {
    return static_cast<std::uint32_t>(chunks_[c].words[per_chunk] >> 32U);
  }

  std::uint64_t& link_of(std::uint32_t c) { return chunks_[c].words[per_chunk]; }

  // A new chunk at the end of a chain whose last chunk is `last` (none: a new chain), from the free list.
  std::uint32_t new_chunk(std::uint32_t last) {
    std::uint32_t c = free_;
    if (c == none) {
      c = static_cast<std::uint32_t>(chunks_.size());
      chunks_.emplace_back();
    } else {
      free_ = next(c);
    }
    link_of(c) = (std::uint64_t{last} << 32U) | none;
    if (last != none) link_of(last) = (link_of(last) & ~std::uint64_t{UINT32_MAX}) | c;
    return c;
  }

  [[gnu::noinline, gnu::cold]] void add_long(std::uint32_t id, std::uint32_t place, std::int64_t ms) {
    for (std::int64_t left = ms; left > 0; left -= max_part)
      push(id, place, left < max_part ? left : max_part);
  }

  void push(std::uint32_t id, std::uint32_t place, std::int64_t ms) {
    head& h = heads_[id];
    if (h.fill == per_chunk) {
      h.cur = new_chunk(h.cur);
      if (h.count == 0) h.first = h.cur;
      h.fill = 0;
    }
    chunks_[h.cur].words[h.fill++] = (static_cast<std::uint64_t>(ms) << place_bits) | place;
    ++h.count;
  }

  std::vector<head> heads_;    // by slot
  std::vector<chunk> chunks_;  // the arena
  std::uint32_t free_ = none;  // the first free chunk; free chunks are chained by their next index
};

}  // namespace freightsim::detail
