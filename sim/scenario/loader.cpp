#include "freightsim/scenario/loader.hpp"

#include <cmath>
#include <fstream>
#include <iterator>
#include <sstream>

#include "distribution_reader.hpp"
#include "freightsim/model/routing.hpp"
#include "freightsim/scenario/suggest.hpp"
#include "text_checks.hpp"
#include "yaml_reader.hpp"

namespace freightsim {

namespace {

using detail::yaml_reader;

constexpr std::uint64_t max_servers = 100'000;
constexpr std::uint64_t max_replications = 100'000;

std::string in_quotes(const std::string& s) { return "'" + s + "'"; }

class scenario_reader {
public:
  scenario_reader(const yaml_reader& in, scenario& out) : in_(in), out_(out) {}

  void read(const YAML::Node& root) {
    if (!root.IsMap()) in_.fail(root, "a scenario must be a map of settings (name, horizon, nodes, links, flows)");
    in_.map(root, "scenario",
            {"name", "description", "horizon", "warmup", "seed", "replications", "nodes", "links", "flows"});
    out_.name = in_.string(in_.require(root, "name", "scenario"), "name");
    if (const auto d = root["description"]) in_.string(d, "description");
    const YAML::Node horizon = in_.require(root, "horizon", "scenario");
    const double horizon_h = in_.duration_hours(horizon, "horizon");
    if (horizon_h <= 0.0) in_.fail(horizon, "horizon must be > 0");
    out_.horizon = from_hours(horizon_h);
    if (const auto w = root["warmup"]) {
      out_.warmup = from_hours(in_.duration_hours(w, "warmup"));
      if (out_.warmup >= out_.horizon) in_.fail(w, "warmup must be shorter than the horizon");
    }
    if (const auto s = root["seed"]) out_.seed = in_.integer(s, "seed", 0, UINT64_MAX);
    if (const auto r = root["replications"])
      out_.replications = static_cast<std::uint32_t>(in_.integer(r, "replications", 1, max_replications));

    const YAML::Node nodes = in_.sequence(in_.require(root, "nodes", "scenario"), "nodes");
    if (nodes.size() == 0) in_.fail(nodes, "nodes: the scenario needs at least one node");
    for (const auto& n : nodes) read_node(n);
    if (const auto links = root["links"]) {
      in_.sequence(links, "links");
      std::size_t index = 0;
      for (const auto& l : links) read_link(l, index++);
    }
    const YAML::Node flows = in_.sequence(in_.require(root, "flows", "scenario"), "flows");
    if (flows.size() == 0) in_.fail(flows, "flows: the scenario needs at least one flow");
    for (const auto& f : flows) read_flow(f);
  }

private:
  void read_node(const YAML::Node& node) {
    in_.map(node, "node", {"id", "name", "location", "servers", "service", "inspection"});
    node_spec spec;
    const YAML::Node id = in_.require(node, "id", "node");
    spec.id = in_.string(id, "node id");
    if (spec.id.empty()) in_.fail(id, "node id must not be empty");
    const std::string what = "node " + in_quotes(spec.id);
    spec.name = node["name"] ? in_.string(node["name"], what + ": name") : spec.id;
    if (const auto loc = node["location"]) {
      in_.map(loc, what + ": location", {"lat", "lon"});
      const YAML::Node lat = in_.require(loc, "lat", what + ": location");
      const YAML::Node lon = in_.require(loc, "lon", what + ": location");
      const location l{in_.number(lat, what + ": lat"), in_.number(lon, what + ": lon")};
      if (std::abs(l.lat) > 90.0) in_.fail(lat, what + ": lat must be within [-90, 90]");
      if (std::abs(l.lon) > 180.0) in_.fail(lon, what + ": lon must be within [-180, 180]");
      spec.where = l;
    }
    if (const auto service = node["service"]) spec.service = detail::read_distribution(in_, service, what + ": service");
    if (const auto servers = node["servers"]) {
      if (!spec.service) in_.fail(servers, what + ": servers given without a service (a junction has no servers)");
      spec.servers = static_cast<std::uint32_t>(in_.integer(servers, what + ": servers", 1, max_servers));
    } else if (spec.service) {
      in_.fail(node, what + ": missing key 'servers'");
    }
    if (const auto insp = node["inspection"]) {
      if (!spec.service) in_.fail(insp, what + ": inspection needs a service");
      in_.map(insp, what + ": inspection", {"probability", "extra"});
      inspection_spec i;
      i.probability =
          in_.probability(in_.require(insp, "probability", what + ": inspection"), what + ": inspection probability");
      i.extra = detail::read_distribution(in_, in_.require(insp, "extra", what + ": inspection"),
                                          what + ": inspection extra");
      spec.inspection = std::move(i);
    }
    if (!out_.model.net.add_node(std::move(spec))) in_.fail(id, "duplicate node id " + in_quotes(node["id"].Scalar()));
    node_ids_.push_back(node["id"].Scalar());
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
    in_.map(node, what, {"from", "to", "mode", "distance_km", "speed_kmh", "time"});
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
      in_.fail(mode, what + ": unknown mode " + in_quotes(mode.Scalar()) + " (rail, road, sea or ferry)" +
                         did_you_mean(mode.Scalar(), {"rail", "road", "sea", "ferry"}));
    spec.mode = *m;
    const YAML::Node distance = node["distance_km"];
    const YAML::Node speed = node["speed_kmh"];
    const YAML::Node time = node["time"];
    if (time && (distance || speed)) in_.fail(time, what + ": give either time or distance_km and speed_kmh, not both");
    if (time) {
      spec.time = detail::read_distribution(in_, time, what + ": time");
    } else {
      if (!distance && !speed) in_.fail(node, what + ": missing key 'time' (or distance_km and speed_kmh)");
      const double km = in_.non_negative(in_.require(node, "distance_km", what), what + ": distance_km");
      const double kmh = in_.positive(in_.require(node, "speed_kmh", what), what + ": speed_kmh");
      if (km / kmh > to_hours(max_sim_time)) in_.fail(node, what + ": travel time exceeds the 1000-year limit");
      spec.distance_km = km;
      spec.time = dist::constant{km / kmh};
    }
    out_.model.net.add_link(std::move(spec));
  }

