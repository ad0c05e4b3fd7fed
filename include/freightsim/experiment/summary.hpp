// The across-replication summary that every output format writes (BRIEF §3). Times in hours.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "freightsim/experiment/experiment.hpp"
#include "freightsim/stats/replication_summary.hpp"

namespace freightsim {

// Mean and CI of per-replication means, plus quantiles of all observations pooled over replications.
struct distribution_summary {
  interval_estimate estimate;
  double p50 = 0, p90 = 0, p95 = 0, p99 = 0, max = 0;
};

struct flow_summary {
  std::string id, unit, from, to;
  interval_estimate delivered;
  distribution_summary transit_h;
  interval_estimate cost_usd;  // per delivered unit: node fees and link costs
};

struct node_summary {
  std::string id, name;
  bool junction = false;
  std::uint32_t servers = 0;
  interval_estimate utilization;
  distribution_summary wait_h;
  interval_estimate queue_length;
  double queue_max = 0;
  interval_estimate throughput_per_day;
  // Mean hours per unit leaving the node, by cause (waits at a link's origin count for the origin node).
  std::array<interval_estimate, wait_cause_count> wait_by_cause_h;
};

struct summary {
  std::string scenario;
  std::uint64_t seed = 0;
  std::uint32_t replications = 0;  // summarized
  std::uint32_t replications_requested = 0;
  // False when a replication stopped before the horizon; then only replications that completed are
  // summarized, or, if none did, those that ran, each up to its stop.
  bool complete = true;
  std::string incomplete_reason;
  double horizon_h = 0, warmup_h = 0;
  std::vector<flow_summary> flows;
  std::vector<node_summary> nodes;
  // Conservation, summed over replications: created = delivered + still in the network at the horizon.
  std::uint64_t created = 0, delivered = 0, in_network = 0;
  std::uint64_t events = 0;
};

summary summarize(const scenario& s, const experiment_result& result);

}  // namespace freightsim
