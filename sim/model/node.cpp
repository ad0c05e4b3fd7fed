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

bool node_spec::has_servers() const {
  return service.has_value() || std::any_of(stages.begin(), stages.end(), uses_servers);
}

}  // namespace freightsim
