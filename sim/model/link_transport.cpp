#include "link_transport.hpp"

#include "replication.hpp"

namespace freightsim::detail {

link_transport::link_transport(replication& r, const corridor& model, std::uint64_t seed, std::uint32_t rep)
    : r_(r), links_(model.net.link_count()), travelling_to_(model.net.node_count(), 0) {
  const auto& g = model.net.graph();
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    link_state& l = links_[g[e].index];
    l.spec = &g[e];
    l.from = boost::source(e, g);
    l.to = boost::target(e, g);
    l.time = random_stream(seed, rep, "link_time", g[e].stream_name());
    l.delay = random_stream(seed, rep, "link_delay", g[e].key());
    if (g[e].paths_per_day) l.path_spacing = from_hours(24.0 / *g[e].paths_per_day);
  }
}

void link_transport::start() {
  for (std::uint32_t l = 0; l < links_.size(); ++l) {
    const link_spec& spec = *links_[l].spec;
    for (std::uint32_t i = 0; i < spec.disruptions.size(); ++i) {
      // A recurring window schedules its end and its next start when it starts (on_window).
      const link_disruption& d = spec.disruptions[i];
      windows_.push_back({l, i, true});
      r_.schedule(d.from, owner::links, window_edge, static_cast<std::uint32_t>(windows_.size() - 1));
      windows_.push_back({l, i, false});
      if (!d.every)
        r_.schedule(d.to, owner::links, window_edge, static_cast<std::uint32_t>(windows_.size() - 1));
    }
    if (spec.schedule) r_.schedule(spec.schedule->offset, owner::links, sailing, l);
  }
}

void link_transport::handle(std::uint8_t kind, std::uint32_t id) {
  switch (kind) {
    case arrival:
      return on_arrival(id);
    case window_edge:
      return on_window(id);
    case batch_timeout:
      return on_batch_timeout(id);
    case sailing:
      return on_sailing(id);
    case path_free:
      links_[id].path_pending = false;
      return depart_on_paths(id);
    case group_arrival:
      return on_group_arrival(id);
    default:
      throw std::logic_error("link transport: unknown event kind");
  }
}

double link_transport::reopen_hours(std::uint32_t link) const {
  const link_state& l = links_[link];
  return l.closures > 0 ? to_hours(std::max(l.windows_end, r_.now()) - r_.now()) : 0.0;
}

void link_transport::on_window(std::uint32_t id) {
  const window& w = windows_[id];
  link_state& l = links_[w.link];
  if (const link_disruption& d = l.spec->disruptions[w.index]; w.opens && d.every) {
    // The start and end edges of one disruption are adjacent in windows_.
    r_.schedule(r_.now() + (d.to - d.from), owner::links, window_edge, id + 1);
    r_.schedule(r_.now() + *d.every, owner::links, window_edge, id);
  }
  if (w.opens) {
    const link_disruption& d = l.spec->disruptions[w.index];
    l.windows_end = std::max(l.windows_end, r_.now() + (d.to - d.from));
  }
  l.closures += w.opens ? 1 : -1;
  const bool closed = l.closures > 0;
  if (closed == l.closed.closed()) return;
  l.closed.set(r_.now(), closed);
  r_.routes.set_link_closed(w.link, closed);
  if (closed) return;
  release_link(w.link);
  if (l.spec->fleet) r_.vehicles.assign(*l.spec->fleet);
}

void link_transport::join(std::uint32_t id) {
  shipment& s = r_.pool[id];
  link_state& l = links_[s.link];
  const link_spec& spec = *l.spec;
  ++l.joined;
  if (spec.fleet && !spec.batch) {
    // A unit on a plain link is a departure of its own; it takes a vehicle when the link is open.
    wait_for_vehicle(s.link, id);
    return request_vehicle(s.link, 1);
  }
  if (spec.paths_per_day && !spec.batch) {
    // A unit on a plain link is a departure of its own.
    wait_for_path(s.link, id);
    l.ready_groups.push(1);
    return depart_on_paths(s.link);
  }
  if (!spec.batch && !spec.schedule && !l.closed.closed()) return travel_alone(s.link, id);
  s.since = r_.now();
  s.closed_mark = l.closed.total(r_.now());
  r_.emit<trace_kind::wait_begun>(id, l.from,
                                  spec.batch      ? wait_cause::train_forming
                                  : spec.schedule ? wait_cause::sailing
                                                  : wait_cause::closed);
  l.buffer.push(id);
  if (spec.batch) release_batches(s.link);
}

