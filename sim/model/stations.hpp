// Stations: each node's servers, its queue by priority class (non-preemptive, first come first served within
// a class) and their availability (opening hours, disruptions, breakdowns).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "closed_clock.hpp"
#include "freightsim/engine/random.hpp"
#include "freightsim/model/corridor.hpp"
#include "freightsim/model/ring_queue.hpp"

namespace freightsim::detail {

class replication;

// One stage of a node's work, with its own random stream.
struct station_stage {
  const stage_spec* spec = nullptr;  // nullptr: `service` with `inspection` and `transfer`, one server hold
  random_stream draws;
  std::vector<bool> flows;  // by flow: the stage applies to it (a delay's `flows`)
};

struct station {
  const node_spec* spec = nullptr;
  random_stream service, inspection, breakdown, transfer;
  std::vector<station_stage> work;                 // empty for a junction
  std::vector<ring_queue<std::uint32_t>> classes;  // waiting units by priority class
  std::size_t waiting = 0;
  std::size_t approaching = 0;  // waiting for a place at the node (admission's queue)
  std::uint32_t busy = 0, available = 0;
  std::uint32_t in_service = 0;     // service events in flight
  std::uint32_t in_delay = 0;       // delay and transfer stages under way
  std::vector<std::uint32_t> caps;  // server limits of the disruptions in force
  sim_time closing_windows_end{0};  // the latest end of the closing (0-server) windows opened so far
  sim_time broken_since{0};
  bool broken = false;
  closed_clock closed;

  [[nodiscard]] bool unplanned_closed() const {
    return broken || std::find(caps.begin(), caps.end(), 0u) != caps.end();
  }
};

class stations {
 public:
  enum kind : std::uint8_t {
    service_done,      // id: shipment
    delay_done,        // id: shipment (a delay or transfer stage ended)
    calendar_change,   // id: node
    breakdown_toggle,  // id: node
    window_edge,       // id: index into windows_
  };

  stations(replication& r, const corridor& model, std::uint64_t seed, std::uint32_t rep);
  void start();  // schedules opening hours, breakdowns and disruptions
  void handle(std::uint8_t kind, std::uint32_t id);

  // The unit enters its current node: a junction passes it on, a station serves or queues it.
  void enter(std::uint32_t id);
  // A unit that held a server at v (served, or blocked after service) lets it go.
  void free_server(vertex v);
  // The number of units waiting for a place at v changed (admission).
  void approach_changed(vertex v, std::size_t approaching);

  [[nodiscard]] std::size_t size() const { return nodes_.size(); }
  // For route choice: hours until v's servers are expected to open again (0 when open): the end of its
  // closing disruption windows, a breakdown's mean repair time from its start, the next shift in its
  // calendar.
  [[nodiscard]] double reopen_hours(vertex v) const;
  [[nodiscard]] const station& operator[](vertex v) const { return nodes_[v]; }

 private:
  struct window {
    std::uint32_t node = 0;
    std::uint32_t index = 0;  // disruption index in the node's list
    bool opens = false;       // the disruption starts (true) or ends (false)
  };

  // Starts the unit's current stage, or the first later one that applies to it; past the last, it leaves.
  void begin_stage(vertex v, std::uint32_t id);
  void queue_for_server(vertex v, std::uint32_t id);
  void start_delay(vertex v, std::uint32_t id, double hours);
  void start_waiting(vertex v);
  // Tells the observers of v's levels.
  void queue_changed(vertex v);
  void servers_changed(vertex v);
  void start_service(vertex v, std::uint32_t id);
  void on_service_done(std::uint32_t id);
  void on_delay_done(std::uint32_t id);
  // Availability (station_availability.cpp).
  void on_calendar_change(std::uint32_t v);
  void on_breakdown_toggle(std::uint32_t v);
  void on_window(std::uint32_t id);
  void update_capacity(std::uint32_t v);

  replication& r_;
  std::vector<station> nodes_;
  std::vector<std::uint32_t> rank_;  // by flow: priority class, 0 first
  std::vector<window> windows_;
};

}  // namespace freightsim::detail
