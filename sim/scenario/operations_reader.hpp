// Readers for the operational parts of a scenario: opening hours, disruptions, breakdowns, batches,
// scheduled departures and flags.
#pragma once

#include <vector>

#include "freightsim/model/calendar.hpp"
#include "freightsim/model/link.hpp"
#include "freightsim/model/node.hpp"
#include "yaml_reader.hpp"

namespace freightsim::detail {

bool read_bool(const yaml_reader& in, const YAML::Node& node, const std::string& what);

// `shifts: [{days: [mon, tue], from: "08:00", to: "20:00", servers: 4}]`; each shift's servers <=
// max_servers.
std::vector<shift> read_shifts(const yaml_reader& in, const YAML::Node& node, const std::string& what,
                               std::uint32_t max_servers);

// `disruptions: [{from: 100d, to: 103d, servers: 0}]` on a node (servers required, <= max_servers) or on a
// link (closed; no servers key). `every: 7d` repeats a window until the horizon (at most a million times).
std::vector<node_disruption> read_node_disruptions(const yaml_reader& in, const YAML::Node& node,
                                                   const std::string& what, std::uint32_t max_servers,
                                                   sim_time horizon);
std::vector<link_disruption> read_link_disruptions(const yaml_reader& in, const YAML::Node& node,
                                                   const std::string& what, sim_time horizon);

// `storage: [{after: 5d, usd_per_day: 8.4}, {after: 14d, usd_per_day: 23}]`: bands in ascending order.
storage_tariff read_storage(const yaml_reader& in, const YAML::Node& node, const std::string& what);

breakdown_spec read_breakdowns(const yaml_reader& in, const YAML::Node& node, const std::string& what);
batch_spec read_batch(const yaml_reader& in, const YAML::Node& node, const std::string& what);
schedule_spec read_schedule(const yaml_reader& in, const YAML::Node& node, const std::string& what);

}  // namespace freightsim::detail
