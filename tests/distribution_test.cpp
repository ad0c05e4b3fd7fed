// Every distribution's sample mean and variance match its exact moments within a batch-means interval
// (stat_checks.hpp).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "freightsim/engine/distribution.hpp"
#include "stat_checks.hpp"

using namespace freightsim;
using testing::check_mean_matches;

namespace {

constexpr int checks_per_case = 20;  // ten distributions, mean and variance

void check_moments(const distribution& d, std::uint64_t seed) {
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
  check_mean_matches(means, mean(d), "mean", checks_per_case);
  if (variance(d) > 0.0) check_mean_matches(variances, variance(d), "variance", checks_per_case);
}

}  // namespace

TEST_CASE("distribution moments match theory") {
  check_moments(dist::exponential{2.0}, 1);
  check_moments(dist::uniform{1.0, 5.0}, 2);
  check_moments(dist::triangular{2.0, 4.0, 12.0}, 3);
  check_moments(dist::normal{6.0, 2.0}, 4);
  check_moments(dist::normal{1.0, 2.0}, 5);  // heavily truncated: moments of the truncated law
  check_moments(dist::lognormal{6.0, 0.5}, 6);
  check_moments(dist::gamma{3.0, 0.5}, 7);
  check_moments(dist::gamma{3.0, 2.0}, 8);  // shape 0.25 < 1 takes the boosting path
  check_moments(dist::erlang{3, 4.5}, 9);
  check_moments(dist::empirical{{1.0, 2.0, 2.0, 7.5}, "inline"}, 10);
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
