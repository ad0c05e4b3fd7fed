#include "freightsim/output/text_table.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace freightsim {

namespace {

std::string with_ci(const interval_estimate& e, int precision) {
  if (!e.ci95) return fmt::format("{:.{}f}", e.mean, precision);
  return fmt::format("{:.{}f} ± {:.{}f}", e.mean, precision, *e.ci95, precision);
}

std::string measure(double value, bool hours) {
  return hours ? fmt::format("{:.1f} h", value) : fmt::format("{:.2f}", value);
}

std::string observed_group(const summary& s, observed_use use) {
  std::string out;
  for (const auto& o : s.observed) {
    if (o.use != use) continue;
    // A known gap that is met has gone stale: STALE says the mark must go.
    const char* result = o.known_gap.empty() ? (o.pass ? "pass" : "FAIL") : (o.pass ? "STALE" : "gap");
    out += fmt::format("{:<44} {:>12} {:>12} {:>7.2f} {:>9} {:>6}{}\n", o.metric,
                       measure(o.observed, o.in_hours), measure(o.simulated, o.in_hours), o.ratio,
                       fmt::format("±{:g}%", o.tolerance * 100), result,
                       use == observed_use::calibration ? "  sets " + o.sets : std::string());
    if (!o.known_gap.empty()) out += "    known gap: " + o.known_gap + "\n";
  }
  return out;
}

}  // namespace

std::string observed_table(const summary& s) {
  if (s.observed.empty()) return {};
  const std::string header = fmt::format("{:<44} {:>12} {:>12} {:>7} {:>9} {:>6}\n", "metric", "observed",
                                         "simulated", "ratio", "tolerance", "result");
  std::string out = "simulated against observed (ratio = simulated / observed)\n";
  const std::string calibration = observed_group(s, observed_use::calibration);
  const std::string validation = observed_group(s, observed_use::validation);
  if (!calibration.empty()) {
    out += "\ncalibration (an input was set from each: agreement here is not evidence)\n";
    out += header;
    out += calibration;
  }
  if (!validation.empty()) {
    out += "\nvalidation (nothing was set from these)\n";
    out += header;
    out += validation;
  }
  return out;
}

std::string text_table(const summary& s) {
  std::string warmup = fmt::format("warm-up {} h", s.warmup_h);
  if (s.warmup_auto && !s.warmup_chosen_h.empty()) {
    const auto [lo, hi] = std::minmax_element(s.warmup_chosen_h.begin(), s.warmup_chosen_h.end());
    warmup = fmt::format("warm-up auto (MSER-5) mean {:.1f} h, {:.1f}-{:.1f} h", s.warmup_h, *lo, *hi);
  }
  std::string out = fmt::format("{}\n{}, seed {}, horizon {} h, {} (± = 95% CI half width)\n", s.scenario,
                                count_of(s.replications, "replication"), s.seed, s.horizon_h, warmup);
  if (const auto& p = s.precision)
    out += fmt::format("precision {:g}%: {} after {} (cap {}), watching {} metric(s)\n",
                       p->goal.relative * 100, p->reached ? "reached" : "NOT reached",
                       count_of(p->replications, "replication"), p->goal.max_replications, p->metrics.size());
  out += "\n";
  out += fmt::format("{:<24} {:>18} {:>22} {:>10} {:>10} {:>10}\n", "flow", "delivered", "transit mean h",
                     "p50 h", "p95 h", "max h");
  for (const auto& f : s.flows) {
    const auto& t = f.transit_h;
    if (!f.delivered_any) {  // no transit time at all: "none", never 0
      out += fmt::format("{:<24} {:>18} {:>22} {:>10} {:>10} {:>10}\n", f.id, with_ci(f.delivered, 0), "none",
                         "-", "-", "-");
      continue;
    }
    out += fmt::format("{:<24} {:>18} {:>22} {:>10.1f} {:>10.1f} {:>10.1f}\n", f.id, with_ci(f.delivered, 0),
                       with_ci(t.estimate, 1), t.p50, t.p95, t.max);
  }
  // The split of adaptive flows over their paths.
  std::string split;
  for (const auto& f : s.flows)
    for (const auto& r : f.routes) {
      std::string via;
      for (const auto& id : r.via)
        via += (via.empty() ? "" : " > ") + id;
      split += fmt::format("{:<24} {:>16}  {}\n", f.id, with_ci(r.share, 3), via);
    }
  if (!split.empty()) out += "\nroute: adaptive, share of units created by path\n" + split;
  out += fmt::format("\n{:<24} {:>7} {:>16} {:>18} {:>10} {:>16} {:>18}\n", "node", "servers", "utilization",
                     "wait mean h", "wait p95 h", "queue mean", "throughput/day");
  for (const auto& n : s.nodes) {
    const std::string servers = n.junction ? "-" : std::to_string(n.servers);
    out += fmt::format("{:<24} {:>7} {:>16} {:>18} {:>10.2f} {:>16} {:>18}\n", n.id, servers,
                       with_ci(n.utilization, 3), with_ci(n.wait_h.estimate, 2), n.wait_h.p95,
                       with_ci(n.queue_length, 2), with_ci(n.throughput_per_day, 1));
  }
  // Where a stay at each node went, every cause (they do not overlap; `queue` and part of `closed` make up
  // the server wait above, which is counted per unit served).
  std::string causes;
  for (const auto& n : s.nodes) {
    std::string line;
    for (std::size_t c = 0; c < wait_cause_count; ++c)
      if (n.wait_by_cause_h[c].mean > 0.0)
        line += fmt::format("  {} {:.2f}", to_string(static_cast<wait_cause>(c)), n.wait_by_cause_h[c].mean);
    if (!line.empty()) causes += fmt::format("{:<24}{}\n", n.id, line);
  }
  if (!causes.empty()) out += "\nwaits by cause, mean h per stay at the node (the causes add up):\n" + causes;
  // The queue that planners mean: units waiting for a place at the node, beyond its waiting area.
  std::string approach;
  for (const auto& n : s.nodes)
    if (n.approach_max > 0.0)
      approach += fmt::format("{:<24} {:>18} {:>8.0f} {:>18} {:>8.0f}\n", n.id, with_ci(n.approach_queue, 1),
                              n.approach_max, with_ci(n.waiting_total, 1), n.waiting_total_max);
  if (!approach.empty())
    out += fmt::format("\n{:<24} {:>18} {:>8} {:>18} {:>8}\n", "waiting for a place", "approach mean", "max",
                       "all waiting mean", "max") +
           approach;
  if (!s.observed.empty()) {
    out += '\n';
    out += observed_table(s);
  }
  if (!s.complete)
    out += fmt::format("\nINCOMPLETE: {} ({} of {} summarized)\n", s.incomplete_reason, s.replications,
                       count_of(s.replications_requested, "replication"));
  for (const auto& w : s.warnings)
    out += "\nWARNING: " + w;
  if (!s.warnings.empty()) out += "\n";
  out += fmt::format("\nconservation: {} created = {} delivered + {} in network at the horizon ({})\n",
                     s.created, s.delivered, s.in_network,
                     s.created == s.delivered + s.in_network ? "holds" : "VIOLATED");
  return out;
}

std::string count_of(std::uint64_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

}  // namespace freightsim
