// Storage, demurrage or detention charged on a unit's stay at a node (arrival to departure, waits and service
// alike): a step tariff of bands, each a rate per day from its `after` to the next band's. Free time is the
// first band's `after`. Port storage and wagon demurrage are both this shape (process figures 7.1-7.6).
#pragma once

#include <algorithm>
#include <vector>

#include "freightsim/engine/time.hpp"

namespace freightsim {

struct storage_band {
  sim_time after{0};       // the band starts this long into the stay
  double usd_per_day = 0;  // per unit, charged pro rata for each part of a day
};

struct storage_tariff {
  std::vector<storage_band> bands;  // strictly ascending `after`

  [[nodiscard]] bool empty() const { return bands.empty(); }

  // The charge for a stay of `stay`: each band's rate over the part of the stay inside the band.
  [[nodiscard]] double charge(sim_time stay) const {
    double usd = 0;
    for (std::size_t i = 0; i < bands.size() && stay > bands[i].after; ++i) {
      const sim_time end = i + 1 < bands.size() ? std::min(stay, bands[i + 1].after) : stay;
      usd += bands[i].usd_per_day * to_hours(end - bands[i].after) / 24.0;
    }
    return usd;
  }
};

}  // namespace freightsim