// Sends full batches, and a partial one whose first unit has waited max_wait; keeps the timeout armed.
void link_transport::release_batches(std::uint32_t link) {
  link_state& l = links_[link];
  const batch_spec& b = *l.spec->batch;
  if (l.closed.closed()) return;
  for (;;) {
    if (l.buffer.empty()) break;
    const sim_time due = b.max_wait ? r_.pool[l.buffer.front()].since + *b.max_wait : sim_time::max();
    if (l.buffer.size() < b.size && due > r_.now()) {
      if (!l.timeout || l.timeout->time != due) {
        if (l.timeout) r_.sched.cancel(*l.timeout);
        l.timeout = due == sim_time::max()
                        ? std::nullopt
                        : std::optional(r_.schedule(due, owner::links, batch_timeout, link));
      }
      return;
    }
    depart_group(link, std::min<std::size_t>(b.size, l.buffer.size()), wait_cause::train_forming);
  }
  if (l.timeout) r_.sched.cancel(*l.timeout);
  l.timeout.reset();
}

void link_transport::on_batch_timeout(std::uint32_t link) {
  links_[link].timeout.reset();
  release_batches(link);
}

void link_transport::on_sailing(std::uint32_t link) {
  link_state& l = links_[link];
  const schedule_spec& s = *l.spec->schedule;
  r_.schedule(r_.now() + s.headway, owner::links, sailing, link);
  if (l.closed.closed()) return;
  if (l.buffer.empty()) {
    r_.emit_link<trace_kind::vehicle>(link);  // an empty sailing still sails
    return;
  }
  const std::size_t load = s.capacity ? std::min<std::size_t>(*s.capacity, l.buffer.size()) : l.buffer.size();
  depart_group(link, load, wait_cause::sailing);
  r_.emit_link<trace_kind::left_behind>(link, static_cast<double>(l.buffer.size()));
}

// A link reopened: plain links send everyone waiting, batches resume; sailings wait for their time.
void link_transport::release_link(std::uint32_t link) {
  link_state& l = links_[link];
  if (l.spec->paths_per_day) depart_on_paths(link);
  if (l.spec->batch) return release_batches(link);
  if (l.spec->schedule) return;
  while (!l.buffer.empty()) {
    const std::uint32_t id = l.buffer.pop();
    end_wait(link, id, wait_cause::closed);
    travel_alone(link, id);
  }
}

// A wait at the link's origin counts for the origin node: its closed part as `closed`, the rest as `cause`.
void link_transport::end_wait(std::uint32_t link, std::uint32_t id, wait_cause cause) {
  const link_state& l = links_[link];
  const shipment& s = r_.pool[id];
  const sim_time wait = r_.now() - s.since;
  const sim_time closed = l.closed.total(r_.now()) - s.closed_mark;
  r_.wait_ended(id, l.from, wait_cause::closed, closed);
  r_.wait_ended(id, l.from, cause, wait - closed);
}

// The first `count` units of the link's buffer travel together (one train, one sailing).
void link_transport::depart_group(std::uint32_t link, std::size_t count, wait_cause cause) {
  link_state& l = links_[link];
  if (l.spec->fleet) {
    // The train is formed; it waits for a vehicle (a train set, a ship).
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint32_t id = l.buffer.pop();
      end_wait(link, id, cause);
      wait_for_vehicle(link, id);
    }
    return request_vehicle(link, static_cast<std::uint32_t>(count));
  }
  if (l.spec->paths_per_day) {
    // The train is formed; it waits for a path.
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint32_t id = l.buffer.pop();
      end_wait(link, id, cause);
      wait_for_path(link, id);
    }
    l.ready_groups.push(static_cast<std::uint32_t>(count));
    return depart_on_paths(link);
  }
  const double hours = draw_hours(l);
  r_.emit_link<trace_kind::vehicle>(link);
  std::uint32_t group = no_group;
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint32_t id = l.buffer.pop();
    end_wait(link, id, cause);
    board(link, id, hours, &group);
  }
}

// A unit on a plain link travels alone, with its own travel time.
void link_transport::travel_alone(std::uint32_t link, std::uint32_t id) {
  link_state& l = links_[link];
  r_.emit_link<trace_kind::vehicle>(link);
  board(link, id, draw_hours(l), nullptr);
}

void link_transport::wait_for_path(std::uint32_t link, std::uint32_t id) {
  link_state& l = links_[link];
  shipment& s = r_.pool[id];
  s.since = r_.now();
  s.closed_mark = l.closed.total(r_.now());
  r_.emit<trace_kind::wait_begun>(id, l.from, wait_cause::no_path);
  l.ready.push(id);
}

void link_transport::wait_for_vehicle(std::uint32_t link, std::uint32_t id) {
  link_state& l = links_[link];
  shipment& s = r_.pool[id];
  s.since = r_.now();
  s.closed_mark = l.closed.total(r_.now());
  r_.emit<trace_kind::wait_begun>(id, l.from, wait_cause::no_vehicle);
  l.vehicle_wait.push(id);
}

void link_transport::request_vehicle(std::uint32_t link, std::uint32_t count) {
  links_[link].vehicle_groups.push(count);
  r_.vehicles.request(*links_[link].spec->fleet, link);
}

