// Stations' availability: opening hours (weekly calendars), disruption windows and random breakdowns set how
// many servers are open; a change starts whatever can start.
#include "replication.hpp"
#include "stations.hpp"

namespace freightsim::detail {

void stations::start() {
  for (std::uint32_t v = 0; v < nodes_.size(); ++v) {
    station& n = nodes_[v];
    const node_spec& spec = *n.spec;
    if (!spec.has_servers()) continue;
    if (spec.calendar)
      r_.schedule(spec.calendar->next_change_after(r_.now()), owner::stations, calendar_change, v);
    if (spec.breakdowns)
      r_.schedule(r_.after(sample(spec.breakdowns->mtbf, n.breakdown)), owner::stations, breakdown_toggle, v);
    for (std::uint32_t i = 0; i < spec.disruptions.size(); ++i) {
      // A recurring window schedules its end and its next start when it starts (on_window).
      windows_.push_back({v, i, true});
      r_.schedule(spec.disruptions[i].from, owner::stations, window_edge,
                  static_cast<std::uint32_t>(windows_.size() - 1));
      windows_.push_back({v, i, false});
      if (!spec.disruptions[i].every)
        r_.schedule(spec.disruptions[i].to, owner::stations, window_edge,
                    static_cast<std::uint32_t>(windows_.size() - 1));
    }
    update_capacity(v);
  }
}

void stations::on_calendar_change(std::uint32_t v) {
  r_.schedule(nodes_[v].spec->calendar->next_change_after(r_.now()), owner::stations, calendar_change, v);
  update_capacity(v);
}

void stations::on_breakdown_toggle(std::uint32_t v) {
  station& n = nodes_[v];
  n.broken = !n.broken;
  if (n.broken) n.broken_since = r_.now();
  const auto& b = *n.spec->breakdowns;
  r_.schedule(r_.after(sample(n.broken ? b.mttr : b.mtbf, n.breakdown)), owner::stations, breakdown_toggle,
              v);
  update_capacity(v);
}

void stations::on_window(std::uint32_t id) {
  const window& w = windows_[id];
  station& n = nodes_[w.node];
  const node_disruption& d = n.spec->disruptions[w.index];
  const std::uint32_t cap = d.servers;
  if (w.opens && d.every) {
    // The start and end edges of one disruption are adjacent in windows_.
    r_.schedule(r_.now() + (d.to - d.from), owner::stations, window_edge, id + 1);
    r_.schedule(r_.now() + *d.every, owner::stations, window_edge, id);
  }
  if (w.opens) {
    n.caps.push_back(cap);
    if (cap == 0) n.closing_windows_end = std::max(n.closing_windows_end, r_.now() + (d.to - d.from));
  } else {
    n.caps.erase(std::find(n.caps.begin(), n.caps.end(), cap));
  }
  update_capacity(w.node);
}

double stations::reopen_hours(vertex v) const {
  const station& n = nodes_[v];
  if (!n.spec->has_servers() || n.available > 0) return 0;
  const sim_time now = r_.now();
  sim_time until = now;
  if (std::find(n.caps.begin(), n.caps.end(), 0u) != n.caps.end())
    until = std::max(until, n.closing_windows_end);
  if (n.broken) until = std::max(until, n.broken_since + from_hours(mean(n.spec->breakdowns->mttr)));
  // Shifts: the first change after `until` that opens servers (a week of changes at most).
  if (const auto& c = n.spec->calendar)
    for (int k = 0; k < 64 && c->servers_at(until) == 0; ++k)
      until = c->next_change_after(until);
  return to_hours(until - now);
}

// Recomputes the servers open at node v and starts what can start.
void stations::update_capacity(std::uint32_t v) {
  station& n = nodes_[v];
  const node_spec& spec = *n.spec;
  const sim_time now = r_.now();
  std::uint32_t open = spec.calendar ? std::min(spec.calendar->servers_at(now), spec.servers) : spec.servers;
  for (const std::uint32_t cap : n.caps)
    open = std::min(open, cap);
  if (n.broken) open = 0;
  n.available = open;
  n.closed.set(now, open == 0);
  servers_changed(v);
  r_.routes.set_node_closed(v, n.unplanned_closed());
  start_waiting(v);
}

}  // namespace freightsim::detail
