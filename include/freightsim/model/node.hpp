// A checkpoint: an FCFS multi-server station (priority classes, non-preemptive), or a pass-through junction
// when it has no service.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "freightsim/engine/distribution.hpp"
#include "freightsim/engine/time.hpp"
#include "freightsim/model/calendar.hpp"
#include "freightsim/model/stage.hpp"
#include "freightsim/model/storage_tariff.hpp"
#include "freightsim/model/time_window.hpp"

namespace freightsim {

struct location {
  double lat = 0, lon = 0;
};

struct inspection_spec {
  double probability = 0;  // share of units that get the extra service
  distribution extra;
};

// A time window with fewer servers (0 = closed); units are never lost, they wait.
struct node_disruption {
  sim_time from{0}, to{0};
  std::uint32_t servers = 0;
  std::optional<sim_time> every;  // recurring: the window repeats every `every` (longer than to - from)

  [[nodiscard]] bool holds_at(sim_time t) const { return window_holds(from, to, every, t); }
  [[nodiscard]] sim_time next_edge_after(sim_time t) const { return window_next_edge(from, to, every, t); }
};

// Random breakdowns of the whole node: up for `mtbf`, then closed for `mttr`, repeatedly.
struct breakdown_spec {
  distribution mtbf, mttr;
};

struct node_spec {
  std::string id;
  std::string name;  // display name; defaults to the id
  std::optional<location> where;
  std::uint32_t servers = 1;
  std::optional<distribution> service;  // none: a junction, passed without delay
  std::optional<inspection_spec> inspection;
  std::optional<std::uint32_t> capacity;     // waiting places; none = unlimited
  std::optional<weekly_calendar> calendar;   // opening hours; none = always open with `servers`
  std::vector<node_disruption> disruptions;  // sorted by `from`
  std::optional<breakdown_spec> breakdowns;
  std::optional<distribution> transfer;  // extra service when a unit changes mode here (rail to road ...)
  double fee_usd = 0;                    // per unit
  storage_tariff storage;                // charged on each stay, by its length
  // The node's work as stages (`stages:`), instead of `service`, `inspection` and `transfer`, which together
  // are one service stage: one server held for their sum.
  std::vector<stage_spec> stages;

  // A junction is passed without delay.
  [[nodiscard]] bool is_junction() const { return !service.has_value() && stages.empty(); }
  // True when units use the node's servers (utilization, opening hours and breakdowns apply).
  [[nodiscard]] bool has_servers() const;
  // Mean time a unit spends in service and stages here (0 for a junction), used by shortest-path routing.
  [[nodiscard]] double expected_service_hours() const;
  // Mean time a unit holds one of the node's servers (service and inspections; not delays, which have no
  // servers and no queue, nor transfers, as route choice does not see mode changes).
  [[nodiscard]] double expected_server_hours() const;
  // Expected hours a unit waits for a server behind `queued` units (route choice): each holds one of the
  // servers for the mean server time; 0 at a node without servers.
  [[nodiscard]] double expected_queue_hours(std::size_t queued) const;
};

}  // namespace freightsim
