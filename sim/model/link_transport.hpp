// Link transport: units travel a plain link alone and in parallel, a batch link in trains that leave when
// full (or after `max_wait`), a scheduled link on sailings of limited capacity; a closed link holds units at
// its origin until it reopens.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "closed_clock.hpp"
#include "freightsim/engine/event.hpp"
#include "freightsim/engine/random.hpp"
#include "freightsim/model/corridor.hpp"
#include "freightsim/model/departure_wait.hpp"
#include "freightsim/model/replication_result.hpp"
#include "freightsim/model/ring_queue.hpp"

namespace freightsim::detail {

class replication;

struct link_state {
  const link_spec* spec = nullptr;
  vertex from = 0, to = 0;
  random_stream time;
  random_stream delay;  // for spec->delay
  ring_queue<std::uint32_t>
      buffer;  // units waiting at the origin: for a batch, a sailing or the link to open
  std::optional<event_handle> timeout;
  // Train paths (paths_per_day): units of formed departures waiting for a path, the sizes of those
  // departures in order, the earliest time of the next path, and whether a path_free event is pending.
  ring_queue<std::uint32_t> ready, ready_groups;
  sim_time path_spacing{0}, next_path{0};
  bool path_pending = false;
  // Fleet (spec->fleet): units of formed departures waiting for a vehicle, and those departures' sizes.
  ring_queue<std::uint32_t> vehicle_wait, vehicle_groups;
  std::uint32_t closures = 0;  // disruption windows in force
  sim_time windows_end{0};     // the latest end of the windows opened so far
  std::uint64_t joined = 0;    // units that have taken the link so far (its observed arrival rate)
  closed_clock closed;

  // Units waiting at the link's origin: for a batch, a sailing, the link to open, a vehicle or a path.
  [[nodiscard]] std::size_t at_origin() const { return buffer.size() + vehicle_wait.size() + ready.size(); }
};

class link_transport {
 public:
  enum kind : std::uint8_t {
    arrival,        // id: shipment
    window_edge,    // id: index into windows_
    batch_timeout,  // id: link
    sailing,        // id: link
    path_free,      // id: link
    group_arrival,  // id: index into groups_
  };

  link_transport(replication& r, const corridor& model, std::uint64_t seed, std::uint32_t rep);
  void start();  // schedules disruptions and sailings
  void handle(std::uint8_t kind, std::uint32_t id);

  // The unit, with a place reserved at its next node, takes its link.
  void join(std::uint32_t id);
  // The link's fleet gave a vehicle to its first departure waiting for one (fleets::assign).
  void vehicle_granted(std::uint32_t link);

  [[nodiscard]] std::size_t size() const { return links_.size(); }
  [[nodiscard]] const link_state& operator[](std::uint32_t link) const { return links_[link]; }
  // What waits at the link's origin now, for route choice; its arrival rate is the one observed so far in
  // this replication, or `planned_rate` (units per hour) before any unit has taken it.
  [[nodiscard]] link_waiting waiting(std::uint32_t link, double planned_rate) const;
  // For route choice: hours until the link opens again (0 when open), by its disruption windows' ends.
  [[nodiscard]] double reopen_hours(std::uint32_t link) const;
  // Units travelling toward node v.
  [[nodiscard]] std::uint32_t travelling_to(vertex v) const { return travelling_to_[v]; }

 private:
  struct window {
    std::uint32_t link = 0;
    std::uint32_t index = 0;  // disruption index in the link's list
    bool opens = false;       // a disruption starts (true) or ends (false)
  };

  void on_arrival(std::uint32_t id);
  void on_window(std::uint32_t id);
  void on_batch_timeout(std::uint32_t link);
  void on_sailing(std::uint32_t link);
  void release_batches(std::uint32_t link);
  void release_link(std::uint32_t link);
  void end_wait(std::uint32_t link, std::uint32_t id, wait_cause cause);
  void depart_group(std::uint32_t link, std::size_t count, wait_cause cause);
  void travel_alone(std::uint32_t link, std::uint32_t id);
  // Paths (paths_per_day): the unit joins the departure being formed for a path; departures leave on paths.
  void wait_for_path(std::uint32_t link, std::uint32_t id);
  // Fleets: a formed departure of the units last put in vehicle_wait asks for a vehicle.
  void wait_for_vehicle(std::uint32_t link, std::uint32_t id);
  void request_vehicle(std::uint32_t link, std::uint32_t count);
  void depart_on_paths(std::uint32_t link);
  // The unit boards with its travel time drawn. A departure's units arrive together: the first to board
  // opens a group (`group` == no_group) with one arrival event for all; a unit travelling alone (group null)
  // has its own.
  void board(std::uint32_t link, std::uint32_t id, double hours, std::uint32_t* group);
  void on_group_arrival(std::uint32_t group);
  // One departure's travel time: the link's time plus its delay, if any.
  double draw_hours(link_state& l);

  replication& r_;
  std::vector<link_state> links_;
  std::vector<window> windows_;
  std::vector<std::uint32_t> travelling_to_;  // by node
  // Units of departures travelling together, by group; slots (and their capacity) are reused, so a train is
  // one event in the scheduler's heap, not one per unit, without allocating once the groups have grown.
  static constexpr std::uint32_t no_group = UINT32_MAX;
  std::vector<std::vector<std::uint32_t>> groups_;
  std::vector<std::uint32_t> free_groups_;
};

}  // namespace freightsim::detail
