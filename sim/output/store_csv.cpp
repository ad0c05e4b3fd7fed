#include "freightsim/output/store_csv.hpp"

#include <fmt/format.h>

#include "csv_text.hpp"

namespace freightsim {

std::string store_metrics_csv(const result_store& store) {
  const stored_sweep& s = store.sweep();
  std::string out = "run_id,variant,variant_name,replication,seed,status,entity_kind,entity,metric,value\n";
  for (const stored_run& r : store.runs()) {
    const stored_variant& v = s.variants.at(r.variant);
    const std::string head = fmt::format("{},{},{},{},{},{},", r.run_id, r.variant, csv::field(v.name),
                                         r.replication, s.seed, r.status);
    out += csv::metric_rows(head, v.parts, r.values);
  }
  return out;
}

std::string store_runs_csv(const result_store& store) {
  const stored_sweep& s = store.sweep();
  std::string out = "run_id,variant,variant_name,parameters,replication,seed,status,session,seconds\n";
  for (const stored_run& r : store.runs()) {
    const stored_variant& v = s.variants.at(r.variant);
    std::string parameters = v.parameters;
    if (!parameters.empty() && parameters.back() == '\n') parameters.pop_back();
    for (std::size_t at = parameters.find('\n'); at != std::string::npos; at = parameters.find('\n', at))
      parameters.replace(at, 1, "; ");
    out += fmt::format("{},{},{},{},{},{},{},{},{}\n", r.run_id, r.variant, csv::field(v.name),
                       csv::field(parameters), r.replication, s.seed, r.status, r.session,
                       csv::number(r.seconds));
  }
  return out;
}

}  // namespace freightsim
