// Every metric of one replication by name, e.g. flows.eu_to_vladivostok.transit_time_h.p95 or
// nodes.brest.wait_h.mean: what sweeps store per run and compare across variants.
#pragma once

#include <string>
#include <vector>

#include "freightsim/model/replication_result.hpp"
#include "freightsim/scenario/scenario.hpp"

namespace freightsim {

// Per flow: delivered, transit_time_h.{mean,p50,p90,p95,p99,max}, cost_usd.mean. Per node: utilization,
// wait_h.{mean,p50,p90,p95,p99,max}, queue_length.{mean,max}, approach_queue.{mean,max},
// waiting_total.{mean,max}, throughput_per_day,
// wait_by_cause_h.{queue,train_forming,sailing,blocked,closed,dwell,hold,transfer,no_path,no_vehicle,total}
// (total: every cause summed). Per link (named as metric paths name it): units_per_day, vehicles_per_day,
// left_behind_per_day, and load_factor where a departure has a capacity. Per fleet: utilization,
// busy_vehicles, wait_h.mean (per departure, for a vehicle). In this order: flows, nodes, links, fleets.
std::vector<std::string> metric_names(const scenario& s);

// A metric name's parts: "flows", the flow id, "transit_time_h.p95" (ids may hold dots).
struct metric_parts {
  std::string kind, entity, statistic;
};
std::vector<metric_parts> metric_name_parts(const scenario& s);

// Aligned with metric_names(s). Quantiles are of this replication's observations. A flow's transit times and
// cost are NaN when the replication delivered none of it (there is no such time, and 0 would be a result).
std::vector<double> metric_values(const scenario& s, const replication_result& r);

}  // namespace freightsim
