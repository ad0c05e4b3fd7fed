// Each unit's life as stretches (place, duration), by shipment slot, for the statistics collector.
//
// A slot's stretches sit in one block of its own: a count and the first inline_parts stretches, each packed
// in 8 bytes (place in the low 24 bits, milliseconds in the high 40). A unit's next stop then touches one
// block (two cache lines) holding its count too, instead of a vector's header in one place and its data in
// another, and a slot allocates nothing unless its unit has more stretches than the block holds. (With tens
// of thousands of units in the network these accesses miss the cache: in cachegrind, 180 days of
// brest_vladivostok miss a 2 MB L2 1.57 million times with a vector a slot, 1.00 million with blocks.)
// Stretches beyond the block go to the slot's overflow vector, kept for reuse. A stretch longer than max_part
// (305,419 h, about 35 years) is logged as several with the same place, so sums by place stay exact.
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
  static constexpr std::size_t inline_parts = 15;  // with the count, 128 bytes a slot

  explicit life_log(std::size_t places) {
    if (places > max_places)
      throw std::length_error(
          "the model has more than 2^24 node parts and links; the statistics cannot hold them");
  }

  struct part {
    std::uint32_t place;
    sim_time duration;
  };

  // Slot `id` starts an empty life (a new unit in it).
  void start(std::uint32_t id) {
    if (id >= blocks_.size()) {
      blocks_.resize(id + 1);
      overflow_.resize(id + 1);
    }
    blocks_[id].count = 0;
    overflow_[id].clear();
  }

  void add(std::uint32_t id, std::uint32_t place, sim_time duration) {
    for (std::int64_t left = duration.count(); left > 0; left -= max_part)
      push(id, place, left < max_part ? left : max_part);
  }

  [[nodiscard]] std::size_t size(std::uint32_t id) const { return blocks_[id].count; }
  // The i-th stretch of slot id's life (i < size(id)).
  [[nodiscard]] part at(std::uint32_t id, std::size_t i) const {
    const std::uint64_t w = i < inline_parts ? blocks_[id].parts[i] : overflow_[id][i - inline_parts];
    return {static_cast<std::uint32_t>(w & (max_places - 1)),
            sim_time{static_cast<std::int64_t>(w >> place_bits)}};
  }

 private:
  // Aligned, so that a slot's block is exactly two cache lines.
  struct alignas(64) block {
    std::uint64_t count = 0;
    std::array<std::uint64_t, inline_parts> parts{};
  };

  void push(std::uint32_t id, std::uint32_t place, std::int64_t ms) {
    block& b = blocks_[id];
    const std::uint64_t w = (static_cast<std::uint64_t>(ms) << place_bits) | place;
    if (b.count < inline_parts)
      b.parts[b.count] = w;
    else
      overflow_[id].push_back(w);
    ++b.count;
  }

  std::vector<block> blocks_;                         // by slot
  std::vector<std::vector<std::uint64_t>> overflow_;  // by slot: stretches after the first inline_parts
};

}  // namespace freightsim::detail
