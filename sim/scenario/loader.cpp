#include "freightsim/scenario/loader.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "distribution_reader.hpp"
#include "freightsim/model/routing.hpp"
#include "freightsim/scenario/suggest.hpp"
#include "observed_reader.hpp"
#include "operations_reader.hpp"
#include "overlay.hpp"
#include "override_apply.hpp"
#include "stage_reader.hpp"
#include "text_checks.hpp"
#include "yaml_reader.hpp"

namespace freightsim {

namespace {

using detail::yaml_reader;

using detail::max_capacity;
using detail::max_priority;
using detail::max_replications;
using detail::max_servers;
// Money bounds keep every total finite: a unit's cost sums at most a fee and a link cost per hop, and the
// summaries sum those over millions of units.
constexpr double max_usd = 1e9;
constexpr double max_value_of_time = 1e6;  // USD per hour
constexpr std::uint64_t max_paths = 10;    // route: adaptive
constexpr double max_dispersion = 100;     // per hour: beyond it, a logit split is the least-cost choice

std::string in_quotes(const std::string& s) {
  return "'" + s + "'";
}

class scenario_reader {
 public:
  scenario_reader(const yaml_reader& in, scenario& out) : in_(in), out_(out) {}

  void read(const YAML::Node& root) {
    if (root.IsNull())
      in_.fail(root, "the scenario file holds no settings (name, horizon, nodes, links, flows)");
    if (!root.IsMap())
      in_.fail(root,
               std::string("a scenario must be a map of settings (name, horizon, nodes, links, flows), ") +
                   (root.IsSequence() ? "not a list" : "not a single value"));
    in_.map(root, "scenario", detail::scenario_keys());
    check_what_if_additions(root);
    out_.name = in_.string(in_.require(root, "name", "scenario"), "name");
    if (const auto d = root["description"]) in_.string(d, "description");
    const YAML::Node horizon = in_.require(root, "horizon", "scenario");
    const double horizon_h = in_.duration_hours(horizon, "horizon");
    if (horizon_h <= 0.0) in_.fail(horizon, "horizon must be > 0, not " + in_quotes(horizon.Scalar()));
    out_.horizon = from_hours(horizon_h);
    // Times are whole milliseconds: a shorter horizon would be a run of no time at all.
    if (out_.horizon <= sim_time{0})
      in_.fail(horizon, "horizon " + in_quotes(horizon.Scalar()) +
                            " is below 1ms, the clock's resolution (times are whole milliseconds); give at "
                            "least 1ms");
    if (const auto w = root["warmup"]; w && w.IsScalar() && w.Scalar() == "auto") {
      out_.warmup_auto = true;
    } else if (w) {
      // A word is a misspelt `auto` more likely than a duration without its number.
      if (w.IsScalar() && !w.Scalar().empty() && w.Scalar().find_first_of("0123456789") == std::string::npos)
        in_.fail(w, "warmup must be a duration such as '14d' or 'auto', not " + in_quotes(w.Scalar()));
      out_.warmup = from_hours(in_.duration_hours(w, "warmup"));
      if (out_.warmup >= out_.horizon)
        in_.fail(w, "warmup " + in_quotes(w.Scalar()) + " must be shorter than the horizon " +
                        in_quotes(horizon.Scalar()));
    }
    if (const auto s = root["seed"]) out_.seed = in_.integer(s, "seed", 0, UINT64_MAX);
    if (const auto r = root["replications"])
      out_.replications = static_cast<std::uint32_t>(in_.integer(r, "replications", 1, max_replications));

    const YAML::Node nodes = in_.sequence(in_.require(root, "nodes", "scenario"), "nodes");
    if (nodes.size() == 0) in_.fail(nodes, "nodes: the scenario needs at least one node");
    for (const auto& n : nodes)
      read_node(n);
    if (const auto fleets = root["fleets"]) read_fleets(fleets);
    if (const auto links = root["links"]) {
      in_.sequence(links, "links");
      std::size_t index = 0;
      for (const auto& l : links)
        read_link(l, index++);
    }
    require_linked(nodes);
    require_fleets_used();
    const YAML::Node flows = in_.sequence(in_.require(root, "flows", "scenario"), "flows");
    if (flows.size() == 0) in_.fail(flows, "flows: the scenario needs at least one flow");
    for (const auto& f : flows)
      read_flow(f);
    check_flow_references();
    if (const auto observed = root["observed"]) out_.observed = detail::read_observed(in_, observed);
  }

