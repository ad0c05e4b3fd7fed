// The route store (include/freightsim/model/route_store.hpp): flows routed by a rule to one destination share
// one tree of next hops, and every flow still walks exactly its planned route, ties included.
#include <doctest/doctest.h>

#include <string>

#include "freightsim/model/route_store.hpp"
#include "freightsim/model/routing.hpp"
#include "freightsim/scenario/loader.hpp"

using namespace freightsim;

namespace {

// Walks every path of every flow through the store and checks each hop against the planned nodes and the
// link the simulation took for them before (the best link between consecutive nodes by the flow's rule).
void check_walks(const corridor& model, const route_store& store) {
  for (std::uint32_t i = 0; i < model.flows.size(); ++i) {
    const flow_spec& f = model.flows[i];
    const auto& paths = f.adaptive ? f.alternatives : std::vector<std::vector<vertex>>{f.route};
    for (std::size_t p = 0; p < paths.size(); ++p) {
      const auto& path = paths[p];
      vertex at = path.front();
      for (std::uint32_t k = 0; k + 1 < path.size(); ++k) {
        const auto hop = store.next(i, static_cast<std::uint8_t>(p), at, k);
        const auto expected_link =
            model.net.link(*best_link(model.net, path[k], path[k + 1], f.rule, f.value_of_time_usd_per_h))
                .index;
        INFO("flow " << f.id << ", path " << p << ", hop " << k);
        REQUIRE(hop.next == path[k + 1]);
        CHECK(hop.link == expected_link);
        at = hop.next;
      }
    }
  }
}

}  // namespace

// Catches: a node list (or link list) stored per flow, which grows with flows x route length (here 30 flows
// of 11 to 40 hops: 765 links) instead of one tree of 41 nodes; a tree per flow instead of per destination; a
// tree whose hops leave the planned route or take the other of two parallel links.
TEST_CASE("flows to one destination share one tree, and each walks its shortest route") {
  std::string yaml = "name: chain\nhorizon: 10h\nnodes:\n";
  for (int i = 0; i <= 40; ++i)
    yaml += "  - {id: c" + std::to_string(i) + "}\n";
  yaml += "links:\n";
  for (int i = 0; i < 40; ++i) {
    yaml +=
        "  - {from: c" + std::to_string(i) + ", to: c" + std::to_string(i + 1) + ", mode: rail, time: 1h}\n";
    yaml +=
        "  - {from: c" + std::to_string(i) + ", to: c" + std::to_string(i + 1) + ", mode: road, time: 2h}\n";
  }
  yaml += "flows:\n";
  for (int i = 0; i < 30; ++i)
    yaml += "  - {id: f" + std::to_string(i) + ", from: c" + std::to_string(i) +
            ", to: c40, arrivals: {process: poisson, rate: 1/h}, route: shortest}\n";
  const scenario s = parse_scenario(yaml, "chain.yaml", ".");
  const route_store store(s.model);
  std::size_t route_hops = 0;
  for (const auto& f : s.model.flows)
    route_hops += f.route.size() - 1;
  CHECK(route_hops == 765);
  CHECK(store.tree_count() == 1);
  CHECK(store.stored_entries() <= s.model.net.node_count());
  for (std::uint32_t i = 0; i < 30; ++i)
    CHECK(store.shares_tree(i));
  check_walks(s.model, store);
}

// Catches: a flow put on its destination's tree although the tree breaks a tie the other way than its planned
// route (two equal 2 h paths from a to d: the planned route comes from a search from the origin, the tree
// from one from the destination); a tree shared across rules or values of time (cheapest here takes the slow,
// cheap road); an explicit route that visits a node twice; an adaptive flow's alternatives.
TEST_CASE("the route store follows each flow's planned route through ties, rules and explicit lists") {
  const scenario s = parse_scenario(R"(name: ties
horizon: 10h
nodes: [{id: a}, {id: b}, {id: c}, {id: d}, {id: e}]
links:
  - {from: a, to: b, mode: rail, time: 1h}
  - {from: a, to: c, mode: rail, time: 1h}
  - {from: c, to: d, mode: rail, time: 1h}
  - {from: b, to: d, mode: rail, time: 1h}
  - {from: b, to: c, mode: rail, time: 1h}
  - {from: c, to: b, mode: rail, time: 1h}
  - {from: d, to: e, mode: rail, time: 1h, cost_usd: 500}
  - {from: d, to: e, mode: road, time: 3h, cost_usd: 10}
flows:
  - {id: ad, from: a, to: d, arrivals: {process: poisson, rate: 1/h}, route: shortest}
  - {id: bd, from: b, to: d, arrivals: {process: poisson, rate: 1/h}, route: shortest}
  - {id: cd, from: c, to: d, arrivals: {process: poisson, rate: 1/h}, route: shortest}
  - {id: ae, from: a, to: e, arrivals: {process: poisson, rate: 1/h}, route: shortest}
  - {id: ae_cheap, from: a, to: e, arrivals: {process: poisson, rate: 1/h}, route: cheapest, value_of_time_usd_per_h: 10}
  - {id: loop, from: a, to: e, arrivals: {process: poisson, rate: 1/h}, route: [a, b, c, b, d, e]}
  - {id: adaptive, from: a, to: e, arrivals: {process: poisson, rate: 1/h}, route: adaptive, paths: 4}
)",
                                    "ties.yaml", ".");
  const route_store store(s.model);
  check_walks(s.model, store);
  // Shortest to d, shortest to e, cheapest to e: three trees; the explicit and adaptive flows have none.
  CHECK(store.tree_count() == 3);
  CHECK_FALSE(store.shares_tree(0));  // the tie: planned a-b-d, the tree's a-c-d; its own list is kept
  CHECK(store.shares_tree(1));
  CHECK_FALSE(store.tree_of(5).has_value());
  CHECK_FALSE(store.tree_of(6).has_value());
  CHECK(store.links_of(4, 0).size() == 3);
}
