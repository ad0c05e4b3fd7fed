// Sums by place (node or link index) for one flow. A flow visits few of the network's places, so only the
// places it visited are kept: a dense vector per flow grows with flows x nodes (18 GB for 7,000 flows on a
// 30,000-node chain). Entries are added on a place's first visit, not per event after that.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace freightsim {

template <class V>
class place_sums {
 public:
  // The sum at `place`, a zero entry added on first use.
  V& operator[](std::size_t place) {
    const auto key = static_cast<std::uint32_t>(place);
    const auto it = std::lower_bound(places_.begin(), places_.end(), key);
    const auto i = static_cast<std::size_t>(it - places_.begin());
    if (it == places_.end() || *it != key) {
      places_.insert(it, key);
      values_.insert(values_.begin() + static_cast<std::ptrdiff_t>(i), V{});
    }
    return values_[i];
  }
  // The sum at `place`; zero where the flow never was.
  V at(std::size_t place) const {
    const auto it = std::lower_bound(places_.begin(), places_.end(), static_cast<std::uint32_t>(place));
    return it != places_.end() && *it == place ? values_[static_cast<std::size_t>(it - places_.begin())]
                                               : V{};
  }
  // The places with an entry, in increasing order.
  const std::vector<std::uint32_t>& places() const { return places_; }

 private:
  std::vector<std::uint32_t> places_;
  std::vector<V> values_;
};

}  // namespace freightsim
