// One replication of a corridor model.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "freightsim/engine/time.hpp"
#include "freightsim/model/corridor.hpp"
#include "freightsim/model/replication_result.hpp"

namespace freightsim {

struct run_window {
  sim_time warmup{0};
  sim_time horizon{0};
};

// What happened to one unit, for tests and debugging. `where` is a node (vertex) or, for link_departure, a
// link index.
enum class trace_kind : std::uint8_t { created, service_start, link_departure, delivered };
struct trace_record {
  sim_time time{0};
  trace_kind kind = trace_kind::created;
  std::uint32_t shipment = 0;  // slot number, reused after delivery
  std::uint32_t flow = 0;
  std::size_t where = 0;
};
using trace_sink = std::function<void(const trace_record&)>;

// Guards against runaway runs. A replication stops early, keeping what it measured, when more than
// `max_in_network` units are in the network (a saturated node) or when `cancel` becomes true.
struct run_limits {
  std::uint64_t max_in_network = 1'000'000;
  const std::atomic<bool>* cancel = nullptr;
};

// Deterministic in (corridor, window, seed, replication): each entity draws from its own random stream.
replication_result simulate(const corridor& model, run_window window, std::uint64_t seed,
                            std::uint32_t replication, const trace_sink* trace = nullptr,
                            const run_limits& limits = {});

}  // namespace freightsim