 private:
  // `fleets: [{id: iran_wagons, size: 40, return_time: 3d}]`
  void read_fleets(const YAML::Node& fleets) {
    in_.sequence(fleets, "fleets");
    for (const auto& f : fleets) {
      in_.map(f, "fleet", detail::fleet_keys());
      fleet_spec spec;
      const YAML::Node id = in_.require(f, "id", "fleet");
      spec.id = in_.string(id, "fleet id");
      if (spec.id.empty()) in_.fail(id, "fleet id must not be empty");
      for (const auto& other : out_.model.fleets)
        if (other.id == spec.id) in_.fail(id, "duplicate fleet id " + in_quotes(spec.id));
      const std::string what = "fleet " + in_quotes(spec.id);
      spec.size = static_cast<std::uint32_t>(
          in_.integer(in_.require(f, "size", what), what + ": size", 1, detail::max_fleet));
      spec.return_time =
          detail::read_distribution(in_, in_.require(f, "return_time", what), what + ": return_time");
      out_.model.fleets.push_back(std::move(spec));
      fleet_nodes_.push_back(id);
    }
    fleet_used_.assign(out_.model.fleets.size(), false);
  }

  // A link's `fleet`: the index of a declared fleet.
  std::uint32_t fleet_ref(const YAML::Node& node, const std::string& what) {
    const std::string id = in_.string(node, what);
    std::vector<std::string> ids;
    for (std::uint32_t f = 0; f < out_.model.fleets.size(); ++f) {
      if (out_.model.fleets[f].id == id) {
        fleet_used_[f] = true;
        return f;
      }
      ids.push_back(out_.model.fleets[f].id);
    }
    in_.fail(node, what + ": unknown fleet " + in_quotes(id) +
                       (ids.empty() ? std::string(" (the scenario has no fleets)") : did_you_mean(id, ids)));
  }

  // A fleet no link uses is most likely a misspelt link `fleet`: it would change nothing.
  void require_fleets_used() const {
    for (std::size_t f = 0; f < fleet_used_.size(); ++f)
      if (!fleet_used_[f])
        in_.fail(fleet_nodes_[f], "fleet " + in_quotes(out_.model.fleets[f].id) +
                                      " is used by no link (give a link `fleet: " + out_.model.fleets[f].id +
                                      "`)");
  }

  void read_node(const YAML::Node& node) {
    in_.map(node, "node", detail::node_keys());
    node_spec spec;
    const YAML::Node id = in_.require(node, "id", "node");
    spec.id = in_.string(id, "node id");
    if (spec.id.empty()) in_.fail(id, "node id must not be empty");
    const std::string what = "node " + in_quotes(spec.id);
    spec.name = node["name"] ? in_.string(node["name"], what + ": name") : spec.id;
    if (const auto loc = node["location"]) {
      in_.map(loc, what + ": location", detail::location_keys());
      const YAML::Node lat = in_.require(loc, "lat", what + ": location");
      const YAML::Node lon = in_.require(loc, "lon", what + ": location");
      const location l{in_.number(lat, what + ": lat"), in_.number(lon, what + ": lon")};
      if (std::abs(l.lat) > 90.0) in_.fail(lat, what + ": lat must be within [-90, 90], not " + lat.Scalar());
      if (std::abs(l.lon) > 180.0)
        in_.fail(lon, what + ": lon must be within [-180, 180], not " + lon.Scalar());
      spec.where = l;
    }
    if (const auto service = node["service"])
      spec.service = detail::read_distribution(in_, service, what + ": service");
    if (const auto stages = node["stages"]) {
      for (const char* key : {"service", "inspection", "transfer"})
        if (node[key])
          in_.fail(node[key],
                   what + ": " + key + " cannot be given with stages (write it as a " + key + " stage)");
      spec.stages = detail::read_stages(in_, stages, what, flow_references_);
    }
    if (const auto servers = node["servers"]) {
      // The service taken away by a what-if's (or --set's) `~` is the change to point at, not the servers.
      if (const auto removed = in_.removal_of(node, "service"); removed && !spec.has_servers())
        in_.fail(*removed,
                 what +
                     ": service removed here by '~' while servers is still given (a junction has no "
                     "servers); remove servers too (servers: ~)");
      if (!spec.has_servers())
        in_.fail(servers, what + ": servers given without a service" +
                              (spec.stages.empty() ? std::string(" (a junction has no servers)")
                                                   : std::string(" or inspection stage")));
      spec.servers = static_cast<std::uint32_t>(in_.integer(servers, what + ": servers", 1, max_servers));
    } else if (spec.has_servers()) {
      in_.missing(node, "servers", what + ": missing key 'servers' (how many units it can serve at once)");
    }
    if (const auto insp = node["inspection"]) {
      if (!spec.service) in_.fail(insp, what + ": inspection needs a service");
      in_.map(insp, what + ": inspection", detail::inspection_keys());
      inspection_spec i;
      i.probability = in_.probability(in_.require(insp, "probability", what + ": inspection"),
                                      what + ": inspection probability");
      i.extra = detail::read_distribution(in_, in_.require(insp, "extra", what + ": inspection"),
                                          what + ": inspection extra");
      spec.inspection = std::move(i);
    }
    read_node_operations(node, what, spec);
    if (!out_.model.net.add_node(std::move(spec)))
      in_.fail(id, "duplicate node id " + in_quotes(node["id"].Scalar()));
    node_ids_.push_back(node["id"].Scalar());
  }

