// The planners' report: one self-contained HTML page (inline SVG and CSS, nothing fetched), its key tables in
// Markdown, and the corridor indicators as CSV; all made from a parsed summary.json.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace freightsim {

// Throws nlohmann::json::exception when `summary` lacks what freightsim's summary.json holds.
std::string html_report(const nlohmann::json& summary);
// Per flow, per section: distance, travel, delay at its start, speed without and with delay (CAREC terms);
// per stop: time and fee.
std::string indicators_csv(const nlohmann::json& summary);

}  // namespace freightsim
