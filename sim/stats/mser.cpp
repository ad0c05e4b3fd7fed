#include "freightsim/stats/mser.hpp"

#include <stdexcept>
#include <vector>

namespace freightsim {

double mser_statistic(std::span<const double> z, std::size_t d) {
  if (d >= z.size()) throw std::invalid_argument("mser_statistic: nothing left after deleting the warm-up");
  const auto rest = z.subspan(d);
  const auto m = static_cast<double>(rest.size());
  double mean = 0;
  for (const double x : rest)
    mean += x;
  mean /= m;
  double squares = 0;
  for (const double x : rest)
    squares += (x - mean) * (x - mean);
  return squares / (m * m);
}

std::size_t mser_truncation(std::span<const double> series, std::size_t batch) {
  if (batch == 0) throw std::invalid_argument("mser_truncation: batch must be >= 1");
  const std::size_t k = series.size() / batch;
  if (k < 2) return 0;
  std::vector<double> means(k, 0.0);
  for (std::size_t j = 0; j < k; ++j) {
    for (std::size_t i = 0; i < batch; ++i)
      means[j] += series[j * batch + i];
    means[j] /= static_cast<double>(batch);
  }
  // Two passes per d (k is a few hundred): exact enough that a tie between equal tails stays a tie.
  std::size_t best = 0;
  double best_value = mser_statistic(means, 0);
  for (std::size_t d = 1; d <= k / 2; ++d)
    if (const double v = mser_statistic(means, d); v < best_value) {
      best = d;
      best_value = v;
    }
  return best * batch;
}

}  // namespace freightsim