  // Flow ids written in stages name flows of the scenario.
  void check_flow_references() const {
    std::vector<std::string> ids;
    for (const auto& f : out_.model.flows)
      ids.push_back(f.id);
    for (const auto& r : flow_references_) {
      const std::string id = r.node.Scalar();
      if (std::find(ids.begin(), ids.end(), id) == ids.end())
        in_.fail(r.node, r.what + ": unknown flow " + in_quotes(id) + did_you_mean(id, ids));
    }
  }

  // Capacity, opening hours, disruptions, breakdowns, mode change and fees: all need a service.
  void read_node_operations(const YAML::Node& node, const std::string& what, node_spec& spec) {
    for (const char* key : {"capacity", "shifts", "utc_offset", "disruptions", "breakdowns", "transfer"}) {
      if (!node[key]) continue;
      const std::string_view k = key;
      // Capacity needs some work at the node; transfer is part of `service`; the rest act on servers.
      const bool ok = k == "capacity"   ? !spec.is_junction()
                      : k == "transfer" ? spec.service.has_value()
                                        : spec.has_servers();
      if (ok) continue;
      if (spec.stages.empty())
        in_.fail(node[key], what + ": " + key + " needs a service (a junction has none)");
      in_.fail(node[key], what + ": " + key + " needs a service or inspection stage (it acts on servers)");
    }
    if (const auto c = node["capacity"])
      spec.capacity = static_cast<std::uint32_t>(in_.integer(c, what + ": capacity", 0, max_capacity));
    if (node["utc_offset"] && !node["shifts"])
      in_.fail(node["utc_offset"], what + ": utc_offset needs shifts");
    if (const auto shifts = node["shifts"]) {
      const sim_time offset = node["utc_offset"]
                                  ? from_hours(in_.duration_hours(node["utc_offset"], what + ": utc_offset"))
                                  : sim_time{0};
      if (offset > from_hours(14)) in_.fail(node["utc_offset"], what + ": utc_offset must be at most 14h");
      spec.calendar =
          weekly_calendar(detail::read_shifts(in_, shifts, what + ": shifts", spec.servers), offset);
      if (spec.calendar->peak() == 0)
        in_.fail(shifts,
                 what +
                     ": its shifts never open a server (every shift has servers: 0), so no unit would "
                     "ever be served; give a shift at least one server");
      // With shifts, `servers` caps the servers open at once: above the shifts' peak it would change nothing
      // (a sweep over it would silently give the same results).
      if (spec.calendar->peak() < spec.servers)
        in_.fail(node["servers"], what + ": servers " + node["servers"].Scalar() +
                                      " is more than its shifts ever open at once (" +
                                      std::to_string(spec.calendar->peak()) +
                                      "); with shifts, servers caps them, so set it to at most that");
    }
    if (const auto d = node["disruptions"])
      spec.disruptions =
          detail::read_node_disruptions(in_, d, what + ": disruptions", spec.servers, out_.horizon);
    if (const auto b = node["breakdowns"])
      spec.breakdowns = detail::read_breakdowns(in_, b, what + ": breakdowns");
    if (const auto t = node["transfer"])
      spec.transfer = detail::read_distribution(in_, t, what + ": transfer");
    if (const auto f = node["fee_usd"]) spec.fee_usd = money(f, what + ": fee_usd");
    if (const auto st = node["storage"]) spec.storage = detail::read_storage(in_, st, what + ": storage");
  }

