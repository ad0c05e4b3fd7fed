#include "freightsim/model/departure_wait.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace freightsim {

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();
}  // namespace

batch_wait batch_formation(double rate, std::uint32_t size, std::optional<double> max_wait_h,
                           double arriving) {
  if (size <= 1 || rate <= 0) return {0, 1};
  if (arriving >= 2.0) {
    const auto groups = static_cast<std::uint32_t>(std::ceil(size / arriving));
    const batch_wait b = batch_formation(rate / arriving, groups, max_wait_h, 1.0);
    return {b.wait_h, std::min<double>(size, b.mean_size * arriving)};
  }
  double total = 0, extra_units = 0;
  const double mu = max_wait_h ? rate * *max_wait_h : inf;
  double cdf = 0;  // P(Pois(mu) <= k)
  for (std::uint32_t k = 0; k + 2 <= size; ++k) {
    double tail = 1.0;
    if (std::isfinite(mu)) {
      cdf += std::exp(-mu + k * std::log(mu) - std::lgamma(k + 1.0));
      tail = std::max(0.0, 1.0 - cdf);
    }
    total += (1.0 + k) * tail;
    extra_units += tail;
  }
  return {total / rate / (1.0 + extra_units), 1.0 + extra_units};
}

double formation_wait_hours(double rate, std::uint32_t still_needed, std::optional<double> window_h) {
  if (still_needed == 0) return 0.0;
  const double window = window_h ? std::max(0.0, *window_h) : inf;
  if (rate <= 0) return window;
  if (!std::isfinite(window)) return still_needed / rate;
  // P(Pois(mu) >= k+1) from the running sum of its terms; exp(-mu) underflows past about 700, where the
  // terms are kept as logarithms.
  const double mu = rate * window;
  const bool in_logs = mu > 600.0;
  double term = in_logs ? -mu : std::exp(-mu), cdf = 0, total = 0;
  const double log_mu = in_logs ? std::log(mu) : 0.0;
  for (std::uint32_t k = 0; k < still_needed; ++k) {
    cdf += in_logs ? std::exp(term) : term;
    const double tail = 1.0 - cdf;
    if (tail <= 0) break;
    total += tail;
    term = in_logs ? term + log_mu - std::log(k + 1.0) : term * mu / (k + 1.0);
  }
  return total / rate;
}

double departure_wait_hours(const link_spec& link, const link_waiting& now) {
  double wait = 0.0;
  if (link.batch) {
    const std::uint32_t size = link.batch->size;
    // Units beyond whole batches (a closed link holds several) form the next one.
    const auto forming = static_cast<std::uint32_t>(now.buffered % size);
    std::optional<double> window;
    if (link.batch->max_wait)
      window = to_hours(*link.batch->max_wait) - (forming > 0 ? now.first_waited_h : 0.0);
    wait = formation_wait_hours(now.rate, size - 1 - forming, window);
  }
  if (link.schedule) {
    const double headway = to_hours(link.schedule->headway);
    double sailing = headway / 2.0;
    if (link.schedule->capacity && !link.batch)
      sailing += std::floor(static_cast<double>(now.buffered) / *link.schedule->capacity) * headway;
    wait = link.batch ? std::min(wait, sailing) : sailing;
  }
  if (link.paths_per_day)
    wait += static_cast<double>(now.for_path) * 24.0 / *link.paths_per_day + now.next_path_in_h;
  return wait;
}

}  // namespace freightsim
