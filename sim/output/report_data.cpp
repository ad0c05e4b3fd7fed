// Reading summary.json for the report: names, table cells that point back at their source numbers.
#include <fmt/format.h>

#include "report_parts.hpp"

namespace freightsim::report {

std::string node_name(const json& s, std::string_view id) {
  for (const auto& n : s.at("nodes"))
    if (n.at("id").get_ref<const std::string&>() == id) {
      const auto& name = n.at("name").get_ref<const std::string&>();
      return name.empty() ? std::string(id) : name;
    }
  return std::string(id);
}

// Cells name their source with a JSON pointer (data-path) so that the report test can hold the table to
// summary.json.
std::string number_cell(double value, int decimals, std::string_view path) {
  return fmt::format("<td class=\"n\" data-path=\"{}\">{}</td>", esc(path), fixed(value, decimals));
}

std::string derived_cell(double value, int decimals) {
  return fmt::format("<td class=\"n\">{}</td>", fixed(value, decimals));
}

std::string value_cell(const json& value, int decimals, std::string_view path) {
  return value.is_null() ? std::string(none_cell) : number_cell(value.get<double>(), decimals, path);
}

std::string estimate_cell(const json& e, int decimals, std::string_view path) {
  if (e.at("mean").is_null()) return none_cell;
  const double mean = e.at("mean").get<double>();
  const auto& ci = e.at("ci95");
  const std::string interval = ci.is_null() ? "" : " ± " + fixed(ci.get<double>(), decimals);
  return fmt::format("<td class=\"n\" data-path=\"{}/mean\">{}{}</td>", esc(path), fixed(mean, decimals),
                     interval);
}

double total_wait(const json& node) {
  double sum = 0;
  for (const auto& [cause, e] : node.at("wait_by_cause_h").items())
    sum += e.at("mean").get<double>();
  return sum;
}

}  // namespace freightsim::report