  // `{process: poisson, rate: 40/d}` or `{process: fixed, every: 1h, first: 0h}`.
  void read_arrivals(const YAML::Node& arrivals, const std::string& flow, flow_spec& spec) {
    const std::string what = flow + ": arrivals";
    if (!arrivals.IsMap()) in_.fail(arrivals, what + " must be a map such as {process: poisson, rate: 40/d}");
    const YAML::Node process = in_.require(arrivals, "process", what);
    const std::string name = in_.string(process, what + ": process");
    const detail::map_spec* form = detail::find_form(detail::arrival_forms(), name);
    if (form) in_.map(arrivals, what, *form);
    if (name == "poisson") {
      const YAML::Node rate = in_.require(arrivals, "rate", what);
      spec.rate_per_hour = in_.rate_per_hour(rate, flow + ": rate");
      // Mean gaps below a millisecond cannot be represented in simulation time.
      if (spec.rate_per_hour > ms_per_hour) in_.fail(rate, flow + ": rate above 1/ms cannot be simulated");
      if (1.0 / spec.rate_per_hour > to_hours(max_sim_time))
        in_.fail(rate, flow + ": rate " + in_quotes(rate.Scalar()) +
                           " means a mean gap between arrivals longer than the 1000-year limit");
      if (const auto profile = arrivals["profile"]) read_profile(profile, what + ": profile", spec);
    } else if (name == "fixed") {
      const YAML::Node every = in_.require(arrivals, "every", what);
      const double hours = in_.duration_hours(every, what + ": every");
      if (from_hours(hours) < sim_time{1}) in_.fail(every, what + ": every must be at least 1ms");
      spec.process = arrival_process::fixed;
      spec.rate_per_hour = 1.0 / hours;
      if (const auto first = arrivals["first"])
        spec.first_arrival = from_hours(in_.duration_hours(first, what + ": first"));
    } else {
      in_.fail(process, what + ": unknown arrival process " + in_quotes(name) + " (poisson or fixed)" +
                            did_you_mean(name, detail::form_names(detail::arrival_forms())));
    }
  }

  // `{every: 7d, factors: [1.2, 1.2, 1.1, 1, 1, 0.8, 0.7]}`: the rate in each part, scaled to a mean of 1.
  void read_profile(const YAML::Node& profile, const std::string& what, flow_spec& spec) {
    in_.map(profile, what, detail::profile_keys());
    const YAML::Node every = in_.require(profile, "every", what);
    const YAML::Node factors = in_.require(profile, "factors", what);
    if (!factors.IsSequence() || factors.size() == 0)
      in_.fail(factors, what + ": factors must be a list of numbers such as [1.5, 1, 0.5]");
    double sum = 0;
    for (std::size_t k = 0; k < factors.size(); ++k)
      sum += spec.profile_rates.emplace_back(
          in_.non_negative(factors[k], what + ": factor " + std::to_string(k + 1)));
    if (!(sum > 0)) in_.fail(factors, what + ": factors are all 0 (no arrivals); give at least one above 0");
    // An infinite sum would scale every part to a rate of 0 (no arrivals at all, exit 0).
    if (!std::isfinite(sum))
      in_.fail(
          factors,
          what + ": factors add up beyond the largest number; give relative factors such as [1.5, 1, 0.5]");
    spec.profile_period_h = in_.duration_hours(every, what + ": every");
    // Each part must be at least a millisecond of simulated time.
    if (from_hours(spec.profile_period_h / static_cast<double>(factors.size())) < sim_time{1})
      in_.fail(every, what + ": every is too short for " + std::to_string(factors.size()) +
                          " parts (each must be at least 1ms)");
    const double mean = sum / static_cast<double>(factors.size());
    for (double& r : spec.profile_rates)
      r = spec.rate_per_hour * (r / mean);
  }

