#include "freightsim/output/sweep_tables.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include "csv_text.hpp"
#include "freightsim/experiment/run_metrics.hpp"
#include "freightsim/output/text_table.hpp"

namespace freightsim {

namespace {

using csv::field;
using csv::number;

std::string optional_number(const std::optional<double>& x) {
  return x ? number(*x) : std::string{};
}

}  // namespace

const char* to_string(stop_reason r) {
  switch (r) {
    case stop_reason::none:
      return "done";
    case stop_reason::saturated:
      return "saturated";
    case stop_reason::interrupted:
      return "interrupted";
    case stop_reason::not_run:
      return "not_run";
    case stop_reason::out_of_memory:
      return "out_of_memory";
  }
  return "?";
}

std::string sweep_runs_csv(const prepared_sweep& sweep, const std::vector<sweep_run>& runs) {
  std::vector<const sweep_run*> order;
  for (const auto& r : runs)
    if (r.stopped != stop_reason::not_run) order.push_back(&r);
  std::sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
    return std::pair(a->variant, a->replication) < std::pair(b->variant, b->replication);
  });
  std::vector<std::vector<metric_parts>> parts;
  for (const auto& v : sweep.variants)
    parts.push_back(metric_name_parts(v.model));
  std::string out = "variant,variant_name,replication,status,kind,entity,metric,value\n";
  for (const auto* r : order) {
    const std::string head = fmt::format("{},{},{},{},", r->variant, field(sweep.variants[r->variant].name),
                                         r->replication, to_string(r->stopped));
    out += csv::metric_rows(head, parts[r->variant], r->values);
  }
  return out;
}

std::string sweep_json(const prepared_sweep& sweep) {
  return nlohmann::json{{"name", sweep.spec.name}, {"sweep_file", sweep.spec.file}}.dump(2) + "\n";
}

std::string sweep_comparison_csv(const prepared_sweep& sweep,
                                 const std::vector<metric_comparison>& comparisons) {
  std::string out = "metric,variant,variant_name,mean,ci95,difference,difference_ci95,pairs,significant\n";
  for (const auto& c : comparisons)
    for (std::size_t v = 0; v < c.level.size(); ++v)
      out +=
          fmt::format("{},{},{},{},{},{},{},{},{}\n", field(c.metric), v, field(sweep.variants[v].name),
                      number(c.level[v].mean), optional_number(c.level[v].ci95), number(c.difference[v].mean),
                      optional_number(c.difference[v].ci95), c.pairs[v], c.significant[v] ? "true" : "false");
  return out;
}

std::string sweep_table(const prepared_sweep& sweep, const std::vector<metric_comparison>& comparisons) {
  std::size_t width = 8;
  for (const auto& v : sweep.variants)
    width = std::max(width, v.name.size());
  std::string out = fmt::format("{}: {} x {}, seed {} (common random numbers)\n", sweep.spec.name,
                                count_of(sweep.variants.size(), "variant"),
                                count_of(sweep.replications, "replication"), sweep.seed);
  const auto pm = [](const interval_estimate& e) {
    if (std::isnan(e.mean)) return std::string("none");
    return e.ci95 ? csv::readable(e.mean, 4) + " ± " + csv::readable(*e.ci95, 2) : csv::readable(e.mean, 4);
  };
  for (const auto& c : comparisons) {
    out += fmt::format("\n{}\n  {:<{}}  {:>22}  {:>26}\n", c.metric, "variant", width, "mean ± 95% CI",
                       "paired difference ± 95% CI");
    for (std::size_t v = 0; v < c.level.size(); ++v)
      out +=
          fmt::format("  {:<{}}  {:>22}  {:>26}{}\n", sweep.variants[v].name, width, pm(c.level[v]),
                      v == 0 ? std::string("(baseline)") : pm(c.difference[v]), c.significant[v] ? " *" : "");
  }
  out += "\n* significant: the interval of the difference at 95% with Bonferroni correction excludes 0\n";
  return out;
}

}  // namespace freightsim
