// The report's observed-against-simulated table: the scenario's `observed:` entries as `freightsim validate`
// prints them, calibration and validation apart, each with its source and any known gap.
#include <fmt/format.h>

#include "report_parts.hpp"

namespace freightsim::report {

std::string observed_section(const json& s) {
  if (!s.contains("observed") || s.at("observed").empty()) return {};
  const auto& entries = s.at("observed");
  std::string out =
      "<section id=\"observed\"><h2>Observed against simulated</h2><p>Published outcomes beside this run "
      "(ratio = simulated / observed). A <em>validation</em> entry set nothing in the model; a "
      "<em>calibration</em> entry names the input that was set from it. An entry outside its tolerance is a "
      "known gap when the scenario names the process the model lacks.</p>";
  for (const char* use : {"calibration", "validation"}) {
    std::string rows;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const json& e = entries[i];
      if (e.at("use").get<std::string>() != use) continue;
      const std::string path = fmt::format("/observed/{}", i);
      const bool pass = e.at("pass").get<bool>();
      const std::string result = pass ? "pass" : e.contains("known_gap") ? "known gap" : "FAIL";
      rows += "<tr><th scope=\"row\"><code>" + esc(e.at("metric").get<std::string>()) + "</code></th>";
      rows += value_cell(e.at("observed"), 2, path + "/observed") +
              value_cell(e.at("simulated"), 2, path + "/simulated") +
              value_cell(e.at("ratio"), 2, path + "/ratio");
      rows += "<td class=\"n\">±" + fixed(100 * e.at("tolerance").get<double>(), 0) + "%</td>";
      rows += std::string(pass ? "<td>" : "<td class=\"differs\">") + result + "</td><td>" +
              esc(e.at("source").get<std::string>());
      if (e.contains("sets")) rows += "<br/><strong>Sets:</strong> " + esc(e.at("sets").get<std::string>());
      if (e.contains("known_gap"))
        rows += "<br/><strong>Known gap:</strong> " + esc(e.at("known_gap").get<std::string>());
      rows += "</td></tr>";
    }
    if (rows.empty()) continue;
    out += fmt::format(
        "<table><caption>{} entries</caption><thead><tr><th>metric</th><th>observed</th><th>simulated</th>"
        "<th>ratio</th><th>tolerance</th><th>result</th><th>source</th></tr></thead><tbody>",
        std::string(use) == "calibration" ? "Calibration" : "Validation");
    out += rows + "</tbody></table>";
  }
  return out + "</section>";
}

}  // namespace freightsim::report
