// One short replication of a loaded scenario, with bounded work: what the scenario fuzzer and the fuzz
// regression tests run on every scenario that loads, so that whatever validation accepts can be simulated.
#pragma once

#include <algorithm>

#include "freightsim/experiment/experiment.hpp"
#include "freightsim/scenario/scenario.hpp"

namespace freightsim::fuzz {

// Work budget of the replication: about this many events, and at most this many units in the network.
inline constexpr double max_events = 20'000;
inline constexpr std::uint64_t max_in_network = 20'000;

// Expected events per simulated hour from arrivals and from the periodic resource events (sailings,
// breakdowns, opening hours) that happen whether or not units arrive.
inline double events_per_hour(const scenario& s) {
  double rate = 0.0;
  for (const auto& f : s.model.flows)
    rate += f.rate_per_hour;
  const auto& g = s.model.net.graph();
  for (auto [it, end] = boost::edges(g); it != end; ++it)
    if (const auto& sched = g[*it].schedule) rate += 1.0 / std::max(to_hours(sched->headway), 1e-9);
  double calendar_changes = 0.0;  // per week, counted up to the budget
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const node_spec& n = g[*it];
    if (n.breakdowns) rate += 2.0 / std::max(mean(n.breakdowns->mtbf) + mean(n.breakdowns->mttr), 1e-9);
    if (!n.calendar) continue;
    for (sim_time t{0}; t < week && calendar_changes <= max_events; ++calendar_changes)
      t = n.calendar->next_change_after(t);
  }
  return rate + calendar_changes / to_hours(week);
}

// Runs replication 0 of `s` on one thread with the horizon cut to about max_events events (the warm-up to
// half the horizon if it no longer fits).
inline experiment_result run_briefly(scenario s) {
  s.replications = 1;
  const double rate = events_per_hour(s);
  if (rate > 0.0) {
    const double cap_h = max_events / rate;
    if (cap_h < to_hours(s.horizon)) s.horizon = std::max(from_hours(cap_h), sim_time{1});
  }
  if (s.warmup >= s.horizon) s.warmup = s.horizon / 2;
  experiment_options options;
  options.threads = 1;
  options.max_in_network = max_in_network;
  return run_experiment(s, options);
}

}  // namespace freightsim::fuzz
