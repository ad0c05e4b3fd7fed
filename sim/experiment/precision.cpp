#include "freightsim/experiment/precision.hpp"

#include <algorithm>
#include <cmath>

namespace freightsim {

namespace {

std::vector<double> column(const metric_rows& rows, std::size_t n, std::size_t j) {
  std::vector<double> out;
  for (std::size_t k = 0; k < n; ++k)
    if (!std::isnan(rows[k][j])) out.push_back(rows[k][j]);
  return out;
}

// The half width over target: at most 1 when precise; infinite without an interval.
double shortfall(const std::vector<double>& x, double relative) {
  const interval_estimate e = summarize(x);
  if (!e.ci95) return INFINITY;
  if (*e.ci95 == 0.0) return 0.0;
  return *e.ci95 / (relative * std::abs(e.mean));
}

}  // namespace

bool precise_at(const metric_rows& rows, std::size_t n, double relative) {
  if (rows.empty() || n < 2) return false;
  for (std::size_t j = 0; j < rows.front().size(); ++j)
    if (!(shortfall(column(rows, n, j), relative) <= 1.0)) return false;
  return true;
}

std::optional<std::size_t> first_precise(const metric_rows& rows, std::size_t from, double relative) {
  for (std::size_t n = from; n <= rows.size(); ++n)
    if (precise_at(rows, n, relative)) return n;
  return std::nullopt;
}

std::uint32_t next_round(const metric_rows& rows, const precision_goal& goal, std::uint32_t at_least) {
  const auto done = static_cast<std::uint32_t>(rows.size());
  if (done >= goal.max_replications) return 0;
  double worst = 0;
  for (std::size_t j = 0; !rows.empty() && j < rows.front().size(); ++j)
    worst = std::max(worst, shortfall(column(rows, rows.size(), j), goal.relative));
  const double needed =
      std::isfinite(worst) ? std::ceil(static_cast<double>(done) * worst * worst) : 2.0 * done;
  const auto lo = static_cast<double>(std::max(at_least, 1u));
  const double more = std::clamp(needed - done, lo, std::max(static_cast<double>(done), lo));
  return std::min(static_cast<std::uint32_t>(more), goal.max_replications - done);
}

precision_outcome precision_report(const metric_rows& rows, const precision_goal& goal,
                                   std::vector<std::string> metrics) {
  precision_outcome out;
  out.goal = goal;
  out.metrics = std::move(metrics);
  out.replications = static_cast<std::uint32_t>(rows.size());
  out.reached = precise_at(rows, rows.size(), goal.relative);
  for (std::size_t j = 0; j < out.metrics.size(); ++j) {
    const auto x = column(rows, rows.size(), j);
    out.estimates.push_back(x.empty() ? interval_estimate{std::nan(""), std::nullopt} : summarize(x));
  }
  return out;
}

}  // namespace freightsim
