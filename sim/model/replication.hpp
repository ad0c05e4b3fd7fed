// One replication: the components of the model (sources, stations, admission, link transport, routing, the
// shipment pool and the statistics) around one scheduler. Components call each other directly (no virtual
// call) and own their event kinds; the replication dispatches each event to its owner.
#pragma once

#include <cstdint>

#include "admission.hpp"
#include "event_kinds.hpp"
#include "freightsim/engine/scheduler.hpp"
#include "freightsim/model/simulation.hpp"
#include "link_transport.hpp"
#include "route_cache.hpp"
#include "shipment_pool.hpp"
#include "sources.hpp"
#include "stations.hpp"
#include "statistics.hpp"

namespace freightsim::detail {

class replication {
 public:
  replication(const corridor& model, run_window window, std::uint64_t seed, std::uint32_t rep,
              const trace_sink* trace, const run_limits& limits);
  replication(const replication&) = delete;
  replication& operator=(const replication&) = delete;

  replication_result run();

  [[nodiscard]] sim_time now() const { return sched.now(); }
  // now + a drawn duration. Draws from long-tailed distributions can exceed any clock: whatever ends after
  // the horizon ends at a time past it (never handled), without overflow.
  [[nodiscard]] sim_time after(double hours) const {
    const double left_h = to_hours(window.horizon - now());
    if (!(hours <= left_h)) return window.horizon + sim_time{1};
    return now() + from_hours(hours);
  }
  event_handle schedule(sim_time at, owner o, std::uint8_t kind, std::uint32_t id) {
    return sched.schedule(at, event_kind(o, kind), id);
  }
  void record(trace_kind kind, std::uint32_t id, std::size_t where) {
    if (trace_) (*trace_)({now(), kind, id, pool[id].flow, where});
  }
  // The sink: the unit is complete at its destination.
  void deliver(std::uint32_t id);

  const run_window window;
  scheduler<> sched;
  shipment_pool pool;
  statistics stats;
  route_cache routes;
  sources arrivals;
  stations nodes;
  admission entry;  // waiting places, blocking, approach queues
  link_transport links;

 private:
  void handle(const event& e);
  void start_observing();
  bool must_stop();
  void finish();
  void count_places();

  const trace_sink* trace_;
  run_limits limits_;
};

}  // namespace freightsim::detail
