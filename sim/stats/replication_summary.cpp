#include "freightsim/stats/replication_summary.hpp"

#include <Eigen/Core>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <utility>

namespace freightsim {

double student_t_quantile(double confidence, double dof) {
  const boost::math::students_t t(dof);
  return boost::math::quantile(t, 1.0 - (1.0 - confidence) / 2.0);
}

interval_estimate summarize(const std::vector<double>& values, double confidence) {
  interval_estimate out;
  if (values.empty()) return out;
  const Eigen::Map<const Eigen::ArrayXd> x(values.data(), static_cast<Eigen::Index>(values.size()));
  out.mean = x.mean();
  if (x.size() < 2) return out;
  const double variance = (x - out.mean).square().sum() / static_cast<double>(x.size() - 1);
  out.ci95 = student_t_quantile(confidence, static_cast<double>(x.size() - 1)) *
             std::sqrt(variance / static_cast<double>(x.size()));
  return out;
}

interval_estimate welch_difference(const std::vector<double>& a, const std::vector<double>& b,
                                   double confidence) {
  // Mean and squared standard error of the mean of one sample.
  const auto moments = [](const std::vector<double>& v) {
    const Eigen::Map<const Eigen::ArrayXd> x(v.data(), static_cast<Eigen::Index>(v.size()));
    const double n = static_cast<double>(v.size()), mean = x.mean();
    return std::pair{mean, n < 2 ? 0.0 : (x - mean).square().sum() / (n - 1) / n};
  };
  interval_estimate out;
  if (a.empty() || b.empty()) return out;
  const auto [mean_a, se2_a] = moments(a);
  const auto [mean_b, se2_b] = moments(b);
  out.mean = mean_b - mean_a;
  if (a.size() < 2 || b.size() < 2) return out;
  const double se2 = se2_a + se2_b;
  // Both samples constant: the difference is known exactly.
  if (se2 == 0) {
    out.ci95 = 0.0;
    return out;
  }
  const double dof =
      se2 * se2 /
      (se2_a * se2_a / static_cast<double>(a.size() - 1) + se2_b * se2_b / static_cast<double>(b.size() - 1));
  out.ci95 = student_t_quantile(confidence, dof) * std::sqrt(se2);
  return out;
}

}  // namespace freightsim
