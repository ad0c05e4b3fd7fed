// The units in the network: fixed-size records in slots that are reused after delivery, so a long run
// allocates only while the number of units in the network grows.
#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "freightsim/engine/time.hpp"
#include "freightsim/model/link.hpp"
#include "freightsim/model/network.hpp"

namespace freightsim::detail {

inline constexpr std::uint32_t no_link = std::numeric_limits<std::uint32_t>::max();

// One cache line (64 bytes, aligned): the handlers touch a unit's record at almost every event, and most of
// those loads miss cache with thousands of units in the network. Nodes are stored in 32 bits (corridors have
// far fewer); the unit's serial number, needed only by a trace, lives apart (shipment_pool::serial).
struct alignas(64) shipment {
  sim_time created{0};
  sim_time since{0};        // start of the current wait
  sim_time closed_mark{0};  // closed-time clock of the current wait's place at `since`
  double cost = 0;
  std::uint32_t flow = 0;
  std::uint32_t hop = 0;         // index of the current node in the planned route (fixed routes)
  std::uint32_t at = 0;          // current node
  std::uint32_t next = 0;        // next node once chosen (== at at the destination)
  std::uint32_t link = no_link;  // link to `next`
  std::uint32_t stage = 0;       // index of the current stage at its node
  std::uint8_t path = 0;         // of an adaptive flow's alternatives
  bool holds_server = false;     // blocked after service, keeping its server
  bool came_by_link = false;
  link_mode came_by = link_mode::rail;
};
static_assert(sizeof(shipment) == 64);

class shipment_pool {
 public:
  // A new unit of flow `flow` at its origin, created now; returns its slot.
  std::uint32_t acquire(std::uint32_t flow, vertex origin, sim_time now) {
    if (origin > std::numeric_limits<std::uint32_t>::max())
      throw std::length_error("shipment pool: node index beyond 32 bits");
    shipment s;
    s.flow = flow;
    s.at = s.next = static_cast<std::uint32_t>(origin);
    s.created = s.since = now;
    if (!free_.empty()) {
      const std::uint32_t id = free_.back();
      free_.pop_back();
      ships_[id] = s;
      serials_[id] = ++created_;
      return id;
    }
    ships_.push_back(s);
    serials_.push_back(++created_);
    return static_cast<std::uint32_t>(ships_.size() - 1);
  }
  void release(std::uint32_t id) { free_.push_back(id); }

  [[nodiscard]] shipment& operator[](std::uint32_t id) { return ships_[id]; }
  [[nodiscard]] const shipment& operator[](std::uint32_t id) const { return ships_[id]; }
  // The unit's number: 1, 2, ... in order of creation.
  [[nodiscard]] std::uint64_t serial(std::uint32_t id) const { return serials_[id]; }
  [[nodiscard]] std::size_t in_network() const { return ships_.size() - free_.size(); }

 private:
  std::vector<shipment> ships_;
  std::vector<std::uint64_t> serials_;  // by slot
  std::vector<std::uint32_t> free_;
  std::uint64_t created_ = 0;
};

}  // namespace freightsim::detail
