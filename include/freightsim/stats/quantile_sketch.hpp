// Streaming quantiles with a relative-error guarantee and bounded memory (a DDSketch-style log histogram).
//
// A value x > 0 falls in bucket k = ceil(log_g(x)) with g = (1 + a) / (1 - a); the bucket reports
// 2 g^k / (g + 1), which is within relative error a of every value in the bucket. So the q-quantile returned
// is within a relative error a = 0.5% (default) of the exact order statistic of rank floor(q (n - 1)),
// whatever the number of observations. Values below `min_value` (1 ms in hours) count as 0. The bucket range
// is fixed by [min_value, max_value], so memory is bounded (about 3,500 counters at the defaults) regardless
// of the horizon. Sketches with the same parameters merge exactly (replications are pooled this way).
//
// add() is on the simulation's hot path (every wait, transit and quantile-path stop): with the default
// parameters it finds the bucket from a table of the buckets' exact lower bounds (built once, shared and
// immutable) and a cheap estimate of the logarithm, instead of calling std::log, with the same result as
// ceil(log(x) / log(g)) for every finite x (tests/quantile_test.cpp checks each bound).
#pragma once

#include <cstdint>
#include <vector>

namespace freightsim {

class quantile_sketch {
 public:
  explicit quantile_sketch(double relative_accuracy = 0.005, double min_value = 1.0 / 3'600'000.0,
                           double max_value = 1e7);

  void add(double x);
  void merge(const quantile_sketch& other);

  [[nodiscard]] std::uint64_t count() const { return count_; }
  // q in [0, 1]; 0 when empty. Exact at q = 1 (the maximum is tracked exactly).
  [[nodiscard]] double quantile(double q) const;
  [[nodiscard]] double max() const { return max_; }
  [[nodiscard]] double relative_accuracy() const { return accuracy_; }
  // The bucket (0 .. bucket_count - 1) a value x >= min_value falls in.
  [[nodiscard]] std::size_t bucket_of(double x) const;
  [[nodiscard]] std::size_t bucket_count() const { return bucket_count_; }

 private:
  [[nodiscard]] double bucket_value(std::size_t i) const;

  double accuracy_, gamma_, log_gamma_, min_value_;
  int min_key_;
  std::size_t bucket_count_ = 0;
  // With the default parameters: bounds_[i] is the least x in bucket i (i >= 1), bounds_[0] = 0 and
  // bounds_[bucket_count_] = infinity; otherwise null (std::log is used).
  const double* bounds_ = nullptr;
  double inverse_log_gamma_ = 0;
  // Bucket i holds key min_key_ + i. Allocated at the first positive value, so that an empty sketch (a node
  // nobody waited at, or a replication's sketch already pooled) costs almost nothing.
  std::vector<std::uint64_t> buckets_;
  std::uint64_t zero_count_ = 0, count_ = 0;
  double max_ = 0;
};

}  // namespace freightsim
