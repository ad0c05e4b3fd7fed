// Time series at the main nodes: units waiting (for a server, and for a place on the approach) at each sample
// time and units leaving per day, each the mean over replications with its 95% band; a table per node.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report_parts.hpp"

namespace freightsim::report {

namespace {

// Nodes shown, at most: the report stays readable; summary.json holds every main node's series.
constexpr std::size_t max_shown = 6;

double value_or_zero(const json& j) {
  return j.is_null() ? 0.0 : j.get<double>();
}

}  // namespace

// A point's mean is null where nothing was measured (no unit created in an interval): the line breaks there
// and the band skips it.
std::string series_chart(const json& s, const json& series, const std::vector<line_spec>& lines,
                         std::string_view title, std::string_view y_label, bool at_middle) {
  const auto& time = series.at("time_h");
  const std::size_t n = time.size();
  std::vector<double> x(n);
  for (std::size_t k = 0; k < n; ++k) {
    const double end = time[k].get<double>();
    const double start = k ? time[k - 1].get<double>() : 0.0;
    x[k] = (at_middle ? (start + end) / 2 : end) / 24.0;
  }
  double hi = 0;
  for (const auto& l : lines)
    for (std::size_t k = 0; k < n; ++k)
      hi = std::max(
          hi, value_or_zero(series.at(l.key).at("mean")[k]) + value_or_zero(series.at(l.key).at("ci95")[k]));
  frame f;
  f.height = 260;
  f.x0 = 0;
  f.x1 = s.at("horizon_h").get<double>() / 24.0;
  f.y0 = 0;
  f.y1 = hi > 0 ? hi * 1.06 : 1.0;
  const double height = f.height + 26;
  std::string out = svg_open(f.width, height, title);
  out += axes(f, "time since the start, days", y_label);
  if (const double warmup = s.at("warmup_h").get<double>(); warmup > 0)
    out += fmt::format(
        "<line class=\"zero\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\"/><text "
        "class=\"small\" "
        "x=\"{3:.1f}\" y=\"{4:.1f}\">warm-up ends</text>",
        f.x(warmup / 24.0), f.top, f.height - f.bottom, f.x(warmup / 24.0) + 4, f.top + 12);
  std::vector<std::pair<std::string, std::string>> items;
  for (const auto& l : lines) {
    const auto& mean = series.at(l.key).at("mean");
    const auto& ci = series.at(l.key).at("ci95");
    std::string upper, lower, path;
    bool gap = true;
    for (std::size_t k = 0; k < n; ++k) {
      if (mean[k].is_null()) {
        gap = true;
        continue;
      }
      const double m = mean[k].get<double>(), h = value_or_zero(ci[k]);
      upper += fmt::format("{:.1f},{:.1f} ", f.x(x[k]), f.y(m + h));
      lower = fmt::format("{:.1f},{:.1f} ", f.x(x[k]), f.y(std::max(0.0, m - h))) + lower;
      path += fmt::format("{}{:.1f},{:.1f}", gap ? (path.empty() ? "M" : " M") : " L", f.x(x[k]), f.y(m));
      gap = false;
    }
    if (path.empty()) continue;
    out += fmt::format("<polygon class=\"band\" fill=\"{}\" points=\"{}{}\"/>", l.colour, upper, lower);
    out += fmt::format("<path class=\"series\" stroke=\"{}\" d=\"{}\"/>", l.colour, path);
    items.emplace_back(l.colour, l.label);
  }
  items.emplace_back("#9aa5b1", "band: 95% interval over replications");
  out += legend(items, f.left, f.height + 4, f.width - f.left - f.right);
  return out + "</svg>";
}

namespace {

std::string mean_and_ci_cells(const json& series, const char* key, std::size_t k, const std::string& base) {
  const auto& e = series.at(key);
  std::string out = number_cell(e.at("mean")[k].get<double>(), 2, fmt::format("{}/{}/mean/{}", base, key, k));
  const auto& ci = e.at("ci95")[k];
  out += ci.is_null() ? std::string("<td class=\"n\">–</td>")
                      : number_cell(ci.get<double>(), 2, fmt::format("{}/{}/ci95/{}", base, key, k));
  return out;
}

std::string series_table(const json& node, const json& series, std::size_t index) {
  const std::string base = fmt::format("/nodes/{}/series", index);
  std::string out = fmt::format(
      "<details><summary>Data: {} points</summary><table><caption>{}: time series (mean and 95% CI half "
      "width "
      "over replications)</caption><thead><tr><th>time (h)</th><th>day</th><th>waiting for a server "
      "(units)</th><th>±</th><th>approach queue (units)</th><th>±</th><th>units leaving per "
      "day</th><th>±</th>"
      "</tr></thead><tbody>",
      series.at("time_h").size(), esc(node.at("name").get<std::string>()));
  for (std::size_t k = 0; k < series.at("time_h").size(); ++k) {
    const double t = series.at("time_h")[k].get<double>();
    out += "<tr>" + number_cell(t, 2, fmt::format("{}/time_h/{}", base, k)) + derived_cell(t / 24.0, 2) +
           mean_and_ci_cells(series, "queue", k, base) +
           mean_and_ci_cells(series, "approach_queue", k, base) +
           mean_and_ci_cells(series, "throughput_per_day", k, base) + "</tr>";
  }
  return out + "</tbody></table></details>";
}

bool any_positive(const json& series, const char* key) {
  const auto& m = series.at(key).at("mean");
  return std::any_of(m.begin(), m.end(), [](const json& v) { return v.get<double>() > 0; });
}

}  // namespace

std::vector<std::size_t> series_nodes_by_waiting(const json& s) {
  const auto& nodes = s.at("nodes");
  struct ranked {
    std::size_t index;
    double waiting, leaving;
  };
  std::vector<ranked> order;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const auto& n = nodes[i];
    if (!n.contains("series") || n.at("series").is_null()) continue;
    const double leaving = n.at("throughput_per_day").at("mean").get<double>();
    order.push_back({i, total_wait(n) * leaving, leaving});
  }
  std::stable_sort(order.begin(), order.end(), [](const ranked& a, const ranked& b) {
    return a.waiting != b.waiting ? a.waiting > b.waiting : a.leaving > b.leaving;
  });
  std::vector<std::size_t> out;
  for (const ranked& r : order)
    out.push_back(r.index);
  return out;
}

