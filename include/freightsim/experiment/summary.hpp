// The across-replication summary that every output format writes (BRIEF §3). Times in hours.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "freightsim/experiment/experiment.hpp"
#include "freightsim/stats/replication_summary.hpp"

namespace freightsim {

// Mean and CI of per-replication means, plus quantiles of all observations pooled over replications.
struct distribution_summary {
  interval_estimate estimate;
  double p50 = 0, p90 = 0, p95 = 0, p99 = 0, max = 0;
  // (probability, quantile) at 0.01, 0.05, 0.10, ..., 0.95, 0.99 and (1, max): the pooled distribution's
  // shape for charts; filled for flows' transit times.
  std::vector<std::pair<double, double>> cdf;
};

// One place on a flow's path and the mean hours a delivered unit spent there (the mean over replications of
// each replication's mean): at a node, waiting by cause and in service (h indexed like stop_hours), or
// travelling a link (h[0]). The parts of a flow add up to its mean transit time.
struct path_part {
  bool is_link = false;
  std::size_t index = 0;  // node or link index
  stop_hours h{};
};

struct flow_summary {
  std::string id, unit, from, to;
  interval_estimate delivered;
  distribution_summary transit_h;  // over replications that delivered; meaningless when !delivered_any
  bool delivered_any = false;      // false: transit is "none" (null in summary.json), never 0
  interval_estimate cost_usd;      // per delivered unit: node fees, link costs and storage
  interval_estimate storage_usd;   // per delivered unit: the storage part of cost_usd
  std::vector<std::pair<std::string, double>> storage_by_node;  // node id, mean USD per delivered unit (> 0)
  std::vector<std::uint32_t> route;                             // planned route, indices into summary::nodes
  // route: adaptive: each path (node ids) with the share of units created in the window that took it.
  // route: adaptive: each path's share of the units created in the window, and over time, per interval of
  // the series grid (route_series_time_h: each interval's end, hours from 0, the warm-up included) its share
  // of the units created in the interval, over the replications that created any (none when none did).
  struct route_share {
    std::vector<std::string> via;
    interval_estimate share;
    std::vector<std::optional<interval_estimate>> series;
  };
  std::vector<route_share> routes;
  std::vector<double> route_series_time_h;
  // Along the planned route (nodes and links in order), then other places units passed (rerouting); places
  // where no time was spent are left out.
  std::vector<path_part> breakdown;
  // The P50 and P95 paths: per node of the planned route, in order, the quantiles (pooled over replications)
  // of the time since creation at which delivered units left it; at the destination, of their transit time.
  // Per unit these times grow along the route, so each quantile does too (for units that all take the
  // route). Empty for routes longer than max_quantile_path_stops; nodes no unit left are left out.
  struct quantile_stop {
    std::string node;
    double p50 = 0, p95 = 0;
  };
  std::vector<quantile_stop> quantile_path;
};

struct link_summary {
  std::string from, to, mode;
  std::optional<double> distance_km;
  double cost_usd = 0;                    // per unit
  std::optional<std::uint32_t> capacity;  // units per vehicle: batch size or sailing capacity
  interval_estimate units_per_day, vehicles_per_day, left_behind_per_day;
  std::optional<interval_estimate> load_factor;  // units per vehicle / capacity, with a capacity
  interval_estimate travel_h;                    // mean per unit departing in the window
};

struct fleet_summary {
  std::string id;
  std::uint32_t size = 0;
  interval_estimate busy_mean, utilization;  // vehicles busy on average, and as a share of the size
  interval_estimate wait_h;                  // mean hours a departure waited for a vehicle (request to grant)
};

struct node_summary {
  std::string id, name;
  std::optional<location> where;
  double fee_usd = 0;
  bool junction = false;
  std::uint32_t servers = 0;
  interval_estimate utilization;
  distribution_summary wait_h;
  interval_estimate queue_length;
  double queue_max = 0;
  // Units waiting for a place at the node (the approach road to a full origin, or blocked upstream), and all
  // units waiting for the node (queue_length plus those): time averages, and maxima over replications.
  interval_estimate approach_queue, waiting_total;
  double approach_max = 0, waiting_total_max = 0;
  // The time-average queue in the first and second half of the window, and the second less the first per
  // replication: the growth check of warnings (not written to summary.json).
  interval_estimate queue_first_half, queue_second_half, queue_growth;
  // Units in the network at the end counted at this node (as units_by_place), summed over replications.
  std::uint64_t in_network = 0;
  interval_estimate throughput_per_day;
  // Mean hours by cause per stay at the node that ended in the window (the unit boarded a link or was
  // delivered): each stay's time there apart from service, split by cause; waits at a link's origin count
  // for the origin node.
  std::array<interval_estimate, wait_cause_count> wait_by_cause_h;
  // At the main nodes (series_nodes), the time series of the replications (node_series) across them: per
  // point, the end of its interval (hours from 0, the warm-up included), and the mean and 95% interval over
  // the replications that reached it of the units waiting for a server and for a place then, and of the units
  // that left the node in the interval per day.
  struct series_summary {
    std::vector<double> time_h;
    std::vector<interval_estimate> queue, approach, throughput_per_day;
  };
  std::optional<series_summary> series;
};

// A published outcome (the scenario's `observed:`) against the simulated value of its metric.
struct observed_result {
  std::string metric;
  observed_use use = observed_use::validation;
  bool in_hours = false;
  double observed = 0, simulated = 0;
  double ratio = 0;      // simulated / observed
  double tolerance = 0;  // relative
  bool pass = false;     // |simulated - observed| <= tolerance * observed
  std::string source, sets;
  std::string known_gap;  // validation only: the outcome is not expected to be met yet, and why
};

struct summary {
  std::string scenario;
  std::string scenario_file;    // the file's name, without its directory
  std::string scenario_sha256;  // of the file's bytes; empty when not read from a file
  std::string version;          // freightsim's
  std::uint64_t seed = 0;
  std::uint32_t replications = 0;  // summarized
  std::uint32_t replications_requested = 0;
  // False when a replication stopped before the horizon; then only replications that completed are
  // summarized, or, if none did, those that ran, each up to its stop.
  bool complete = true;
  std::string incomplete_reason;
  double horizon_h = 0, warmup_h = 0;  // with warmup: auto, warmup_h is the mean of the chosen warm-ups
  // warmup: auto: the warm-up MSER-5 chose in each summarized replication, in replication order.
  bool warmup_auto = false;
  std::vector<double> warmup_chosen_h;
  std::vector<flow_summary> flows;
  std::vector<node_summary> nodes;
  std::vector<link_summary> links;    // in the scenario's order
  std::vector<fleet_summary> fleets;  // in the scenario's order
  // What a planner must know before trusting the figures: stopped runs, flows that delivered nothing, nodes
  // near saturation.
  std::vector<std::string> warnings;
  units_by_place in_network_by_place;  // summed over summarized replications
  // Conservation, summed over replications: created = delivered + still in the network at the horizon.
  std::uint64_t created = 0, delivered = 0, in_network = 0;
  std::uint64_t events = 0;
  std::vector<observed_result> observed;       // one per `observed:` entry, in order
  std::optional<precision_outcome> precision;  // --precision
};

summary summarize(const scenario& s, const experiment_result& result);

}  // namespace freightsim
