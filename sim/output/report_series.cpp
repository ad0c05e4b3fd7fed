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
  // From the statistic at the end of KIND.ID.STATISTIC, never from the id (a node 'port_h', a yard
  // 'usd_yard'): its last part, and the one before it for quantities with statistics (wait_h.mean,
  // queue_length.max).
  const std::size_t last_dot = metric.rfind('.');
  const std::string_view last = last_dot == std::string_view::npos ? metric : metric.substr(last_dot + 1);
  const std::string_view head =
      last_dot == std::string_view::npos ? std::string_view() : metric.substr(0, last_dot);
  const std::size_t prev_dot = head.rfind('.');
  const std::string_view quantity = prev_dot == std::string_view::npos ? head : head.substr(prev_dot + 1);
  if (quantity.ends_with("_h") || last.ends_with("_h")) return "h";
  if (quantity.ends_with("_usd")) return "USD";
  if (quantity == "queue_length" || quantity == "approach_queue" || quantity == "waiting_total")
    return "units";
  if (last == "throughput_per_day" || last == "units_per_day" || last == "left_behind_per_day")
    return "units/day";
  if (last == "vehicles_per_day") return "vehicles/day";
  if (last == "utilization" || last == "load_factor") return "share of capacity";
  if (last == "delivered") return "units";
  if (last == "busy_vehicles") return "vehicles";
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
