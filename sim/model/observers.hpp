// The model's observers as a compile-time list: every record the model emits goes to each observer's
// on(const trace_record&) in turn, by direct (inlinable) calls, no virtual call and no allocation.
#pragma once

#include <tuple>

#include "freightsim/model/simulation.hpp"

namespace freightsim::detail {

template <class... Observers>
class observer_list {
 public:
  explicit observer_list(Observers&... observers) : list_(observers...) {}
  void emit(const trace_record& e) {
    std::apply([&](auto&... o) { (o.on(e), ...); }, list_);
  }

 private:
  std::tuple<Observers&...> list_;
};

// Passes records to a caller's trace sink (tests, `freightsim run --trace`); without one it costs a test.
class trace_forwarder {
 public:
  explicit trace_forwarder(const trace_sink* sink) : sink_(sink) {}
  void on(const trace_record& e) const {
    if (sink_) (*sink_)(e);
  }

 private:
  const trace_sink* sink_;
};

}  // namespace freightsim::detail
