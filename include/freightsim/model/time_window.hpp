// A window of simulation time [from, to), possibly repeating every `every` (longer than the window) until the
// horizon: disruptions of nodes and links. The simulation schedules its edges as events; these functions give
// the same answer at any time, for the analytic layer and for tests.
#pragma once

#include <optional>

#include "freightsim/engine/time.hpp"

namespace freightsim {

// Whether the window, or one of its repetitions, holds at t.
constexpr bool window_holds(sim_time from, sim_time to, std::optional<sim_time> every, sim_time t) {
  if (t < from) return false;
  const sim_time into = every ? (t - from) % *every : t - from;
  return into < to - from;
}

// The first start or end of the window, or of a repetition, after t (sim_time::max() when none follows).
constexpr sim_time window_next_edge(sim_time from, sim_time to, std::optional<sim_time> every, sim_time t) {
  if (t < from) return from;
  if (!every) return t < to ? to : sim_time::max();
  const sim_time start = from + ((t - from) / *every) * *every;
  return t < start + (to - from) ? start + (to - from) : start + *every;
}

}  // namespace freightsim
