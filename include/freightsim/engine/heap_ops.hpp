// d-ary min-heap operations on a std::vector, with hole-based sifting (moves, not swaps). Shared by the event
// heap and the bucket queue's near heap, and by the cancelled-handle heap.
#pragma once

#include <cstddef>
#include <vector>

namespace freightsim::heap_ops {

// Declared inline on purpose here and below: GCC inlines functions so declared under a larger size limit, as
// it did when these were class members; a call per heap operation cost the M/M/3 model 1.6% of instructions.
template <std::size_t D, class T, class Less>
inline void push(std::vector<T>& h, const T& value, Less less) {
  static_assert(D >= 2);
  std::size_t hole = h.size();
  h.emplace_back();
  while (hole > 0) {
    const std::size_t parent = (hole - 1) / D;
    if (!less(value, h[parent])) break;
    h[hole] = h[parent];
    hole = parent;
  }
  h[hole] = value;
}

// Nodes at the top of a heap array that stay in cache anyway (half a typical 1-2 MB L2): no prefetching
// there. With 64 KB, a corridor's few thousand pending events (brest_vladivostok: 7,000 on average, 170 KB)
// paid for prefetch tests and hints at every level, though the whole heap stays in L2.
template <class T>
inline constexpr std::size_t cached_nodes = 512 * 1024 / sizeof(T);

// Removes and returns the top (precondition: !h.empty()).
template <std::size_t D, class T, class Less>
inline T pop(std::vector<T>& h, Less less) {
  static_assert(D >= 2);
  const T top = h.front();
  const T last = h.back();
  h.pop_back();
  const std::size_t n = h.size();
  if (n == 0) return top;
  // Implied by the test below, but loop-invariant: GCC then keeps the prefetching out of small heaps' loop.
  const bool large = n > cached_nodes<T>;
  std::size_t hole = 0;
  for (;;) {
    const std::size_t first = hole * D + 1;
    if (first >= n) break;
    // Below the top levels (which stay cached) a large heap misses cache at every level. The children of
    // the D nodes compared here form one contiguous block; loading it now overlaps the next level's miss
    // with this level's work (about 1.5-2x at 1e6 pending events). Written inline on purpose: in a helper
    // function GCC 12's dead-code elimination dropped the prefetches.
    if (const std::size_t g = first * D + 1; large && g >= cached_nodes<T> && g < n) {
      const std::size_t bytes = (g + D * D < n ? D * D : n - g) * sizeof(T);
      const char* block = reinterpret_cast<const char*>(h.data() + g);
      for (std::size_t offset = 0; offset < bytes; offset += 64)
        __builtin_prefetch(block + offset);
      __builtin_prefetch(block + bytes - 1);  // the block need not start on a cache line
    }
    const std::size_t end = first + D < n ? first + D : n;
    // Branches, not a branch-free select: they let the CPU run ahead down the likely path, which measured
    // about twice as fast on heaps that fit in cache.
    std::size_t best = first;
    for (std::size_t c = first + 1; c < end; ++c)
      if (less(h[c], h[best])) best = c;
    if (!less(h[best], last)) break;
    h[hole] = h[best];
    hole = best;
  }
  h[hole] = last;
  return top;
}

}  // namespace freightsim::heap_ops