  void read_flow(const YAML::Node& node) {
    in_.map(node, "flow", {"id", "from", "to", "unit", "arrivals", "route"});
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
    if (const auto unit = node["unit"]) spec.unit = in_.string(unit, what + ": unit");
    const YAML::Node arrivals = in_.require(node, "arrivals", what);
    in_.map(arrivals, what + ": arrivals", {"process", "rate"});
    const YAML::Node process = in_.require(arrivals, "process", what + ": arrivals");
    if (in_.string(process, what + ": process") != "poisson")
      in_.fail(process, what + ": unknown arrival process " + in_quotes(process.Scalar()) + " (supported: poisson)");
    const YAML::Node rate = in_.require(arrivals, "rate", what + ": arrivals");
    spec.rate_per_hour = in_.rate_per_hour(rate, what + ": rate");
    // Mean gaps below a millisecond cannot be represented in simulation time.
    if (spec.rate_per_hour > ms_per_hour) in_.fail(rate, what + ": rate above 1/ms cannot be simulated");
    const YAML::Node route = in_.require(node, "route", what);
    if (route.IsScalar()) {
      if (route.Scalar() != "shortest")
        in_.fail(route, what + ": route must be 'shortest' or a list of node ids, not " + in_quotes(route.Scalar()));
      spec.rule = route_rule::shortest;
      auto path = shortest_route(out_.model.net, origin, destination);
      if (!path) in_.fail(to, what + ": destination " + in_quotes(spec.to) + " cannot be reached from " + in_quotes(spec.from));
      spec.route = std::move(*path);
    } else {
      in_.sequence(route, what + ": route");
      if (route.size() == 0) in_.fail(route, what + ": route must not be empty");
      spec.rule = route_rule::explicit_list;
      for (std::size_t i = 0; i < route.size(); ++i) {
        const vertex v = node_ref(route[i], what + ": route");
        if (!spec.route.empty() && !out_.model.net.best_link(spec.route.back(), v))
          in_.fail(route[i], what + ": route does not follow links: no link from " +
                                 in_quotes(out_.model.net.node(spec.route.back()).id) + " to " + in_quotes(route[i].Scalar()));
        spec.route.push_back(v);
      }
      if (spec.route.front() != origin)
        in_.fail(route[0], what + ": route must start at the flow's origin " + in_quotes(spec.from));
      if (spec.route.back() != destination)
        in_.fail(route[route.size() - 1], what + ": route must end at the flow's destination " + in_quotes(spec.to));
    }
    out_.model.flows.push_back(std::move(spec));
  }

  const yaml_reader& in_;
  scenario& out_;
  std::vector<std::string> node_ids_;
};

}  // namespace

scenario parse_scenario(std::string_view text, const std::string& file, const std::filesystem::path& base_dir) {
  if (text.size() > max_scenario_bytes)
    throw input_error(file, 0, 0,
                      "scenario file is larger than the " + std::to_string(max_scenario_bytes / 1024 / 1024) +
                          " MiB limit");
  detail::check_scenario_text(text, file);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw input_error(file, e.mark.line + 1, e.mark.column + 1, "YAML syntax error: " + e.msg);
  }
  scenario out;
  out.source = file;
  const yaml_reader in(file, base_dir);
  try {
    scenario_reader(in, out).read(root);
  } catch (const YAML::Exception& e) {
    // yaml-cpp throws for a few malformed constructs only discovered on access.
    throw input_error(file, e.mark.line + 1, e.mark.column + 1, e.msg);
  }
  return out;
}

scenario load_scenario(const std::filesystem::path& file) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) throw input_error(file.string(), 0, 0, "is a directory, not a scenario file");
  std::ifstream stream(file, std::ios::binary);
  if (!stream) throw input_error(file.string(), 0, 0, "cannot open scenario file");
  const auto size = std::filesystem::file_size(file, ec);
  if (!ec && size > max_scenario_bytes)
    throw input_error(file.string(), 0, 0,
                      "scenario file is larger than the " + std::to_string(max_scenario_bytes / 1024 / 1024) +
                          " MiB limit");
  const std::string text{std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
  return parse_scenario(text, file.string(), file.parent_path());
}

}  // namespace freightsim
