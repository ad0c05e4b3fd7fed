// The report's analytic cross-check (run --analytic): per node the analytic mean wait beside the simulated
// one with its interval and the band within which the two are said to agree, and the tables behind it.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report_parts.hpp"

namespace freightsim::report {

namespace {

double number_or_nan(const json& j) {
  return j.is_number() ? j.get<double>() : std::nan("");
}

// A node's simulated mean wait, its ci95 and its analytic mean wait (NaN where summary.json has none).
struct node_waits {
  std::size_t index = 0;
  double sim = 0, ci95 = 0, analytic = 0;
};

}  // namespace

std::string analytic_section(const json& s) {
  const auto& nodes = s.at("nodes");
  std::vector<node_waits> rows;
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].contains("analytic")) {
      const auto& w = nodes[i].at("wait_h");
      rows.push_back({i, number_or_nan(w.at("mean")), std::max(0.0, number_or_nan(w.at("ci95"))),
                      number_or_nan(nodes[i].at("analytic").at("wait_h").at("mean"))});
    }
  if (rows.empty()) return {};  // a run without --analytic
  const auto& tol = s.at("analytic_tolerance");
  const double relative = tol.at("relative").get<double>(), absolute = tol.at("absolute_h").get<double>();
  // The band of agreement, as `run --analytic` decides `differs`.
  const auto half_band = [&](const node_waits& r) { return relative * r.sim + absolute + r.ci95; };
  std::string out =
      "<section id=\"analytic\"><h2>Analytic cross-check</h2><p>The queueing-network approximation of "
      "<code>freightsim analyze</code> (traffic equations; Erlang C where it is exact, else the "
      "approximation "
      "named per node) beside the simulation. A node <em>differs</em> when |analytic − simulated| exceeds " +
      fixed(100 * relative, 0) + "% of the simulated mean wait + " + fmt::format("{}", absolute) +
      " h + its 95% CI half width: a hint to look for a modelling mistake, not a verdict.</p>";

  double x1 = 1;
  for (const auto& r : rows) {
    if (std::isfinite(r.sim)) x1 = std::max(x1, r.sim + half_band(r));
    if (std::isfinite(r.analytic)) x1 = std::max(x1, r.analytic);
  }
  frame f;
  f.width = 900, f.left = 280, f.right = 30, f.top = 40, f.bottom = 44;
  f.height = f.top + f.bottom + 24.0 * static_cast<double>(rows.size());
  f.x0 = 0, f.x1 = x1 * 1.05, f.y0 = 0, f.y1 = static_cast<double>(rows.size());
  out += "<figure>" + svg_open(f.width, f.height, "Mean wait per node: analytic beside simulated");
  out += legend({{"#d9d9d9", "band of agreement"},
                 {series_colour(0), "simulated mean ± 95% CI"},
                 {series_colour(1), "analytic mean"}},
                f.left, 8, f.width - f.left);
  out += axes(f, "mean wait for a server, h", "");
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const auto& r = rows[k];
    const json& n = nodes[r.index];
    const double y = f.top + 24.0 * static_cast<double>(k) + 12;
    const bool differs = n.at("analytic").at("differs").get<bool>();
    out += fmt::format("<text x=\"{:.0f}\" y=\"{:.1f}\" text-anchor=\"end\"{}>{}{}</text>", f.left - 8, y + 4,
                       differs ? " font-weight=\"bold\"" : "",
                       esc(shorten(n.at("name").get<std::string>(), 30)), differs ? " ⚠" : "");
    if (std::isfinite(r.sim)) {
      const double lo = std::max(0.0, r.sim - half_band(r)), hi = r.sim + half_band(r);
      out += fmt::format(
          "<rect class=\"agree\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"14\" fill=\"#d9d9d9\"/>",
          f.x(lo), y - 7, f.x(hi) - f.x(lo));
      out += fmt::format(
          "<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" stroke-width=\"2\"/>"
          "<circle class=\"simulated\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"{}\"><title>{}: simulated "
          "{} ± {} h</title></circle>",
          f.x(std::max(0.0, r.sim - r.ci95)), f.x(r.sim + r.ci95), y, y, series_colour(0), f.x(r.sim), y,
          series_colour(0), esc(n.at("name").get<std::string>()), sig4(r.sim), sig4(r.ci95));
    }
    if (std::isfinite(r.analytic)) {
      const double cx = f.x(r.analytic);
      out += fmt::format(
          "<path class=\"analytic\" d=\"M{:.1f} {:.1f}l5 5l-5 5l-5 -5z\" fill=\"{}\"><title>{}: analytic {} "
          "h</title></path>",
          cx, y - 5, series_colour(1), esc(n.at("name").get<std::string>()), sig4(r.analytic));
    }
  }
  out +=
      "</svg><figcaption>Per node: the simulated mean wait with its 95% interval, the analytic estimate "
      "(diamond), and in grey the band within which they agree; ⚠ marks a node that differs.</figcaption>"
      "</figure>";

  out +=
      "<table><caption>Analytic against simulated per node (simulated: mean ± 95% CI half width over "
      "replications)</caption><thead><tr><th>node</th><th>method</th><th>ρ analytic</th><th>ρ simulated</th>"
      "<th>wait analytic h</th><th>wait simulated h</th><th>p95 analytic h</th><th>p95 simulated h</th>"
      "<th>agreement</th></tr></thead><tbody>";
  for (const auto& r : rows) {
    const json& n = nodes[r.index];
    const json& a = n.at("analytic");
    const std::string path = fmt::format("/nodes/{}", r.index);
    out += "<tr><th scope=\"row\">" + esc(n.at("name").get<std::string>()) + "</th><td>" +
           esc(a.at("method").get<std::string>()) + "</td>";
    out += value_cell(a.at("utilization"), 3, path + "/analytic/utilization");
    out += estimate_cell(n.at("utilization"), 3, path + "/utilization");
    out += value_cell(a.at("wait_h").at("mean"), 2, path + "/analytic/wait_h/mean");
    out += estimate_cell(n.at("wait_h"), 2, path + "/wait_h");
    out += value_cell(a.at("wait_h").at("p95"), 2, path + "/analytic/wait_h/p95");
    out += value_cell(n.at("wait_h").at("p95"), 2, path + "/wait_h/p95");
    out += a.at("differs").get<bool>() ? "<td class=\"differs\">differs</td></tr>" : "<td>agrees</td></tr>";
  }
  out += "</tbody></table>";

  out +=
      "<table><caption>Transit time per flow, analytic against simulated "
      "(h)</caption><thead><tr><th>flow</th>"
      "<th>mean analytic</th><th>mean simulated</th><th>p95 analytic</th><th>p95 simulated</th></tr></thead>"
      "<tbody>";
  const auto& flows = s.at("flows");
  for (std::size_t i = 0; i < flows.size(); ++i) {
    const json& fl = flows[i];
    if (!fl.contains("analytic")) continue;
    const std::string path = fmt::format("/flows/{}", i);
    const json& a = fl.at("analytic").at("transit_time_h");
    out += "<tr><th scope=\"row\">" + esc(fl.at("id").get<std::string>()) + "</th>";
    out += value_cell(a.at("mean"), 1, path + "/analytic/transit_time_h/mean");
    out += estimate_cell(fl.at("transit_time_h"), 1, path + "/transit_time_h");
    out += value_cell(a.at("p95"), 1, path + "/analytic/transit_time_h/p95");
    out += value_cell(fl.at("transit_time_h").at("p95"), 1, path + "/transit_time_h/p95") + "</tr>";
  }
  return out + "</tbody></table></section>";
}

}  // namespace freightsim::report
