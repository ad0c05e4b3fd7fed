// Expected waits for a departure and for a server, as route choice sees them
// (include/freightsim/model/departure_wait.hpp, node_spec::expected_queue_hours): closed forms and an
// independent quadrature. Each check names the wrong implementation it catches.
#include <doctest/doctest.h>

#include <cmath>

#include "freightsim/model/departure_wait.hpp"
#include "freightsim/model/node.hpp"

using namespace freightsim;

namespace {

// E[min(S_m, T)] = integral over [0, T] of P(N(t) < m), by Simpson's rule: independent of the sum of
// Poisson tails in formation_wait_hours.
double wait_by_quadrature(double rate, std::uint32_t m, double window) {
  const auto below = [&](double t) {
    double term = std::exp(-rate * t), sum = 0;
    for (std::uint32_t k = 0; k < m; ++k) {
      sum += term;
      term *= rate * t / (k + 1.0);
    }
    return sum;
  };
  const int steps = 4000;
  const double h = window / steps;
  double total = below(0) + below(window);
  for (int i = 1; i < steps; ++i)
    total += (i % 2 == 1 ? 4.0 : 2.0) * below(i * h);
  return total * h / 3.0;
}

link_spec batch_link(std::uint32_t size, std::optional<double> max_wait_h = std::nullopt) {
  link_spec l;
  l.time = distribution{dist::constant{1.0}};
  l.batch = batch_spec{size, max_wait_h ? std::optional(from_hours(*max_wait_h)) : std::nullopt};
  return l;
}

}  // namespace

// Catches: the static average over a batch's units, (N-1)/(2 rate), used for a unit that joins an empty
// buffer (it waits for all N-1 others: 4.5 h, not 2.25 h); a sum one term short or long; a missing / rate;
// max_wait ignored; the terms underflowing for a long window at a high rate (exp(-800) = 0 would give m /
// rate = 1000 h, beyond the 800 h window).
TEST_CASE("formation_wait_hours is E[min(S_m, T)] for Poisson arrivals") {
  CHECK(formation_wait_hours(2.0, 9, std::nullopt) == doctest::Approx(4.5));
  CHECK(formation_wait_hours(2.0, 0, std::nullopt) == 0.0);
  // m = 1: E[min(Exp(rate), T)] = (1 - e^{-rate T}) / rate.
  CHECK(formation_wait_hours(0.5, 1, 3.0) == doctest::Approx((1.0 - std::exp(-1.5)) / 0.5).epsilon(1e-12));
  CHECK(formation_wait_hours(0.5, 3, 4.0) == doctest::Approx(wait_by_quadrature(0.5, 3, 4.0)).epsilon(1e-9));
  CHECK(formation_wait_hours(0.2, 20, 50.0) ==
        doctest::Approx(wait_by_quadrature(0.2, 20, 50.0)).epsilon(1e-9));
  CHECK(formation_wait_hours(1.0, 1000, 800.0) == doctest::Approx(800.0).epsilon(1e-9));
  // Nothing arrives: the window, or forever.
  CHECK(formation_wait_hours(0.0, 5, 7.0) == 7.0);
  CHECK(std::isinf(formation_wait_hours(0.0, 5, std::nullopt)));
  // The analytic estimate's average over a batch's units is unchanged by the move: (N-1)/(2 rate).
  CHECK(batch_formation(2.0, 10, std::nullopt).wait_h == doctest::Approx(9.0 / 4.0));
}

// Catches: a static estimate blind to the buffer (a nearly full train would cost as much as an empty one);
// units of a closed link's whole batches counted toward the forming one; max_wait counted from the new unit
// rather than from the first in the buffer; a sailing wait beyond headway / 2 ignored for units left behind;
// the lesser of fill-up and schedule not taken; queued departures for train paths ignored.
TEST_CASE("departure_wait_hours: a fuller buffer, a schedule and train paths") {
  const link_spec train = batch_link(10);
  link_waiting now;
  now.rate = 1.0;
  CHECK(departure_wait_hours(train, now) == doctest::Approx(9.0));
  now.buffered = 8;
  CHECK(departure_wait_hours(train, now) == doctest::Approx(1.0));
  now.buffered = 13;  // closed: one whole train and 3 units of the next
  CHECK(departure_wait_hours(train, now) == doctest::Approx(6.0));

  // max_wait 5 h, the first of 2 units has waited 4 h: at most 1 h more.
  const link_spec ship = batch_link(10, 5.0);
  now.buffered = 2;
  now.first_waited_h = 4.0;
  CHECK(departure_wait_hours(ship, now) == doctest::Approx(formation_wait_hours(1.0, 7, 1.0)));
  CHECK(departure_wait_hours(ship, now) < 1.0);
  now.buffered = 0;  // an empty buffer: the new unit starts the clock
  CHECK(departure_wait_hours(ship, now) == doctest::Approx(formation_wait_hours(1.0, 9, 5.0)));

  link_spec liner;
  liner.time = distribution{dist::constant{1.0}};
  liner.schedule = schedule_spec{from_hours(10.0), sim_time{0}, 4};
  now = {};
  CHECK(departure_wait_hours(liner, now) == doctest::Approx(5.0));
  now.buffered = 9;  // two full sailings ahead of the new unit
  CHECK(departure_wait_hours(liner, now) == doctest::Approx(25.0));

  // Sails when full (10, at 1 an hour: 9 h) or every 4 h (2 h on average): the lesser.
  link_spec either = batch_link(10);
  either.schedule = schedule_spec{from_hours(4.0), sim_time{0}, std::nullopt};
  now = {};
  now.rate = 1.0;
  CHECK(departure_wait_hours(either, now) == doctest::Approx(2.0));

  // 4 paths a day (6 h apart), 2 formed trains waiting and the next path in 1.5 h, on a plain link.
  link_spec single_track;
  single_track.time = distribution{dist::constant{1.0}};
  single_track.paths_per_day = 4.0;
  now = {};
  now.for_path = 2;
  now.next_path_in_h = 1.5;
  CHECK(departure_wait_hours(single_track, now) == doctest::Approx(13.5));
}

// Catches: the whole stay at the node (delays and holds, which have no servers and no queue) multiplied by
// the queue, as route choice did: 4 x (1 + 1 + 100) / 2 = 204 h instead of 4 h; the servers not dividing.
TEST_CASE("expected_queue_hours multiplies the queue by the server stages' time only") {
  node_spec n;
  n.servers = 2;
  n.stages = {stage::service{distribution{dist::constant{1.0}}},
              stage::inspection{0.5, distribution{dist::constant{2.0}}},
              stage::delay{distribution{dist::constant{100.0}}, wait_cause::hold, 1.0, {}}};
  CHECK(n.expected_server_hours() == doctest::Approx(2.0));
  CHECK(n.expected_queue_hours(4) == doctest::Approx(4.0));
  CHECK(n.expected_service_hours() == doctest::Approx(102.0));  // the fixed part: the delay once
  // The single-stage form: service and inspection hold a server.
  node_spec legacy;
  legacy.servers = 3;
  legacy.service = distribution{dist::constant{0.5}};
  legacy.inspection = inspection_spec{0.1, distribution{dist::constant{5.0}}};
  CHECK(legacy.expected_queue_hours(6) == doctest::Approx(6 * 1.0 / 3));
  node_spec junction;
  CHECK(junction.expected_queue_hours(10) == 0.0);
}
