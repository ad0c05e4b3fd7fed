// The report's charts and tables: bottlenecks, where the days go, time/cost-distance with corridor
// indicators, transit time distributions and links. Every chart has axes with units, a legend and a table.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>

#include "report_parts.hpp"

namespace freightsim::report {

namespace {

constexpr const auto& causes = wait_causes;

std::string str(const json& j, const char* key) {
  return j.at(key).get<std::string>();
}
// The mean of estimate `key`; 0 where it is null (a flow that delivered nothing), for scales and tests.
double mean(const json& j, const char* key) {
  const json& m = j.at(key).at("mean");
  return m.is_null() ? 0.0 : m.get<double>();
}

// A breakdown entry's hours by part: wait causes, service, travel.
std::array<double, travel_part + 1> parts_of(const json& entry) {
  std::array<double, travel_part + 1> h{};
  if (entry.contains("link")) {
    h[travel_part] = entry.at("travel").get<double>();
    return h;
  }
  for (std::size_t c = 0; c < cause_count; ++c)
    h[c] = entry.at(causes[c]).get<double>();
  h[service_part] = entry.at("service").get<double>();
  return h;
}

std::string place_name(const json& s, const json& entry) {
  if (entry.contains("link"))
    return node_name(s, str(entry, "from")) + " → " + node_name(s, str(entry, "to"));
  return node_name(s, str(entry, "node"));
}

std::string flow_title(const json& s, const json& f) {
  return fmt::format("{}: {} → {} ({})", str(f, "id"), node_name(s, str(f, "from")),
                     node_name(s, str(f, "to")), str(f, "unit"));
}

bool junction(const json& node) {
  return node.at("servers").get<int>() == 0;
}
// "ρ 0.93", or "junction" for a node without servers.
std::string rho_text(const json& node) {
  return junction(node) ? "junction" : "ρ " + fixed(mean(node, "utilization"), 2);
}

struct node_share {
  std::size_t index = 0;
  double unit_hours = 0;  // of waiting per day
};

}  // namespace

std::string bottleneck_section(const json& s) {
  const auto& nodes = s.at("nodes");
  std::vector<node_share> shares;
  double total = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    // Junctions count too: units wait at them for trains and sailings.
    const double h = total_wait(nodes[i]) * mean(nodes[i], "throughput_per_day");
    if (junction(nodes[i]) && h <= 0) continue;  // a junction nobody waited at
    shares.push_back({i, h});
    total += h;
  }
  std::stable_sort(shares.begin(), shares.end(),
                   [](const auto& a, const auto& b) { return a.unit_hours > b.unit_hours; });
  std::string out = "<section id=\"bottlenecks\"><h2>Bottlenecks</h2>";
  if (shares.empty() || total <= 0) return out + "<p>No unit waited anywhere.</p></section>";
  const auto& top = nodes[shares.front().index];
  out += fmt::format("<p class=\"headline\">{}: {}% of all waiting, {}</p>", esc(str(top, "name")),
                     fixed(100 * shares.front().unit_hours / total, 0), rho_text(top));
  out +=
      "<p>Share of all waiting = the node's unit-hours of waiting per day (mean wait per unit leaving it, "
      "all "
      "causes, × units leaving per day) over the sum for all nodes.</p>";

