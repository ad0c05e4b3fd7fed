// Accumulated time during which a place (a node or a link) was closed, so that a wait there can be split
// exactly into its closed part and the rest.
#pragma once

#include "freightsim/engine/time.hpp"

namespace freightsim::detail {

class closed_clock {
 public:
  void set(sim_time now, bool closed) {
    if (closed && !closed_) since_ = now;
    if (!closed && closed_) total_ += now - since_;
    closed_ = closed;
  }
  [[nodiscard]] bool closed() const { return closed_; }
  [[nodiscard]] sim_time total(sim_time now) const { return total_ + (closed_ ? now - since_ : sim_time{0}); }

 private:
  bool closed_ = false;
  sim_time since_{0}, total_{0};
};

}  // namespace freightsim::detail
