// Paths into a run's results, as summary.json nests them but with flows, nodes, links and fleets named by id:
// `flows.ID.transit_time_h.mean`, `nodes.ID.queue_length.mean`, `links.FROM>TO.load_factor`,
// `fleets.ID.utilization`. Used by `observed:` entries; reusable by
// anything that names one result (sweeps, reports).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "freightsim/experiment/summary.hpp"
#include "freightsim/scenario/scenario.hpp"

namespace freightsim {

// Every path the results of `s` have: flows, nodes, links, fleets, each in declaration order.
std::vector<std::string> metric_paths(const scenario& s);

// How metric paths name links: `FROM>TO`, or `FROM>TO:MODE` where several links join the same nodes (as
// --set names them). In the order given (the scenario's link order).
struct link_ends {
  std::string from, to, mode;
};
std::vector<std::string> link_metric_ids(const std::vector<link_ends>& links);
std::vector<std::string> link_metric_ids(const scenario& s);

// The value at `path`, or nullopt when the summary has no such result. Times in hours.
std::optional<double> metric_value(const summary& s, std::string_view path);

// Whether the result a valid path names is a time (in hours; its quantity's name ends in _h).
bool metric_in_hours(std::string_view path);

// The path of `valid` closest to `path` (fewest single-character edits; the first of equals).
std::string closest_metric_path(std::string_view path, const std::vector<std::string>& valid);

}  // namespace freightsim
