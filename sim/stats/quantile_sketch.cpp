#include "freightsim/stats/quantile_sketch.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace freightsim {

namespace {

constexpr double default_accuracy = 0.005, default_min = 1.0 / 3'600'000.0, default_max = 1e7;

// The definition of a value's key.
int key_of(double x, double log_gamma) {
  return static_cast<int>(std::ceil(std::log(x) / log_gamma));
}

// The least double x > 0 with key_of(x) >= k: positive doubles are ordered as their bit patterns, so a
// bisection over those finds it exactly, starting from exp((k - 1) log g), a few units in the last place off.
double least_with_key(int k, double log_gamma) {
  const auto key_at = [&](std::uint64_t bits) { return key_of(std::bit_cast<double>(bits), log_gamma); };
  const auto guess = std::bit_cast<std::uint64_t>(std::exp((k - 1) * log_gamma));
  std::uint64_t lo = guess, hi = guess;  // key_at(lo) < k <= key_at(hi)
  for (std::uint64_t step = 1; key_at(lo) >= k; step *= 2)
    lo -= step;
  for (std::uint64_t step = 1; key_at(hi) < k; step *= 2)
    hi += step;
  while (hi - lo > 1) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    (key_at(mid) >= k ? hi : lo) = mid;
  }
  return std::bit_cast<double>(hi);
}

// The buckets' lower bounds for the default parameters, computed once (thread-safe static initialization,
// read-only afterwards).
const std::vector<double>& default_bounds(double log_gamma, int min_key, std::size_t bucket_count) {
  static const std::vector<double> bounds = [&] {
    std::vector<double> b(bucket_count + 1);
    b[0] = 0.0;
    for (std::size_t i = 1; i < bucket_count; ++i)
      b[i] = least_with_key(min_key + static_cast<int>(i), log_gamma);
    b[bucket_count] = std::numeric_limits<double>::infinity();
    return b;
  }();
  return bounds;
}

// ln(x) for a positive normal double, to within about 2e-4: the exponent, and ln(m) for the mantissa m in
// [1, 2) from the series 2 (s + s^3 / 3 + s^5 / 5), s = (m - 1) / (m + 1) < 1/3. Only a starting point.
double rough_log(double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  const auto exponent = static_cast<int>((bits >> 52U) & 0x7ffU) - 1023;
  const double m = std::bit_cast<double>((bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  return exponent * 0.6931471805599453 + 2.0 * s * (1.0 + s2 * (1.0 / 3.0 + s2 * 0.2));
}

}  // namespace

quantile_sketch::quantile_sketch(double relative_accuracy, double min_value, double max_value)
    : accuracy_(relative_accuracy),
      gamma_((1.0 + relative_accuracy) / (1.0 - relative_accuracy)),
      log_gamma_(std::log(gamma_)),
      min_value_(min_value),
      min_key_(static_cast<int>(std::ceil(std::log(min_value) / log_gamma_))) {
  if (!(relative_accuracy > 0.0 && relative_accuracy < 1.0) || !(min_value > 0.0) || !(max_value > min_value))
    throw std::invalid_argument("quantile_sketch: bad parameters");
  const int max_key = static_cast<int>(std::ceil(std::log(max_value) / log_gamma_));
  bucket_count_ = static_cast<std::size_t>(max_key - min_key_ + 1);
  if (relative_accuracy == default_accuracy && min_value == default_min && max_value == default_max)
    bounds_ = default_bounds(log_gamma_, min_key_, bucket_count_).data();
  inverse_log_gamma_ = 1.0 / log_gamma_;
}

std::size_t quantile_sketch::bucket_of(double x) const {
  if (!bounds_ || !std::isfinite(x)) {
    const auto i = std::clamp<std::ptrdiff_t>(key_of(x, log_gamma_) - min_key_, 0,
                                              static_cast<std::ptrdiff_t>(bucket_count_) - 1);
    return static_cast<std::size_t>(i);
  }
  // e = floor(estimate) + 1 is within one bucket of the right one (the estimate is off by far less than a
  // bucket), so two comparisons with bounds settle it, without a branch to mispredict.
  const double estimate = rough_log(x) * inverse_log_gamma_ - min_key_ + 1.0;
  const auto e = static_cast<std::size_t>(std::clamp(estimate, 1.0, static_cast<double>(bucket_count_ - 1)));
  return e - 1 + static_cast<std::size_t>(x >= bounds_[e]) + static_cast<std::size_t>(x >= bounds_[e + 1]);
}

void quantile_sketch::add(double x) {
  ++count_;
  max_ = std::max(max_, x);
  if (!(x >= min_value_)) {
    ++zero_count_;
    return;
  }
  // Values beyond max_value share the top bucket; their exact maximum is still kept in max_.
  if (buckets_.empty()) buckets_.assign(bucket_count_, 0);
  ++buckets_[bucket_of(x)];
}

void quantile_sketch::merge(const quantile_sketch& other) {
  if (other.bucket_count_ != bucket_count_ || other.min_key_ != min_key_ || other.gamma_ != gamma_)
    throw std::invalid_argument("quantile_sketch: merging sketches with different parameters");
  if (!other.buckets_.empty()) {
    if (buckets_.empty()) buckets_.assign(bucket_count_, 0);
    for (std::size_t i = 0; i < buckets_.size(); ++i)
      buckets_[i] += other.buckets_[i];
  }
  zero_count_ += other.zero_count_;
  count_ += other.count_;
  max_ = std::max(max_, other.max_);
}

double quantile_sketch::bucket_value(std::size_t i) const {
  const int key = min_key_ + static_cast<int>(i);
  return 2.0 * std::pow(gamma_, key) / (gamma_ + 1.0);
}

double quantile_sketch::quantile(double q) const {
  if (count_ == 0) return 0.0;
  if (q >= 1.0) return max_;
  const auto rank =
      static_cast<std::uint64_t>(std::floor(std::max(q, 0.0) * static_cast<double>(count_ - 1)));
  if (rank < zero_count_) return 0.0;
  std::uint64_t seen = zero_count_;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    seen += buckets_[i];
    if (seen > rank) return std::min(bucket_value(i), max_);
  }
  return max_;
}

}  // namespace freightsim
