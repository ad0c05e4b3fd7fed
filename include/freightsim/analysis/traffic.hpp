// The traffic equations of an open queueing network, lambda = gamma + P^T lambda, solved with Eigen.
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <vector>

#include "freightsim/model/network.hpp"

namespace freightsim {

// Visit rates lambda from external arrival rates gamma and routing probabilities P (P(i, j): share of units
// leaving i that go to j; rows may sum to less than 1, the rest leave the network). Throws
// std::invalid_argument when the sizes disagree or I - P^T is singular (units that can never leave).
Eigen::VectorXd solve_traffic(const Eigen::VectorXd& external, const Eigen::MatrixXd& routing);

// A fixed route as routing probabilities over `node_count` nodes: P(i, j) = (times the route goes from i to
// j) / (times it visits i), so that a route visiting a node twice is still solved exactly.
Eigen::MatrixXd route_routing(std::size_t node_count, const std::vector<vertex>& route);

}  // namespace freightsim
