#include "freightsim/analysis/traffic.hpp"

#include <stdexcept>

namespace freightsim {

Eigen::VectorXd solve_traffic(const Eigen::VectorXd& external, const Eigen::MatrixXd& routing) {
  const Eigen::Index n = external.size();
  if (routing.rows() != n || routing.cols() != n)
    throw std::invalid_argument("traffic equations: routing matrix and arrival vector sizes differ");
  const Eigen::MatrixXd a = Eigen::MatrixXd::Identity(n, n) - routing.transpose();
  const Eigen::FullPivLU<Eigen::MatrixXd> lu(a);
  if (!lu.isInvertible()) throw std::invalid_argument("traffic equations: units can never leave the network");
  return lu.solve(external);
}

Eigen::MatrixXd route_routing(std::size_t node_count, const std::vector<vertex>& route) {
  const auto n = static_cast<Eigen::Index>(node_count);
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(n, n);
  Eigen::VectorXd visits = Eigen::VectorXd::Zero(n);
  for (std::size_t k = 0; k < route.size(); ++k) {
    visits(static_cast<Eigen::Index>(route[k])) += 1.0;
    if (k + 1 < route.size())
      p(static_cast<Eigen::Index>(route[k]), static_cast<Eigen::Index>(route[k + 1])) += 1.0;
  }
  for (Eigen::Index i = 0; i < n; ++i)
    if (visits(i) > 0) p.row(i) /= visits(i);
  return p;
}

}  // namespace freightsim
