// A FIFO queue on a growable ring buffer: after warm-up it stops allocating (unlike std::deque's chunks). Its
// capacity is a power of two, so that wrapping around is a mask, not a division.
#pragma once

#include <cassert>
#include <cstddef>
#include <vector>

namespace freightsim {

template <class T>
class ring_queue {
 public:
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }

  void push(const T& value) {
    if (size_ == buffer_.size()) grow();
    buffer_[(head_ + size_) & (buffer_.size() - 1)] = value;
    ++size_;
  }

  [[nodiscard]] const T& front() const {
    assert(size_ > 0);
    return buffer_[head_];
  }

  T pop() {
    assert(size_ > 0);
    const T value = buffer_[head_];
    head_ = (head_ + 1) & (buffer_.size() - 1);
    --size_;
    return value;
  }

 private:
  void grow() {
    std::vector<T> bigger(buffer_.empty() ? 16 : buffer_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i)
      bigger[i] = buffer_[(head_ + i) & (buffer_.size() - 1)];
    buffer_ = std::move(bigger);
    head_ = 0;
  }

  std::vector<T> buffer_;
  std::size_t head_ = 0, size_ = 0;
};

}  // namespace freightsim
