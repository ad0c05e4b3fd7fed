// The corridor map: nodes by latitude and longitude (equirectangular, scaled by the cosine of the middle
// latitude) over Natural Earth coasts and borders; links by flow and departure wait; nodes by wait and
// utilization.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "report_parts.hpp"

namespace freightsim::report {

// Generated from data/natural_earth/outline_110m.txt: one polyline per string.
extern const std::string_view natural_earth_outline[];
extern const std::size_t natural_earth_outline_lines;

namespace {

constexpr double map_width = 960, max_height = 640, min_height = 360, legend_height = 64;
constexpr double pi = 3.14159265358979323846;

struct projection {
  double lat_c = 0, lon_c = 0, kx = 1, scale = 1, height = min_height;
  [[nodiscard]] double x(double lon) const { return map_width / 2 + (lon - lon_c) * kx * scale; }
  [[nodiscard]] double y(double lat) const { return height / 2 - (lat - lat_c) * scale; }
  [[nodiscard]] bool near_view(double px, double py) const {
    return px > -map_width && px < 2 * map_width && py > -height && py < 2 * height;
  }
};

projection fit(const std::vector<std::pair<double, double>>& lat_lon) {
  double lat0 = 90, lat1 = -90, lon0 = 180, lon1 = -180;
  for (const auto& [lat, lon] : lat_lon) {
    lat0 = std::min(lat0, lat), lat1 = std::max(lat1, lat);
    lon0 = std::min(lon0, lon), lon1 = std::max(lon1, lon);
  }
  projection p;
  p.lat_c = (lat0 + lat1) / 2;
  p.lon_c = (lon0 + lon1) / 2;
  p.kx = std::max(0.2, std::cos(p.lat_c * pi / 180));
  // Margins for labels; at least a few degrees across so a single checkpoint still shows its region.
  const double lat_span = std::max(3.0, (lat1 - lat0) * 1.25 + 1.0);
  const double lon_span = std::max(4.0, (lon1 - lon0) * 1.15 + 2.0);
  p.scale = std::min((map_width - 120) / (lon_span * p.kx), max_height / lat_span);
  p.height = std::clamp(lat_span * p.scale, min_height, max_height);
  return p;
}

// Coasts and borders as SVG paths, split at the antimeridian, only the runs near the view.
std::string outline(const projection& p) {
  std::string out = "<g class=\"outline\">";
  for (std::size_t i = 0; i < natural_earth_outline_lines; ++i) {
    std::istringstream points{std::string(natural_earth_outline[i])};
    std::string pair, path;
    double last_lon = 0;
    bool near = false, first = true;
    std::string run;
    const auto flush = [&] {
      if (near && run.find('L') != std::string::npos) path += run;
      run.clear();
      near = false;
    };
    while (points >> pair) {
      const auto comma = pair.find(',');
      const double lon = std::stod(pair.substr(0, comma)), lat = std::stod(pair.substr(comma + 1));
      if (!first && std::abs(lon - last_lon) > 180) flush();
      const double x = p.x(lon), y = p.y(lat);
      near = near || (x > -50 && x < map_width + 50 && y > -50 && y < p.height + 50);
      run += fmt::format("{}{:.1f} {:.1f}", run.empty() ? "M" : "L", x, y);
      last_lon = lon;
      first = false;
    }
    flush();
    if (!path.empty()) out += "<path d=\"" + path + "\"/>";
  }
  return out + "</g>";
}

struct box {
  double x0, y0, x1, y1;
  [[nodiscard]] bool overlaps(const box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

// A node's label right, left, above or below its marker, whichever first fits the map without covering
// another label; none if none does (every name is in the table under the map).
std::string place_label(const std::string& name, double x, double y, double r, double height,
                        std::vector<box>& placed) {
  std::size_t chars = 0;
  for (const char c : name)
    chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  const double w = 7.0 * static_cast<double>(chars), h = 13;
  const std::pair<double, double> anchors[] = {
      {x + r + 3, y + 4}, {x - r - 3 - w, y + 4}, {x - w / 2, y - r - 4}, {x - w / 2, y + r + 13}};
  for (const auto& [tx, ty] : anchors) {
    const box b{tx, ty - h + 2, tx + w, ty + 3};
    if (b.x0 < 2 || b.x1 > map_width - 2 || b.y0 < 2 || b.y1 > height - 2) continue;
    if (std::any_of(placed.begin(), placed.end(), [&](const box& o) { return o.overlaps(b); })) continue;
    placed.push_back(b);
    return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>", tx, ty, esc(name));
  }
  return {};
}

double departure_wait(const json& node) {
  const auto& c = node.at("wait_by_cause_h");
  return c.at("train_forming").at("mean").get<double>() + c.at("sailing").at("mean").get<double>() +
         c.at("no_path").at("mean").get<double>() + c.at("no_vehicle").at("mean").get<double>();
}

}  // namespace

std::string corridor_map(const json& s) {
  const auto& nodes = s.at("nodes");
  std::vector<std::pair<double, double>> located;
  std::vector<std::string> unplaced;
  for (const auto& n : nodes) {
    if (n.at("location").is_null()) {
      unplaced.push_back(n.at("name").get<std::string>());
      continue;
    }
    located.emplace_back(n.at("location").at("lat").get<double>(), n.at("location").at("lon").get<double>());
  }
  std::string out = "<section id=\"map\"><h2>Corridor map</h2>";
  if (located.empty()) return out + "<p>No node has a location, so there is no map.</p></section>";
  const projection p = fit(located);
  const double height = p.height + legend_height;

  double max_units = 0, max_departure_wait = 0, max_wait = 0;
  for (const auto& l : s.at("links"))
    max_units = std::max(max_units, l.at("units_per_day").at("mean").get<double>());
  for (const auto& n : nodes) {
    max_departure_wait = std::max(max_departure_wait, departure_wait(n));
    max_wait = std::max(max_wait, total_wait(n));
  }
  const auto find = [&](const std::string& id) -> const json* {
    for (const auto& n : nodes)
      if (n.at("id") == id && !n.at("location").is_null()) return &n;
    return nullptr;
  };
  const auto at = [&](const json& n) {
    return std::pair{p.x(n.at("location").at("lon").get<double>()),
                     p.y(n.at("location").at("lat").get<double>())};
  };

  out +=
      "<figure>" + svg_open(map_width, height, "Corridor map: " + s.at("scenario").get<std::string>(), "map");
  out +=
      fmt::format("<defs><clipPath id=\"map-clip\"><rect width=\"{}\" height=\"{:.0f}\"/></clipPath></defs>",
                  map_width, p.height);
  out += fmt::format("<rect class=\"sea\" width=\"{}\" height=\"{:.0f}\"/>", map_width, p.height);
  out += "<g clip-path=\"url(#map-clip)\">" + outline(p);

  // Links: offset sideways so that the two directions of a pair both show.
  out += "<g class=\"links\">";
  for (const auto& l : s.at("links")) {
    const json* a = find(l.at("from").get<std::string>());
    const json* b = find(l.at("to").get<std::string>());
    if (!a || !b) continue;
    auto [x1, y1] = at(*a);
    auto [x2, y2] = at(*b);
    const double len = std::hypot(x2 - x1, y2 - y1);
    if (len > 0) {
      const double ox = -(y2 - y1) / len * 2.5, oy = (x2 - x1) / len * 2.5;
      x1 += ox, x2 += ox, y1 += oy, y2 += oy;
    }
    const double units = l.at("units_per_day").at("mean").get<double>();
    const double wait = departure_wait(*a);
    const double width = 1.5 + 8.0 * (max_units > 0 ? std::sqrt(units / max_units) : 0.0);
    out += fmt::format(
        "<line class=\"link\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
        "stroke-width=\"{:.1f}\"><title>{} → {} ({}): {} units/day; waiting for departure at {} {} "
        "h</title></line>",
        x1, y1, x2, y2, heat_colour(max_departure_wait > 0 ? wait / max_departure_wait : 0), width,
        esc(node_name(s, l.at("from").get<std::string>())), esc(node_name(s, l.at("to").get<std::string>())),
        esc(l.at("mode").get<std::string>()), fixed(units, 1),
        esc(node_name(s, l.at("from").get<std::string>())), fixed(wait, 2));
  }
  out += "</g><g class=\"nodes\">";
  std::string labels = "<g class=\"labels\">";
  std::vector<box> placed;  // labels so far, and every marker (labels must not cover them)
  for (const auto& n : nodes)
    if (!n.at("location").is_null()) {
      const auto [x, y] = at(n);
      const double r = n.at("servers").get<int>() == 0
                           ? 4.0
                           : 4 + 14 * (max_wait > 0 ? std::sqrt(total_wait(n) / max_wait) : 0.0);
      placed.push_back({x - r, y - r, x + r, y + r});
    }
  for (const auto& n : nodes) {
    if (n.at("location").is_null()) continue;
    const auto [x, y] = at(n);
    const std::string name = n.at("name").get<std::string>();
    const double wait = total_wait(n);
    const double rho = n.at("utilization").at("mean").get<double>();
    double r = 4;
    if (n.at("servers").get<int>() == 0) {
      out += fmt::format(
          "<rect class=\"node-marker junction\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"7\" height=\"7\"><title>{} "
          "(junction)</title></rect>",
          x - 3.5, y - 3.5, esc(name));
    } else {
      r = 4 + 14 * (max_wait > 0 ? std::sqrt(wait / max_wait) : 0.0);
      out += fmt::format(
          "<circle class=\"node-marker\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" fill=\"{}\"><title>{}: "
          "mean wait "
          "{} h per unit, utilization {}</title></circle>",
          x, y, r, heat_colour(rho), esc(name), fixed(wait, 2), fixed(rho, 3));
    }
    labels += place_label(shorten(name, 28), x, y, r, p.height, placed);
  }
  out += "</g>" + labels + "</g></g>";

  // Legend under the map.
  const double ly = p.height + 10;
  out += fmt::format("<g class=\"legend\"><text x=\"8\" y=\"{:.0f}\">Node utilization ρ (fill):</text>",
                     ly + 10);
  for (int i = 0; i <= 4; ++i)
    out += fmt::format(
        "<rect x=\"{}\" y=\"{:.0f}\" width=\"26\" height=\"12\" fill=\"{}\" stroke=\"#333\" "
        "stroke-width=\"0.5\"/>"
        "<text x=\"{}\" y=\"{:.0f}\" class=\"small\">{}</text>",
        180 + i * 30, ly, heat_colour(i / 4.0), 180 + i * 30, ly + 24, fixed(i / 4.0, 2));
  out += fmt::format(
      "<text x=\"340\" y=\"{:.0f}\">Marker area ∝ mean wait (largest {} h). Junctions: grey squares.</text>",
      ly + 10, fixed(max_wait, 1));
  out += fmt::format(
      "<text x=\"8\" y=\"{:.0f}\">Link width ∝ √(units/day) (widest {} units/day); colour: mean wait for "
      "departure "
      "(train forming + sailing) at its origin, light 0 h to dark {} h.</text></g>",
      ly + 44, fixed(max_units, 0), fixed(max_departure_wait, 1));
  out +=
      "</svg><figcaption>Equirectangular projection. Coasts and borders: Natural Earth 1:110m (public "
      "domain)."
      " Hover a node or link for its figures; the tables below hold them all.";
  if (!unplaced.empty()) {
    out += " Not on the map (no location):";
    for (const auto& name : unplaced)
      out += fmt::format(" {};", esc(name));
  }
  out += "</figcaption></figure>";

  // The map's data table.
  out +=
      "<table><caption>Nodes on the map</caption><thead><tr><th>node</th><th>lat °</th><th>lon °</th>"
      "<th>mean wait h (all causes)</th><th>utilization ρ</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const auto& n = nodes[i];
    const std::string path = fmt::format("/nodes/{}", i);
    out += "<tr><th scope=\"row\">" + esc(n.at("name").get<std::string>()) + "</th>";
    if (n.at("location").is_null()) {
      out += "<td>–</td><td>–</td>";
    } else {
      out += number_cell(n.at("location").at("lat").get<double>(), 2, path + "/location/lat");
      out += number_cell(n.at("location").at("lon").get<double>(), 2, path + "/location/lon");
    }
    out += derived_cell(total_wait(n), 2);
    out += n.at("servers").get<int>() == 0 ? "<td>junction</td>"
                                           : estimate_cell(n.at("utilization"), 3, path + "/utilization");
    out += "</tr>";
  }
  return out + "</tbody></table></section>";
}

}  // namespace freightsim::report
