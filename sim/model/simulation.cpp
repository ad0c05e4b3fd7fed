#include "freightsim/model/simulation.hpp"

#include "replication.hpp"

namespace freightsim {

const char* to_string(wait_cause cause) {
  static constexpr const char* names[] = {"queue", "train_forming", "sailing",  "blocked", "closed",
                                          "dwell", "hold",          "transfer", "no_path", "no_vehicle"};
  return names[static_cast<std::size_t>(cause)];
}

const char* to_string(trace_kind kind) {
  static constexpr const char* names[] = {"created",  "service_start", "link_departure", "delivered",
                                          "arrived",  "wait_begun",    "wait_ended",     "service_end",
                                          "departed", "vehicle",       "left_behind"};
  return names[static_cast<std::size_t>(kind)];
}

std::vector<std::uint32_t> series_nodes(const corridor& model) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t v = 0; v < model.net.node_count() && out.size() < max_series_nodes; ++v) {
    const node_spec& n = model.net.node(v);
    if (n.has_servers() || n.capacity) out.push_back(v);
  }
  return out;
}

replication_result simulate(const corridor& model, run_window window, std::uint64_t seed,
                            std::uint32_t replication_index, const trace_sink* trace,
                            const run_limits& limits) {
  return detail::replication(model, window, seed, replication_index, trace, limits).run();
}

}  // namespace freightsim
