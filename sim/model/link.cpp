#include "freightsim/model/link.hpp"

#include <array>
#include <utility>

namespace freightsim {

namespace {
constexpr std::array<std::pair<const char*, link_mode>, 4> mode_names{{
    {"rail", link_mode::rail},
    {"road", link_mode::road},
    {"sea", link_mode::sea},
    {"ferry", link_mode::ferry},
}};
}  // namespace

std::optional<link_mode> parse_link_mode(std::string_view text) {
  for (const auto& [name, mode] : mode_names)
    if (text == name) return mode;
  return std::nullopt;
}

const char* to_string(link_mode mode) {
  return mode_names[static_cast<std::size_t>(mode)].first;
}

double link_spec::expected_travel_hours() const {
  return delay ? mean(time) + mean(*delay) : mean(time);
}

double link_spec::expected_hours() const {
  double hours = expected_travel_hours();
  if (schedule) hours += to_hours(schedule->headway) / 2.0;
  return hours;
}

std::optional<std::uint32_t> link_spec::capacity_per_departure() const {
  if (batch) return batch->size;
  if (schedule && schedule->capacity) return schedule->capacity;
  return std::nullopt;
}

}  // namespace freightsim