  // The vertex named by `node`, or an error with a suggestion.
  vertex node_ref(const YAML::Node& node, const std::string& what) {
    const std::string id = in_.string(node, what);
    const auto v = out_.model.net.find(id);
    if (!v) in_.fail(node, what + ": unknown node " + in_quotes(id) + did_you_mean(id, node_ids_));
    return *v;
  }

  void read_link(const YAML::Node& node, std::size_t index) {
    const std::string what = "link " + std::to_string(index + 1);
    in_.map(node, what, detail::link_keys());
    link_spec spec;
    spec.index = index;
    const YAML::Node from = in_.require(node, "from", what);
    const YAML::Node to = in_.require(node, "to", what);
    node_ref(from, what + " from");
    node_ref(to, what + " to");
    spec.from = from.Scalar();
    spec.to = to.Scalar();
    if (spec.from == spec.to) in_.fail(to, what + ": a link must join two different nodes");
    const YAML::Node mode = in_.require(node, "mode", what);
    const auto m = parse_link_mode(in_.string(mode, what + ": mode"));
    if (!m)
      in_.fail(mode,
               what + ": unknown mode " + in_quotes(mode.Scalar()) + " (rail, road, sea or ferry)" +
                   did_you_mean(mode.Scalar(), {detail::link_modes().begin(), detail::link_modes().end()}));
    spec.mode = *m;
    // A what-if addresses a link by from, to and mode: two alike could not be told apart.
    if (const auto [it, fresh] = links_seen_.emplace(std::tuple{spec.from, spec.to, spec.mode}, index + 1);
        !fresh)
      in_.fail(mode, what + ": same from, to and mode as link " + std::to_string(it->second) +
                         "; remove one, or give it another mode");
    const YAML::Node distance = node["distance_km"];
    const YAML::Node speed = node["speed_kmh"];
    const YAML::Node time = node["time"];
    if (time && (distance || speed))
      in_.fail(time, what + ": give either time or distance_km and speed_kmh, not both");
    if (time) {
      spec.time = detail::read_distribution(in_, time, what + ": time");
    } else {
      if (!distance && !speed)
        in_.missing(node, "time", what + ": missing key 'time' (or distance_km and speed_kmh)");
      const double km = in_.non_negative(in_.require(node, "distance_km", what), what + ": distance_km");
      const double kmh = in_.positive(in_.require(node, "speed_kmh", what), what + ": speed_kmh");
      if (km / kmh > to_hours(max_sim_time))
        in_.fail(node, what + ": travel time exceeds the 1000-year limit");
      spec.distance_km = km;
      spec.time = dist::constant{km / kmh};
    }
    if (const auto d = node["delay"]) {
      spec.delay = detail::read_distribution(in_, d, what + ": delay");
      if (mean(spec.time) + mean(*spec.delay) > to_hours(max_sim_time))
        in_.fail(d, what + ": travel time with its delay exceeds the 1000-year limit");
    }
    if (node["batch"] && node["schedule"])
      in_.fail(node["schedule"], what + ": a link has either batch or schedule, not both");
    if (const auto b = node["batch"]) spec.batch = detail::read_batch(in_, b, what + ": batch");
    if (const auto s = node["schedule"]) spec.schedule = detail::read_schedule(in_, s, what + ": schedule");
    if (const auto d = node["disruptions"])
      spec.disruptions = detail::read_link_disruptions(in_, d, what + ": disruptions", out_.horizon);
    if (const auto p = node["paths_per_day"]) {
      if (spec.schedule)
        in_.fail(p, what + ": paths_per_day with a schedule (the schedule already sets the departures)");
      const double n = in_.positive(p, what + ": paths_per_day");
      if (n > 1440.0)
        in_.fail(p, what + ": paths_per_day must be at most 1440 (one a minute), not " + p.Scalar());
      if (24.0 / n > to_hours(max_sim_time))
        in_.fail(p, what + ": paths_per_day " + p.Scalar() + " spaces paths beyond the 1000-year limit");
      spec.paths_per_day = n;
    }
    if (const auto f = node["fleet"]) {
      if (spec.schedule)
        in_.fail(f, what +
                        ": fleet with a schedule (a sailing leaves on time; model its ships as a batch "
                        "link that sails when full)");
      spec.fleet = fleet_ref(f, what + ": fleet");
    }
    if (const auto c = node["cost_usd"]) spec.cost_usd = money(c, what + ": cost_usd");
    if (const auto c = node["cost_per_km"]) {
      if (!spec.distance_km) in_.fail(c, what + ": cost_per_km needs distance_km");
      spec.cost_usd += money(c, what + ": cost_per_km") * *spec.distance_km;
      if (spec.cost_usd > max_usd)
        in_.fail(c, what + ": cost_per_km x distance_km (+ cost_usd) is " + fmt_number(spec.cost_usd) +
                        " USD per unit, more than the limit of 1e9");
    }
    out_.model.net.add_link(std::move(spec));
  }

