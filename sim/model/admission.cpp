#include "admission.hpp"

#include "replication.hpp"

namespace freightsim::detail {

admission::admission(replication& r, const corridor& model) : r_(r) {
  const auto& g = model.net.graph();
  for (const auto v : boost::make_iterator_range(boost::vertices(g)))
    places_.emplace_back().spec = &g[v];
}

bool admission::has_room(vertex v) const {
  const places& p = places_[v];
  return !p.spec->capacity || r_.nodes[v].waiting + p.reserved < *p.spec->capacity;
}

void admission::arrive_at_origin(std::uint32_t id) {
  const vertex origin = r_.pool[id].at;
  if (open_to_newcomers(origin)) return r_.nodes.enter(id);
  // The origin's waiting area is full: wait in the unlimited approach queue (trucks on the road).
  r_.pool[id].since = r_.now();
  r_.emit<trace_kind::wait_begun>(id, origin, wait_cause::blocked);
  places_[origin].queue.push(id);
  r_.nodes.approach_changed(origin, places_[origin].queue.size());
}

void admission::leave(std::uint32_t id, bool holds_server) {
  shipment& s = r_.pool[id];
  const vertex v = s.at;
  if (s.next == v) {
    r_.emit<trace_kind::departed>(id, v);
    r_.deliver(id);
    if (holds_server) r_.nodes.free_server(v);
    return;
  }
  if (!open_to_newcomers(s.next)) {
    // Blocked after service: keep the server until the next node has a place.
    s.since = r_.now();
    s.holds_server = holds_server;
    r_.emit<trace_kind::wait_begun>(id, v, wait_cause::blocked);
    places_[s.next].queue.push(id);
    r_.nodes.approach_changed(s.next, places_[s.next].queue.size());
    return;
  }
  dispatch(id, holds_server);
}

void admission::dispatch(std::uint32_t id, bool holds_server) {
  shipment& s = r_.pool[id];
  const vertex v = s.at;
  ++places_[s.next].reserved;
  r_.emit<trace_kind::departed>(id, v);
  r_.routes.advance(s);
  r_.links.join(id);
  if (holds_server) r_.nodes.free_server(v);
}

void admission::admit(vertex v) {
  places& p = places_[v];
  while (!p.queue.empty() && has_room(v)) {
    const std::uint32_t id = p.queue.pop();
    r_.nodes.approach_changed(v, p.queue.size());
    shipment& s = r_.pool[id];
    // Blocked time counts where the unit waited: upstream, or at the origin's approach.
    r_.wait_ended(id, s.at, wait_cause::blocked, r_.now() - s.since);
    if (s.at == v) {
      r_.nodes.enter(id);
    } else {
      dispatch(id, s.holds_server);
    }
  }
}

}  // namespace freightsim::detail
