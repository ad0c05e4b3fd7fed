// CSV text shared by the output layer's tidy files (a sweep's runs.csv, a run's replications.csv); private
// to the layer.
#pragma once

#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "freightsim/experiment/run_metrics.hpp"

namespace freightsim::csv {

// RFC 4180 quoting where needed: names may hold commas and quotes.
inline std::string field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The shortest text that reads back to the same double; empty for a figure that does not exist (NaN: a flow
// that delivered nothing has no transit time).
inline std::string number(double x) {
  return std::isnan(x) ? std::string{} : fmt::format("{}", x);
}

// One run's metrics, a row each: `head` (the run's columns, ending in a comma), then
// kind,entity,metric,value.
inline std::string metric_rows(const std::string& head, const std::vector<metric_parts>& parts,
                               const std::vector<double>& values) {
  std::string out;
  for (std::size_t m = 0; m < values.size(); ++m)
    out += head + parts[m].kind + "," + field(parts[m].entity) + "," + parts[m].statistic + "," +
           number(values[m]) + "\n";
  return out;
}

}  // namespace freightsim::csv
