// CSV text shared by the output layer's tidy files (a sweep's runs.csv, a run's replications.csv); private
// to the layer.
#pragma once

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <optional>
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

// For the printed tables: `digits` significant digits ({:.Ng}), but a figure of 10^digits or more in full
// (10703, not 1.07e+04): counts such as units delivered are read as whole numbers. `sign`: always a sign.
inline std::string readable(double x, int digits, bool sign = false) {
  std::string g = sign ? fmt::format("{:+.{}g}", x, digits) : fmt::format("{:.{}g}", x, digits);
  if (g.find("e+") == std::string::npos) return g;
  return sign ? fmt::format("{:+.0f}", x) : fmt::format("{:.0f}", x);
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

// The fields of one CSV line (RFC 4180 quoting, as csv::field writes them), or nullopt when a quote is left
// open.
inline std::optional<std::vector<std::string>> fields_of(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
      out.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  if (quoted) return std::nullopt;
  return out;
}

// A whole number or a double written in full (from_chars: no locale, no leading space or sign games).
template <class T>
std::optional<T> parse(const std::string& text) {
  T x{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return x;
}

}  // namespace freightsim::csv
