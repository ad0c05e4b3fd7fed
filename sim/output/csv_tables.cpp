#include "freightsim/output/csv_tables.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace freightsim {

namespace {

// RFC 4180 quoting where needed.
std::string field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string number(double x) {
  if (!std::isfinite(x)) throw std::logic_error("csv: a figure is not a finite number");
  return fmt::format("{}", x);
}
std::string ci(const interval_estimate& e) {
  return e.ci95 ? number(*e.ci95) : std::string{};
}

}  // namespace

std::string flows_csv(const summary& s) {
  std::string out =
      "id,unit,from,to,delivered_mean,delivered_ci95,transit_mean_h,transit_ci95_h,transit_p50_h,transit_p90_"
      "h,"
      "transit_p95_h,transit_p99_h,transit_max_h,cost_usd_mean,cost_usd_ci95,storage_usd_mean,storage_usd_"
      "ci95\n";
  for (const auto& f : s.flows) {
    const auto& t = f.transit_h;
    // No delivery, no transit time or cost: empty cells, never 0.
    const auto seen = [&](const std::string& text) { return f.delivered_any ? text : std::string{}; };
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", field(f.id), field(f.unit),
                       field(f.from), field(f.to), number(f.delivered.mean), ci(f.delivered),
                       seen(number(t.estimate.mean)), seen(ci(t.estimate)), seen(number(t.p50)),
                       seen(number(t.p90)), seen(number(t.p95)), seen(number(t.p99)), seen(number(t.max)),
                       seen(number(f.cost_usd.mean)), seen(ci(f.cost_usd)), seen(number(f.storage_usd.mean)),
                       seen(ci(f.storage_usd)));
  }
  return out;
}

std::string nodes_csv(const summary& s) {
  std::string out =
      "id,name,servers,utilization_mean,utilization_ci95,wait_mean_h,wait_ci95_h,wait_p95_h,wait_max_h,"
      "queue_mean,queue_ci95,queue_max,approach_mean,approach_ci95,approach_max,waiting_total_mean,"
      "waiting_total_ci95,waiting_total_max,throughput_per_day_mean,throughput_per_day_ci95";
  for (std::size_t c = 0; c < wait_cause_count; ++c) {
    const char* cause = to_string(static_cast<wait_cause>(c));
    out += fmt::format(",wait_{0}_h_mean,wait_{0}_h_ci95", cause);
  }
  out += "\n";
  for (const auto& n : s.nodes) {
    out += fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}", field(n.id), field(n.name), n.servers,
        number(n.utilization.mean), ci(n.utilization), number(n.wait_h.estimate.mean), ci(n.wait_h.estimate),
        number(n.wait_h.p95), number(n.wait_h.max), number(n.queue_length.mean), ci(n.queue_length),
        number(n.queue_max), number(n.approach_queue.mean), ci(n.approach_queue), number(n.approach_max),
        number(n.waiting_total.mean), ci(n.waiting_total), number(n.waiting_total_max),
        number(n.throughput_per_day.mean), ci(n.throughput_per_day));
    for (const auto& cause : n.wait_by_cause_h)
      out += fmt::format(",{},{}", number(cause.mean), ci(cause));
    out += "\n";
  }
  return out;
}

std::string links_csv(const summary& s) {
  std::string out =
      "from,to,mode,distance_km,capacity,units_per_day_mean,units_per_day_ci95,vehicles_per_day_mean,"
      "vehicles_per_day_ci95,load_factor_mean,load_factor_ci95,left_behind_per_day_mean,left_behind_per_day_"
      "ci95,"
      "travel_mean_h,travel_ci95_h\n";
  for (const auto& l : s.links) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", field(l.from), field(l.to), l.mode,
                       l.distance_km ? number(*l.distance_km) : std::string{},
                       l.capacity ? std::to_string(*l.capacity) : std::string{}, number(l.units_per_day.mean),
                       ci(l.units_per_day), number(l.vehicles_per_day.mean), ci(l.vehicles_per_day),
                       l.load_factor ? number(l.load_factor->mean) : std::string{},
                       l.load_factor ? ci(*l.load_factor) : std::string{}, number(l.left_behind_per_day.mean),
                       ci(l.left_behind_per_day), number(l.travel_h.mean), ci(l.travel_h));
  }
  return out;
}

}  // namespace freightsim