  // Horizontal bars, split by cause.
  const std::size_t shown = std::min<std::size_t>(shares.size(), 12);
  frame f;
  f.width = 900, f.left = 260, f.right = 110, f.top = 40, f.bottom = 44;
  f.height = f.top + f.bottom + 26.0 * static_cast<double>(shown);
  f.x0 = 0;
  f.x1 = std::max(5.0, std::ceil(100 * shares.front().unit_hours / total / 10) * 10);
  f.y0 = 0, f.y1 = static_cast<double>(shown);
  out += "<figure>" + svg_open(f.width, f.height, "Share of all waiting by node and cause");
  std::vector<std::pair<std::string, std::string>> items;
  for (std::size_t c = 0; c < cause_count; ++c)
    items.emplace_back(part_colour(c), part_label(c));
  out += legend(items, f.left, 8, f.width - f.left);
  out += axes(f, "share of all waiting, %", "");
  for (std::size_t k = 0; k < shown; ++k) {
    const auto& n = nodes[shares[k].index];
    const double y = f.top + 26.0 * static_cast<double>(k) + 4;
    out += fmt::format("<text x=\"{:.0f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>", f.left - 8, y + 13,
                       esc(shorten(str(n, "name"), 36)));
    double x = 0;
    for (std::size_t c = 0; c < cause_count; ++c) {
      const double share =
          100 * mean(n.at("wait_by_cause_h"), causes[c]) * mean(n, "throughput_per_day") / total;
      if (share <= 0) continue;
      out += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"18\" fill=\"{}\"><title>{}, {}: "
          "{}%</title></rect>",
          f.x(x), y, f.x(x + share) - f.x(x), part_colour(c), esc(str(n, "name")), part_label(c),
          fixed(share, 1));
      x += share;
    }
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"small\">{}% · {}</text>", f.x(x) + 4, y + 13,
                       fixed(x, 1), rho_text(n));
  }
  out += "</svg><figcaption>The nodes with the most waiting, split by cause.</figcaption></figure>";

  out +=
      "<table><caption>Bottleneck ranking (mean ± 95% CI half width over replications)</caption><thead><tr>"
      "<th>#</th><th>node</th><th>share of waiting %</th><th>waiting unit-h/day</th><th>utilization ρ</th>"
      "<th>mean wait for a server h</th><th>p95 wait h</th><th>queue mean</th><th>queue max</th>"
      "<th>units/day leaving</th></tr></thead><tbody>";
  for (std::size_t k = 0; k < shares.size(); ++k) {
    const auto& n = nodes[shares[k].index];
    const std::string path = fmt::format("/nodes/{}", shares[k].index);
    out += fmt::format("<tr><td class=\"n\">{}</td><th scope=\"row\">{}</th>", k + 1, esc(str(n, "name")));
    out += derived_cell(100 * shares[k].unit_hours / total, 1) + derived_cell(shares[k].unit_hours, 1);
    out += junction(n) ? "<td>junction</td>" : estimate_cell(n.at("utilization"), 3, path + "/utilization");
    out += estimate_cell(n.at("wait_h"), 2, path + "/wait_h");
    out += number_cell(n.at("wait_h").at("p95").get<double>(), 2, path + "/wait_h/p95");
    out += estimate_cell(n.at("queue_length"), 2, path + "/queue_length");
    out += number_cell(n.at("queue_length").at("max").get<double>(), 0, path + "/queue_length/max");
    out += estimate_cell(n.at("throughput_per_day"), 1, path + "/throughput_per_day") + "</tr>";
  }
  out += "</tbody></table>";

  out += "<table><caption>Mean wait per unit leaving the node, by cause, h</caption><thead><tr><th>node</th>";
  for (std::size_t c = 0; c < cause_count; ++c)
    out += fmt::format("<th>{}</th>", part_label(c));
  out += "</tr></thead><tbody>";
  for (const auto& sh : shares) {
    const auto& n = nodes[sh.index];
    out += "<tr><th scope=\"row\">" + esc(str(n, "name")) + "</th>";
    for (std::size_t c = 0; c < cause_count; ++c)
      out += estimate_cell(n.at("wait_by_cause_h").at(causes[c]), 2,
                           fmt::format("/nodes/{}/wait_by_cause_h/{}", sh.index, causes[c]));
    out += "</tr>";
  }
  return out + "</tbody></table></section>";
}

