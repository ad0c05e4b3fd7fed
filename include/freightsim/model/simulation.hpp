// One replication of a corridor: Poisson arrivals, FCFS multi-server nodes, links travelled in parallel.
#pragma once

#include <cstdint>

#include "freightsim/engine/time.hpp"
#include "freightsim/model/corridor.hpp"
#include "freightsim/model/replication_result.hpp"

namespace freightsim {

struct run_window {
  sim_time warmup{0};
  sim_time horizon{0};
};

// Deterministic in (corridor, window, seed, replication): each entity draws from its own random stream.
replication_result simulate(const corridor& model, run_window window, std::uint64_t seed,
                            std::uint32_t replication);

}  // namespace freightsim
