// The replication's statistics: what is observed after the warm-up, and every stretch of each unit's life,
// added to its flow's breakdown when the unit is delivered.
#pragma once

#include <cstdint>
#include <vector>

#include "freightsim/engine/time.hpp"
#include "freightsim/model/corridor.hpp"
#include "freightsim/model/replication_result.hpp"
#include "shipment_pool.hpp"

namespace freightsim::detail {

class statistics {
 public:
  statistics(const corridor& model, bool observing);

  [[nodiscard]] bool observing() const { return observing_; }
  void start_observing() { observing_ = true; }
  [[nodiscard]] replication_result& result() { return result_; }

  // Unit `id` of `flow` was created (its slot may be new).
  void created(std::uint32_t id, std::uint32_t flow);
  // A wait of unit `id` at node v ended; it counts for v under `cause`.
  void wait_ended(std::uint32_t id, vertex v, wait_cause cause, sim_time duration);
  // A unit waited `wait` in all for a server at v (queue and closed time together).
  void server_wait(vertex v, sim_time wait);
  void service(std::uint32_t id, vertex v, sim_time duration);
  // A unit boards `link` for `duration` (to its arrival, clamped past the horizon); `hours` is the drawn
  // time.
  void travel(std::uint32_t id, std::uint32_t link, sim_time duration, double hours);
  void vehicle(std::uint32_t link);
  void left_behind(std::uint32_t link, std::size_t units);
  void departed(vertex v);
  void delivered(std::uint32_t id, const shipment& s, sim_time now);

 private:
  // One stretch of a unit's life. `place` is node * stop_part_count + part, or node_count * stop_part_count +
  // link for travel.
  struct life_part {
    std::uint32_t place = 0;
    sim_time duration{0};
  };
  void log_part(std::uint32_t id, std::uint32_t place, sim_time duration);
  void add_life(std::uint32_t id, const shipment& s, sim_time now);

  bool observing_;
  std::size_t node_count_;
  replication_result result_;
  std::vector<std::vector<life_part>> lives_;  // by shipment slot
};

}  // namespace freightsim::detail
