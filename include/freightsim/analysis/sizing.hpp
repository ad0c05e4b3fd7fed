// Capacity sizing: the fewest servers at a node that meet a target on a node's wait or a flow's transit time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "freightsim/analysis/network_estimate.hpp"
#include "freightsim/scenario/scenario.hpp"

namespace freightsim {

// "wait_h.p95<=12" (the sized node's wait), "nodes.ID.wait_h.mean<=0.1" or
// "flows.ID.transit_time_h.p95<=260"; statistics mean, p50, p90, p95, p99; `<=` or `<`.
struct sizing_target {
  bool flow = false;    // a flow's transit time, else a node's wait
  std::string id;       // node or flow id
  double quantile = 0;  // 0 for the mean, else 0.5 ... 0.99
  double limit = 0;     // hours
  std::string text;     // as written, for messages
};

// Throws std::invalid_argument with a one-line message (naming the closest valid word) on a malformed
// target or an unknown node or flow. `node` is the node being sized.
sizing_target parse_target(std::string_view text, const scenario& s, const std::string& node);

// The node's vertex; throws std::invalid_argument naming the closest node id when there is none, or when the
// node is a junction.
vertex sized_node(const scenario& s, const std::string& id);

// The target's statistic in an analytic estimate (hours; infinite when unstable).
double analytic_value(const sizing_target& t, const scenario& s, const network_estimate& e);

// The scenario with `servers` at node v. With shifts, the difference is added to every open shift (at least
// one server stays in each), so opening hours keep their shape; disruptions keep their limits.
scenario with_servers(const scenario& s, vertex v, std::uint32_t servers);

struct sizing_step {
  std::uint32_t servers = 0;
  double value = 0;  // the target's statistic, analytic
};

// The fewest servers (1 ... max_servers) whose analytic estimate meets the target, with the estimates at
// the answer and one fewer; nullopt when even max_servers does not meet it.
struct sizing_answer {
  std::optional<std::uint32_t> servers;
  std::vector<sizing_step> steps;  // the answer - 1 (if >= 1) and the answer, or max_servers when unmet
};
sizing_answer size_analytically(const scenario& s, vertex v, const sizing_target& t,
                                std::uint32_t max_servers = 100000);

}  // namespace freightsim
