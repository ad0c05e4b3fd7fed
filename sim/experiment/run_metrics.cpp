#include "freightsim/experiment/run_metrics.hpp"

#include <boost/range/iterator_range.hpp>
#include <cmath>
#include <optional>

#include "freightsim/experiment/metric_path.hpp"

namespace freightsim {

namespace {

constexpr const char* quantile_names[] = {"p50", "p90", "p95", "p99"};
constexpr double quantile_levels[] = {0.50, 0.90, 0.95, 0.99};

// One walk over the result for both names and values, so they cannot drift apart.
template <class Emit>
void walk(const scenario& s, const replication_result* r, Emit emit) {
  for (std::size_t f = 0; f < s.model.flows.size(); ++f) {
    const std::string& id = s.model.flows[f].id;
    const auto emit_flow = [&](const std::string& stat, auto value) { emit("flows", id, stat, value); };
    const flow_result* fr = r ? &r->flows[f] : nullptr;
    // A replication that delivered none of the flow has no transit time or cost: NaN, never 0.
    const auto if_delivered = [&](double x) { return fr->delivered ? x : std::nan(""); };
    emit_flow("delivered", [&] { return static_cast<double>(fr->delivered); });
    emit_flow("transit_time_h.mean", [&] { return if_delivered(fr->transit_h.mean()); });
    for (std::size_t q = 0; q < 4; ++q)
      emit_flow(std::string("transit_time_h.") + quantile_names[q],
                [&] { return if_delivered(fr->transit_quantiles.quantile(quantile_levels[q])); });
    emit_flow("transit_time_h.max", [&] { return if_delivered(fr->transit_quantiles.max()); });
    emit_flow("cost_usd.mean", [&] { return if_delivered(fr->cost_usd.mean()); });
    emit_flow("storage_usd.mean", [&] { return if_delivered(fr->storage_usd.mean()); });
  }
  for (std::size_t v = 0; v < s.model.net.node_count(); ++v) {
    const std::string& id = s.model.net.node(v).id;
    const auto emit_node = [&](const std::string& stat, auto value) { emit("nodes", id, stat, value); };
    const node_result* nr = r ? &r->nodes[v] : nullptr;
    emit_node("utilization", [&] { return nr->utilization; });
    emit_node("wait_h.mean", [&] { return nr->wait_h.mean(); });
    for (std::size_t q = 0; q < 4; ++q)
      emit_node(std::string("wait_h.") + quantile_names[q],
                [&] { return nr->wait_quantiles.quantile(quantile_levels[q]); });
    emit_node("wait_h.max", [&] { return nr->wait_quantiles.max(); });
    emit_node("queue_length.mean", [&] { return nr->queue_mean; });
    emit_node("queue_length.max", [&] { return nr->queue_max; });
    emit_node("approach_queue.mean", [&] { return nr->approach_mean; });
    emit_node("approach_queue.max", [&] { return nr->approach_max; });
    emit_node("waiting_total.mean", [&] { return nr->waiting_total_mean; });
    emit_node("waiting_total.max", [&] { return nr->waiting_total_max; });
    emit_node("throughput_per_day", [&] { return nr->throughput_per_day; });
    for (std::size_t c = 0; c < wait_cause_count; ++c)
      emit_node(std::string("wait_by_cause_h.") + to_string(static_cast<wait_cause>(c)),
                [&] { return nr->stays ? nr->wait_by_cause_h[c] / static_cast<double>(nr->stays) : 0.0; });
    emit_node("wait_by_cause_h.total", [&] {
      double sum = 0;
      for (const double w : nr->wait_by_cause_h)
        sum += w;
      return nr->stays ? sum / static_cast<double>(nr->stays) : 0.0;
    });
  }
  const auto& g = s.model.net.graph();
  std::vector<std::optional<std::uint32_t>> capacity(s.model.net.link_count());
  for (const auto e : boost::make_iterator_range(boost::edges(g)))
    capacity.at(g[e].index) = g[e].capacity_per_departure();
  const std::vector<std::string> link_ids = link_metric_ids(s);
  for (std::size_t l = 0; l < link_ids.size(); ++l) {
    const auto emit_link = [&](const std::string& stat, auto value) {
      emit("links", link_ids[l], stat, value);
    };
    const link_result* lr = r && l < r->links.size() ? &r->links[l] : nullptr;
    const auto of = [&](double link_result::*field) { return lr ? lr->*field : std::nan(""); };
    emit_link("units_per_day", [&] { return of(&link_result::units_per_day); });
    emit_link("vehicles_per_day", [&] { return of(&link_result::vehicles_per_day); });
    emit_link("left_behind_per_day", [&] { return of(&link_result::left_behind_per_day); });
    if (const auto c = capacity[l])
      // Units per departure over the capacity; 0 without departures, as summary.json has it.
      emit_link("load_factor", [&] {
        if (!lr) return std::nan("");
        return lr->vehicles ? static_cast<double>(lr->units) / static_cast<double>(lr->vehicles * *c) : 0.0;
      });
  }
  for (std::size_t f = 0; f < s.model.fleets.size(); ++f) {
    const auto emit_fleet = [&](const std::string& stat, auto value) {
      emit("fleets", s.model.fleets[f].id, stat, value);
    };
    // A replication stopped before its end has no fleet figures.
    const fleet_result* fr = r && f < r->fleets.size() ? &r->fleets[f] : nullptr;
    emit_fleet("utilization", [&] { return fr ? fr->utilization : std::nan(""); });
    emit_fleet("busy_vehicles", [&] { return fr ? fr->busy_mean : std::nan(""); });
    emit_fleet("wait_h.mean", [&] { return fr ? fr->wait_h : std::nan(""); });
  }
}

}  // namespace

std::vector<metric_parts> metric_name_parts(const scenario& s) {
  std::vector<metric_parts> out;
  walk(s, nullptr, [&](const char* kind, const std::string& entity, const std::string& stat, auto) {
    out.push_back({kind, entity, stat});
  });
  return out;
}

std::vector<std::string> metric_names(const scenario& s) {
  std::vector<std::string> out;
  for (const auto& p : metric_name_parts(s))
    out.push_back(p.kind + "." + p.entity + "." + p.statistic);
  return out;
}

std::vector<double> metric_values(const scenario& s, const replication_result& r) {
  std::vector<double> out;
  walk(s, &r,
       [&](const char*, const std::string&, const std::string&, auto value) { out.push_back(value()); });
  return out;
}

}  // namespace freightsim