std::string days_section(const json& s) {
  const auto& flows = s.at("flows");
  std::string out =
      "<section id=\"days\"><h2>Where the days go</h2><p>Mean transit time of a delivered unit, split into "
      "travel "
      "on each link and time at each node: waiting by cause and service. The parts add up to the mean "
      "transit "
      "time.</p>";
  double longest = 0;
  for (const auto& f : flows)
    longest = std::max(longest, mean(f, "transit_time_h"));
  frame fr;
  fr.width = 900, fr.left = 200, fr.right = 60, fr.top = 40, fr.bottom = 44;
  fr.height = fr.top + fr.bottom + 34.0 * static_cast<double>(flows.size());
  fr.x0 = 0, fr.x1 = std::max(1.0, ticks(0, longest, 6).back());
  fr.y0 = 0, fr.y1 = 1;
  out += "<figure>" + svg_open(fr.width, fr.height, "Where the days go: mean transit time by part");
  std::vector<std::pair<std::string, std::string>> items;
  for (std::size_t k = 0; k <= travel_part; ++k)
    items.emplace_back(part_colour(k), part_label(k));
  out += legend(items, fr.left, 8, fr.width - fr.left);
  out += axes(fr, "hours (mean per delivered unit)", "");
  for (std::size_t i = 0; i < flows.size(); ++i) {
    const auto& f = flows[i];
    const double y = fr.top + 34.0 * static_cast<double>(i) + 6;
    out += fmt::format("<text x=\"{:.0f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>", fr.left - 8, y + 15,
                       esc(shorten(str(f, "id"), 28)));
    double x = 0;
    for (const auto& entry : f.at("breakdown_h")) {
      const auto h = parts_of(entry);
      const double start = x;
      for (std::size_t k = 0; k <= travel_part; ++k) {
        if (h[k] <= 0) continue;
        out += fmt::format(
            "<rect x=\"{:.2f}\" y=\"{:.1f}\" width=\"{:.2f}\" height=\"22\" fill=\"{}\"><title>{}, {}: {} "
            "h</title>"
            "</rect>",
            fr.x(x), y, fr.x(x + h[k]) - fr.x(x), part_colour(k), esc(place_name(s, entry)), part_label(k),
            fixed(h[k], 2));
        x += h[k];
      }
      // A thin white line between places.
      if (x > start)
        out +=
            fmt::format("<line class=\"sep\" x1=\"{0:.2f}\" x2=\"{0:.2f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\"/>",
                        fr.x(x), y, y + 22);
    }
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"small\">{} h</text>", fr.x(x) + 4, y + 15,
                       fixed(x, 1));
  }
  out +=
      "</svg><figcaption>Each bar is one flow; white lines separate places along the route. Hover a segment "
      "for its place.</figcaption></figure>";

  for (std::size_t i = 0; i < flows.size(); ++i) {
    const auto& f = flows[i];
    if (f.at("transit_time_h").at("mean").is_null()) {
      out += "<p>" + esc(flow_title(s, f)) + ": no unit delivered after the warm-up.</p>";
      continue;
    }
    out += "<table><caption>" + esc(flow_title(s, f)) +
           ": mean hours per delivered unit</caption><thead><tr><th>place</th>";
    for (std::size_t k = 0; k <= travel_part; ++k)
      out += fmt::format("<th>{}</th>", part_label(k));
    out += "<th>total</th></tr></thead><tbody>";
    double sum = 0;
    const auto& parts = f.at("breakdown_h");
    for (std::size_t j = 0; j < parts.size(); ++j) {
      const auto& entry = parts[j];
      const auto h = parts_of(entry);
      const std::string path = fmt::format("/flows/{}/breakdown_h/{}/", i, j);
      out += "<tr><th scope=\"row\">" + esc(place_name(s, entry)) + "</th>";
      for (std::size_t k = 0; k <= travel_part; ++k) {
        if (entry.contains("link") != (k == travel_part)) {
          out += "<td></td>";
        } else {
          out += number_cell(h[k], 2,
                             path + (k == travel_part    ? "travel"
                                     : k == service_part ? "service"
                                                         : causes[k]));
        }
      }
      const double row = std::accumulate(h.begin(), h.end(), 0.0);
      sum += row;
      out += derived_cell(row, 2) + "</tr>";
    }
    out += fmt::format("</tbody><tfoot><tr><th scope=\"row\" colspan=\"{}\">sum of parts</th>{}</tr>",
                       travel_part + 2, derived_cell(sum, 2));
    out += fmt::format(
        "<tr><th scope=\"row\" colspan=\"{}\">mean transit time</th>{}</tr></tfoot></table>", travel_part + 2,
        number_cell(mean(f, "transit_time_h"), 2, fmt::format("/flows/{}/transit_time_h/mean", i)));
  }
  return out + "</section>";
}

