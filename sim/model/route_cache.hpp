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
class link_transport;
class fleets;

class route_cache {
 public:
  route_cache(const corridor& model, std::uint64_t seed, std::uint32_t rep);

  // A new unit of an adaptive flow takes a path (s.path): the least expected time including the queues, the
  // departures being formed, what is closed and the vehicles away on it now, or a logit draw on it; other
  // flows have one path.
  void choose_path(shipment& s, const stations& nodes, const link_transport& links, const fleets& vehicles);

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
    // Adaptive, by path: travel, service and delays at nodes, and money over the value of time.
    std::vector<double> fixed_hours;
    std::vector<std::vector<std::uint32_t>> links;  // adaptive, by path: its links' indices
    // Adaptive, by path: expected hours from creation to arriving at each of its nodes, and to leaving the
    // node before each of its links (a closure that ends before the unit gets there costs it nothing).
    std::vector<std::vector<double>> arrive_h, depart_h;
    // Adaptive, by path and link: a vehicle's expected round trip (the trip and the mean empty return) on
    // links whose departures need a fleet's, else 0: the means are worked out here, not at each choice.
    std::vector<std::vector<double>> round_trip_h;
    random_stream choice;  // logit draws
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
  // Units per hour on each link by the flows' planned routes: a link's arrival rate before any unit took it.
  std::vector<double> planned_rate_;
  std::vector<bool> node_closed_, link_closed_;
  std::uint64_t closure_epoch_ = 0;
};

}  // namespace freightsim::detail
