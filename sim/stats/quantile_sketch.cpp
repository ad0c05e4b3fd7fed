#include "freightsim/stats/quantile_sketch.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace freightsim {

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
}

void quantile_sketch::add(double x) {
  ++count_;
  max_ = std::max(max_, x);
  if (!(x >= min_value_)) {
    ++zero_count_;
    return;
  }
  const int key = static_cast<int>(std::ceil(std::log(x) / log_gamma_));
  // Values beyond max_value share the top bucket; their exact maximum is still kept in max_.
  const auto i =
      std::clamp<std::ptrdiff_t>(key - min_key_, 0, static_cast<std::ptrdiff_t>(bucket_count_) - 1);
  if (buckets_.empty()) buckets_.assign(bucket_count_, 0);
  ++buckets_[static_cast<std::size_t>(i)];
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