// The first departure waiting for a vehicle has one: it waits for a path, if the link has paths, or leaves.
void link_transport::vehicle_granted(std::uint32_t link) {
  link_state& l = links_[link];
  const std::uint32_t count = l.vehicle_groups.pop();
  if (l.spec->paths_per_day) {
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::uint32_t id = l.vehicle_wait.pop();
      end_wait(link, id, wait_cause::no_vehicle);
      wait_for_path(link, id);
    }
    l.ready_groups.push(count);
    return depart_on_paths(link);
  }
  const double hours = draw_hours(l);
  r_.emit_link<trace_kind::vehicle>(link);
  std::uint32_t group = no_group;
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t id = l.vehicle_wait.pop();
    end_wait(link, id, wait_cause::no_vehicle);
    board(link, id, hours, &group);
  }
  r_.vehicles.dispatched(*l.spec->fleet, hours);
}

// Sends the formed departures that have a path now, first come first served, one path each; the rest wait
// for the next path (or for the link to reopen).
void link_transport::depart_on_paths(std::uint32_t link) {
  link_state& l = links_[link];
  while (!l.ready_groups.empty() && !l.closed.closed()) {
    if (r_.now() < l.next_path) {
      if (!l.path_pending) {
        l.path_pending = true;
        r_.schedule(l.next_path, owner::links, path_free, link);
      }
      return;
    }
    const std::uint32_t count = l.ready_groups.pop();
    const double hours = draw_hours(l);
    r_.emit_link<trace_kind::vehicle>(link);
    std::uint32_t group = no_group;
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::uint32_t id = l.ready.pop();
      end_wait(link, id, wait_cause::no_path);
      board(link, id, hours, &group);
    }
    if (l.spec->fleet) r_.vehicles.dispatched(*l.spec->fleet, hours);
    l.next_path = r_.now() + l.path_spacing;
  }
}

link_waiting link_transport::waiting(std::uint32_t link, double planned_rate) const {
  const link_state& l = links_[link];
  const double elapsed_h = to_hours(r_.now());
  link_waiting w;
  w.rate = l.joined > 0 && elapsed_h > 0 ? static_cast<double>(l.joined) / elapsed_h : planned_rate;
  w.buffered = l.buffer.size();
  if (!l.buffer.empty()) w.first_waited_h = to_hours(r_.now() - r_.pool[l.buffer.front()].since);
  w.for_path = l.ready_groups.size();
  if (l.next_path > r_.now()) w.next_path_in_h = to_hours(l.next_path - r_.now());
  return w;
}

double link_transport::draw_hours(link_state& l) {
  const double hours = sample(l.spec->time, l.time);
  return l.spec->delay ? hours + sample(*l.spec->delay, l.delay) : hours;
}

// `hours`: the drawn travel time (the arrival is clamped past the horizon when it falls after it).
// The group's event is scheduled when its first unit boards, where that unit's own event would be: events
// at the same time keep their order (the scheduler breaks ties by scheduling order), so results are those of
// one event per unit.
void link_transport::board(std::uint32_t link, std::uint32_t id, double hours, std::uint32_t* group) {
  const sim_time arrival_at = r_.after(hours);
  shipment& s = r_.pool[id];
  s.cost += links_[link].spec->cost_usd;
  r_.emit<trace_kind::link_departure>(id, link, wait_cause::queue, arrival_at - r_.now(), hours);
  ++travelling_to_[s.next];
  if (group == nullptr) return static_cast<void>(r_.schedule(arrival_at, owner::links, arrival, id));
  if (*group == no_group) {
    if (free_groups_.empty()) {
      *group = static_cast<std::uint32_t>(groups_.size());
      groups_.emplace_back();
    } else {
      *group = free_groups_.back();
      free_groups_.pop_back();
    }
    r_.schedule(arrival_at, owner::links, group_arrival, *group);
  }
  groups_[*group].push_back(id);
}

// Each unit arrives in boarding order. Arriving can board other units and open groups (groups_ may grow), so
// the group is read by index, and its slot freed only after the last unit.
void link_transport::on_group_arrival(std::uint32_t group) {
  for (std::size_t i = 0; i < groups_[group].size(); ++i)
    on_arrival(groups_[group][i]);
  groups_[group].clear();
  free_groups_.push_back(group);
}

void link_transport::on_arrival(std::uint32_t id) {
  shipment& s = r_.pool[id];
  s.came_by_link = true;
  s.came_by = links_[s.link].spec->mode;
  s.at = s.next;
  --travelling_to_[s.at];
  r_.entry.arrived(s.at);
  r_.emit<trace_kind::arrived>(id, s.at);
  r_.nodes.enter(id);
  r_.entry.admit(s.at);
}

}  // namespace freightsim::detail