std::string series_section(const json& s) {
  const auto& nodes = s.at("nodes");
  const std::vector<std::size_t> order = series_nodes_by_waiting(s);
  std::string out = "<section id=\"series\"><h2>Time series</h2>";
  if (order.empty()) return out + "<p>No node with servers or waiting places.</p></section>";
  const std::size_t points = nodes[order.front()].at("series").at("time_h").size();
  out += fmt::format(
      "<p>At the main nodes (the most waiting first; {} of {} shown, every one in summary.json), sampled at "
      "{} "
      "equal intervals of the whole run, warm-up included: units waiting for a server and units waiting for "
      "a "
      "place at the node (the approach queue: trucks on the road before a full origin, units blocked "
      "upstream) "
      "at the end of each interval, and units leaving the node per day over each interval. Lines are means "
      "over "
      "replications, bands their 95% confidence intervals.</p>",
      std::min(order.size(), max_shown), order.size(), points);
  for (std::size_t r = 0; r < std::min(order.size(), max_shown); ++r) {
    const auto& n = nodes[order[r]];
    const auto& series = n.at("series");
    const std::string name = n.at("name").get<std::string>();
    out += "<h3>" + esc(name) + "</h3><figure>";
    std::vector<line_spec> waiting = {{"queue", "waiting for a server", series_colour(0)}};
    if (any_positive(series, "approach_queue"))
      waiting.push_back({"approach_queue", "approach queue (waiting for a place)", series_colour(1)});
    out += series_chart(s, series, waiting, name + ": units waiting", "units waiting", false);
    out += series_chart(s, series, {{"throughput_per_day", "units leaving per day", series_colour(2)}},
                        name + ": units leaving per day", "units/day", true);
    out += fmt::format(
        "<figcaption>{}: units waiting at each sample time{}; units leaving per day, each interval's count "
        "over "
        "its length, drawn at its middle.</figcaption></figure>",
        esc(name), waiting.size() > 1 ? "" : " (the approach queue stayed empty)");
    out += series_table(n, series, order[r]);
  }
  return out + "</section>";
}

}  // namespace freightsim::report