  void read_flow(const YAML::Node& node) {
    in_.map(node, "flow", detail::flow_keys());
    flow_spec spec;
    const YAML::Node id = in_.require(node, "id", "flow");
    spec.id = in_.string(id, "flow id");
    if (spec.id.empty()) in_.fail(id, "flow id must not be empty");
    for (const auto& f : out_.model.flows)
      if (f.id == spec.id) in_.fail(id, "duplicate flow id " + in_quotes(spec.id));
    const std::string what = "flow " + in_quotes(spec.id);
    const YAML::Node from = in_.require(node, "from", what);
    const YAML::Node to = in_.require(node, "to", what);
    const vertex origin = node_ref(from, what + " from");
    const vertex destination = node_ref(to, what + " to");
    spec.from = from.Scalar();
    spec.to = to.Scalar();
    if (origin == destination)
      in_.fail(to,
               what + ": from and to are the same node " + in_quotes(spec.to) +
                   "; a flow must end at another node (for a single checkpoint, add a junction after it)");
    if (const auto unit = node["unit"]) spec.unit = in_.string(unit, what + ": unit");
    const YAML::Node arrivals = in_.require(node, "arrivals", what);
    read_arrivals(arrivals, what, spec);
    if (const auto p = node["priority"])
      spec.priority = static_cast<std::int32_t>(in_.integer(p, what + ": priority", 0, max_priority));
    if (const auto v = node["value_of_time_usd_per_h"]) {
      spec.value_of_time_usd_per_h = in_.non_negative(v, what + ": value_of_time_usd_per_h");
      if (spec.value_of_time_usd_per_h > max_value_of_time)
        in_.fail(v, what + ": value_of_time_usd_per_h must be at most 1e6, not " + v.Scalar());
    }
    const YAML::Node route = in_.require(node, "route", what);
    spec.adaptive = route.IsScalar() && route.Scalar() == "adaptive";
    if (const auto r = node["reroute"]) {
      spec.reroute = detail::read_bool(in_, r, what + ": reroute");
      if (spec.reroute && (!route.IsScalar() || spec.adaptive))
        in_.fail(r, what + ": reroute needs route: shortest or route: cheapest");
    }
    for (const char* key : {"paths", "dispersion_per_h"})
      if (const auto k = node[key]; k && !spec.adaptive)
        in_.fail(k, what + ": " + key + " needs route: adaptive");
    if (route.IsScalar()) {
      if (route.Scalar() != "shortest" && route.Scalar() != "cheapest" && !spec.adaptive)
        in_.fail(route, what +
                            ": route must be 'shortest', 'cheapest', 'adaptive' or a list of node ids, not " +
                            in_quotes(route.Scalar()));
      spec.rule = route.Scalar() == "cheapest" ? route_rule::cheapest : route_rule::shortest;
      auto path = best_route(out_.model.net, origin, destination, spec.rule, spec.value_of_time_usd_per_h);
      if (!path)
        in_.fail(to, what + ": destination " + in_quotes(spec.to) + " cannot be reached from " +
                         in_quotes(spec.from));
      spec.route = std::move(*path);
      if (spec.adaptive) {
        const auto k = node["paths"];
        const auto paths = k ? static_cast<std::size_t>(in_.integer(k, what + ": paths", 1, max_paths)) : 3;
        spec.alternatives = k_best_routes(out_.model.net, origin, destination, paths, route_rule::shortest);
        if (const auto d = node["dispersion_per_h"]) {
          spec.dispersion_per_h = in_.non_negative(d, what + ": dispersion_per_h");
          if (spec.dispersion_per_h > max_dispersion)
            in_.fail(d, what + ": dispersion_per_h must be at most 100 (per hour), not " + d.Scalar());
        }
      }
    } else {
      in_.sequence(route, what + ": route");
      if (route.size() == 0) in_.fail(route, what + ": route must not be empty");
      spec.rule = route_rule::explicit_list;
      for (std::size_t i = 0; i < route.size(); ++i) {
        const vertex v = node_ref(route[i], what + ": route");
        if (!spec.route.empty() && !best_link(out_.model.net, spec.route.back(), v))
          in_.fail(route[i], what + ": route does not follow links: no link from " +
                                 in_quotes(out_.model.net.node(spec.route.back()).id) + " to " +
                                 in_quotes(route[i].Scalar()));
        spec.route.push_back(v);
      }
      if (spec.route.front() != origin)
        in_.fail(route[0], what + ": route must start at the flow's origin " + in_quotes(spec.from));
      if (spec.route.back() != destination)
        in_.fail(route[route.size() - 1],
                 what + ": route must end at the flow's destination " + in_quotes(spec.to));
    }
    out_.model.flows.push_back(std::move(spec));
  }

