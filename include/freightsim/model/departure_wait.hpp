// Expected waits for a departure at a link's origin (a train to form, a ship to fill or sail, a train path),
// as pure functions of the link and what is waiting there: shared by route choice during a replication and
// by the analytic estimate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "freightsim/model/link.hpp"

namespace freightsim {

// Mean wait of a unit for its batch, averaged over the units of a batch: arrivals Poisson at `rate` (per
// hour), the batch leaves with `size` units or `max_wait_h` after its first; also the mean number of units
// per batch. Units present during [0, tau) with tau = min(T, S_{N-1}): E[total wait] = sum_{k<=N-2} (1+k)
// P(Pois(rate T)
// >= k+1) / rate ((N-1)/(2 rate) per unit without max_wait). Units arriving in groups of about `arriving` (a
// train's units reloaded) are counted in groups: ceil(N / G) groups at rate rate / G, at most N units a
// batch.
struct batch_wait {
  double wait_h = 0, mean_size = 1;
};
batch_wait batch_formation(double rate, std::uint32_t size, std::optional<double> max_wait_h,
                           double arriving = 1.0);

// Expected wait of a unit that joins a forming batch now and needs `still_needed` more Poisson arrivals at
// `rate` (per hour), or leaves at the latest after `window_h` (none: no limit):
// E[min(S_m, T)] = sum_{k<m} P(Pois(rate T) >= k+1) / rate, m / rate without a limit. Infinite when nothing
// arrives and there is no limit.
double formation_wait_hours(double rate, std::uint32_t still_needed, std::optional<double> window_h);

// What waits at a link's origin when a unit chooses its path, and the link's arrival rate.
struct link_waiting {
  double rate = 0;            // units per hour joining the link (observed so far, or planned)
  std::size_t buffered = 0;   // units waiting for a batch to fill or for a sailing
  double first_waited_h = 0;  // how long the first of them has waited (for max_wait)
  std::size_t for_path = 0;   // formed departures waiting for a train path
  double next_path_in_h = 0;  // until the next path is free (0 when it is)
};

// Expected hours a unit joining the link now waits for its departure: the batch's formation (the units
// already in the buffer count toward it, and max_wait from the first of them), the sailing (headway / 2, plus
// a headway for each full sailing's worth of units ahead of it), the lesser of the two for a link that
// leaves when full or on its schedule, then each formed departure ahead of it on the link's paths. Fleets,
// closures and disruptions are not counted.
double departure_wait_hours(const link_spec& link, const link_waiting& now);

}  // namespace freightsim
