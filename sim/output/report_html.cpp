// The report page: metadata and warnings, then the map, bottlenecks, where the days go, time/cost-distance,
// transit times and links. Inline CSS; system fonts; prints on A4/Letter without cut charts.
#include <fmt/format.h>

#include "freightsim/output/report.hpp"
#include "report_parts.hpp"

namespace freightsim {

namespace {

using report::esc;
using report::fixed;
using json = nlohmann::json;

constexpr const char* style = R"css(
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
       margin: 0 auto; max-width: 960px; padding: 16px 24px 48px; color: #1b1b1b; background: #fff; line-height: 1.4; }
h1 { font-size: 1.6em; margin: 0.2em 0; } h2 { border-bottom: 2px solid #1f4e79; padding-bottom: 2px; margin-top: 1.8em; }
h3 { margin-bottom: 0.3em; }
table { border-collapse: collapse; margin: 0.8em 0 1.4em; font-size: 0.86em; width: 100%; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid #c8ccd2; padding: 3px 6px; text-align: left; vertical-align: top; }
thead th { background: #eef2f7; } tfoot th, tfoot td { background: #f7f7f7; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0.6em 0; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.warnings { border-left: 4px solid #c0392b; background: #fdf0ee; padding: 6px 12px; }
.ok { border-left: 4px solid #009e73; background: #eef8f4; padding: 6px 12px; }
.headline { font-size: 1.25em; font-weight: 600; color: #7a1f12; } td.differs { color: #7a1f12; font-weight: 600; }
.note { color: #555; font-style: italic; }
figure { margin: 0.6em 0; } figcaption { font-size: 0.85em; color: #444; }
svg { max-width: 100%; height: auto; display: block; font-size: 12px; }
svg text { fill: #1b1b1b; } svg text.small { font-size: 11px; } svg text.label { font-size: 12px; font-weight: 600; }
svg .grid { stroke: #e3e6ea; stroke-width: 1; } svg .axis { stroke: #333; stroke-width: 1; }
svg .sep { stroke: #fff; stroke-width: 1.5; }
svg .sea { fill: #f3f7fb; } svg .outline path { fill: none; stroke: #9aa5b1; stroke-width: 0.8; }
svg .link { stroke-linecap: round; opacity: 0.9; }
svg .node-marker { stroke: #222; stroke-width: 1; } svg .junction { fill: #8c8c8c; }
svg .labels text { font-size: 12px; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg .td { fill: none; stroke: #1f4e79; stroke-width: 2.5; }
svg .q50 { fill: none; stroke: #009e73; stroke-width: 2; stroke-dasharray: 2 3; }
svg .q95 { fill: none; stroke: #c0392b; stroke-width: 2; stroke-dasharray: 7 4; } svg .cdf { fill: none; stroke: #1f4e79; stroke-width: 2; }
svg line.mark { stroke: #c0392b; stroke-dasharray: 3 3; } svg circle.mark { fill: #c0392b; }
svg .band { opacity: 0.18; stroke: none; } svg .series { fill: none; stroke-width: 2; }
svg .zero { stroke: #333; stroke-dasharray: 4 3; }
tr.sig td { background: #fff4d6; font-weight: 600; }
nav { display: flex; flex-wrap: wrap; gap: 4px 12px; } th { overflow-wrap: break-word; } footer { margin-top: 3em; font-size: 0.8em; color: #555; }
@media print { body { max-width: none; padding: 0; } nav { display: none; }
  figure, table, tr { break-inside: avoid; } h2, h3 { break-after: avoid; } }
)css";

std::string metadata(const json& s) {
  const auto text = [](const json& v) { return v.is_null() ? std::string("–") : v.get<std::string>(); };
  std::string out = "<dl class=\"meta\">";
  const auto row = [&](const char* name, const std::string& value) {
    out += fmt::format("<dt>{}</dt><dd>{}</dd>", name, value);
  };
  row("Scenario file", esc(text(s.at("scenario_file"))));
  row("SHA-256", "<code>" + esc(text(s.at("scenario_sha256"))) + "</code>");
  row("Seed", std::to_string(s.at("seed").get<std::uint64_t>()));
  row("Replications", fmt::format("{} summarized of {} requested", s.at("replications").get<std::uint64_t>(),
                                  s.at("replications_requested").get<std::uint64_t>()));
  const double horizon = s.at("horizon_h").get<double>(), warmup = s.at("warmup_h").get<double>();
  row("Horizon", fmt::format("{} h ({} days)", fixed(horizon, 1), fixed(horizon / 24, 1)));
  row("Warm-up",
      fmt::format("{} h ({} days); statistics cover the rest", fixed(warmup, 1), fixed(warmup / 24, 1)));
  row("freightsim", esc(s.at("freightsim_version").get<std::string>()));
  const auto& c = s.at("conservation");
  row("Conservation",
      fmt::format("{} created = {} delivered + {} in the network at the horizon ({})",
                  c.at("created").get<std::uint64_t>(), c.at("delivered").get<std::uint64_t>(),
                  c.at("in_network").get<std::uint64_t>(), c.at("holds").get<bool>() ? "holds" : "VIOLATED"));
  out += "</dl>";
  const auto& warnings = s.at("warnings");
  if (warnings.empty())
    return out + "<p class=\"ok\">No warnings: the run completed and every flow delivered.</p>";
  out += "<div class=\"warnings\"><strong>Warnings</strong><ul>";
  for (const auto& w : warnings)
    out += "<li>" + esc(w.get<std::string>()) + "</li>";
  return out + "</ul></div>";
}

}  // namespace

namespace report {

std::string page(std::string_view title, std::string_view header, std::string_view nav, std::string_view body,
                 std::string_view version, std::string_view source) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>";
  out += "<title>" + esc(title) + " – freightsim report</title><style>" + std::string(style) +
         "</style></head><body>";
  out += "<header><h1>" + esc(title) + "</h1>" + std::string(header) + "</header>";
  out += "<nav>" + std::string(nav) + "</nav><main>" + std::string(body);
  out += "</main><footer>Made by freightsim " + esc(version) + " from " + esc(source) + ".";
  return out + "</footer></body></html>\n";
}

}  // namespace report

std::string html_report(const json& s) {
  const std::string version = s.at("freightsim_version").get<std::string>();
  const std::string header =
      "<p>freightsim report: means over replications with 95% confidence interval half widths (±); times in "
      "hours.</p>" +
      metadata(s);
  std::string nav =
      "<a href=\"#map\">Map</a><a href=\"#bottlenecks\">Bottlenecks</a><a href=\"#days\">Where the days "
      "go</a><a href=\"#distance\">Time/cost–distance</a><a href=\"#transit\">Transit times</a><a "
      "href=\"#series\">Time series</a><a href=\"#links\">Links</a>";
  const std::string routes = report::routes_section(s);
  if (!routes.empty()) nav += "<a href=\"#routes\">Route choice</a>";
  const std::string analytic = report::analytic_section(s);
  if (!analytic.empty()) nav += "<a href=\"#analytic\">Analytic cross-check</a>";
  const std::string observed = report::observed_section(s);
  if (!observed.empty()) nav += "<a href=\"#observed\">Observed against simulated</a>";
  const std::string body = report::corridor_map(s) + report::bottleneck_section(s) + report::days_section(s) +
                           report::distance_section(s) + report::transit_section(s) +
                           report::series_section(s) + report::links_section(s) + routes + analytic +
                           observed;
  return report::page(s.at("scenario").get<std::string>(), header, nav, body, version,
                      "summary.json. Map outline: Natural Earth (public domain), via world-atlas (ISC)");
}

std::string indicators_csv(const json& s) {
  const auto field = [](const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (const char c : text) {
      if (c == '"') out += '"';
      out += c;
    }
    return out + "\"";
  };
  const auto number = [](double x) { return fmt::format("{}", x); };
  std::string out =
      "flow,kind,from,to,distance_km,travel_h,delay_h,speed_without_delay_kmh,speed_with_delay_kmh,time_h,"
      "cost_usd\n";
  for (const auto& f : s.at("flows")) {
    const std::string id = field(f.at("id").get<std::string>());
    for (const auto& sec : report::sections_of(s, f)) {
      const bool speeds = sec.distance_known && sec.travel_h > 0;
      out += fmt::format("{},section,{},{},{},{},{},{},{},,\n", id, field(sec.from), field(sec.to),
                         sec.distance_known ? number(sec.distance_km) : "", number(sec.travel_h),
                         number(sec.delay_h), speeds ? number(sec.distance_km / sec.travel_h) : "",
                         speeds ? number(sec.distance_km / (sec.travel_h + sec.delay_h)) : "");
    }
    for (const auto& c : report::crossings_of(s, f))
      out += fmt::format("{},stop,{},,,,,,,{},{}\n", id, field(c.node), number(c.time_h), number(c.cost_usd));
  }
  return out;
}

}  // namespace freightsim
