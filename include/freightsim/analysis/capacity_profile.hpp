// A node's servers over the run (shifts, disruptions, breakdowns) and the wait they cause, approximated by a
// deterministic fluid queue: while the load exceeds the open servers a backlog builds and is cleared later;
// while no backlog remains, units see the stationary queue of the servers then open.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "freightsim/model/node.hpp"

namespace freightsim {

struct fluid_wait {
  double wait_h = 0;  // mean wait per unit
  double p_wait = 0;  // share of units that wait
};

class capacity_profile {
 public:
  capacity_profile() = default;
  // Servers from the node's calendar (capped at `servers`) and disruptions over [0, horizon]; averages are
  // over the observation window [warmup, horizon].
  capacity_profile(const node_spec& node, double horizon_h, double warmup_h);

  // Time-average of servers open over the window, times the breakdowns' availability mtbf / (mtbf + mttr).
  [[nodiscard]] double mean_servers() const { return mean_servers_with(0); }
  // Constant servers and no breakdowns: the wait is the stationary one.
  [[nodiscard]] bool constant() const;
  // Fewest `servers` (extra servers added to every open shift) whose mean_servers exceed `offered` load.
  [[nodiscard]] std::uint32_t servers_needed(double offered) const;

  // Mean wait of arrivals at `lambda` with mean service `mean_service_h`: the fluid backlog's wait while the
  // load exceeds the open servers; otherwise `between` (the wait for other groups' work, computed at the mean
  // servers) plus `within(c)` (the wait behind units of one's own group with c servers open). `p_between` and
  // `p_within(c)` are the matching probabilities of waiting. Breakdowns add each outage's backlog cleared at
  // the spare capacity: E[R^2] / (2 (mtbf + mttr)) r / (r - lambda).
  [[nodiscard]] fluid_wait wait(double lambda, double mean_service_h, double between, double p_between,
                                const std::function<double(std::uint32_t)>& within,
                                const std::function<double(std::uint32_t)>& p_within) const;

 private:
  struct segment {
    double from_h = 0, to_h = 0;
    std::uint32_t base = 0;  // calendar (or servers) before disruptions
    std::uint32_t cap = std::numeric_limits<std::uint32_t>::max();  // tightest disruption in force
    [[nodiscard]] std::uint32_t servers(std::uint32_t extra = 0) const {
      return std::min(base > 0 ? base + extra : 0, cap);
    }
  };
  [[nodiscard]] double mean_servers_with(std::uint32_t extra) const;

  std::vector<segment> segments_;  // covering [0, horizon], split at the warm-up
  double warmup_h_ = 0, horizon_h_ = 0;
  std::uint32_t servers_ = 0;
  double availability_ = 1;
  double outage_term_h_ = 0;  // E[R^2] / (2 (mtbf + mttr))
};

}  // namespace freightsim