  // A what-if entry whose id matches no baseline entry adds one. A misspelt id would silently add a node or
  // flow instead of changing one, so an added node must be linked and an added flow must say where it goes;
  // otherwise the error names the closest existing id. Checked before the entries are read, as the typo is
  // the likeliest cause of any later complaint about them.
  void check_what_if_additions(const YAML::Node& root) const {
    const auto id_of = [](const YAML::Node& entry, const char* key) {
      const YAML::Node v = entry.IsMap() ? entry[key] : YAML::Node();
      return v && v.IsScalar() ? v.Scalar() : std::string{};
    };
    const auto ids = [&](const YAML::Node& list) {
      std::vector<std::string> out;
      for (const auto& entry : list)
        if (const std::string id = id_of(entry, "id"); !id.empty()) out.push_back(id);
      return out;
    };
    const auto others = [](std::vector<std::string> all, const std::string& id) {
      all.erase(std::find(all.begin(), all.end(), id));
      return all;
    };
    const YAML::Node nodes = root["nodes"];
    if (nodes && nodes.IsSequence()) {
      std::set<std::string> linked;
      if (const YAML::Node links = root["links"]; links && links.IsSequence())
        for (const auto& l : links) {
          linked.insert(id_of(l, "from"));
          linked.insert(id_of(l, "to"));
        }
      const std::vector<std::string> node_ids = ids(nodes);
      for (const auto& entry : nodes) {
        const std::string id = id_of(entry, "id");
        if (id.empty() || linked.count(id) > 0 || !in_.added_by_what_if(entry)) continue;
        in_.fail(entry["id"], "node " + in_quotes(id) +
                                  " is not in the baseline, so this adds a node, but no link joins it" +
                                  did_you_mean(id, others(node_ids, id)));
      }
    }
    const YAML::Node flows = root["flows"];
    if (flows && flows.IsSequence()) {
      const std::vector<std::string> flow_ids = ids(flows);
      for (const auto& entry : flows) {
        const std::string id = id_of(entry, "id");
        const bool from = entry.IsMap() && entry["from"];
        const bool to = entry.IsMap() && entry["to"];
        if (id.empty() || (from && to) || !in_.added_by_what_if(entry)) continue;
        in_.fail(entry["id"], "flow " + in_quotes(id) +
                                  " is not in the baseline, so this adds a flow, but it has no " +
                                  (from ? "to"
                                   : to ? "from"
                                        : "from and to") +
                                  did_you_mean(id, others(flow_ids, id)));
      }
    }
  }

