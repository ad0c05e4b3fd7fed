#include "freightsim/stats/replication_summary.hpp"

#include <Eigen/Core>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

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

}  // namespace freightsim
