// Random streams: one independent xoshiro256** generator per (seed, replication, purpose, entity name). The
// purpose is the drawing component's own word ("arrivals", "service", ...), hashed like the name when the
// stream is made: the engine knows no freight, and a new component adds its purpose without touching it.
//
// The stream's state is derived by hashing its key, so streams never depend on the order in which entities
// are declared: adding a node leaves every other entity's random numbers unchanged (common random numbers).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace freightsim {

class random_stream {
 public:
  random_stream() : random_stream(0) {}
  explicit random_stream(std::uint64_t seed);
  random_stream(std::uint64_t scenario_seed, std::uint32_t replication, std::string_view purpose,
                std::string_view entity);

  // xoshiro256**; inline, as it runs for every draw.
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17U;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform on the open interval (0, 1): never 0, so log(u) is always finite.
  double uniform01() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

// 64-bit FNV-1a, for hashing purposes and entity names into stream keys.
std::uint64_t hash_name(std::string_view name);

}  // namespace freightsim
