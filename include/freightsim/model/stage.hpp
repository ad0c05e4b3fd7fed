// A node's work as an ordered list of stages, held in a variant as distributions are: a unit passes the
// stages in order, then leaves the node. A new kind of stage is one more alternative, its reader and its case
// in the stations component.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "freightsim/engine/distribution.hpp"
#include "freightsim/model/replication_result.hpp"

namespace freightsim {

namespace stage {
// Service on one of the node's servers for `time`, after queueing for it (by priority class, first come first
// served within one).
struct service {
  distribution time;
};
// Time without a server and without a queue (an infinite-server delay): dwell, document holds. It applies to
// a `share` of units and, when `flows` is not empty, only to units of those flows; its time is reported as
// `cause` (dwell or hold).
struct delay {
  distribution time;
  wait_cause cause = wait_cause::dwell;
  double share = 1;
  std::vector<std::string> flows;  // flow ids; empty: every flow
};
// A `share` of units is served again on the node's servers for `time`, queueing for a server again.
struct inspection {
  double share = 0;
  distribution time;
};
// Mode change: units that arrived by one mode and leave by another spend `time` here, without a server,
// reported as `transfer`.
struct transfer {
  distribution time;
};
}  // namespace stage

using stage_spec = std::variant<stage::service, stage::delay, stage::inspection, stage::transfer>;

// The stage's name as written in scenarios ("service" ...).
const char* name(const stage_spec& s);
// True for the stages that use the node's servers.
bool uses_servers(const stage_spec& s);
// Expected hours a unit spends in the stage, for route choice (a delay's share, not its flows; a transfer 0,
// as route choice does not see mode changes).
double expected_hours(const stage_spec& s);

}  // namespace freightsim
