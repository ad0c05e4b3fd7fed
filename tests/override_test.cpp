// Command-line overrides (--set PATH=VALUE): they resolve as documented and bad ones fail with one line
// naming the override.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "freightsim/model/routing.hpp"
#include "freightsim/scenario/loader.hpp"

using namespace freightsim;

namespace {

const std::string brest = FREIGHTSIM_SOURCE_DIR "/scenarios/brest_vladivostok.yaml";

std::vector<scenario_override> sets(std::initializer_list<const char*> texts) {
  std::vector<scenario_override> out;
  for (const char* t : texts)
    out.push_back(parse_override(t));
  return out;
}

const node_spec& node(const scenario& s, const char* id) {
  return s.model.net.node(*s.model.net.find(id));
}

double link_hours(const scenario& s, const char* from, const char* to) {
  const auto e = *best_link(s.model.net, *s.model.net.find(from), *s.model.net.find(to));
  return mean(s.model.net.link(e).time);
}

std::string error_of(const std::string& file, const std::vector<scenario_override>& overrides) {
  try {
    load_scenario(file, overrides);
  } catch (const input_error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("overrides change the addressed setting and nothing else") {
  const scenario base = load_scenario(brest);
  const scenario s =
      load_scenario(brest, sets({"nodes.vladivostok.servers=6", "flows.eu_to_vladivostok.arrivals.rate=60/d",
                                 "links.brest>minsk.speed_kmh=50", "nodes.brest.shifts.1.servers=3",
                                 "horizon=60d", "replications=2"}));
  CHECK(node(base, "vladivostok").servers != 6);
  CHECK(node(s, "vladivostok").servers == 6);
  CHECK(node(s, "minsk").servers == node(base, "minsk").servers);
  CHECK(s.model.flows[0].rate_per_hour == doctest::Approx(60.0 / 24));
  CHECK(s.model.flows[1].rate_per_hour == base.model.flows[1].rate_per_hour);
  CHECK(link_hours(s, "brest", "minsk") == doctest::Approx(350.0 / 50));
  CHECK(link_hours(s, "minsk", "orsha") == link_hours(base, "minsk", "orsha"));
  CHECK(s.horizon == from_hours(60 * 24));
  CHECK(s.replications == 2);
  // The second shift (20:00-08:00 local, 2 servers) now has 3: 12 hours a day.
  const auto hours_with = [](const scenario& sc, std::uint32_t servers) {
    int n = 0;
    for (int h = 0; h < 24 * 7; ++h)
      n += node(sc, "brest").calendar->servers_at(from_hours(h + 0.5)) == servers;
    return n;
  };
  CHECK(hours_with(base, 3) == 0);
  CHECK(hours_with(s, 3) == 12 * 7);
  CHECK(hours_with(s, 4) == hours_with(base, 4));
}

TEST_CASE("overrides apply after extends: they win over a what-if's value, and can add and remove keys") {
  const std::string whatif = FREIGHTSIM_SOURCE_DIR "/scenarios/what-if/brest_transshipment_plus_50.yaml";
  CHECK(node(load_scenario(whatif), "brest").servers == 6);
  CHECK(node(load_scenario(whatif, sets({"nodes.vladivostok.servers=7"})), "vladivostok").servers == 7);
  // With shifts, servers must match what the shifts open (issue 7 item 9): a lone change is refused.
  CHECK(
      error_of(whatif, sets({"nodes.brest.servers=7"})).find("servers 7 is more than its shifts ever open") !=
      std::string::npos);
  // A missing last key is added; ~ removes one.
  CHECK(node(load_scenario(brest, sets({"nodes.vladivostok.capacity=12"})), "vladivostok").capacity == 12u);
  const scenario removed = load_scenario(brest, sets({"nodes.brest.shifts=~", "nodes.brest.utc_offset=~"}));
  CHECK(!node(removed, "brest").calendar);
  // Values are YAML: a whole distribution.
  const scenario d = load_scenario(brest, sets({"nodes.brest.service={dist: exponential, mean: 2h}"}));
  CHECK(mean(node(d, "brest").service.value()) == doctest::Approx(2.0));
}

// yaml-cpp keeps a value written once and used again through an alias as one node: an override that wrote
// its value into that node changed every place using it, silently.
TEST_CASE("an override of a setting shared through a YAML alias changes only the place it names") {
  const std::string anchored = FREIGHTSIM_SOURCE_DIR "/tests/data/whatif/anchored_base.yaml";
  const scenario s = load_scenario(anchored, sets({"nodes.b.service=3h", "links.a>b.time=2h"}));
  CHECK(mean(node(s, "b").service.value()) == doctest::Approx(3.0));
  CHECK(mean(node(s, "a").service.value()) == doctest::Approx(1.0));
  CHECK(link_hours(s, "a", "b") == doctest::Approx(2.0));
  CHECK(link_hours(s, "b", "c") == doctest::Approx(5.0));
  // A change inside the shared value cannot be made for one place alone: refused, naming what to set.
  CHECK(
      error_of(anchored, sets({"nodes.b.service.mean=3h"})) ==
      "--set nodes.b.service.mean=3h: 'nodes.b.service' is shared with other settings through a YAML alias, "
      "so a change inside it would change them too; set the whole of 'nodes.b.service' instead");
}

TEST_CASE("bad overrides fail with one line naming the override and the closest valid path") {
  // override<TAB>expected message, all against scenarios/brest_vladivostok.yaml
  std::ifstream in(FREIGHTSIM_SOURCE_DIR "/tests/malformed/overrides.tsv");
  REQUIRE(in);
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    const std::string text = line.substr(0, tab);
    INFO("override " << text);
    std::string error;
    try {
      error = error_of(brest, {parse_override(text)});
    } catch (const input_error& e) {
      error = e.what();
    }
    CHECK(error == line.substr(tab + 1));
    ++cases;
  }
  CHECK(cases >= 15);
}

TEST_CASE("an error an override causes at a setting of the file names the override too") {
  // A check between two settings fails at the one the file holds: the line alone would not say that the
  // other came from the command line.
  const std::string at = brest + ":";
  CHECK(error_of(brest, sets({"horizon=10d"})) ==
        at + "39:9: warmup '40d' must be shorter than the horizon '10d' (with --set horizon=10d)");
  CHECK(
      error_of(brest, sets({"nodes.brest.servers=3"})) ==
      at +
          "70:60: node 'brest': shifts: servers must be at most 3, not 4 (with --set nodes.brest.servers=3)");
  CHECK(
      error_of(brest, sets({"seed=7", "flows.eu_to_vladivostok.from=vladivostok"})) ==
      at + "294:9: flow 'eu_to_vladivostok': from and to are the same node 'vladivostok'; a flow must end at "
           "another node (for a single checkpoint, add a junction after it) (with --set seed=7, --set "
           "flows.eu_to_vladivostok.from=vladivostok)");
  // An error at the override itself names it once, as before.
  CHECK(error_of(brest, sets({"seed=7", "warmup=400d"})) ==
        "--set warmup=400d: warmup '400d' must be shorter than the horizon '180d'");
}
