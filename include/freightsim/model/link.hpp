// A directed connection between two nodes, travelled without queueing (a line of ample capacity).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "freightsim/engine/distribution.hpp"

namespace freightsim {

enum class link_mode { rail, road, sea, ferry };

std::optional<link_mode> parse_link_mode(std::string_view text);
const char* to_string(link_mode mode);

struct link_spec {
  std::size_t index = 0;  // position in the scenario's link list; names the link's random stream
  std::string from, to;
  link_mode mode = link_mode::rail;
  std::optional<double> distance_km;
  distribution time;  // travel time in hours (constant distance/speed when given that way)

  [[nodiscard]] std::string stream_name() const { return from + "->" + to + "#" + std::to_string(index); }
};

}  // namespace freightsim
