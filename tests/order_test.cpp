// Service order from the trace: first come first served at a node and within each priority class, and a
// lower class never starts while a higher one waits. Means, L, utilization and sojourn cannot see the order.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "freightsim/model/simulation.hpp"
#include "freightsim/scenario/loader.hpp"

using namespace freightsim;

namespace {

struct order_check {
  int starts = 0, out_of_order = 0, priority_inversions = 0;
};

// A single node, so a unit arrives at the node when it is created.
order_check check_order(const std::string& text) {
  const scenario s = parse_scenario(text, "order.yaml", ".");
  std::vector<std::int32_t> priority;
  for (const auto& f : s.model.flows)
    priority.push_back(f.priority);
  std::map<std::uint32_t, sim_time> created;    // by shipment slot (reused after delivery)
  std::map<std::int32_t, sim_time> last_start;  // by priority class: creation time of the last started
  std::map<std::int32_t, std::multiset<sim_time>> waiting;  // by class: creation times of units not started
  order_check c;
  const trace_sink sink = [&](const trace_record& r) {
    const std::int32_t cls = priority[r.flow];
    if (r.kind == trace_kind::created) {
      created[r.shipment] = r.time;
      waiting[cls].insert(r.time);
    }
    if (r.kind != trace_kind::service_start) return;
    const sim_time at = created.at(r.shipment);
    ++c.starts;
    if (last_start.count(cls) && at < last_start[cls]) ++c.out_of_order;
    last_start[cls] = at;
    waiting[cls].erase(waiting[cls].find(at));
    for (const auto& [other, times] : waiting)
      if (other > cls && !times.empty()) ++c.priority_inversions;
  };
  simulate(s.model, {s.warmup, s.horizon}, s.seed, 0, &sink);
  return c;
}

}  // namespace

// Catches: LIFO (or any other order) at a node, with one server or several.
TEST_CASE("a node serves first come first served") {
  for (const char* servers : {"1", "3"}) {
    INFO("servers " << servers);
    const auto c = check_order(std::string(R"(name: fifo
horizon: 2000h
seed: 4
nodes:
  - {id: gate, servers: )") + servers +
                               R"(, service: {dist: exponential, mean: 1h}}
  - {id: exit}
links:
  - {from: gate, to: exit, mode: road, time: 0h}
flows:
  - {id: f, from: gate, to: exit, arrivals: {process: poisson, rate: )" +
                               (servers[0] == '1' ? "0.85" : "2.6") + R"(/h}, route: [gate, exit]}
)");
    CHECK(c.starts > 1000);
    CHECK(c.out_of_order == 0);
  }
}

// Catches: FIFO broken within a class (e.g. one queue per flow, served in flow order), a lower class served
// while a higher one waits, priorities ignored.
TEST_CASE("first come first served within each priority class, higher classes first") {
  const auto c = check_order(R"(name: classes
horizon: 2000h
seed: 6
nodes:
  - {id: gate, servers: 2, service: {dist: exponential, mean: 1h}}
  - {id: exit}
links:
  - {from: gate, to: exit, mode: road, time: 0h}
flows:
  - {id: hi, from: gate, to: exit, priority: 2, arrivals: {process: poisson, rate: 0.5/h}, route: [gate, exit]}
  - {id: lo1, from: gate, to: exit, arrivals: {process: poisson, rate: 0.6/h}, route: [gate, exit]}
  - {id: lo2, from: gate, to: exit, arrivals: {process: poisson, rate: 0.5/h}, route: [gate, exit]}
)");
  CHECK(c.starts > 2000);
  CHECK(c.out_of_order == 0);
  CHECK(c.priority_inversions == 0);
}
