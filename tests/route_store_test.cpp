// The route store (include/freightsim/model/route_store.hpp): flows routed by a rule to one destination share
// one tree of next hops, and every flow still walks exactly its planned route, ties included.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "freightsim/experiment/warmup.hpp"
#include "freightsim/model/route_store.hpp"
#include "freightsim/model/routing.hpp"
#include "freightsim/output/json_summary.hpp"
#include "freightsim/scenario/loader.hpp"
#include "run_helpers.hpp"

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

// Catches: a tree built for every destination whatever it saves, which costs a next hop and a link per node
// (7,000 flows to 7,000 destinations on a 30,000-node chain: 2.5 GB), where one short flow's own list of two
// links is smaller; and a rerouting flow left without the tree it chooses its hops from.
TEST_CASE("a destination gets a tree only when it is smaller than its flows' own lists, or for rerouting") {
  std::string nodes = "nodes:\n", links = "links:\n";
  for (int i = 0; i <= 40; ++i)
    nodes += "  - {id: c" + std::to_string(i) + "}\n";
  for (int i = 0; i < 40; ++i)
    links +=
        "  - {from: c" + std::to_string(i) + ", to: c" + std::to_string(i + 1) + ", mode: rail, time: 1h}\n";
  const std::string flow =
      "flows:\n  - {id: short, from: c0, to: c2, arrivals: {process: poisson, rate: 1/h}, "
      "route: shortest";
  const scenario own =
      parse_scenario("name: c\nhorizon: 10h\n" + nodes + links + flow + "}\n", "c.yaml", ".");
  const route_store own_store(own.model);
  CHECK(own_store.tree_count() == 0);
  CHECK(own_store.stored_entries() == 2);
  CHECK_FALSE(own_store.shares_tree(0));
  check_walks(own.model, own_store);
  const scenario rerouting =
      parse_scenario("name: c\nhorizon: 10h\n" + nodes + links + flow + ", reroute: true}\n", "c.yaml", ".");
  const route_store tree_store(rerouting.model);
  CHECK(tree_store.tree_count() == 1);
  CHECK(tree_store.tree_of(0).has_value());
  CHECK(tree_store.shares_tree(0));
  check_walks(rerouting.model, tree_store);
}

// Catches: a flow's time by place kept densely (a node and a link entry per place of the network for every
// flow: 18 GB for 7,000 flows on a 30,000-node chain) or entries for places its units never visited. Two
// flows of two hops on a 41-node chain: each keeps its three nodes and two links, and its parts still add up
// to its transit time.
TEST_CASE("a flow's time by place keeps only the places its units visited") {
  std::string yaml = "name: c\nhorizon: 100h\nnodes:\n";
  for (int i = 0; i <= 40; ++i)
    yaml += "  - {id: c" + std::to_string(i) + ", servers: 1, service: {dist: exponential, mean: 0.5h}}\n";
  yaml += "links:\n";
  for (int i = 0; i < 40; ++i)
    yaml +=
        "  - {from: c" + std::to_string(i) + ", to: c" + std::to_string(i + 1) + ", mode: rail, time: 1h}\n";
  yaml +=
      "flows:\n"
      "  - {id: a, from: c0, to: c2, arrivals: {process: poisson, rate: 1/h}, route: shortest}\n"
      "  - {id: b, from: c30, to: c32, arrivals: {process: poisson, rate: 1/h}, route: shortest}\n";
  const scenario s = parse_scenario(yaml, "c.yaml", ".");
  const replication_result r = simulate_replication(s, 1, 0);
  for (std::size_t f = 0; f < 2; ++f) {
    const flow_result& fr = r.flows[f];
    REQUIRE(fr.delivered > 50);
    const auto first = static_cast<std::uint32_t>(s.model.flows[f].route.front());
    CHECK(fr.node_h.places() == std::vector<std::uint32_t>{first, first + 1, first + 2});
    CHECK(fr.link_h.places().size() == 2);
    double hours = 0;
    for (const std::uint32_t v : fr.node_h.places())
      for (const double h : fr.node_h.at(v))
        hours += h;
    for (const std::uint32_t l : fr.link_h.places())
      hours += fr.link_h.at(l);
    CHECK(hours == doctest::Approx(fr.transit_h.mean() * static_cast<double>(fr.delivered)));
  }
}

// summary.json is written flow by flow with the routes spliced in as text (summary_text), not as one tree.
// Catches: a route dropped or put in the wrong flow, keys out of the contract's order (route after "to"), and
// any byte that differs from nlohmann's own dump(2) of the same document (a wrong indent at some depth, a
// missing comma between flows or top-level keys, an empty array written open).
TEST_CASE("summary.json lists each flow's route and reads exactly as a plain dump") {
  const auto out = testing::run_text(R"(name: routes
horizon: 100h
replications: 2
nodes: [{id: a}, {id: b}, {id: c}, {id: d}]
links:
  - {from: a, to: b, mode: rail, time: 1h}
  - {from: b, to: c, mode: rail, time: 1h}
  - {from: c, to: d, mode: rail, time: 1h}
  - {from: a, to: d, mode: road, time: 9h}
flows:
  - {id: long_way, from: a, to: d, arrivals: {process: fixed, every: 5h}, route: shortest}
  - {id: direct, from: a, to: d, arrivals: {process: fixed, every: 7h}, route: [a, d]}
  - {id: none, from: c, to: d, arrivals: {process: fixed, every: 1000h}, route: shortest}
)");
  const std::string text = to_json(out.sum);
  const auto doc = nlohmann::ordered_json::parse(text);
  CHECK(doc.dump(2) + "\n" == text);
  const auto& flows = doc["flows"];
  REQUIRE(flows.size() == 3);
  CHECK(flows[0]["route"] == nlohmann::ordered_json{"a", "b", "c", "d"});
  CHECK(flows[1]["route"] == nlohmann::ordered_json{"a", "d"});
  CHECK(flows[2]["route"] == nlohmann::ordered_json{"c", "d"});
  for (const auto& f : flows) {
    auto key = f.items().begin();
    for (const char* expected : {"id", "unit", "from", "to", "route"}) {
      REQUIRE(key != f.items().end());
      CHECK(key.key() == expected);
      ++key;
    }
  }
  // The document the report reads is the same less the routes.
  auto without = doc;
  for (auto& f : without["flows"])
    f.erase("route");
  CHECK(without == summary_document(out.sum));
}