std::vector<section_indicator> sections_of(const json& s, const json& flow) {
  std::vector<section_indicator> out;
  double at_node = 0;  // time at the node the next section starts from
  for (const auto& entry : flow.at("breakdown_h")) {
    const auto h = parts_of(entry);
    if (!entry.contains("link")) {
      at_node = std::accumulate(h.begin(), h.end(), 0.0);
      continue;
    }
    const auto& link = s.at("links").at(entry.at("link").get<std::size_t>());
    section_indicator sec;
    sec.from = str(entry, "from");
    sec.to = str(entry, "to");
    sec.distance_known = !link.at("distance_km").is_null();
    sec.distance_km = sec.distance_known ? link.at("distance_km").get<double>() : 0.0;
    sec.travel_h = h[travel_part];
    sec.delay_h = at_node;
    at_node = 0;
    out.push_back(sec);
  }
  return out;
}

namespace {

// A stop's cost for one flow's units: the node's fee and the flow's mean storage charged there.
double stop_cost_usd(const json& s, const json& flow, const json& node_id) {
  double usd = 0;
  for (const auto& n : s.at("nodes"))
    if (n.at("id") == node_id) usd = n.at("fee_usd").get<double>();
  if (flow.contains("storage_usd"))
    for (const auto& c : flow.at("storage_usd").at("by_node"))
      if (c.at("node") == node_id) usd += c.at("usd").get<double>();
  return usd;
}

}  // namespace

std::vector<crossing_indicator> crossings_of(const json& s, const json& flow) {
  std::vector<crossing_indicator> out;
  for (const auto& entry : flow.at("breakdown_h")) {
    if (entry.contains("link")) continue;
    const auto h = parts_of(entry);
    crossing_indicator c;
    c.node = str(entry, "node");
    c.time_h = std::accumulate(h.begin(), h.end(), 0.0);
    c.cost_usd = stop_cost_usd(s, flow, entry.at("node"));
    out.push_back(c);
  }
  return out;
}

