// Well-formed scenarios load into the expected model.
#include <doctest/doctest.h>

#include "freightsim/model/routing.hpp"
#include "freightsim/model/simulation.hpp"
#include "freightsim/scenario/loader.hpp"

using namespace freightsim;

TEST_CASE("the sketch scenario format loads") {
  const scenario s = parse_scenario(R"(name: Каменный Лог
horizon: 365d
warmup: 30d
seed: 42
replications: 3
nodes:
  - id: каменный_лог
    name: Каменный Лог (BY–LT)
    location: {lat: 54.6, lon: 25.8}
    servers: 4
    service: {dist: lognormal, mean: 6h, cv: 0.5}
    inspection: {probability: 0.05, extra: {dist: exponential, mean: 12h}}
  - id: minsk
    service: {dist: triangular, min: 2h, mode: 4h, max: 12h}
    servers: 6
links:
  - {from: каменный_лог, to: minsk, mode: road, distance_km: 150, speed_kmh: 60}
flows:
  - id: trucks
    from: каменный_лог
    to: minsk
    unit: truck
    arrivals: {process: poisson, rate: 40/d}
    route: shortest
)",
                                    "x.yaml", ".");
  CHECK(s.name == "Каменный Лог");
  CHECK(s.horizon == from_hours(365 * 24));
  CHECK(s.warmup == from_hours(30 * 24));
  CHECK(s.seed == 42);
  CHECK(s.replications == 3);
  REQUIRE(s.model.net.node_count() == 2);
  const auto v = *s.model.net.find("каменный_лог");
  CHECK(s.model.net.node(v).servers == 4);
  CHECK(s.model.net.node(v).inspection->probability == 0.05);
  CHECK(s.model.net.node(v).where->lat == 54.6);
  REQUIRE(s.model.flows.size() == 1);
  CHECK(s.model.flows[0].rate_per_hour == doctest::Approx(40.0 / 24.0));
  CHECK(s.model.flows[0].route.size() == 2);
  const auto e = *best_link(s.model.net, v, *s.model.net.find("minsk"));
  CHECK(mean(s.model.net.link(e).time) == doctest::Approx(2.5));
}

TEST_CASE("shortest routes minimise expected link plus service time") {
  const scenario s = parse_scenario(R"(name: routes
horizon: 10d
nodes:
  - {id: a}
  - {id: slow, servers: 1, service: 10h}
  - {id: fast, servers: 1, service: 1h}
  - {id: z}
links:
  - {from: a, to: slow, mode: rail, time: 1h}
  - {from: a, to: fast, mode: rail, time: 5h}
  - {from: slow, to: z, mode: rail, time: 1h}
  - {from: fast, to: z, mode: rail, time: 1h}
flows:
  - {id: f, from: a, to: z, arrivals: {process: poisson, rate: 1/d}, route: shortest}
)",
                                    "routes.yaml", ".");
  const auto& route = s.model.flows[0].route;
  REQUIRE(route.size() == 3);
  CHECK(s.model.net.node(route[1]).id == "fast");  // 5 + 1 + 1 = 7 h beats 1 + 10 + 1 = 12 h
  CHECK(follows_links(s.model.net, route));
  CHECK(s.replications == 10);  // documented default
  CHECK(s.seed == 1);           // documented default
}

TEST_CASE("empirical distributions read a CSV next to the scenario") {
  const scenario s = load_scenario(FREIGHTSIM_SOURCE_DIR "/tests/data/empirical.yaml");
  const auto& service = *s.model.net.node(0).service;
  CHECK(std::string(name(service)) == "empirical");
  CHECK(mean(service) == doctest::Approx((30.0 + 60.0 + 90.0 + 120.0) / 4.0 / 60.0));
}

TEST_CASE("routing reports unreachable destinations") {
  const scenario s = parse_scenario(R"(name: r
horizon: 1d
nodes: [{id: a}, {id: b}, {id: c}, {id: d}]
links: [{from: a, to: b, mode: road, time: 1h}, {from: c, to: d, mode: road, time: 1h}]
flows: [{id: f, from: a, to: b, arrivals: {process: poisson, rate: 1/h}, route: [a, b]}]
)",
                                    "r.yaml", ".");
  const network& net = s.model.net;
  CHECK(shortest_route(net, 0, 1).has_value());
  CHECK_FALSE(shortest_route(net, 0, 2).has_value());
  CHECK_FALSE(shortest_route(net, 1, 0).has_value());
  std::vector<vertex> next;
  next_hops_toward(net, 1, route_rule::shortest, 0, {false, false, false, false}, {false, false}, next);
  CHECK(next[0] == 1);
  CHECK(next[2] == 2);  // no path: itself
  next_hops_toward(net, 1, route_rule::shortest, 0, {false, false, false}, {true}, next);
  CHECK(next[0] == 0);  // the only link is closed
}

