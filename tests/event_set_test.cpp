// One conformance suite for every pending-event set, checked against a sorted reference on random inputs.
#include <doctest/doctest.h>

#include <algorithm>
#include <queue>
#include <utility>
#include <vector>

#include "freightsim/engine/bucket_queue.hpp"
#include "freightsim/engine/dary_heap.hpp"
#include "freightsim/engine/random.hpp"
#include "freightsim/engine/scheduler.hpp"

using namespace freightsim;

TEST_CASE_TEMPLATE("pending-event set pops in (time, seq) order", Set, dary_heap<2>, dary_heap<4>,
                   dary_heap<8>, bucket_queue<>, bucket_queue<8>) {
  constexpr std::uint64_t seed = 20261126;
  INFO("seed " << seed);
  random_stream rng(seed);
  Set set;
  std::vector<event> reference;
  std::uint64_t seq = 0;
  // Interleave pushes and pops, with many equal times to exercise tie-breaking.
  for (int round = 0; round < 20000; ++round) {
    if (reference.empty() || rng.uniform01() < 0.6) {
      const event e{sim_time{static_cast<std::int64_t>(rng.next() % 50)}, seq++, 0, 0};
      set.push(e);
      reference.push_back(e);
    } else {
      const auto it = std::min_element(reference.begin(), reference.end(), earlier);
      const event got = set.pop();
      REQUIRE(got.time == it->time);
      REQUIRE(got.seq == it->seq);
      reference.erase(it);
    }
    REQUIRE(set.size() == reference.size());
  }
}

TEST_CASE_TEMPLATE("lazy cancellation skips exactly the cancelled events", Set, dary_heap<2>, dary_heap<4>,
                   bucket_queue<>, bucket_queue<8>) {
  Set set;
  for (std::uint64_t i = 0; i < 100; ++i)
    set.push({sim_time{static_cast<std::int64_t>(i % 10)}, i, 0, 0});
  for (std::uint64_t i = 0; i < 100; i += 3)
    set.cancel({sim_time{static_cast<std::int64_t>(i % 10)}, i});
  CHECK(set.size() == 100 - 34);
  std::vector<std::uint64_t> seen;
  event last{};
  while (!set.empty()) {
    const event e = set.pop();
    CHECK(e.seq % 3 != 0);
    if (!seen.empty()) CHECK(earlier(last, e));
    last = e;
    seen.push_back(e.seq);
  }
  CHECK(seen.size() == 66);
}

TEST_CASE("scheduler handles ties FIFO and refuses the past") {
  scheduler<> s;
  std::vector<std::uint32_t> order;
  s.schedule(sim_time{10}, 0, 1);
  s.schedule(sim_time{5}, 0, 2);
  s.schedule(sim_time{10}, 0, 3);
  s.schedule(sim_time{5}, 0, 4);
  s.run_until(sim_time{100}, [&](const event& e) {
    order.push_back(e.id);
    if (e.id == 2) s.schedule(sim_time{10}, 0, 5);  // same time as 1 and 3, scheduled later: runs after them
  });
  CHECK(order == std::vector<std::uint32_t>{2, 4, 1, 3, 5});
  CHECK(s.now() == sim_time{100});
  CHECK_THROWS_AS(s.schedule(sim_time{99}, 0, 0), std::logic_error);
}

TEST_CASE("run_until leaves later events pending") {
  scheduler<> s;
  s.schedule(sim_time{10}, 0, 1);
  s.schedule(sim_time{20}, 0, 2);
  int handled = 0;
  s.run_until(sim_time{15}, [&](const event&) { ++handled; });
  CHECK(handled == 1);
  CHECK(s.pending() == 1);
  s.run_until(sim_time{25}, [&](const event& e) {
    CHECK(e.id == 2);
    ++handled;
  });
  CHECK(handled == 2);
}

