// Admission to a node's waiting places (`capacity`): a unit done at a node whose next node is full waits
// where it is, holding its server (blocking); a unit created at a full origin waits in an unlimited approach
// queue. Both wait in one first-come-first-served queue per node. Units sent toward a node count against its
// places from the moment they leave.
#pragma once

#include <cstdint>
#include <vector>

#include "freightsim/model/corridor.hpp"
#include "freightsim/model/ring_queue.hpp"

namespace freightsim::detail {

class replication;

class admission {
 public:
  admission(replication& r, const corridor& model);

  // A new unit at its origin enters it, or waits to.
  void arrive_at_origin(std::uint32_t id);
  // The unit is done at its node: delivered, or on to the next node if that has room.
  void leave(std::uint32_t id, bool holds_server);
  // Lets units waiting for a place at v in, first come first served.
  void admit(vertex v);
  // A unit sent toward v has arrived there (its place is now taken by it).
  void arrived(vertex v) { --places_[v].reserved; }

  // Units waiting for a place at v: blocked upstream, or approaching v as their origin.
  [[nodiscard]] const ring_queue<std::uint32_t>& queue(vertex v) const { return places_[v].queue; }

 private:
  struct places {
    const node_spec* spec = nullptr;
    ring_queue<std::uint32_t> queue;
    std::uint32_t reserved = 0;  // units dispatched toward this node, not yet arrived
  };
  [[nodiscard]] bool has_room(vertex v) const;
  [[nodiscard]] bool open_to_newcomers(vertex v) const { return has_room(v) && places_[v].queue.empty(); }
  // Reserves a place at the next node, frees the server and joins the link.
  void dispatch(std::uint32_t id, bool holds_server);

  replication& r_;
  std::vector<places> places_;
};

}  // namespace freightsim::detail
