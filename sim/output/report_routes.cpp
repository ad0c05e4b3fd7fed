// Route choice of the flows with route: adaptive: each path's share of the units created in the window, in a
// table, and its share of the units created in each interval of the run, in a chart, so that a closure or a
// congested border shows as traffic moving between paths while it lasts.
#include <fmt/format.h>

#include "report_parts.hpp"

namespace freightsim::report {

std::string path_text(const json& s, const json& via) {
  std::string out;
  for (const auto& v : via)
    out += (out.empty() ? "" : " → ") + node_name(s, v.get<std::string>());
  return out;
}

namespace {

std::string flow_routes(const json& s, const json& flow, std::size_t index) {
  const auto& routes = flow.at("routes");
  const std::string id = flow.at("id").get<std::string>();
  std::string out = "<h3>" + esc(id) + "</h3><figure>";
  // The chart's series: the interval ends and, per path, its share (keys path0, path1, ...).
  json series = {{"time_h", flow.at("route_series_time_h")}};
  std::vector<line_spec> lines;
  for (std::size_t p = 0; p < routes.size(); ++p) {
    series[fmt::format("path{}", p)] = routes[p].at("series");
    lines.push_back({fmt::format("path{}", p), fmt::format("path {}", p + 1), series_colour(p)});
  }
  out += series_chart(s, series, lines, id + ": share of units by path", "share of units created", true);
  out += fmt::format(
      "<figcaption>{}: each path's share of the units created in each interval (warm-up included), mean "
      "over the replications that created any then, drawn at the interval's middle; gaps where none "
      "were created.</figcaption></figure>",
      esc(id));
  out +=
      "<table><thead><tr><th>path</th><th>via</th><th>share of units created in the window</th>"
      "<th>±</th></tr></thead><tbody>";
  for (std::size_t p = 0; p < routes.size(); ++p) {
    const std::string at = fmt::format("/flows/{}/routes/{}/share", index, p);
    const json& share = routes[p].at("share");
    out += fmt::format("<tr><td>{}</td><td>{}</td>", p + 1, esc(path_text(s, routes[p].at("via")))) +
           number_cell(share.at("mean").get<double>(), 3, at + "/mean") +
           value_cell(share.at("ci95"), 3, at + "/ci95") + "</tr>";
  }
  return out + "</tbody></table>";
}

}  // namespace

std::string routes_section(const json& s) {
  std::string out;
  const auto& flows = s.at("flows");
  for (std::size_t i = 0; i < flows.size(); ++i)
    if (flows[i].contains("routes")) out += flow_routes(s, flows[i], i);
  if (out.empty()) return "";
  return "<section id=\"routes\"><h2>Route choice</h2><p>Flows with <code>route: adaptive</code>: each unit "
         "chooses its path when it is created, by the expected time on each path then (queues, departures, "
         "closures, vehicles).</p>" +
         out + "</section>";
}

}  // namespace freightsim::report
