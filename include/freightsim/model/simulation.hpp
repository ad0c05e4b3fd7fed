// One replication of a corridor model.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "freightsim/engine/time.hpp"
#include "freightsim/model/corridor.hpp"
#include "freightsim/model/replication_result.hpp"

namespace freightsim {

struct run_window {
  sim_time warmup{0};
  sim_time horizon{0};
};

// What the model emits, to its observers (the statistics collector, the trace): one record per thing that
// happened. `where` is a node (vertex) or, for link_departure, vehicle and left_behind, a link index.
enum class trace_kind : std::uint8_t {
  created,         // a unit appeared at its origin
  service_start,   // duration: its whole wait for the server
  link_departure,  // duration: until its arrival; value: the drawn travel hours
  delivered,       // duration: its transit time; value: its cost in USD
  arrived,         // at a node, off a link
  wait_begun,      // cause: what it waits for
  wait_ended,      // cause and duration of one part of a wait (a wait can end as closed time and queue)
  service_end,     // duration: the service time
  departed,        // left the node (toward a link, or delivered)
  vehicle,         // a vehicle (train, sailing, a unit alone) left the link's origin; no unit
  left_behind,     // value: units a full sailing left behind; no unit
};
const char* to_string(trace_kind kind);
struct trace_record {
  sim_time time{0};
  trace_kind kind = trace_kind::created;
  std::uint32_t shipment = 0;  // slot number, reused after delivery
  std::uint32_t flow = 0;
  std::size_t where = 0;
  wait_cause cause = wait_cause::queue;
  std::uint64_t unit = 0;  // the unit's number, 1, 2, ... in order of creation (0 for link events)
  sim_time duration{0};
  double value = 0;
};
using trace_sink = std::function<void(const trace_record&)>;

// Guards against runaway runs. A replication stops early, keeping what it measured, when more than
// `max_in_network` units are in the network (a saturated node) or when `cancel` becomes true.
struct run_limits {
  std::uint64_t max_in_network = 1'000'000;
  const std::atomic<bool>* cancel = nullptr;
};

// The main nodes whose time series a replication records (node_series): nodes with servers or waiting places,
// at most max_series_nodes, in the scenario's order.
std::vector<std::uint32_t> series_nodes(const corridor& model);

// Deterministic in (corridor, window, seed, replication): each entity draws from its own random stream.
// `trace`, when given, receives every record the model emits, in order.
replication_result simulate(const corridor& model, run_window window, std::uint64_t seed,
                            std::uint32_t replication, const trace_sink* trace = nullptr,
                            const run_limits& limits = {});

}  // namespace freightsim
