#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "freightsim/engine/distribution.hpp"
#include "freightsim/stats/quantile_sketch.hpp"
#include "freightsim/stats/replication_summary.hpp"
#include "freightsim/stats/tally.hpp"
#include "freightsim/stats/time_average.hpp"

using namespace freightsim;

TEST_CASE("sketch quantiles are within the documented relative error of exact order statistics") {
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    INFO("seed " << seed);
    random_stream rng(seed);
    quantile_sketch sketch;
    std::vector<double> values;
    const distribution d = dist::lognormal{5.0, 1.5};
    for (int i = 0; i < 100000; ++i) {
      const double v = sample(d, rng);
      values.push_back(v);
      sketch.add(v);
    }
    std::sort(values.begin(), values.end());
    for (const double q : {0.0, 0.01, 0.5, 0.9, 0.95, 0.99, 0.999}) {
      const double exact = values[static_cast<std::size_t>(std::floor(q * (values.size() - 1)))];
      INFO("q " << q);
      CHECK(std::abs(sketch.quantile(q) - exact) <= sketch.relative_accuracy() * exact * (1 + 1e-12));
    }
    CHECK(sketch.quantile(1.0) == values.back());
  }
}

// add() finds buckets from a table of bounds instead of std::log; it must give exactly the bucket of the
// definition, ceil(log(x) / log(g)), also within a few units in the last place of every bound (catches a
// bound off by one ulp, an estimate that is not corrected, and the clamping at both ends).
TEST_CASE("sketch buckets equal the definition ceil(log(x) / log(g)) at every bucket bound") {
  const quantile_sketch sketch;
  const double log_gamma = std::log((1.0 + 0.005) / (1.0 - 0.005));
  const int min_key = static_cast<int>(std::ceil(std::log(1.0 / 3'600'000.0) / log_gamma));
  const auto n = static_cast<std::ptrdiff_t>(sketch.bucket_count());
  const auto reference = [&](double x) {
    return static_cast<std::size_t>(
        std::clamp<std::ptrdiff_t>(static_cast<int>(std::ceil(std::log(x) / log_gamma)) - min_key, 0, n - 1));
  };
  std::size_t checked = 0, mismatches = 0;
  for (int k = min_key; k < min_key + static_cast<int>(n) + 3; ++k) {
    double x = std::exp((k - 1) * log_gamma);
    for (int u = 0; u < 24; ++u)
      x = std::nextafter(x, 0.0);
    for (int u = 0; u < 48; ++u, x = std::nextafter(x, 1e300)) {
      if (x < 1.0 / 3'600'000.0) continue;
      ++checked;
      if (sketch.bucket_of(x) != reference(x)) ++mismatches;
    }
  }
  random_stream rng(11);
  for (int i = 0; i < 200000; ++i) {
    const double x = std::exp(-15.0 + 32.0 * rng.uniform01());  // 3e-7 .. 2.4e7
    if (x < 1.0 / 3'600'000.0) continue;
    ++checked;
    if (sketch.bucket_of(x) != reference(x)) ++mismatches;
  }
  CHECK(checked > 300000);
  CHECK(mismatches == 0);
  CHECK(sketch.bucket_of(1e300) == sketch.bucket_count() - 1);
  CHECK(sketch.bucket_of(1.0 / 3'600'000.0) == 0);
}

// One value in five is 0 (a unit that did not wait), as in the pooled waits of a node; the zeros sit apart
// from the buckets and must be pooled too (without them P50 reads about P37.5 of the rest).
TEST_CASE("sketch memory does not grow with the number of observations, and merging pools exactly") {
  quantile_sketch a, b, both;
  random_stream rng(5);
  for (int i = 0; i < 200000; ++i) {
    const double v = i % 5 == 0 ? 0.0 : sample_exponential(rng, 3.0);
    (i % 2 ? a : b).add(v);
    both.add(v);
  }
  a.merge(b);
  CHECK(a.count() == both.count());
  CHECK(a.quantile(0.15) == 0.0);
  for (const double q : {0.1, 0.25, 0.5, 0.99}) {
    INFO("q " << q);
    CHECK(a.quantile(q) == both.quantile(q));
  }
}

TEST_CASE("zeros and tiny values count as zero") {
  quantile_sketch s;
  for (int i = 0; i < 90; ++i)
    s.add(0.0);
  for (int i = 0; i < 10; ++i)
    s.add(5.0);
  CHECK(s.quantile(0.5) == 0.0);
  CHECK(s.quantile(0.95) == doctest::Approx(5.0).epsilon(0.005));
}

TEST_CASE("tally and time average") {
  tally t;
  for (const double x : {1.0, 2.0, 3.0, 4.0})
    t.add(x);
  CHECK(t.mean() == 2.5);
  CHECK(t.variance() == doctest::Approx(5.0 / 3.0));
  CHECK(t.max() == 4.0);
  time_average q;
  q.set(sim_time{0}, 2);
  q.set(sim_time{10}, 4);
  CHECK(q.average(sim_time{20}) == 3.0);
  q.reset(sim_time{20});
  CHECK(q.average(sim_time{30}) == 4.0);
  CHECK(q.max() == 4.0);
}

TEST_CASE("Student-t interval") {
  CHECK(student_t_quantile(0.95, 9) == doctest::Approx(2.262157).epsilon(1e-6));
  const auto e = summarize({1.0, 2.0, 3.0, 4.0, 5.0});
  CHECK(e.mean == 3.0);
  CHECK(*e.ci95 == doctest::Approx(2.776445 * std::sqrt(2.5 / 5.0)).epsilon(1e-6));
  CHECK_FALSE(summarize({1.0}).ci95.has_value());
}