namespace {

// One flow's cumulative distance against cumulative hours or dollars: sloped travel, vertical stops.
std::string distance_chart(const json& s, const json& f, bool cost) {
  struct step {
    double km0, km1, y0, y1;
    bool stop;
    std::string label;
  };
  std::vector<step> steps;
  double km = 0, y = 0;
  std::map<std::string, double> km_at{{str(f, "from"), 0.0}};  // where each node is along the route
  for (const auto& entry : f.at("breakdown_h")) {
    const auto h = parts_of(entry);
    if (entry.contains("link")) {
      const auto& link = s.at("links").at(entry.at("link").get<std::size_t>());
      const double d = link.at("distance_km").is_null() ? 0.0 : link.at("distance_km").get<double>();
      km_at.try_emplace(str(link, "to"), km + d);
      const double dy = cost ? link.at("cost_usd").get<double>() : h[travel_part];
      steps.push_back({km, km + d, y, y + dy, false, place_name(s, entry)});
      km += d, y += dy;
    } else {
      const double dy =
          cost ? stop_cost_usd(s, f, entry.at("node")) : std::accumulate(h.begin(), h.end(), 0.0);
      steps.push_back({km, km, y, y + dy, true, place_name(s, entry)});
      y += dy;
    }
  }
  // The P50 and P95 paths (time only): the quantiles of the time at which units left each stop.
  std::vector<std::array<double, 3>> quantiles;  // km, p50, p95
  if (!cost && f.contains("quantile_path_h"))
    for (const auto& q : f.at("quantile_path_h"))
      if (const auto it = km_at.find(str(q, "node")); it != km_at.end())
        quantiles.push_back({it->second, q.at("p50").get<double>(), q.at("p95").get<double>()});
  double top = y;
  for (const auto& q : quantiles)
    top = std::max(top, q[2]);
  frame fr;
  fr.width = 900, fr.height = 360, fr.left = 72, fr.top = 20;
  fr.x0 = 0, fr.x1 = std::max(1.0, ticks(0, km, 6).back());
  fr.y0 = 0, fr.y1 = std::max(1.0, ticks(0, top, 5).back());
  const std::string what = cost ? "Cost" : "Time";
  std::string out = "<figure>" + svg_open(fr.width, fr.height, what + "–distance: " + flow_title(s, f));
  out += axes(fr, "cumulative distance, km", cost ? "cumulative cost, USD per unit" : "cumulative time, h");
  std::string path = fmt::format("M{:.1f} {:.1f}", fr.x(0), fr.y(0));
  std::string labels;
  for (const auto& st : steps) {
    path += fmt::format("L{:.1f} {:.1f}", fr.x(st.km1), fr.y(st.y1));
    // Stops that matter get their place's name beside the step.
    if (st.stop && (st.y1 - st.y0) > 0.03 * (fr.y1 - fr.y0))
      labels += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"small\">{} ({} {})</text>",
                            fr.x(st.km1) + 5, fr.y((st.y0 + st.y1) / 2) + 4, esc(st.label),
                            fixed(st.y1 - st.y0, cost ? 0 : 1), cost ? "USD" : "h");
  }
  out += "<path class=\"td\" d=\"" + path + "\"/>" + labels;
  std::vector<std::pair<std::string, std::string>> items{
      {"#1f4e79", cost ? "mean cost per delivered unit" : "mean time of a delivered unit"}};
  if (!quantiles.empty()) {
    std::string p50 = fmt::format("M{:.1f} {:.1f}", fr.x(0), fr.y(0)), p95 = p50;
    for (const auto& q : quantiles) {
      p50 += fmt::format("L{:.1f} {:.1f}", fr.x(q[0]), fr.y(q[1]));
      p95 += fmt::format("L{:.1f} {:.1f}", fr.x(q[0]), fr.y(q[2]));
    }
    out += "<path class=\"q50\" d=\"" + p50 + "\"/><path class=\"q95\" d=\"" + p95 + "\"/>";
    items.emplace_back("#009e73", "P50 path");
    items.emplace_back("#c0392b", "P95 path");
  }
  out += legend(items, fr.left + 10, fr.top + 4, 600);
  out +=
      "</svg><figcaption>" + what +
      "–distance (UNESCAP method): sloped segments are travel, vertical steps are stops at nodes." +
      (quantiles.empty() ? std::string()
                         : " P50 and P95 paths (dotted and dashed): at each stop, the median and 95th "
                           "percentile of the time since creation at which delivered units left it, pooled "
                           "over replications, joined by straight lines; at the destination they are the "
                           "transit time's P50 and P95. They are not one unit's path: the unit at the P95 "
                           "at one stop need not be at the P95 at the next.") +
      "</figcaption></figure>";
  return out;
}

}  // namespace