TEST_CASE("what-if files extend a baseline with only what differs") {
  const scenario s = load_scenario(FREIGHTSIM_SOURCE_DIR "/tests/data/whatif/more_servers.yaml");
  CHECK(s.name == "more servers at b, a new node and a faster link");
  CHECK(s.horizon == from_hours(240));  // from the baseline
  const network& net = s.model.net;
  REQUIRE(net.node_count() == 3);
  CHECK(net.node(*net.find("b")).servers == 3);
  CHECK(mean(*net.node(*net.find("b")).service) == 2.0);  // keys not given stay the baseline's
  CHECK(net.node(*net.find("a")).servers == 2);
  CHECK(net.link_count() == 2);
  CHECK(mean(net.link(*best_link(net, *net.find("a"), *net.find("b"))).time) == 2.0);
  CHECK(net.link(*best_link(net, *net.find("a"), *net.find("b"))).mode == link_mode::rail);
  REQUIRE(s.model.flows.size() == 2);
  CHECK(s.model.flows[1].route.size() == 3);
}

TEST_CASE("errors in a what-if name the file and line they are written in") {
  const auto error_of = [](const char* file) {
    try {
      load_scenario(std::string("tests/data/whatif/") + file);
    } catch (const input_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("bad_overlay.yaml") ==
        "tests/data/whatif/bad_overlay.yaml:5:14: node 'b': servers must be >= 1, not -3");
  CHECK(error_of("over_broken.yaml")
            .rfind("tests/data/whatif/broken_base.yaml:2:10: horizon '10' needs a unit", 0) == 0);
  CHECK(error_of("cycle_a.yaml").find("extends chain is deeper than 8 files (a cycle?)") !=
        std::string::npos);
  CHECK(error_of("missing.yaml")
            .rfind("tests/data/whatif/missing.yaml:2:10: cannot read the baseline 'nowhere.yaml'", 0) == 0);
  // A key merged in by the middle file of a chain is reported there, at its own line and column (a merge that
  // made up its own key node reported 1:1 of the top file).
  CHECK(error_of("chain_top.yaml") ==
        "tests/data/whatif/chain_middle.yaml:6:5: node: unknown key 'sevrice' (did you mean 'service'?) "
        "(read as a "
        "baseline of tests/data/whatif/chain_top.yaml)");
  // A check between the what-if's horizon and the baseline's warm-up fails at the baseline's line: the
  // what-if is named too (the baseline's line alone pointed at a file the planner had not changed).
  CHECK(
      error_of("short_horizon.yaml") ==
      "tests/data/whatif/warmup_base.yaml:3:9: warmup '2d' must be shorter than the horizon '1d' (read as a "
      "baseline of tests/data/whatif/short_horizon.yaml)");
  // A key given twice in the middle file, by the reader's check, with the reader's message.
  CHECK(error_of("chain_top_duplicate.yaml") ==
        "tests/data/whatif/chain_middle_duplicate.yaml:6:5: node: duplicate key 'servers' (first given at "
        "5:5)");
}

// The baseline has no `fleets`: the what-if's must arrive whole (a lookup that added an empty `fleets` to the
// baseline hid them, and the link's `fleet` was refused as an unknown fleet).
TEST_CASE("a what-if adds fleets to a baseline that has none") {
  const scenario s = load_scenario(FREIGHTSIM_SOURCE_DIR "/tests/data/whatif/add_fleet.yaml");
  REQUIRE(s.model.fleets.size() == 1);
  CHECK(s.model.fleets[0].id == "sets");
  CHECK(s.model.fleets[0].size == 2);
  const auto& net = s.model.net;
  CHECK(net.link(*best_link(net, *net.find("a"), *net.find("b"))).fleet == std::optional<std::uint32_t>{0});
}

// yaml-cpp keeps a value written once and used again through an alias as one node: a what-if that wrote its
// value into that node changed every place using it (b's new service was a's too, a>b's new time b>c's).
TEST_CASE("a what-if changes a setting the baseline shares through a YAML alias only where it says") {
  const scenario s = load_scenario(FREIGHTSIM_SOURCE_DIR "/tests/data/whatif/anchored_change.yaml");
  const network& net = s.model.net;
  CHECK(mean(*net.node(*net.find("b")).service) == 3.0);
  CHECK(mean(*net.node(*net.find("a")).service) == 1.0);
  CHECK(mean(net.link(*best_link(net, *net.find("a"), *net.find("b"))).time) == 2.0);
  CHECK(mean(net.link(*best_link(net, *net.find("b"), *net.find("c"))).time) == 5.0);
}

TEST_CASE("a what-if removes a baseline setting with null") {
  const scenario s = load_scenario(FREIGHTSIM_SOURCE_DIR "/tests/data/whatif/remove_key.yaml");
  CHECK(s.model.net.node(*s.model.net.find("b")).is_junction());
}

TEST_CASE("empirical values beyond the time limit are refused at their CSV line and column") {
  const auto error_of = [](const char* file) {
    try {
      load_scenario(std::string("tests/data/range/") + file);
    } catch (const input_error& e) {
      return std::string(e.what());
    }
    return std::string("loaded");
  };
  CHECK(error_of("empirical_weeks.yaml") ==
        "tests/data/range/huge_weeks.csv:4:1: empirical value '1e15' is longer than the 1000-year limit");
  CHECK(error_of("empirical_minutes.yaml") ==
        "tests/data/range/huge_minutes.csv:1:4: empirical value '1e300' is longer than the 1000-year limit");
}

// An empty field ("50,,60", "60,") was skipped: the values drawn were not those the file was checked to hold.
TEST_CASE("an empty field of an empirical CSV is refused at its line and column, blank lines are skipped") {
  const auto error_of = [](const char* file) {
    try {
      load_scenario(std::string("tests/data/csv/") + file);
    } catch (const input_error& e) {
      return std::string(e.what());
    }
    return std::string("loaded");
  };
  const std::string empty = ": empirical value is empty; give a number in every field between commas";
  CHECK(error_of("empty_field.yaml") == "tests/data/csv/empty_field.csv:3:4" + empty);
  CHECK(error_of("trailing_comma.yaml") == "tests/data/csv/trailing_comma.csv:2:4" + empty);
  CHECK(error_of("blank_line.yaml") == "loaded");
  const scenario s = load_scenario("tests/data/csv/blank_line.yaml");
  CHECK(mean(*s.model.net.node(1).service) == doctest::Approx(1.0));  // 30, 60 and 90 minutes
}

// A mean below 1ms is refused (the catalogue's range_*_below_ms); 1ms itself, in hours 1/3600000, must not be
// taken for less by rounding, and 0 is an instant step.
TEST_CASE("distribution means of exactly 1ms and of 0 load") {
  const scenario s = parse_scenario(R"(name: clock
horizon: 1d
nodes:
  - {id: a, servers: 1, service: 1ms}
  - {id: b, servers: 1, service: {dist: exponential, mean: 1ms}}
  - {id: c, servers: 1, service: {dist: uniform, min: 0h, max: 2ms}}
links: [{from: a, to: b, mode: road, time: 0h}, {from: b, to: c, mode: road, time: 0.001s}]
flows: [{id: f, from: a, to: c, arrivals: {process: poisson, rate: 1/h}, route: shortest}]
)",
                                    "clock.yaml", ".");
  CHECK(s.model.net.node_count() == 3);
}

