// Fleets: pools of vehicles that links' departures need. A departure asks its link's fleet for a vehicle;
// free vehicles go to the waiting departures first come first served across the links sharing the fleet
// (skipping links that are closed), and a vehicle is busy for the loaded trip and its drawn empty return.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "freightsim/engine/random.hpp"
#include "freightsim/model/corridor.hpp"
#include "freightsim/model/replication_result.hpp"

namespace freightsim::detail {

class replication;

class fleets {
 public:
  enum kind : std::uint8_t {
    vehicle_back,  // id: fleet; a vehicle is free again at its origin
  };

  fleets(replication& r, const corridor& model, std::uint64_t seed, std::uint32_t rep);
  void handle(std::uint8_t kind, std::uint32_t id);

  // A departure formed on `link` needs a vehicle of `fleet`: it queues, and link_transport::vehicle_granted
  // is called (perhaps at once) when a vehicle is given to it.
  void request(std::uint32_t fleet, std::uint32_t link);
  // Gives free vehicles to waiting departures on open links (after a vehicle returns, or a link reopens).
  void assign(std::uint32_t fleet);
  // A departure that took a vehicle of `fleet` leaves now for `trip_h` hours; the vehicle returns after the
  // trip and a drawn return time.
  void dispatched(std::uint32_t fleet, double trip_h);

  [[nodiscard]] std::uint32_t free(std::uint32_t fleet) const { return pools_[fleet].free; }
  // For route choice: hours a departure asking now for a vehicle of `fleet` is expected to wait, the vehicles
  // returning one by one: (departures ahead + 1 - free) x `round_trip_h` (the trip and the mean empty
  // return, worked out once by the caller) / size.
  [[nodiscard]] double expected_wait_hours(std::uint32_t fleet, double round_trip_h) const;

 private:
  struct request_entry {
    std::uint32_t link = 0;
    sim_time since{};  // when the departure asked for a vehicle
  };
  struct pool {
    const fleet_spec* spec = nullptr;
    std::uint32_t free = 0;
    std::deque<request_entry> waiting;  // departures waiting for a vehicle, in order of request
    random_stream back;                 // return times
  };

  replication& r_;
  std::vector<pool> pools_;
};

}  // namespace freightsim::detail