std::string distance_section(const json& s) {
  std::string out =
      "<section id=\"distance\"><h2>Time and cost along the route</h2><p>Per flow, along its route: the mean "
      "delivered unit's cumulative time (and cost, where costs are set) against cumulative distance, with "
      "the "
      "P50 and P95 paths (routes of at most 24 nodes).</p>";
  const auto& flows = s.at("flows");
  for (std::size_t i = 0; i < flows.size(); ++i) {
    const auto& f = flows[i];
    out += "<h3>" + esc(flow_title(s, f)) + "</h3>";
    const auto sections = sections_of(s, f);
    const bool all_known =
        std::all_of(sections.begin(), sections.end(), [](const auto& sec) { return sec.distance_known; });
    if (!all_known) out += "<p class=\"note\">Links given by time, not distance, are drawn with 0 km.</p>";
    out += distance_chart(s, f, false);
    if (mean(f, "cost_usd") > 0) out += distance_chart(s, f, true);

    out +=
        "<table><caption>Corridor indicators per section (CAREC): " + esc(str(f, "id")) +
        "</caption><thead><tr><th>section</th><th>distance km</th><th>travel h</th><th>delay at start h</th>"
        "<th>speed without delay km/h</th><th>speed with delay km/h</th></tr></thead><tbody>";
    for (const auto& sec : sections) {
      out += "<tr><th scope=\"row\">" + esc(node_name(s, sec.from)) + " → " + esc(node_name(s, sec.to)) +
             "</th>";
      out += sec.distance_known ? derived_cell(sec.distance_km, 0) : "<td>–</td>";
      out += derived_cell(sec.travel_h, 2) + derived_cell(sec.delay_h, 2);
      if (sec.distance_known && sec.travel_h > 0) {
        out += derived_cell(sec.distance_km / sec.travel_h, 1) +
               derived_cell(sec.distance_km / (sec.travel_h + sec.delay_h), 1);
      } else {
        out += "<td>–</td><td>–</td>";
      }
      out += "</tr>";
    }
    if (const auto& qp = f.at("quantile_path_h"); !qp.empty()) {
      out +=
          "</tbody></table><table><caption>P50 and P95 paths: time since creation on leaving each stop, h: " +
          esc(str(f, "id")) +
          "</caption><thead><tr><th>stop</th><th>P50</th><th>P95</th></tr></thead><tbody>";
      for (std::size_t k = 0; k < qp.size(); ++k) {
        const std::string at = fmt::format("/flows/{}/quantile_path_h/{}/", i, k);
        out += "<tr><th scope=\"row\">" + esc(node_name(s, str(qp[k], "node"))) + "</th>" +
               number_cell(qp[k].at("p50").get<double>(), 1, at + "p50") +
               number_cell(qp[k].at("p95").get<double>(), 1, at + "p95") + "</tr>";
      }
    }
    out += "</tbody></table><table><caption>Time and cost at each stop: " + esc(str(f, "id")) +
           "</caption><thead><tr><th>stop</th><th>time h (waits + service)</th><th>fee USD per unit</th></tr>"
           "</thead><tbody>";
    for (const auto& c : crossings_of(s, f))
      out += "<tr><th scope=\"row\">" + esc(node_name(s, c.node)) + "</th>" + derived_cell(c.time_h, 2) +
             derived_cell(c.cost_usd, 2) + "</tr>";
    out += "</tbody></table>";
  }
  return out + "</section>";
}

