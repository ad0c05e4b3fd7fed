// Helpers of the sweep and comparison reports: series colours, units read from metric names, numbers.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report_parts.hpp"

namespace freightsim::report {

const char* series_colour(std::size_t i) {
  static constexpr const char* colours[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                            "#e69f00", "#56b4e9", "#000000", "#882255"};
  return colours[i % std::size(colours)];
}

std::string metric_unit(std::string_view metric) {
  const auto has = [&](std::string_view part) { return metric.find(part) != std::string_view::npos; };
  if (has("_h.") || metric.ends_with("_h")) return "h";
  if (has("usd")) return "USD";
  if (has("throughput_per_day")) return "units/day";
  if (has("utilization")) return "share of capacity";
  if (has("queue_length") || has("approach_queue") || has("waiting_total") || has(".delivered"))
    return "units";
  return "";
}

int sig4_decimals(double x) {
  if (!std::isfinite(x) || x == 0) return 0;
  return std::clamp(3 - static_cast<int>(std::floor(std::log10(std::abs(x)))), 0, 6);
}

std::string sig4(double x) {
  return fixed(x, sig4_decimals(x));
}

}  // namespace freightsim::report