  // Every node must be joined to another: an unlinked one can be on no route (in a what-if, most likely a
  // misspelt id that added a node instead of changing one).
  void require_linked(const YAML::Node& nodes) const {
    const auto& g = out_.model.net.graph();
    for (std::size_t v = 0; v < out_.model.net.node_count(); ++v) {
      if (boost::out_degree(v, g) + boost::in_degree(v, g) > 0) continue;
      // A typo for a node the links join (not another node without links, which would be no better).
      std::vector<std::string> others;
      for (std::size_t w = 0; w < out_.model.net.node_count(); ++w)
        if (boost::out_degree(w, g) + boost::in_degree(w, g) > 0) others.push_back(node_ids_[w]);
      in_.fail(nodes[v]["id"], "node " + in_quotes(node_ids_[v]) + " has no link to or from it" +
                                   did_you_mean(node_ids_[v], others));
    }
  }

  // A fee or cost per unit in USD: >= 0 and at most max_usd.
  double money(const YAML::Node& node, const std::string& what) const {
    const double usd = in_.non_negative(node, what);
    if (usd > max_usd) in_.fail(node, what + " must be at most 1e9 USD per unit, not " + node.Scalar());
    return usd;
  }

  static std::string fmt_number(double x) {
    std::ostringstream s;
    s << x;
    return s.str();
  }

  const yaml_reader& in_;
  scenario& out_;
  std::vector<std::string> node_ids_;
  std::vector<YAML::Node> fleet_nodes_;                  // each fleet's id, for errors
  std::vector<bool> fleet_used_;                         // by fleet: a link names it
  std::vector<detail::flow_reference> flow_references_;  // flow ids in stages, checked after the flows
  std::map<std::tuple<std::string, std::string, link_mode>, std::size_t> links_seen_;  // -> link number
};

}  // namespace

scenario parse_scenario(std::string_view text, const std::string& file, const std::filesystem::path& base_dir,
                        const std::vector<scenario_override>& overrides) {
  detail::source_map sources;
  const std::size_t main = sources.add_file({file, std::string(text), base_dir});
  const YAML::Node root = detail::load_merged(main, sources);
  detail::apply_overrides(root, overrides, sources);
  scenario out;
  out.source = file;
  const yaml_reader in(sources);
  try {
    try {
      scenario_reader(in, out).read(root);
    } catch (const YAML::Exception& e) {
      // yaml-cpp throws for a few malformed constructs only discovered on access.
      in.fail(e.mark, e.msg);
    }
  } catch (const input_error& e) {
    // A check between two settings fails at one of them: when that one is a baseline's or the file's, the
    // line alone would hide that the other came from the what-if or an override, so they are named too.
    if (e.line() < 0) throw;
    std::string notes;
    for (std::size_t i = 1; i < sources.file_count(); ++i)
      if (sources.file(i).has_lines && sources.file(i).name == e.file()) {
        notes = "read as a baseline of " + file;
        break;
      }
    if (!overrides.empty()) notes += notes.empty() ? "with " : "; with ";
    for (std::size_t i = 0; i < overrides.size(); ++i)
      notes += (i == 0 ? "" : ", ") + overrides[i].describe();
    if (notes.empty()) throw;
    throw input_error(e.file(), e.line(), e.column(), e.message() + " (" + notes + ")");
  }
  // The files read: the scenario and its baselines (overrides are no files), then the data files.
  const auto add_input = [&out](const std::string& name) {
    if (std::find(out.inputs.begin(), out.inputs.end(), name) == out.inputs.end()) out.inputs.push_back(name);
  };
  for (std::size_t i = 0; i < sources.file_count(); ++i)
    if (sources.file(i).has_lines) add_input(sources.file(i).name);
  for (const auto& data : in.data_files())
    add_input(data.string());
  return out;
}

std::string read_scenario_text(const std::filesystem::path& file) {
  return detail::read_scenario_file(file, file.string());
}

scenario load_scenario(const std::filesystem::path& file, const std::vector<scenario_override>& overrides) {
  return parse_scenario(read_scenario_text(file), file.string(), file.parent_path(), overrides);
}

std::string resolved_scenario_yaml(const std::filesystem::path& file,
                                   const std::vector<scenario_override>& overrides) {
  // Loading first reports every problem exactly as a run would.
  load_scenario(file, overrides);
  detail::source_map sources;
  sources.add_file({file.string(), detail::read_scenario_file(file, file.string()), file.parent_path()});
  const YAML::Node root = detail::load_merged(0, sources);
  detail::apply_overrides(root, overrides, sources);
  YAML::Emitter out;
  out << root;
  return std::string(out.c_str()) + "\n";
}

}  // namespace freightsim
