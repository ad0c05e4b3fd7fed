// The model's observers as a compile-time list: every record the model emits goes to each observer's
// on<kind>(const trace_record&) in turn (the kind a template argument, so each call site keeps only its
// case), by direct (inlinable) calls, no virtual call and no allocation.
#pragma once

#include <tuple>

#include "freightsim/model/simulation.hpp"

namespace freightsim::detail {

template <class... Observers>
class observer_list {
 public:
  explicit observer_list(Observers&... observers) : list_(observers...) {}
  template <trace_kind K>
  void emit(const trace_record& e) {
    std::apply([&](auto&... o) { (o.template on<K>(e), ...); }, list_);
  }

 private:
  std::tuple<Observers&...> list_;
};

// Passes records to a caller's trace sink (tests, `freightsim run --trace`); without one it costs a test.
class trace_forwarder {
 public:
  explicit trace_forwarder(const trace_sink* sink) : sink_(sink) {}
  template <trace_kind>
  void on(const trace_record& e) const {
    if (sink_) [[unlikely]]
      send(e);
  }

 private:
  // Out of line and cold: the statistics' inlined code stays free of the sink call.
  [[gnu::cold, gnu::noinline]] void send(const trace_record& e) const { (*sink_)(e); }
  const trace_sink* sink_;
};

}  // namespace freightsim::detail
