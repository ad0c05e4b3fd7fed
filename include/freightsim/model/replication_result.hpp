// What one replication measured over its observation window [warm-up, horizon].
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "freightsim/model/place_sums.hpp"
#include "freightsim/stats/quantile_sketch.hpp"
#include "freightsim/stats/tally.hpp"

namespace freightsim {

// Why a unit waited at a node (waits at a link's origin count for the origin node). dwell, hold and transfer
// are the time of delay and transfer stages (stage.hpp).
enum class wait_cause : std::uint8_t {
  queue,
  train_forming,
  sailing,
  blocked,
  closed,
  dwell,
  hold,
  transfer,
  no_path,    // a formed departure waiting for a train path (paths_per_day)
  no_vehicle  // a departure waiting for a free vehicle of its link's fleet
};
inline constexpr std::size_t wait_cause_count = 10;
const char* to_string(wait_cause cause);

// A unit's time at a node splits into waits by cause and service: parts 0..9 are the wait causes, 10 service.
// Routes longer than this get no quantile paths (each stop costs a quantile sketch per flow).
inline constexpr std::size_t max_quantile_path_stops = 24;

inline constexpr std::size_t stop_part_count = wait_cause_count + 1;
inline constexpr std::size_t service_part = wait_cause_count;
using stop_hours = std::array<double, stop_part_count>;

struct flow_result {
  std::uint64_t created = 0;    // whole run, for the conservation check
  std::uint64_t delivered = 0;  // in the window
  tally transit_h;              // creation to completion at the destination, units delivered in the window
  quantile_sketch transit_quantiles;
  tally cost_usd;                       // node fees, link costs and storage of units delivered in the window
  tally storage_usd;                    // the storage part of cost_usd
  place_sums<double> node_storage_usd;  // storage of those units summed, by node where it was charged
  // Where the time of units delivered in the window went, summed over their whole lives (also before the
  // warm-up): hours at each node by part, and travelling each link. All parts add up to transit_h's sum.
  place_sums<stop_hours> node_h;  // by node
  place_sums<double> link_h;      // by link index
  // Quantile paths: per stop on the planned route but the destination (whose leaving times are the transit
  // times, transit_quantiles), the time since creation at which units delivered in the window left it. Kept
  // only for routes of at most max_quantile_path_stops nodes, so that memory stays bounded by flows x that
  // many sketches.
  place_sums<quantile_sketch> leave_quantiles;  // by node
  // Units created in the window by the path they took (one path but for route: adaptive).
  std::vector<std::uint64_t> by_path;
  // route: adaptive only: units created by path and series interval over [0, horizon] (the series grid of
  // node_series, warm-up included), at path * series_points + interval; empty for other flows.
  std::vector<std::uint64_t> by_path_series;
};

// Departures on a link in the window. A vehicle is a train (batch), a sailing (also an empty one) or a unit
// travelling a plain link alone.
struct link_result {
  std::uint64_t units = 0, vehicles = 0;
  std::uint64_t left_behind = 0;  // units waiting when a full sailing left without them
  double travel_h = 0;            // summed over the units
  double units_per_day = 0, vehicles_per_day = 0, left_behind_per_day = 0;
};

// A fleet over the window: vehicles busy (taken for a departure until back at its origin) on average, and the
// departures given a vehicle in the window with their mean wait for it (request to grant, closed time of the
// link included; 0 when none).
struct fleet_result {
  double busy_mean = 0;    // time-average vehicles busy
  double utilization = 0;  // busy_mean / size
  std::uint64_t granted = 0;
  double wait_h = 0;
};

struct node_result {
  double utilization = 0;  // busy server-time / available server-time in the window
  tally wait_h;            // waits for a server (queue and closed time) of services started in the window
  quantile_sketch wait_quantiles;
  double queue_mean = 0, queue_max = 0;
  // Time-average queue in the first and second half of the window (both 0 when it stopped before the middle).
  double queue_first_half = 0, queue_second_half = 0;
  double throughput_per_day = 0;  // units that left the node's servers in the window, per day
  std::uint64_t departures = 0;   // units that left the node's servers in the window
  // Units waiting for a place at the node (on the approach road to a full origin, or blocked upstream), and
  // all units waiting for the node (its queue plus those): time averages and maxima over the window.
  double approach_mean = 0, approach_max = 0, waiting_total_mean = 0, waiting_total_max = 0;
  // Stays at the node that ended in the window (the unit boarded a link or was delivered there), and their
  // hours by wait cause: each stay's time at the node, apart from service, split by cause.
  std::uint64_t stays = 0;
  std::array<double, wait_cause_count> wait_by_cause_h{};
};

// Time series at a main node over [0, horizon] (series_grid: series_points equal intervals, the warm-up
// included, whatever the horizon): units waiting for a server and for a place (approach) at each interval's
// end, and units that left the node in each interval. Shorter when the replication stopped early.
inline constexpr std::size_t series_points = 100;
// Nodes with servers or waiting places, the first this many in the scenario's order (memory: nodes x points).
inline constexpr std::size_t max_series_nodes = 16;
struct node_series {
  std::uint32_t node = 0;
  std::vector<double> queue, approach;  // samples
  std::vector<std::uint64_t> departed;  // per interval
};

// Units still in the network, counted where they are (not as created - delivered). By node: where the unit
// is (travelling: the node it travels to; approaching: the origin it waits to enter).
struct units_by_place {
  std::uint64_t waiting = 0;         // in a node's queue for a server
  std::uint64_t in_service = 0;      // being served
  std::uint64_t blocked = 0;         // done at a node (holding its server, if any) until the next has a place
  std::uint64_t approaching = 0;     // before entering their origin, whose waiting area is full
  std::uint64_t at_link_origin = 0;  // in a link's buffer: a batch forming, a sailing, the link closed
  std::uint64_t travelling = 0;      // on a link

  [[nodiscard]] std::uint64_t total() const {
    return waiting + in_service + blocked + approaching + at_link_origin + travelling;
  }
  units_by_place& operator+=(const units_by_place& o) {
    waiting += o.waiting;
    in_service += o.in_service;
    blocked += o.blocked;
    approaching += o.approaching;
    at_link_origin += o.at_link_origin;
    travelling += o.travelling;
    return *this;
  }
};

// Why a replication ended before its horizon.
// out_of_memory: an allocation failed (std::bad_alloc); the replication's figures are dropped.
enum class stop_reason : std::uint8_t { none, saturated, interrupted, not_run, out_of_memory };

struct replication_result {
  stop_reason stopped = stop_reason::none;  // none: ran to the horizon
  double end_h = 0;                         // when it ended (the horizon unless stopped)
  double warmup_h = 0;                      // when observation began (the warm-up, given or chosen)
  std::size_t saturated_node = 0;           // with stopped == saturated: the node holding the most units
  std::uint64_t saturated_units = 0;        // units waiting at or for that node when it stopped
  std::vector<flow_result> flows;
  std::vector<node_result> nodes;
  std::vector<link_result> links;                                  // by link index
  std::vector<fleet_result> fleets;                                // in the scenario's order
  std::vector<node_series> series;                                 // main nodes, in the scenario's order
  std::uint64_t created = 0, delivered_total = 0, in_network = 0;  // whole run
  // At the end: in_network counted place by place (equal to created - delivered_total, checked), and by node.
  units_by_place in_network_by_place;
  std::vector<units_by_place> in_network_by_node;
  std::uint64_t events = 0;
};

}  // namespace freightsim
