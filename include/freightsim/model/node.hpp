// A checkpoint: an FCFS multi-server station, or a pass-through junction when it has no service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "freightsim/engine/distribution.hpp"

namespace freightsim {

struct location {
  double lat = 0, lon = 0;
};

struct inspection_spec {
  double probability = 0;  // share of units that get the extra service
  distribution extra;
};

struct node_spec {
  std::string id;
  std::string name;  // display name; defaults to the id
  std::optional<location> where;
  std::uint32_t servers = 1;
  std::optional<distribution> service;  // none: a junction, passed without delay
  std::optional<inspection_spec> inspection;

  [[nodiscard]] bool is_junction() const { return !service.has_value(); }
  // Mean time a unit spends in service here (0 for a junction), used by shortest-path routing.
  [[nodiscard]] double expected_service_hours() const;
};

}  // namespace freightsim