TEST_CASE_TEMPLATE("large heaps (beyond the prefetch threshold) pop in order", Set, dary_heap<2>,
                   dary_heap<4>, dary_heap<8>, bucket_queue<>, bucket_queue<8>) {
  constexpr std::uint64_t seed = 77;
  INFO("seed " << seed);
  random_stream rng(seed);
  Set set;
  std::priority_queue<std::pair<std::int64_t, std::uint64_t>,
                      std::vector<std::pair<std::int64_t, std::uint64_t>>, std::greater<>>
      reference;
  std::uint64_t seq = 0;
  for (int i = 0; i < 150'000; ++i) {
    const auto t = static_cast<std::int64_t>(rng.next() % 1'000'000);
    set.push({sim_time{t}, seq, 0, 0});
    reference.emplace(t, seq++);
  }
  // The hold model: pop the earliest, push one later.
  for (int i = 0; i < 300'000; ++i) {
    const event e = set.pop();
    REQUIRE(e.time.count() == reference.top().first);
    REQUIRE(e.seq == reference.top().second);
    reference.pop();
    const auto t = e.time.count() + static_cast<std::int64_t>(rng.next() % 100'000);
    set.push({sim_time{t}, seq, 0, 0});
    reference.emplace(t, seq++);
  }
}

TEST_CASE_TEMPLATE("cancelling a stale handle (popped or already cancelled) changes nothing", Set,
                   dary_heap<2>, dary_heap<4>, dary_heap<8>, bucket_queue<>, bucket_queue<8>) {
  // Catches an event set that counts every cancel: size() and empty() would then go wrong.
  Set set;
  for (std::uint64_t i = 0; i < 6; ++i)
    set.push({sim_time{static_cast<std::int64_t>(10 * i)}, i, 0, static_cast<std::uint32_t>(i)});
  const event first = set.pop();
  set.cancel({first.time, first.seq});  // already popped
  CHECK(set.size() == 5);
  set.cancel({sim_time{20}, 2});
  set.cancel({sim_time{20}, 2});  // already cancelled
  CHECK(set.size() == 4);
  CHECK(set.peek().seq == 1);
  CHECK(set.pop().seq == 1);
  CHECK(set.peek().seq == 3);  // the cancelled event 2 is skipped by peek too
  CHECK(set.size() == 3);
  // Cancelled and already discarded: catches a set that forgets discarded handles and counts this one again.
  set.cancel({sim_time{20}, 2});
  CHECK(set.size() == 3);
  std::vector<std::uint64_t> rest;
  while (!set.empty())
    rest.push_back(set.pop().seq);
  CHECK(rest == std::vector<std::uint64_t>{3, 4, 5});
  set.cancel({sim_time{50}, 5});  // popped last
  CHECK(set.empty());
  CHECK(set.size() == 0);
}

TEST_CASE("the scheduler ignores a handle whose event already ran") {
  scheduler<> s;
  const event_handle early = s.schedule(sim_time{5}, 0, 1);
  s.schedule(sim_time{10}, 0, 2);
  s.run_until(sim_time{7}, [](const event&) {});
  s.cancel(early);
  CHECK(s.pending() == 1);
  int handled = 0;
  s.run_until(sim_time{20}, [&](const event& e) {
    CHECK(e.id == 2);
    ++handled;
  });
  CHECK(handled == 1);
  CHECK(s.pending() == 0);
}

TEST_CASE_TEMPLATE("times at the end of the clock's range pop in order", Set, dary_heap<4>, bucket_queue<>,
                   bucket_queue<8>) {
  // Buckets reaching past sim_time::max must saturate: catches a bucket queue whose rung end or bucket start
  // overflows (it would then file late events as early or index past its buckets).
  constexpr std::uint64_t seed = 20261129;
  INFO("seed " << seed);
  random_stream rng(seed);
  Set set;
  std::vector<event> reference;
  const std::int64_t top = sim_time::max().count();
  for (std::uint64_t seq = 0; seq < 3000; ++seq) {
    const auto offset = static_cast<std::int64_t>(rng.next() % 100);
    const event e{sim_time{rng.uniform01() < 0.5 ? offset : top - offset}, seq, 0, 0};
    set.push(e);
    reference.push_back(e);
  }
  std::sort(reference.begin(), reference.end(), earlier);
  for (const event& expected : reference) {
    const event got = set.pop();
    REQUIRE(got.time == expected.time);
    REQUIRE(got.seq == expected.seq);
  }
  CHECK(set.empty());
}
