// Each unit's life as stretches (place, duration), by shipment slot, for the statistics collector.
//
// A slot holds a small header (its stretch count and its first and last chunk); the stretches sit in chunks
// of seven, one cache line each, from one shared arena, each packed in 8 bytes (place in the low 24 bits,
// milliseconds in the high 40) and chained both ways by the chunk's last word. A unit's next stretch then
// touches its header and one line, a waiting unit with no stretch holds no chunk, and chunks freed by a
// delivered unit are reused, so a long run allocates only while the stretches in the network grow. A stretch
// longer than max_part (305,419 h, about 35 years) is logged as several with the same place, so sums by place
// stay exact.
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

  // Slot id's life becomes empty (a new unit in it, or its unit delivered); its chunks are freed.
  void clear(std::uint32_t id) {
    if (id >= heads_.size()) heads_.resize(id + 1);
    head& h = heads_[id];
    if (h.count > 0) {  // the chain first .. last goes to the front of the free list
      set_next(h.last, free_);
      free_ = h.first;
    }
    h = {};
  }

  void add(std::uint32_t id, std::uint32_t place, sim_time duration) {
    for (std::int64_t left = duration.count(); left > 0; left -= max_part)
      push(id, place, left < max_part ? left : max_part);
  }

  // Calls f(part) for each of slot id's stretches, first to last.
  template <class F>
  void for_each(std::uint32_t id, F f) const {
    const head& h = heads_[id];
    std::uint32_t c = h.first;
    for (std::uint32_t i = 0; i < h.count; ++i) {
      if (i > 0 && i % per_chunk == 0) c = next(c);
      f(unpack(chunks_[c].words[i % per_chunk]));
    }
  }

  // Calls f(part) for slot id's stretches from the last back, while f returns true.
  template <class F>
  void for_each_back(std::uint32_t id, F f) const {
    const head& h = heads_[id];
    std::uint32_t c = h.last;
    for (std::uint32_t i = h.count; i-- > 0;) {
      if (i % per_chunk == per_chunk - 1 && i + 1 < h.count) c = prev(c);
      if (!f(unpack(chunks_[c].words[i % per_chunk]))) return;
    }
  }

 private:
  static constexpr std::uint32_t per_chunk = 7;
  static constexpr std::uint32_t none = UINT32_MAX;

  struct head {
    std::uint32_t count = 0, first = none, last = none;
  };
  // Seven stretches, and the indices of the previous chunk (high 32 bits) and of the next (low 32 bits) in a
  // life's chain, or of the next in the free list.
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
  void set_next(std::uint32_t c, std::uint32_t n) {
    std::uint64_t& link = chunks_[c].words[per_chunk];
    link = (link & ~std::uint64_t{UINT32_MAX}) | n;
  }

  // A chunk at the end of a chain whose last chunk is `last` (none: a new chain).
  std::uint32_t new_chunk(std::uint32_t last) {
    std::uint32_t c = free_;
    if (c == none) {
      chunks_.emplace_back();
      c = static_cast<std::uint32_t>(chunks_.size() - 1);
    } else {
      free_ = next(c);
    }
    chunks_[c].words[per_chunk] = (std::uint64_t{last} << 32U) | none;
    if (last != none) set_next(last, c);
    return c;
  }

  void push(std::uint32_t id, std::uint32_t place, std::int64_t ms) {
    head& h = heads_[id];
    const std::uint32_t at = h.count % per_chunk;
    if (at == 0) {
      h.last = new_chunk(h.count == 0 ? none : h.last);
      if (h.count == 0) h.first = h.last;
    }
    chunks_[h.last].words[at] = (static_cast<std::uint64_t>(ms) << place_bits) | place;
    ++h.count;
  }

  std::vector<head> heads_;    // by slot
  std::vector<chunk> chunks_;  // the arena
  std::uint32_t free_ = none;  // first free chunk, chained by their last words
};

}  // namespace freightsim::detail
