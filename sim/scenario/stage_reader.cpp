#include "stage_reader.hpp"

#include <algorithm>

#include "distribution_reader.hpp"
#include "freightsim/scenario/suggest.hpp"
#include "scenario_keys.hpp"

namespace freightsim::detail {

namespace {

// At most this many stages per node (a stage index is kept per unit).
constexpr std::size_t max_stages = 100;

stage::delay read_delay(const yaml_reader& in, const YAML::Node& node, const std::string& what,
                        std::vector<flow_reference>& flows) {
  in.map(node, what, delay_keys());
  stage::delay d;
  d.time = read_distribution(in, in.require(node, "time", what), what + ": time");
  if (const auto cause = node["cause"]) {
    const std::string name = in.string(cause, what + ": cause");
    if (name == "hold") {
      d.cause = wait_cause::hold;
    } else if (name != "dwell") {
      in.fail(cause, what + ": cause must be dwell or hold, not '" + name + "'" +
                         did_you_mean(name, {"dwell", "hold"}));
    }
  }
  if (const auto share = node["share"]) d.share = in.probability(share, what + ": share");
  if (const auto f = node["flows"]) {
    if (!f.IsSequence() || f.size() == 0)
      in.fail(f, what + ": flows must be a list of flow ids such as [eu_to_china]");
    for (std::size_t i = 0; i < f.size(); ++i) {
      const YAML::Node id = f[i];
      d.flows.push_back(in.string(id, what + ": flows"));
      flows.push_back({id, what + ": flows"});
    }
  }
  return d;
}

stage::inspection read_inspection(const yaml_reader& in, const YAML::Node& node, const std::string& what) {
  in.map(node, what, stage_inspection_keys());
  stage::inspection i;
  i.share = in.probability(in.require(node, "share", what), what + ": share");
  i.time = read_distribution(in, in.require(node, "time", what), what + ": time");
  return i;
}

}  // namespace

std::vector<stage_spec> read_stages(const yaml_reader& in, const YAML::Node& node, const std::string& what,
                                    std::vector<flow_reference>& flows) {
  in.sequence(node, what + ": stages");
  if (node.size() == 0) in.fail(node, what + ": stages must list at least one stage");
  if (node.size() > max_stages)
    in.fail(node, what + ": stages lists " + std::to_string(node.size()) + " stages; at most " +
                      std::to_string(max_stages) + " are allowed");
  std::vector<stage_spec> out;
  std::size_t index = 0;
  for (const auto& item : node) {
    const std::string at = what + ": stage " + std::to_string(index++);
    in.map(item, at, stage_keys());
    if (item.size() != 1)
      in.fail(item, at + " must have exactly one of service, delay, inspection or transfer, not " +
                        std::to_string(item.size()) + " keys");
    const std::string kind = item.begin()->first.Scalar();
    const YAML::Node value = item.begin()->second;
    if (kind == "service") {
      out.emplace_back(stage::service{read_distribution(in, value, at + ": service")});
    } else if (kind == "delay") {
      out.emplace_back(read_delay(in, value, at + ": delay", flows));
    } else if (kind == "inspection") {
      out.emplace_back(read_inspection(in, value, at + ": inspection"));
    } else {
      out.emplace_back(stage::transfer{read_distribution(in, value, at + ": transfer")});
    }
  }
  return out;
}

}  // namespace freightsim::detail
