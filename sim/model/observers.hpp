// The model's observers as a compile-time list: every record the model emits goes to each observer's
// on<kind>(const trace_record&) in turn (the kind a template argument, so each call site keeps only its
// case), by direct (inlinable) calls, no virtual call and no allocation. Changes of a node's levels (units
// waiting and approaching; servers busy and open) and a fleet's busy vehicles go to queue_changed,
// servers_changed and fleet_changed: state, not events, from which the collector keeps its time averages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <tuple>

#include "freightsim/model/simulation.hpp"

namespace freightsim::detail {

template <class... Observers>
class observer_list {
 public:
  explicit observer_list(Observers&... observers) : list_(observers...) {}
  // `make` builds the record. Each observer gets its own, built where it is read: an observer that may not
  // read it (the trace, without a sink) takes `make` itself and calls it only when it does, so the record
  // never leaves registers on the hot path.
  template <trace_kind K, class Make>
  void emit(const Make& make) {
    std::apply([&](auto&... o) { (notify<K>(o, make), ...); }, list_);
  }
  void queue_changed(sim_time now, std::size_t node, std::size_t waiting, std::size_t approaching) {
    std::apply([&](auto&... o) { (o.queue_changed(now, node, waiting, approaching), ...); }, list_);
  }
  void servers_changed(sim_time now, std::size_t node, std::uint32_t busy, std::uint32_t open) {
    std::apply([&](auto&... o) { (o.servers_changed(now, node, busy, open), ...); }, list_);
  }
  // A fleet's vehicles busy changed; a departure was given a vehicle after waiting `waited` for it.
  void fleet_changed(sim_time now, std::size_t fleet, std::uint32_t busy) {
    std::apply([&](auto&... o) { (o.fleet_changed(now, fleet, busy), ...); }, list_);
  }
  void vehicle_granted(std::size_t fleet, sim_time waited) {
    std::apply([&](auto&... o) { (o.vehicle_granted(fleet, waited), ...); }, list_);
  }

 private:
  template <trace_kind K, class Observer, class Make>
  static void notify(Observer& o, const Make& make) {
    if constexpr (requires { o.template on_lazy<K>(make); })
      o.template on_lazy<K>(make);
    else
      o.template on<K>(make());
  }

  std::tuple<Observers&...> list_;
};

// Passes records to a caller's trace sink (tests, `freightsim run --trace`); without one it costs a test.
class trace_forwarder {
 public:
  explicit trace_forwarder(const trace_sink* sink) : sink_(sink) {}
  [[nodiscard]] bool active() const { return sink_ != nullptr; }
  template <trace_kind, class Make>
  void on_lazy(const Make& make) const {
    if (sink_) [[unlikely]]
      send(make());
  }
  // The trace holds what happened to units and vehicles; levels follow from it.
  void queue_changed(sim_time, std::size_t, std::size_t, std::size_t) const {}
  void servers_changed(sim_time, std::size_t, std::uint32_t, std::uint32_t) const {}
  void fleet_changed(sim_time, std::size_t, std::uint32_t) const {}
  void vehicle_granted(std::size_t, sim_time) const {}

 private:
  // Out of line and cold: the statistics' inlined code stays free of the sink call.
  [[gnu::cold, gnu::noinline]] void send(const trace_record& e) const { (*sink_)(e); }
  const trace_sink* sink_;
};

}  // namespace freightsim::detail
