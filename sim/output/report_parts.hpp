// The pieces of the HTML report, private to the output layer. Each reads the parsed summary.json.
#pragma once

#include <cstddef>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace freightsim::report {

using json = nlohmann::json;

// ---- svg.cpp: text and chart primitives ----

// Escapes text for HTML and SVG content and attribute values.
std::string esc(std::string_view text);
// At most max_chars characters (UTF-8), with an ellipsis when cut.
std::string shorten(std::string_view text, std::size_t max_chars);
// Fixed-point number; "–" for a non-finite value.
std::string fixed(double x, int decimals);
// About `target` round tick values covering [lo, hi].
std::vector<double> ticks(double lo, double hi, int target);
// A sequential colour for t in [0, 1], light yellow to dark red (readable in greyscale print too).
std::string heat_colour(double t);
// The parts of a unit's time: the wait causes (summary.json's names), service, then travel.
inline constexpr const char* wait_causes[] = {"queue", "train_forming", "sailing",  "blocked", "closed",
                                              "dwell", "hold",          "transfer", "no_path", "no_vehicle"};
inline constexpr std::size_t cause_count = std::size(wait_causes);
inline constexpr std::size_t service_part = cause_count;
inline constexpr std::size_t travel_part = cause_count + 1;
const char* part_colour(std::size_t part);
const char* part_label(std::size_t part);

// A chart's plotting area inside an SVG of width x height, mapping data (x0..x1, y0..y1) to pixels.
struct frame {
  double width = 720, height = 320;
  double left = 64, right = 24, top = 16, bottom = 48;
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  [[nodiscard]] double x(double v) const { return left + (v - x0) / (x1 - x0) * (width - left - right); }
  [[nodiscard]] double y(double v) const {
    return height - bottom - (v - y0) / (y1 - y0) * (height - top - bottom);
  }
};

// <svg> opening tag with a title for screen readers.
std::string svg_open(double width, double height, std::string_view title,
                     std::string_view css_class = "chart");
// Axes with ticks, grid lines and labels (with units) for a frame; an empty y label makes y a category axis
// without ticks.
std::string axes(const frame& f, std::string_view x_label, std::string_view y_label);
// A legend box: (colour, label) pairs in a row starting at (x, y).
std::string legend(const std::vector<std::pair<std::string, std::string>>& items, double x, double y,
                   double width);

// ---- report_html.cpp ----

// The whole page: head with the inline style, <h1>title</h1> and `header`, `nav` links, `body` in <main>, and
// a footer naming the freightsim version and the source of the figures. Every argument but title is HTML.
std::string page(std::string_view title, std::string_view header, std::string_view nav, std::string_view body,
                 std::string_view version, std::string_view source);

// ---- report_series.cpp: charts of estimates with intervals (sweeps and comparisons) ----

// Okabe–Ito colours for series, in order (cycled).
const char* series_colour(std::size_t i);
// The unit of a metric from its name (nodes.ID.wait_h.mean: h), "" when it has none.
std::string metric_unit(std::string_view metric);
// A number with about four significant digits, fixed-point (so that the report test reads it back).
std::string sig4(double x);
int sig4_decimals(double x);

// ---- report_data.cpp: reading the summary ----

std::string node_name(const json& s, std::string_view id);
// The cell of a figure that does not exist (null in summary.json: no transit time without deliveries).
inline constexpr const char* none_cell = "<td class=\"n\">none</td>";
// The "mean ± ci" text of an estimate object, the mean carrying data-path for the report test; none_cell for
// a null mean.
std::string estimate_cell(const json& e, int decimals, std::string_view path);
// A numeric cell whose value is at `path` in summary.json.
std::string number_cell(double value, int decimals, std::string_view path);
// number_cell of a JSON number, or none_cell for null.
std::string value_cell(const json& value, int decimals, std::string_view path);
// A cell with a derived number (not in summary.json as such).
std::string derived_cell(double value, int decimals);
// Total mean wait per unit leaving the node, all causes, hours.
double total_wait(const json& node);

// ---- report_map.cpp ----

// The corridor map: coasts and borders, links by flow and delay, nodes by wait and utilization; with its
// legend and data tables.
std::string corridor_map(const json& s);

// ---- report_charts.cpp ----

std::string bottleneck_section(const json& s);
std::string days_section(const json& s);      // where the days go, per flow
std::string distance_section(const json& s);  // time/cost-distance charts and CAREC indicators
std::string transit_section(const json& s);   // transit time distributions
std::string links_section(const json& s);

// ---- report_analytic.cpp ----

// Analytic against simulated waits per node and transit per flow; "" when the run had no --analytic.
std::string analytic_section(const json& s);

// ---- report_observed.cpp ----

// The scenario's observed entries against this run, calibration and validation apart; "" without any.
std::string observed_section(const json& s);

// ---- report_timeseries.cpp ----

// Queue, approach queue and units leaving per day over time at the main nodes, with bands and tables.
std::string series_section(const json& s);
// One chart of `lines` of `series` (time_h and, per key, parallel arrays mean and ci95) against time in days,
// with bands; at_middle puts each point at its interval's middle (a count per interval), not its end (a
// sample).
struct line_spec {
  std::string key;  // in the series
  std::string label;
  const char* colour;
};
std::string series_chart(const json& s, const json& series, const std::vector<line_spec>& lines,
                         std::string_view title, std::string_view y_label, bool at_middle);
// A path's node ids as names joined by arrows.
std::string path_text(const json& s, const json& via);
// Route choice of the flows with route: adaptive: each path's share, over the window and over time.
std::string routes_section(const json& s);
// The nodes with a time series, the most unit-hours of waiting per day first (as the bottleneck ranking),
// then the most units leaving: indices into s["nodes"].
std::vector<std::size_t> series_nodes_by_waiting(const json& s);

// The corridor indicators (CAREC terms) of one flow's sections and crossings, for the HTML table and CSV.
struct section_indicator {
  std::string from, to;  // node ids
  double distance_km = 0;
  bool distance_known = false;
  double travel_h = 0, delay_h = 0;  // travel; waits and service at the section's start node
};
struct crossing_indicator {
  std::string node;
  double time_h = 0, cost_usd = 0;
};
std::vector<section_indicator> sections_of(const json& s, const json& flow);
std::vector<crossing_indicator> crossings_of(const json& s, const json& flow);

}  // namespace freightsim::report
