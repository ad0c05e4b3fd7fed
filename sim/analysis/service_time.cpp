#include "freightsim/analysis/service_time.hpp"

namespace freightsim {

namespace {

// Adds an independent part present with probability p: E[pX] and Var = p Var X + p (1 - p) (E X)^2.
void add_part(double& m, double& var, double p, const distribution& d) {
  const double mx = mean(d);
  m += p * mx;
  var += p * variance(d) + p * (1.0 - p) * mx * mx;
}

}  // namespace

time_moments node_service_time(const node_spec& node, double transfer_share) {
  if (node.is_junction()) return {};
  double m = 0, var = 0;
  add_part(m, var, 1.0, *node.service);
  if (node.inspection) add_part(m, var, node.inspection->probability, node.inspection->extra);
  if (node.transfer && transfer_share > 0) add_part(m, var, transfer_share, *node.transfer);
  return {m, m > 0 ? var / (m * m) : 0.0};
}

}  // namespace freightsim
