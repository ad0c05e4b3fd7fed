// Every distribution's sample mean and variance match its exact moments within a batch-means interval
// (stat_checks.hpp).
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "freightsim/engine/distribution.hpp"
#include "stat_checks.hpp"

using namespace freightsim;
using testing::check_mean_matches;

namespace {

constexpr int checks_per_case = 20;  // ten distributions, mean and variance

// Moments of N(mu, sd^2) conditioned on x >= 0 (the sampler redraws negatives): with a = -mu / sd and
// r = phi(a) / (1 - Phi(a)), mean mu + sd r and variance sd^2 (1 + a r - r^2).
std::pair<double, double> truncated_normal(double mu, double sd) {
  const double a = -mu / sd;
  const double pi = 3.14159265358979323846;
  const double r = std::exp(-a * a / 2) / std::sqrt(2 * pi) / (0.5 * std::erfc(a / std::sqrt(2.0)));
  return {mu + sd * r, sd * sd * (1 + a * r - r * r)};
}

// The expected moments are closed forms worked here, not the library's mean() and variance().
void check_moments(const distribution& d, std::uint64_t seed, double expected_mean,
                   double expected_variance) {
  INFO("distribution " << name(d) << ", seed " << seed);
  random_stream rng(seed);
  // 40 independent batches: each batch's mean and variance are one observation of an estimator whose
  // expectation is the true mean (and, for the unbiased sample variance, the true variance).
  constexpr int batches = 40, per_batch = 20000;
  std::vector<double> means, variances;
  for (int b = 0; b < batches; ++b) {
    double sum = 0, sum2 = 0;
    std::vector<double> x(per_batch);
    for (auto& v : x) {
      v = sample(d, rng);
      REQUIRE(v >= 0.0);
      sum += v;
    }
    const double m = sum / per_batch;
    for (const double v : x)
      sum2 += (v - m) * (v - m);
    means.push_back(m);
    variances.push_back(sum2 / (per_batch - 1));
  }
  check_mean_matches(means, expected_mean, "mean", checks_per_case);
  check_mean_matches(variances, expected_variance, "variance", checks_per_case);
  // The library's moments (used by routing and reports) agree with the closed forms.
  CHECK(mean(d) == doctest::Approx(expected_mean).epsilon(1e-9));
  CHECK(variance(d) == doctest::Approx(expected_variance).epsilon(1e-9));
}

}  // namespace

TEST_CASE("distribution moments match theory") {
  check_moments(dist::exponential{2.0}, 1, 2.0, 4.0);
  check_moments(dist::uniform{1.0, 5.0}, 2, 3.0, 16.0 / 12);
  // Triangular (a, c, b): mean (a + b + c) / 3, variance (a^2 + b^2 + c^2 - ab - ac - bc) / 18.
  check_moments(dist::triangular{2.0, 4.0, 12.0}, 3, 6.0, 84.0 / 18);
  const auto [m1, v1] = truncated_normal(6.0, 2.0);
  check_moments(dist::normal{6.0, 2.0}, 4, m1, v1);
  const auto [m2, v2] = truncated_normal(1.0, 2.0);  // heavily truncated
  check_moments(dist::normal{1.0, 2.0}, 5, m2, v2);
  // Lognormal and gamma are given by mean and cv: variance (cv mean)^2.
  check_moments(dist::lognormal{6.0, 0.5}, 6, 6.0, 9.0);
  check_moments(dist::gamma{3.0, 0.5}, 7, 3.0, 2.25);
  check_moments(dist::gamma{3.0, 2.0}, 8, 3.0, 36.0);  // shape 0.25 < 1 takes the boosting path
  check_moments(dist::erlang{3, 4.5}, 9, 4.5, 4.5 * 4.5 / 3);
  // Equal weights on 1, 2, 2, 7.5: mean 12.5 / 4, E[x^2] = 65.25 / 4.
  check_moments(dist::empirical{{1.0, 2.0, 2.0, 7.5}, "inline"}, 10, 3.125, 65.25 / 4 - 3.125 * 3.125);
}

TEST_CASE("constant distributions are constant") {
  random_stream rng(1);
  const distribution d = dist::constant{2.5};
  for (int i = 0; i < 10; ++i)
    CHECK(sample(d, rng) == 2.5);
  CHECK(mean(d) == 2.5);
  CHECK(variance(d) == 0.0);
}

TEST_CASE("distribution moments in closed form") {
  CHECK(mean(dist::triangular{0, 3, 6}) == doctest::Approx(3.0));
  CHECK(variance(dist::uniform{0, 12}) == doctest::Approx(12.0));
  CHECK(variance(dist::erlang{4, 2.0}) == doctest::Approx(1.0));
  CHECK(variance(dist::lognormal{2.0, 0.5}) == doctest::Approx(1.0));
  // A normal far from 0 is barely truncated.
  CHECK(mean(dist::normal{100, 1}) == doctest::Approx(100.0));
}
