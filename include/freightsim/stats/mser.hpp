// MSER-b truncation (White 1997; MSER-5 with b = 5): the warm-up to delete from one replication's output
// series so that the mean of the rest has the smallest estimated standard error.
#pragma once

#include <cstddef>
#include <span>

namespace freightsim {

// MSER(d) of the series z: with the first d values deleted, the sum of squared deviations of the remaining
// n - d values from their mean, over (n - d)^2. Needs d < n.
double mser_statistic(std::span<const double> z, std::size_t d);

// MSER-b: the series in batch means of b consecutive observations (an incomplete last batch is left out), the
// d minimizing MSER(d) over the batch means for d in [0, k/2] (k batches; the smallest d on a tie: the
// restriction to the first half keeps MSER from deleting a noisy tail). Returns the observations to delete,
// d x b; 0 with fewer than two batches.
std::size_t mser_truncation(std::span<const double> series, std::size_t batch = 5);

}  // namespace freightsim
