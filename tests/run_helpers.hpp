// Runs scenario text through the whole stack (loader, experiment, summary), as the command does.
#pragma once

#include <string>

#include "freightsim/experiment/experiment.hpp"
#include "freightsim/experiment/summary.hpp"
#include "freightsim/model/simulation.hpp"
#include "freightsim/scenario/loader.hpp"

namespace freightsim::testing {

// A replication's waiting hours at a node for one cause.
inline double cause_total(const node_result& n, wait_cause c) {
  return n.wait_by_cause_h[static_cast<std::size_t>(c)];
}

// Every trace record of one replication.
inline std::vector<trace_record> trace_of(const scenario& s, std::uint32_t replication = 0) {
  std::vector<trace_record> records;
  const trace_sink sink = [&](const trace_record& r) { records.push_back(r); };
  simulate(s.model, {s.warmup, s.horizon}, s.seed, replication, &sink);
  return records;
}

struct run_output {
  scenario spec;
  experiment_result result;
  summary sum;
};

inline run_output run_text(const std::string& yaml, unsigned threads = 2) {
  run_output out;
  out.spec = parse_scenario(yaml, "test.yaml", ".");
  out.result = run_experiment(out.spec, {.replications = {}, .seed = {}, .threads = threads});
  out.sum = summarize(out.spec, out.result);
  return out;
}

// Per-replication values of a node or flow statistic, for intervals at other confidence levels.
template <class Get>
std::vector<double> per_replication(const experiment_result& r, Get get) {
  std::vector<double> v;
  for (const auto& rep : r.replications)
    v.push_back(get(rep));
  return v;
}

}  // namespace freightsim::testing
