// The planners' report: one self-contained HTML page (inline SVG and CSS, nothing fetched), its key tables in
// Markdown, the corridor indicators as CSV, GeoJSON and DOT; all made from a parsed summary.json.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "freightsim/experiment/compare.hpp"
#include "freightsim/output/sweep_folder.hpp"

namespace freightsim {

// Throws nlohmann::json::exception when `summary` lacks what freightsim's summary.json holds.
std::string html_report(const nlohmann::json& summary);
// Per flow, per section: distance, travel, delay at its start, speed without and with delay (CAREC terms);
// per stop: time and fee.
std::string indicators_csv(const nlohmann::json& summary);
// report.md: the key tables (flows, bottlenecks, where the days go, links) in Markdown.
std::string markdown_report(const nlohmann::json& summary);
// GeoJSON (RFC 7946): located nodes as Points and links between them as LineStrings, with their statistics;
// coordinates [lon, lat].
std::string geojson_report(const nlohmann::json& summary);
// Graphviz DOT of nodes and links with their main figures (Boost.Graph write_graphviz).
std::string dot_report(const nlohmann::json& summary);

// The report of a sweep folder: each metric of interest against the swept parameter with its 95% band, and
// the paired differences from the baseline, as comparison.csv holds them; and the same tables in Markdown.
std::string sweep_html_report(const sweep_folder& s);
std::string sweep_markdown_report(const sweep_folder& s);

// The report of `freightsim compare`'s result (B - A per metric with intervals, significant ones
// highlighted); summary_a (A's summary.json) names the nodes.
std::string comparison_html_report(const result_comparison& c, const result_values& a, const result_values& b,
                                   const nlohmann::json& summary_a);
std::string comparison_markdown_report(const result_comparison& c, const result_values& a,
                                       const result_values& b, const nlohmann::json& summary_a);

}  // namespace freightsim
