#include "freightsim/engine/random.hpp"

namespace freightsim {

namespace {

// splitmix64: expands one 64-bit key into well-mixed state words (Vigna's recommended seeding for xoshiro).
constexpr std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t x = a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
  return splitmix64(x);
}

}  // namespace

std::uint64_t hash_name(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

random_stream::random_stream(std::uint64_t seed) {
  for (auto& word : s_)
    word = splitmix64(seed);
}

random_stream::random_stream(std::uint64_t scenario_seed, std::uint32_t replication, std::string_view purpose,
                             std::string_view entity)
    : random_stream(mix(mix(mix(scenario_seed, replication), hash_name(purpose)), hash_name(entity))) {}

}  // namespace freightsim
