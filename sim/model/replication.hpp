// One replication: the components of the model (sources, stations, admission, link transport, fleets,
// routing, the shipment pool and the statistics collector, one of the observers of what happens) around one
// scheduler. Components call each other directly (no virtual call) and own their event kinds; the replication
// dispatches each event to its owner.
#pragma once

#include <cstdint>

#include "admission.hpp"
#include "event_kinds.hpp"
#include "fleets.hpp"
#include "freightsim/engine/scheduler.hpp"
#include "freightsim/model/simulation.hpp"
#include "link_transport.hpp"
#include "observers.hpp"
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
  // Tells the observers what happened to unit `id` at `where` (a node, or a link for link_departure).
  // The kind is a template argument: each call compiles to the observers' code for that kind alone.
  template <trace_kind K>
  void emit(std::uint32_t id, std::size_t where, wait_cause cause = wait_cause::queue,
            sim_time duration = sim_time{0}, double value = 0) {
    // The serial number only a trace reads: not loaded without one.
    observers.template emit<K>([&] {
      const std::uint64_t unit = tracer.active() ? pool.serial(id) : 0;
      return trace_record{now(), K, id, pool[id].flow, where, cause, unit, duration, value};
    });
  }
  // The part of a wait that ended now; nothing for an empty part.
  void wait_ended(std::uint32_t id, std::size_t where, wait_cause cause, sim_time duration) {
    if (duration > sim_time{0}) emit<trace_kind::wait_ended>(id, where, cause, duration);
  }
  // Something that happened at a link, to no unit in particular.
  template <trace_kind K>
  void emit_link(std::uint32_t link, double value = 0) {
    observers.template emit<K>(
        [&] { return trace_record{now(), K, 0, 0, link, wait_cause::queue, 0, sim_time{0}, value}; });
  }
  // The sink: the unit is complete at its destination.
  void deliver(std::uint32_t id);

  const run_window window;
  scheduler<> sched;
  shipment_pool pool;
  statistics stats;
  trace_forwarder tracer;
  observer_list<statistics, trace_forwarder> observers{stats, tracer};
  route_cache routes;
  sources arrivals;
  stations nodes;
  admission entry;  // waiting places, blocking, approach queues
  link_transport links;
  fleets vehicles;

 private:
  void handle(const event& e);
  void start_observing();
  bool must_stop();
  void finish();
  void count_places();

  run_limits limits_;
};

}  // namespace freightsim::detail
