// Duration distributions (values in hours). A distribution is a plain value: a variant of parameter structs.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "freightsim/engine/random.hpp"

namespace freightsim {

namespace dist {
struct constant {
  double value = 0;
};
struct exponential {
  double mean = 1;
};
struct uniform {
  double min = 0, max = 1;
};
struct triangular {
  double min = 0, mode = 0, max = 1;
};
// Normal truncated at 0 (negative draws are redrawn); the scenario loader requires mean > 0, so at least half
// of all draws are accepted and sampling always terminates.
struct normal {
  double mean = 1, sd = 0;
};
struct lognormal {
  double mean = 1, cv = 1;
};
struct gamma {
  double mean = 1, cv = 1;
};
struct erlang {
  std::uint32_t k = 1;
  double mean = 1;
};
// Resamples the given values with equal probability.
struct empirical {
  std::vector<double> values;
  std::string source;  // the CSV file, for messages
};
}  // namespace dist

using distribution = std::variant<dist::constant, dist::exponential, dist::uniform, dist::triangular,
                                  dist::normal, dist::lognormal, dist::gamma, dist::erlang, dist::empirical>;

// One draw, in hours (always >= 0).
double sample(const distribution& d, random_stream& rng);
// Exact mean and variance of what `sample` returns (the truncated normal's moments, not its parameters').
double mean(const distribution& d);
double variance(const distribution& d);
// Name as written in scenarios ("exponential" ...).
const char* name(const distribution& d);

// Building blocks, exposed for tests and for the arrival processes.
double sample_exponential(random_stream& rng, double mean);
double sample_standard_normal(random_stream& rng);
double sample_gamma(random_stream& rng, double shape, double scale);

}  // namespace freightsim
