#include "freightsim/output/compare_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "csv_text.hpp"

namespace freightsim {

namespace {

std::string figure(double x) {
  return std::isnan(x) ? std::string("none") : csv::readable(x, 4);
}

std::string run_line(const char* label, const result_values& r) {
  return fmt::format("{}: {} ({}, seed {}, {} replications)\n", label, r.name, r.scenario, r.seed,
                     r.replications.size());
}

}  // namespace

// The confidence as a percentage with enough digits to tell it from 100% (99.98%, not 100%): within 1% of
// the error rate it stands for.
std::string confidence_percent(double confidence) {
  const double p = confidence * 100;
  for (int digits = 0; digits < 10; ++digits) {
    const std::string text = fmt::format("{:.{}f}", p, digits);
    if (const double shown = std::stod(text); shown < 100 && std::abs(shown - p) <= 0.01 * (100 - p))
      return text + "%";
  }
  return fmt::format("{}%", p);
}

std::string compare_table(const result_comparison& c, const result_values& a, const result_values& b) {
  std::string out = run_line("A", a) + run_line("B", b);
  if (c.paired)
    out += fmt::format(
        "paired: replication r of A with replication r of B, {} pairs (same seed {}: common random "
        "numbers)\n",
        c.pairs, a.seed);
  else
    out += fmt::format("unpaired: Welch's interval ({})\n",
                       a.seed != b.seed ? fmt::format("seeds {} and {} differ", a.seed, b.seed)
                                        : std::string("no replication in common"));
  out += fmt::format("B - A with {} intervals: Bonferroni over {} metric(s), family-wise alpha {}\n\n",
                     confidence_percent(c.confidence), c.deltas.size(), c.alpha);
  std::size_t width = 6;
  for (const auto& d : c.deltas)
    width = std::max(width, d.metric.size());
  out += fmt::format("{:<{}}  {:>10}  {:>10}  {:>11}  {:>10}\n", "metric", width, "A", "B", "B - A",
                     "± " + confidence_percent(c.confidence));
  for (const auto& d : c.deltas) {
    const std::string delta =
        std::isnan(d.difference.mean) ? std::string("none") : csv::readable(d.difference.mean, 4, true);
    const std::string half = d.difference.ci95 ? csv::readable(*d.difference.ci95, 2) : std::string("-");
    out += fmt::format("{:<{}}  {:>10}  {:>10}  {:>11}  {:>10}{}\n", d.metric, width, figure(d.mean_a),
                       figure(d.mean_b), delta, half, d.significant ? " *" : "");
  }
  const auto significant =
      std::count_if(c.deltas.begin(), c.deltas.end(), [](const auto& d) { return d.significant; });
  out += fmt::format(
      "\n* significant ({} of {}): the interval excludes 0; all intervals hold together with probability at "
      "least {}\n",
      significant, c.deltas.size(), 1 - c.alpha);
  return out;
}

std::string compare_csv(const result_comparison& c) {
  std::string out = "metric,a_mean,b_mean,difference,half_width,confidence,n_a,n_b,method,significant\n";
  for (const auto& d : c.deltas)
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", csv::field(d.metric), csv::number(d.mean_a),
                       csv::number(d.mean_b), csv::number(d.difference.mean),
                       d.difference.ci95 ? csv::number(*d.difference.ci95) : std::string(), c.confidence,
                       d.n_a, d.n_b, c.paired ? "paired" : "welch", d.significant ? "true" : "false");
  return out;
}

}  // namespace freightsim
