// Opening hours: servers available per weekly time window, in a node's local time.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "freightsim/engine/time.hpp"

namespace freightsim {

inline constexpr sim_time week = std::chrono::duration_cast<sim_time>(std::chrono::hours(24 * 7));

struct shift {
  std::array<bool, 7> days{};  // Monday first; the day the shift starts
  sim_time from{0}, to{0};     // local time of day; to <= from means the shift ends the next day
  std::uint32_t servers = 0;
};

// Simulation time 0 is Monday 00:00 UTC; local time is UTC plus `utc_offset`. Overlapping shifts add their
// servers; outside every shift the node is closed.
class weekly_calendar {
 public:
  weekly_calendar() = default;
  weekly_calendar(const std::vector<shift>& shifts, sim_time utc_offset);

  // Servers open at simulation time t.
  [[nodiscard]] std::uint32_t servers_at(sim_time t) const;
  // The first time after t at which the number of open servers may change.
  [[nodiscard]] sim_time next_change_after(sim_time t) const;
  [[nodiscard]] bool empty() const { return steps_.empty(); }
  // The most servers the shifts open at any one time.
  [[nodiscard]] std::uint32_t peak() const;

 private:
  struct step {
    sim_time at;  // offset within the week, UTC
    std::uint32_t servers;
  };
  [[nodiscard]] sim_time week_offset(sim_time t) const;
  std::vector<step> steps_;  // sorted by `at`, first at 0
};

}  // namespace freightsim
