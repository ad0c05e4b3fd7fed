// A directed connection between two nodes. Units travel it in parallel, alone, consolidated into batches
// (trains, convoys) or on scheduled departures (ferries, liners).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "freightsim/engine/distribution.hpp"
#include "freightsim/engine/time.hpp"

namespace freightsim {

enum class link_mode : std::uint8_t { rail, road, sea, ferry };

std::optional<link_mode> parse_link_mode(std::string_view text);
const char* to_string(link_mode mode);

// Units wait at the link's origin until `size` are ready or `max_wait` has passed since the first arrived.
struct batch_spec {
  std::uint32_t size = 1;
  std::optional<sim_time> max_wait;  // none: wait for a full batch
};

// Departures at offset + k * headway, carrying at most `capacity` units (FIFO); the rest wait for the next.
struct schedule_spec {
  sim_time headway{0}, offset{0};
  std::optional<std::uint32_t> capacity;  // none: unlimited
};

// A time window during which the link is closed; units wait at its origin.
struct link_disruption {
  sim_time from{0}, to{0};
  std::optional<sim_time> every;  // recurring: the window repeats every `every` (longer than to - from)
};

struct link_spec {
  std::size_t index = 0;  // position in the scenario's link list; names the link's random stream
  std::string from, to;
  link_mode mode = link_mode::rail;
  std::optional<double> distance_km;
  distribution time;  // travel time in hours (constant distance/speed when given that way)
  // Running-time variability: a random delay added to each departure's travel time (one draw per train or
  // sailing, one per unit on a plain link), drawn from its own stream so that adding it leaves `time` draws
  // unchanged.
  std::optional<distribution> delay;
  std::optional<batch_spec> batch;
  std::optional<schedule_spec> schedule;
  std::vector<link_disruption> disruptions;
  // Train paths (slots) per day: departures onto the link are spaced at least 24 h / paths_per_day apart;
  // formed departures (a train, a unit on a plain link) queue for a path first come first served.
  std::optional<double> paths_per_day;
  // The fleet (index into corridor::fleets) whose vehicles its departures need: a unit on a plain link, a
  // formed train on a batch link; a departure waits for a free vehicle (then for a path, if any).
  std::optional<std::uint32_t> fleet;
  double cost_usd = 0;  // per unit travelling the link (cost_per_km x distance + fixed cost)

  [[nodiscard]] std::string stream_name() const { return from + "->" + to + "#" + std::to_string(index); }
  // The link's name independent of its position in the list (from, to and mode identify a link), for the
  // streams of keys added later: inserting a link leaves every other link's draws unchanged.
  [[nodiscard]] std::string key() const { return from + ">" + to + ":" + freightsim::to_string(mode); }
  // Expected hours from arrival at the origin to arrival at the destination, including the mean delay and
  // the mean wait for a sailing (headway / 2), used by routing.
  [[nodiscard]] double expected_hours() const;
  // Expected hours of travel once departed: the link's time and its mean delay.
  [[nodiscard]] double expected_travel_hours() const;
  // Units one departure can carry: a batch's size or a sailing's capacity (none: a plain link, or a sailing
  // without a capacity). Load factors are measured against it.
  [[nodiscard]] std::optional<std::uint32_t> capacity_per_departure() const;
};

}  // namespace freightsim