TEST_CASE("draws beyond the horizon never overflow the clock: long-tailed services, rare arrivals") {
  // A lognormal of mean 900 years with cv 100 draws values far beyond the clock's range now and then; an
  // arrival rate of one per 999 years draws gaps beyond the horizon. Both must run to the horizon.
  const scenario s = parse_scenario(R"(name: tails
horizon: 1000d
seed: 3
replications: 1
nodes:
  - {id: a, servers: 1, service: {dist: lognormal, mean: 46000w, cv: 100}}
  - {id: b, servers: 1, service: {dist: exponential, mean: 52000w}}
links: [{from: a, to: b, mode: road, time: {dist: lognormal, mean: 52000w, cv: 100}}]
flows:
  - {id: f, from: a, to: b, arrivals: {process: poisson, rate: 5/d}, route: shortest}
  - {id: rare, from: a, to: b, arrivals: {process: poisson, rate: 0.001/w}, route: shortest}
  - {id: late, from: a, to: b, arrivals: {process: fixed, every: 52000w, first: 51000w}, route: shortest}
)",
                                    "tails.yaml", ".");
  const replication_result r = simulate(s.model, {s.warmup, s.horizon}, s.seed, 0);
  CHECK(r.stopped == stop_reason::none);
  CHECK(r.end_h == doctest::Approx(24000.0));
  CHECK(r.flows[2].created == 0);  // its first arrival is after the horizon
}
