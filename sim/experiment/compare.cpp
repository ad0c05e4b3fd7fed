#include "freightsim/experiment/compare.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "freightsim/experiment/metric_path.hpp"
#include "freightsim/scenario/input_error.hpp"

namespace freightsim {

namespace {

// One metric's figures in `r`, by replication.
replication_values values_of(const result_values& r, std::size_t metric) {
  replication_values out;
  for (const auto& [rep, values] : r.replications)
    out[rep] = values[metric];
  return out;
}

// The figures of the replications both have, each with a figure: the pairs, each side in replication order.
std::pair<std::vector<double>, std::vector<double>> pairs_of(const replication_values& a,
                                                             const replication_values& b) {
  std::pair<std::vector<double>, std::vector<double>> out;
  for (const auto& [rep, x] : a)
    if (const auto other = b.find(rep); other != b.end() && !std::isnan(x) && !std::isnan(other->second)) {
      out.first.push_back(x);
      out.second.push_back(other->second);
    }
  return out;
}

double mean_or_nan(const std::vector<double>& x) {
  return x.empty() ? std::nan("") : summarize(x).mean;
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

// The metrics compared: those asked for, each in both; or every metric both have.
std::vector<std::string> chosen_metrics(const result_values& a, const result_values& b,
                                        const std::vector<std::string>& asked, result_comparison& out) {
  const std::set<std::string> in_a(a.metrics.begin(), a.metrics.end()),
      in_b(b.metrics.begin(), b.metrics.end());
  std::vector<std::string> common;
  for (const auto& m : a.metrics)
    if (in_b.contains(m)) common.push_back(m);
  for (const auto& m : a.metrics)
    if (!in_b.contains(m)) out.only_a.push_back(m);
  for (const auto& m : b.metrics)
    if (!in_a.contains(m)) out.only_b.push_back(m);
  if (asked.empty()) {
    if (common.empty())
      throw input_error(b.name, -1, -1, "no metric in common with " + a.name + " (nothing to compare)");
    return common;
  }
  for (const auto& m : asked) {
    if (in_a.contains(m) && in_b.contains(m)) continue;
    const std::string closest = common.empty() ? "" : " (closest: '" + closest_metric_path(m, common) + "')";
    if (in_a.contains(m) || in_b.contains(m))
      throw input_error("--metric", -1, -1,
                        "'" + m + "' is measured only in " + (in_a.contains(m) ? a.name : b.name) + closest);
    throw input_error("--metric", -1, -1, "unknown metric '" + m + "'" + closest);
  }
  return asked;
}

}  // namespace

std::vector<double> figures_of(const replication_values& v) {
  std::vector<double> out;
  for (const auto& entry : v)
    if (!std::isnan(entry.second)) out.push_back(entry.second);
  return out;
}

std::vector<double> paired_differences(const replication_values& a, const replication_values& b) {
  const auto [xa, xb] = pairs_of(a, b);
  std::vector<double> out;
  for (std::size_t i = 0; i < xa.size(); ++i)
    out.push_back(xb[i] - xa[i]);
  return out;
}

result_comparison compare_results(const result_values& a, const result_values& b,
                                  const std::vector<std::string>& metrics, double alpha) {
  result_comparison out;
  const std::vector<std::string> chosen = chosen_metrics(a, b, metrics, out);
  out.alpha = alpha;
  out.confidence = 1.0 - alpha / static_cast<double>(chosen.size());
  out.replications_a = static_cast<std::uint32_t>(a.replications.size());
  out.replications_b = static_cast<std::uint32_t>(b.replications.size());
  // Common random numbers pair replication r of both runs only when they drew from the same seed.
  if (a.seed == b.seed)
    for (const auto& [rep, values] : a.replications)
      out.pairs += b.replications.contains(rep);
  out.paired = out.pairs > 0;
  for (const auto& name : chosen) {
    const replication_values va = values_of(a, index_of(a.metrics, name));
    const replication_values vb = values_of(b, index_of(b.metrics, name));
    metric_delta d;
    d.metric = name;
    // Paired: both means over the pairs, so that the difference of the means is the mean difference.
    const auto [xa, xb] = out.paired ? pairs_of(va, vb) : std::pair{figures_of(va), figures_of(vb)};
    d.mean_a = mean_or_nan(xa);
    d.mean_b = mean_or_nan(xb);
    d.n_a = static_cast<std::uint32_t>(xa.size());
    d.n_b = static_cast<std::uint32_t>(xb.size());
    if (xa.empty() || xb.empty())
      d.difference = {std::nan(""), std::nullopt};
    else if (out.paired)
      d.difference = summarize(paired_differences(va, vb), out.confidence);
    else
      d.difference = welch_difference(xa, xb, out.confidence);
    d.significant = excludes_zero(d.difference);
    out.deltas.push_back(std::move(d));
  }
  return out;
}

}  // namespace freightsim
