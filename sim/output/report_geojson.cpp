// GeoJSON (RFC 7946) of the corridor for GIS tools such as QGIS: nodes as Points, links as LineStrings, each
// with its statistics; coordinates are [longitude, latitude].
#include <nlohmann/json.hpp>

#include "freightsim/output/report.hpp"

namespace freightsim {

std::string geojson_report(const nlohmann::json& s) {
  using json = nlohmann::ordered_json;
  json features = json::array();
  const auto position = [](const nlohmann::json& node) {
    return json::array(
        {node.at("location").at("lon").get<double>(), node.at("location").at("lat").get<double>()});
  };
  const auto find = [&](const std::string& id) -> const nlohmann::json* {
    for (const auto& n : s.at("nodes"))
      if (n.at("id") == id) return &n;
    return nullptr;
  };
  for (const auto& n : s.at("nodes")) {
    if (n.at("location").is_null()) continue;  // a node without a place has no geometry
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "Point"}, {"coordinates", position(n)}}},
                        {"properties",
                         {{"kind", "node"},
                          {"id", n.at("id")},
                          {"name", n.at("name")},
                          {"servers", n.at("servers")},
                          {"utilization", n.at("utilization").at("mean")},
                          {"wait_h", n.at("wait_h").at("mean")},
                          {"wait_p95_h", n.at("wait_h").at("p95")},
                          {"queue_mean", n.at("queue_length").at("mean")},
                          {"throughput_per_day", n.at("throughput_per_day").at("mean")}}}});
  }
  for (const auto& l : s.at("links")) {
    const auto* a = find(l.at("from").get<std::string>());
    const auto* b = find(l.at("to").get<std::string>());
    if (!a || !b || a->at("location").is_null() || b->at("location").is_null()) continue;
    features.push_back(
        {{"type", "Feature"},
         {"geometry", {{"type", "LineString"}, {"coordinates", json::array({position(*a), position(*b)})}}},
         {"properties",
          {{"kind", "link"},
           {"from", l.at("from")},
           {"to", l.at("to")},
           {"mode", l.at("mode")},
           {"distance_km", l.at("distance_km")},
           {"units_per_day", l.at("units_per_day").at("mean")},
           {"vehicles_per_day", l.at("vehicles_per_day").at("mean")},
           {"load_factor",
            l.at("load_factor").is_null() ? json(nullptr) : json(l.at("load_factor").at("mean"))},
           {"left_behind_per_day", l.at("left_behind_per_day").at("mean")},
           {"travel_h", l.at("travel_h").at("mean")}}}});
  }
  const json doc = {{"type", "FeatureCollection"}, {"name", s.at("scenario")}, {"features", features}};
  return doc.dump(1) + "\n";
}

}  // namespace freightsim
