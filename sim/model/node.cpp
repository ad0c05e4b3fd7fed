#include "freightsim/model/node.hpp"

#include <algorithm>

namespace freightsim {

double node_spec::expected_service_hours() const {
  double hours = 0.0;
  if (service) hours += mean(*service);
  if (inspection) hours += inspection->probability * mean(inspection->extra);
  for (const stage_spec& s : stages)
    hours += expected_hours(s);
  return hours;
}

double node_spec::expected_server_hours() const {
  double hours = 0.0;
  if (service) hours += mean(*service);
  if (inspection) hours += inspection->probability * mean(inspection->extra);
  for (const stage_spec& s : stages)
    if (uses_servers(s)) hours += expected_hours(s);
  return hours;
}

double node_spec::expected_queue_hours(std::size_t queued) const {
  if (!has_servers() || servers == 0) return 0.0;
  return static_cast<double>(queued) * expected_server_hours() / static_cast<double>(servers);
}

bool node_spec::has_servers() const {
  return service.has_value() || std::any_of(stages.begin(), stages.end(), uses_servers);
}

}  // namespace freightsim