std::string transit_section(const json& s) {
  std::string out =
      "<section id=\"transit\"><h2>Transit time per flow</h2><p>Creation at the origin to completion at the "
      "destination, units delivered after the warm-up. The curve is the distribution over all replications "
      "pooled "
      "(share of units delivered within x hours).</p>";
  const auto& flows = s.at("flows");
  for (std::size_t i = 0; i < flows.size(); ++i) {
    const auto& f = flows[i];
    const auto& t = f.at("transit_time_h");
    if (t.at("max").is_null()) {  // no unit delivered: no distribution to draw
      out += "<p>" + esc(flow_title(s, f)) + ": no unit delivered after the warm-up, so no transit time.</p>";
      continue;
    }
    frame fr;
    fr.width = 900, fr.height = 280, fr.top = 34;
    fr.x0 = 0, fr.x1 = std::max(1.0, ticks(0, t.at("max").get<double>(), 6).back());
    fr.y0 = 0, fr.y1 = 100;
    out += "<figure>" + svg_open(fr.width, fr.height, "Transit time distribution: " + flow_title(s, f));
    out += axes(fr, "transit time, h", "units delivered within, %");
    std::string path;
    for (const auto& point : t.at("cdf")) {
      const double p = point.at(0).get<double>(), h = point.at(1).get<double>();
      path += fmt::format("{}{:.1f} {:.1f}", path.empty() ? "M" : "L", fr.x(h), fr.y(100 * p));
    }
    out += "<path class=\"cdf\" d=\"" + path + "\"/>";
    const std::pair<const char*, double> marks[] = {{"P50", 0.5}, {"P90", 0.9}, {"P95", 0.95}};
    for (const auto& [name, p] : marks) {
      const double h = t.at(fmt::format("p{}", static_cast<int>(p * 100))).get<double>();
      out += fmt::format(
          "<line class=\"mark\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\"/><circle "
          "cx=\"{0:.1f}\" "
          "cy=\"{1:.1f}\" r=\"3.5\" class=\"mark\"/><text x=\"{3:.1f}\" y=\"{4:.1f}\" class=\"small\">{5} "
          "{6} h</text>",
          fr.x(h), fr.y(100 * p), fr.y(0), fr.x(h) - 4, fr.y(100 * p) - 6, name, fixed(h, 1));
    }
    out += legend({{"#1f4e79", "share delivered within x h"}, {"#c0392b", "P50, P90, P95"}}, fr.left + 10, 6,
                  500);
    out += "</svg><figcaption>" + esc(flow_title(s, f)) + "</figcaption></figure>";
  }
  out +=
      "<table><caption>Transit time and cost per flow (mean ± 95% CI half width; quantiles "
      "pooled)</caption><thead>"
      "<tr><th>flow</th><th>from → to</th><th>unit</th><th>delivered</th><th>mean h</th><th>P50 "
      "h</th><th>P90 h</th>"
      "<th>P95 h</th><th>P99 h</th><th>max h</th><th>cost USD per unit</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < flows.size(); ++i) {
    const auto& f = flows[i];
    const auto& t = f.at("transit_time_h");
    const std::string path = fmt::format("/flows/{}", i);
    out += "<tr><th scope=\"row\">" + esc(str(f, "id")) + "</th><td>" + esc(node_name(s, str(f, "from"))) +
           " → " + esc(node_name(s, str(f, "to"))) + "</td><td>" + esc(str(f, "unit")) + "</td>";
    out += estimate_cell(f.at("delivered"), 0, path + "/delivered");
    out += estimate_cell(t, 1, path + "/transit_time_h");
    for (const char* q : {"p50", "p90", "p95", "p99", "max"})
      out += value_cell(t.at(q), 1, path + "/transit_time_h/" + q);
    out += mean(f, "cost_usd") > 0 ? estimate_cell(f.at("cost_usd"), 2, path + "/cost_usd") : "<td>–</td>";
    out += "</tr>";
  }
  return out + "</tbody></table></section>";
}

std::string links_section(const json& s) {
  std::string out =
      "<section id=\"links\"><h2>Links</h2><table><caption>Departures after the warm-up (mean ± 95% CI half "
      "width). "
      "A vehicle is a train (batch), a sailing or a unit travelling alone; load factor = units per vehicle / "
      "capacity; left behind = units a full sailing could not "
      "take.</caption><thead><tr><th>link</th><th>mode</th>"
      "<th>distance km</th><th>capacity units</th><th>units/day</th><th>vehicles/day</th><th>load factor</th>"
      "<th>left behind/day</th><th>mean travel h</th></tr></thead><tbody>";
  const auto& links = s.at("links");
  for (std::size_t i = 0; i < links.size(); ++i) {
    const auto& l = links[i];
    const std::string path = fmt::format("/links/{}", i);
    out += "<tr><th scope=\"row\">" + esc(node_name(s, str(l, "from"))) + " → " +
           esc(node_name(s, str(l, "to"))) + "</th><td>" + esc(str(l, "mode")) + "</td>";
    out += l.at("distance_km").is_null()
               ? "<td>–</td>"
               : number_cell(l.at("distance_km").get<double>(), 0, path + "/distance_km");
    out += l.at("capacity").is_null() ? "<td>–</td>"
                                      : number_cell(l.at("capacity").get<double>(), 0, path + "/capacity");
    out += estimate_cell(l.at("units_per_day"), 1, path + "/units_per_day");
    out += estimate_cell(l.at("vehicles_per_day"), 2, path + "/vehicles_per_day");
    out += l.at("load_factor").is_null() ? "<td>–</td>"
                                         : estimate_cell(l.at("load_factor"), 3, path + "/load_factor");
    out += estimate_cell(l.at("left_behind_per_day"), 1, path + "/left_behind_per_day");
    out += estimate_cell(l.at("travel_h"), 2, path + "/travel_h") + "</tr>";
  }
  return out + "</tbody></table></section>";
}

}  // namespace freightsim::report
