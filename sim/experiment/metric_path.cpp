#include "freightsim/experiment/metric_path.hpp"

#include <algorithm>
#include <array>
#include <boost/range/iterator_range.hpp>
#include <limits>

#include "freightsim/scenario/suggest.hpp"

namespace freightsim {

namespace {

template <class Summary>
struct quantity {
  std::string_view name;
  double (*get)(const Summary&);
};

constexpr std::array<quantity<flow_summary>, 9> flow_quantities{{
    {"delivered", [](const flow_summary& f) { return f.delivered.mean; }},
    {"transit_time_h.mean", [](const flow_summary& f) { return f.transit_h.estimate.mean; }},
    {"transit_time_h.p50", [](const flow_summary& f) { return f.transit_h.p50; }},
    {"transit_time_h.p90", [](const flow_summary& f) { return f.transit_h.p90; }},
    {"transit_time_h.p95", [](const flow_summary& f) { return f.transit_h.p95; }},
    {"transit_time_h.p99", [](const flow_summary& f) { return f.transit_h.p99; }},
    {"transit_time_h.max", [](const flow_summary& f) { return f.transit_h.max; }},
    {"cost_usd.mean", [](const flow_summary& f) { return f.cost_usd.mean; }},
    {"storage_usd.mean", [](const flow_summary& f) { return f.storage_usd.mean; }},
}};

// Every cause's mean wait summed: the whole time a unit leaving the node spent there waiting (for a server, a
// train, a path, in holds ...), which is what a published "wait at the border" measures.
double total_wait(const node_summary& n) {
  double sum = 0;
  for (const auto& w : n.wait_by_cause_h)
    sum += w.mean;
  return sum;
}

constexpr std::array<quantity<node_summary>, 15> node_quantities{{
    {"utilization", [](const node_summary& n) { return n.utilization.mean; }},
    {"wait_h.mean", [](const node_summary& n) { return n.wait_h.estimate.mean; }},
    {"wait_h.p50", [](const node_summary& n) { return n.wait_h.p50; }},
    {"wait_h.p90", [](const node_summary& n) { return n.wait_h.p90; }},
    {"wait_h.p95", [](const node_summary& n) { return n.wait_h.p95; }},
    {"wait_h.p99", [](const node_summary& n) { return n.wait_h.p99; }},
    {"wait_h.max", [](const node_summary& n) { return n.wait_h.max; }},
    {"queue_length.mean", [](const node_summary& n) { return n.queue_length.mean; }},
    {"queue_length.max", [](const node_summary& n) { return n.queue_max; }},
    {"approach_queue.mean", [](const node_summary& n) { return n.approach_queue.mean; }},
    {"approach_queue.max", [](const node_summary& n) { return n.approach_max; }},
    {"waiting_total.mean", [](const node_summary& n) { return n.waiting_total.mean; }},
    {"waiting_total.max", [](const node_summary& n) { return n.waiting_total_max; }},
    {"throughput_per_day", [](const node_summary& n) { return n.throughput_per_day.mean; }},
    {"wait_by_cause_h.total", total_wait},
}};

// Links: departures (trains, sailings, trucks) per day; load factor only where a link has a capacity per
// departure (a batch size or a sailing's capacity).
constexpr std::array<quantity<link_summary>, 3> link_quantities{{
    {"units_per_day", [](const link_summary& l) { return l.units_per_day.mean; }},
    {"vehicles_per_day", [](const link_summary& l) { return l.vehicles_per_day.mean; }},
    {"left_behind_per_day", [](const link_summary& l) { return l.left_behind_per_day.mean; }},
}};
constexpr quantity<link_summary> load_factor{
    "load_factor", [](const link_summary& l) { return l.load_factor ? l.load_factor->mean : 0.0; }};

constexpr std::array<quantity<fleet_summary>, 3> fleet_quantities{{
    {"utilization", [](const fleet_summary& f) { return f.utilization.mean; }},
    {"busy_vehicles", [](const fleet_summary& f) { return f.busy_mean.mean; }},
    {"wait_h.mean", [](const fleet_summary& f) { return f.wait_h.mean; }},
}};

std::string cause_quantity(std::size_t cause) {
  return std::string("wait_by_cause_h.") + to_string(static_cast<wait_cause>(cause));
}

std::vector<std::string> paths_of(const std::vector<std::string>& flow_ids,
                                  const std::vector<std::string>& node_ids,
                                  const std::vector<std::string>& link_ids,
                                  const std::vector<bool>& link_capacity,
                                  const std::vector<std::string>& fleet_ids) {
  std::vector<std::string> out;
  for (const auto& id : flow_ids)
    for (const auto& q : flow_quantities)
      out.push_back("flows." + id + "." + std::string(q.name));
  for (const auto& id : node_ids) {
    for (const auto& q : node_quantities)
      out.push_back("nodes." + id + "." + std::string(q.name));
    for (std::size_t c = 0; c < wait_cause_count; ++c)
      out.push_back("nodes." + id + "." + cause_quantity(c));
  }
  for (std::size_t l = 0; l < link_ids.size(); ++l) {
    for (const auto& q : link_quantities)
      out.push_back("links." + link_ids[l] + "." + std::string(q.name));
    if (link_capacity[l]) out.push_back("links." + link_ids[l] + "." + std::string(load_factor.name));
  }
  for (const auto& id : fleet_ids)
    for (const auto& q : fleet_quantities)
      out.push_back("fleets." + id + "." + std::string(q.name));
  return out;
}

// The rest of `path` after "SECTION.ID.", or nullopt.
std::optional<std::string_view> after(std::string_view path, std::string_view section,
                                      const std::string& id) {
  if (path.size() <= section.size() + id.size() + 1 || path.substr(0, section.size()) != section ||
      path.substr(section.size(), id.size()) != id || path[section.size() + id.size()] != '.')
    return std::nullopt;
  return path.substr(section.size() + id.size() + 1);
}

}  // namespace

std::vector<std::string> link_metric_ids(const std::vector<link_ends>& links) {
  std::vector<std::string> out;
  for (const auto& l : links) {
    const auto same_pair = std::count_if(
        links.begin(), links.end(), [&](const link_ends& o) { return o.from == l.from && o.to == l.to; });
    out.push_back(l.from + ">" + l.to + (same_pair > 1 ? ":" + l.mode : ""));
  }
  return out;
}

std::vector<std::string> link_metric_ids(const scenario& s) {
  const auto& g = s.model.net.graph();
  std::vector<link_ends> ends(s.model.net.link_count());
  for (const auto e : boost::make_iterator_range(boost::edges(g)))
    ends.at(g[e].index) = {g[e].from, g[e].to, to_string(g[e].mode)};
  return link_metric_ids(ends);
}

std::vector<std::string> metric_paths(const scenario& s) {
  std::vector<std::string> flows, nodes, fleets;
  for (const auto& f : s.model.flows)
    flows.push_back(f.id);
  const auto& g = s.model.net.graph();
  for (std::size_t v = 0; v < s.model.net.node_count(); ++v)
    nodes.push_back(g[v].id);
  std::vector<bool> capacity(s.model.net.link_count(), false);
  for (const auto e : boost::make_iterator_range(boost::edges(g)))
    capacity.at(g[e].index) = g[e].capacity_per_departure().has_value();
  for (const auto& f : s.model.fleets)
    fleets.push_back(f.id);
  return paths_of(flows, nodes, link_metric_ids(s), capacity, fleets);
}

std::optional<double> metric_value(const summary& s, std::string_view path) {
  // Ids may hold dots, so every id that is a prefix is tried.
  for (const auto& f : s.flows)
    if (const auto rest = after(path, "flows.", f.id))
      for (const auto& q : flow_quantities)
        if (q.name == *rest) return q.get(f);
  for (const auto& n : s.nodes)
    if (const auto rest = after(path, "nodes.", n.id)) {
      for (const auto& q : node_quantities)
        if (q.name == *rest) return q.get(n);
      for (std::size_t c = 0; c < wait_cause_count; ++c)
        if (cause_quantity(c) == *rest) return n.wait_by_cause_h[c].mean;
    }
  std::vector<link_ends> ends;
  for (const auto& l : s.links)
    ends.push_back({l.from, l.to, l.mode});
  const std::vector<std::string> link_ids = link_metric_ids(ends);
  for (std::size_t l = 0; l < s.links.size(); ++l)
    if (const auto rest = after(path, "links.", link_ids[l])) {
      for (const auto& q : link_quantities)
        if (q.name == *rest) return q.get(s.links[l]);
      if (s.links[l].load_factor && load_factor.name == *rest) return load_factor.get(s.links[l]);
    }
  for (const auto& f : s.fleets)
    if (const auto rest = after(path, "fleets.", f.id))
      for (const auto& q : fleet_quantities)
        if (q.name == *rest) return q.get(f);
  return std::nullopt;
}

bool metric_in_hours(std::string_view path) {
  const auto ends_with = [&](std::string_view name) {
    return path.size() > name.size() && path.substr(path.size() - name.size()) == name &&
           path[path.size() - name.size() - 1] == '.';
  };
  const auto hours = [](std::string_view name) {
    const std::string_view first = name.substr(0, name.find('.'));
    return first.size() > 2 && first.substr(first.size() - 2) == "_h";
  };
  for (const auto& q : flow_quantities)
    if (ends_with(q.name)) return hours(q.name);
  for (const auto& q : node_quantities)
    if (ends_with(q.name)) return hours(q.name);
  for (const auto& q : fleet_quantities)
    if (ends_with(q.name)) return hours(q.name);
  for (std::size_t c = 0; c < wait_cause_count; ++c)
    if (ends_with(cause_quantity(c))) return true;
  return false;
}

std::string closest_metric_path(std::string_view path, const std::vector<std::string>& valid) {
  std::string best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const auto& v : valid)
    if (const std::size_t d = edit_distance(path, v); d < best_distance) {
      best = v;
      best_distance = d;
    }
  return best;
}

}  // namespace freightsim
