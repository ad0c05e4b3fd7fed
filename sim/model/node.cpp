#include "freightsim/model/node.hpp"

namespace freightsim {

double node_spec::expected_service_hours() const {
  if (!service) return 0.0;
  double hours = mean(*service);
  if (inspection) hours += inspection->probability * mean(inspection->extra);
  return hours;
}

}  // namespace freightsim
