// Route choice during a replication: each flow's planned links; for adaptive flows the path each new unit
// takes; for rerouting flows the next hops toward the destination, recomputed only when the set of closed
// places has changed since they were last used.
#pragma once

#include <cstdint>
#include <vector>

#include "freightsim/engine/random.hpp"
#include "freightsim/model/corridor.hpp"
#include "freightsim/model/route_store.hpp"
#include "shipment_pool.hpp"

namespace freightsim::detail {

class stations;

class route_cache {
 public:
  route_cache(const corridor& model, std::uint64_t seed, std::uint32_t rep);

  // A new unit of an adaptive flow takes a path (s.path): the least expected time including the queues on it
  // now, or a logit draw on it; other flows have one path.
  void choose_path(shipment& s, const stations& nodes);

  // Sets the unit's next node and link from its current node (next == at at the destination).
  void choose_next(shipment& s);
  // Called after a unit leaves its node toward the next one.
  void advance(shipment& s) const {
    if (!flows_[s.flow].spec->reroute) ++s.hop;
  }
  // Unplanned closures (disruptions, breakdowns) that rerouting units avoid.
  void set_node_closed(vertex v, bool closed);
  void set_link_closed(std::uint32_t link, bool closed);

 private:
  struct flow_routes {
    const flow_spec* spec = nullptr;
    std::vector<double> fixed_hours;  // adaptive, by path: travel, service and money over the value of time
    random_stream choice;             // logit draws
  };
  // Next hops toward a destination around what is closed, shared by the rerouting flows of one tree.
  struct open_hops {
    std::vector<vertex> next;
    std::uint64_t epoch = 0;
  };

  const network& net_;
  route_store store_;
  std::vector<flow_routes> flows_;
  std::vector<open_hops> reroute_;  // by tree of the route store
  std::vector<bool> node_closed_, link_closed_;
  std::uint64_t closure_epoch_ = 0;
};

}  // namespace freightsim::detail
