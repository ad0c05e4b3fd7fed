#include "freightsim/analysis/service_time.hpp"

#include <algorithm>

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
  if (!node.has_servers()) return {};
  double m = 0, var = 0;
  if (node.service) add_part(m, var, 1.0, *node.service);
  if (node.inspection) add_part(m, var, node.inspection->probability, node.inspection->extra);
  if (node.transfer && transfer_share > 0) add_part(m, var, transfer_share, *node.transfer);
  // Stages on the servers: an inspection's second visit is counted as load on the same servers (its second
  // queueing is not modelled: an approximation).
  for (const stage_spec& s : node.stages) {
    if (const auto* service = std::get_if<stage::service>(&s)) add_part(m, var, 1.0, service->time);
    if (const auto* inspection = std::get_if<stage::inspection>(&s))
      add_part(m, var, inspection->share, inspection->time);
  }
  return {m, m > 0 ? var / (m * m) : 0.0};
}

time_moments node_delay_time(const node_spec& node, const std::string& flow_id, double transfer_share) {
  double m = 0, var = 0;
  for (const stage_spec& s : node.stages) {
    if (const auto* delay = std::get_if<stage::delay>(&s)) {
      const bool applies = delay->flows.empty() ||
                           std::find(delay->flows.begin(), delay->flows.end(), flow_id) != delay->flows.end();
      if (applies) add_part(m, var, delay->share, delay->time);
    }
    if (const auto* transfer = std::get_if<stage::transfer>(&s); transfer && transfer_share > 0)
      add_part(m, var, transfer_share, transfer->time);
  }
  return {m, m > 0 ? var / (m * m) : 0.0};
}

}  // namespace freightsim
