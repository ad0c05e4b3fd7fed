#include "freightsim/analysis/erlang.hpp"

#include <cmath>
#include <limits>

namespace freightsim {

double erlang_c(std::uint32_t servers, double offered) {
  const double c = servers;
  if (servers == 0 || offered >= c) return 1.0;
  if (offered <= 0) return 0.0;
  // Erlang B by its stable recursion B(k) = a B(k-1) / (k + a B(k-1)), then C = B / (1 - rho (1 - B)).
  double b = 1.0;
  for (std::uint32_t k = 1; k <= servers; ++k)
    b = offered * b / (k + offered * b);
  const double rho = offered / c;
  return b / (1.0 - rho * (1.0 - b));
}

double mmc_wait(std::uint32_t servers, double lambda, double mean_service) {
  const double capacity = servers / mean_service;  // c mu
  if (lambda >= capacity) return std::numeric_limits<double>::infinity();
  return erlang_c(servers, lambda * mean_service) / (capacity - lambda);
}

double mmc_wait_tail(std::uint32_t servers, double lambda, double mean_service, double t) {
  const double capacity = servers / mean_service;
  if (lambda >= capacity) return 1.0;
  return erlang_c(servers, lambda * mean_service) * std::exp(-(capacity - lambda) * t);
}

double allen_cunneen_wait(std::uint32_t servers, double lambda, double mean_service, double ca2, double cs2) {
  return mmc_wait(servers, lambda, mean_service) * (ca2 + cs2) / 2.0;
}

double wait_quantile(double mean_wait, double p_wait, double p) {
  if (!std::isfinite(mean_wait)) return mean_wait;
  if (mean_wait <= 0 || p_wait <= 1.0 - p) return 0.0;
  return mean_wait / p_wait * std::log(p_wait / (1.0 - p));
}

std::uint32_t servers_for_stability(double offered) {
  return static_cast<std::uint32_t>(std::floor(offered)) + 1;
}

}  // namespace freightsim
