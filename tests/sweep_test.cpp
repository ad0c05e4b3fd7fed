// Sweeps: sweep files resolve as documented, bad ones fail with FILE:LINE:COL, common random numbers make
// paired differences exact, and results do not depend on the number of threads.
#include <doctest/doctest.h>

#include <unistd.h>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "freightsim/experiment/run_metrics.hpp"
#include "freightsim/experiment/sweep.hpp"
#include "freightsim/model/simulation.hpp"
#include "freightsim/output/sweep_tables.hpp"
#include "freightsim/scenario/loader.hpp"
#include "freightsim/scenario/override.hpp"

#include "cli_helpers.hpp"

using namespace freightsim;
namespace fs = std::filesystem;

namespace {

using cli_testing::root;

fs::path write_temp(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / ("freightsim-sweep-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / name) << text;
  return dir / name;
}

std::vector<sweep_unit> all_units(const prepared_sweep& s) {
  std::vector<sweep_unit> out;
  for (std::uint32_t v = 0; v < s.variants.size(); ++v)
    for (std::uint32_t r = 0; r < s.replications; ++r)
      out.push_back({v, r});
  return out;
}

}  // namespace

TEST_CASE("sweep files resolve to variants as documented") {
  const sweep_spec cranes = load_sweep(root + "/scenarios/sweeps/brest_cranes.yaml");
  REQUIRE(cranes.variants.size() == 6);  // zip of two ranges 3..8
  CHECK(cranes.variants[0].name == "nodes.brest.servers=3, nodes.brest.shifts.0.servers=3");
  CHECK(cranes.variants[5].name == "nodes.brest.servers=8, nodes.brest.shifts.0.servers=8");
  // `set` comes first, then the parameters.
  REQUIRE(cranes.variants[2].overrides.size() == 4);
  CHECK(cranes.variants[2].overrides[0].path == "horizon");
  CHECK(cranes.variants[2].overrides[2].value == "5");
  CHECK(cranes.replications == 3);
  CHECK(cranes.metrics.size() == 3);

  const sweep_spec grid = load_sweep(root + "/scenarios/sweeps/kamenny_log_lanes.yaml");
  REQUIRE(grid.variants.size() == 9);  // 3 x 3, the first parameter slowest
  CHECK(grid.variants[1].name == "nodes.kamenny_log.servers=8, flows.lt_to_minsk.arrivals.rate=410/d");
  CHECK(grid.variants[3].name == "nodes.kamenny_log.servers=10, flows.lt_to_minsk.arrivals.rate=370/d");

  const sweep_spec whatifs = load_sweep(root + "/scenarios/sweeps/instc_western_whatifs.yaml");
  REQUIRE(whatifs.variants.size() == 3);  // the base, then each what-if
  CHECK(whatifs.variants[0].name == "base");
  CHECK(whatifs.variants[1].name == "rasht_astara_rail");

  // The variants load with their values applied.
  const prepared_sweep p = prepare_sweep(cranes, 1);
  const auto brest = *p.variants[4].model.model.net.find("brest");
  CHECK(p.variants[4].model.model.net.node(brest).servers == 7);
  CHECK(p.variants[4].model.horizon == from_hours(60 * 24));
  CHECK(p.seed == 42);  // the base scenario's
}

TEST_CASE("every malformed sweep file fails with its catalogued file:line:col message") {
  std::ifstream in(root + "/tests/malformed/sweeps/catalogue.tsv");
  REQUIRE(in);
  std::map<std::string, std::string> expected;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#')
      expected[line.substr(0, line.find('\t'))] = line.substr(line.find('\t') + 1);
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(root + "/tests/malformed/sweeps")) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    const std::string name = entry.path().filename().string();
    INFO("file " << name);
    REQUIRE(expected.count(name) == 1);
    const std::string path = "tests/malformed/sweeps/" + name;
    std::string error = "(no error)";
    try {
      prepare_sweep(load_sweep(path), 1);
    } catch (const input_error& e) {
      error = e.what();
    }
    CHECK(error == path + ":" + expected[name]);
  }
  CHECK(files == expected.size());
  CHECK(files >= 10);
}

TEST_CASE("the paired difference between two identical variants is exactly zero") {
  // Two variants with the same value: common random numbers make every replication identical. Catches a seed
  // or stream that depends on the variant, and pairs matched on the wrong replication.
  const fs::path file = write_temp("same.yaml", "name: same\nbase: " + root +
                                                    "/scenarios/kamenny_log.yaml\nreplications: 3\n"
                                                    "set: {horizon: 10d, warmup: 1d}\n"
                                                    "parameters: {nodes.kamenny_log.servers: [10, 10, 11]}\n"
                                                    "metrics: [nodes.kamenny_log.wait_h.mean, "
                                                    "flows.lt_to_minsk.transit_time_h.p95]\n");
  const prepared_sweep p = prepare_sweep(load_sweep(file));
  const auto runs = run_sweep(p, all_units(p), {});
  for (const auto& c : compare_variants(p, runs)) {
    INFO(c.metric);
    CHECK(c.pairs[1] == 3);
    CHECK(c.difference[1].mean == 0.0);
    REQUIRE(c.difference[1].ci95);
    CHECK(*c.difference[1].ci95 == 0.0);
    CHECK(!c.significant[1]);
    CHECK(c.level[1].ci95 > 0.0);        // the replications themselves differ
    CHECK(c.difference[2].mean != 0.0);  // and an 11th lane changes something
  }
}

TEST_CASE("a variant that changes one node leaves the other flows' arrival and delivery times identical") {
  // Two independent lines; the variant changes node b on the first. Catches random streams shared between
  // entities (e.g. one stream per replication), which would shift the second line's draws.
  const std::string text = R"(name: two lines
horizon: 20d
nodes:
  - {id: a}
  - {id: b, servers: 2, service: {dist: exponential, mean: 1h}}
  - {id: c}
  - {id: d, servers: 1, service: {dist: exponential, mean: 30min}}
links:
  - {from: a, to: b, mode: road, time: {dist: uniform, min: 1h, max: 2h}}
  - {from: c, to: d, mode: road, time: {dist: uniform, min: 1h, max: 2h}}
flows:
  - {id: first, from: a, to: b, arrivals: {process: poisson, rate: 30/d}, route: shortest}
  - {id: second, from: c, to: d, arrivals: {process: poisson, rate: 30/d}, route: shortest}
)";
  const fs::path file = write_temp("two_lines.yaml", text);
  const scenario base = load_scenario(file);
  const scenario variant = load_scenario(
      file,
      {parse_override("nodes.b.servers=1"), parse_override("nodes.b.service={dist: exponential, mean: 2h}")});
  const auto trace_of = [](const scenario& s) {
    std::map<std::pair<std::uint32_t, int>, std::vector<sim_time>> times;  // (flow, kind) -> times
    const trace_sink sink = [&](const trace_record& r) {
      times[{r.flow, static_cast<int>(r.kind)}].push_back(r.time);
    };
    simulate(s.model, {s.warmup, s.horizon}, 7, 0, &sink);
    return times;
  };
  auto a = trace_of(base), b = trace_of(variant);
  const auto created = static_cast<int>(trace_kind::created),
             delivered = static_cast<int>(trace_kind::delivered);
  CHECK(a[{0, created}].size() > 500);
  CHECK(a[{0, created}] == b[{0, created}]);  // the changed line's arrivals are its own
  CHECK(a[{1, created}] == b[{1, created}]);
  CHECK(a[{1, delivered}] == b[{1, delivered}]);
  CHECK(a[{0, delivered}] != b[{0, delivered}]);  // the change did take effect
}

TEST_CASE("a variant that delivers nothing has no transit time, not 0") {
  // The variant's link takes longer than the horizon. Catches 0 h written for a flow that delivered nothing
  // (the variant would look the fastest, its difference significant) and NaN reaching the files.
  const fs::path base = write_temp("slow_link.yaml", R"(name: slow link
horizon: 10h
nodes:
  - {id: a, servers: 1, service: {dist: exponential, mean: 10min}}
  - {id: b}
links:
  - {from: a, to: b, mode: road, time: 1h}
flows:
  - {id: f, from: a, to: b, arrivals: {process: poisson, rate: 2/h}, route: shortest}
)");
  const fs::path file =
      write_temp("slow_sweep.yaml", "name: slow\nbase: " + base.string() +
                                        "\nreplications: 3\n"
                                        "parameters: {links.a>b.time: [1h, 20h]}\n"
                                        "metrics: [flows.f.transit_time_h.mean, flows.f.delivered]\n");
  const prepared_sweep p = prepare_sweep(load_sweep(file));
  const auto runs = run_sweep(p, all_units(p), {});
  const auto comparisons = compare_variants(p, runs);
  REQUIRE(comparisons.size() == 2);
  const metric_comparison& transit = comparisons[0];
  CHECK(transit.level[0].mean > 1.0);
  CHECK(std::isnan(transit.level[1].mean));
  CHECK(std::isnan(transit.difference[1].mean));
  CHECK(transit.pairs[1] == 0);
  CHECK(!transit.significant[1]);
  CHECK(comparisons[1].level[1].mean == 0.0);  // delivered: 0 is the figure
  const std::string csv = sweep_runs_csv(p, runs);
  CHECK(csv.find(",flows,f,transit_time_h.mean,\n") != std::string::npos);  // variant 1: empty
  CHECK(csv.find(",flows,f,delivered,0\n") != std::string::npos);
  CHECK(csv.find("nan") == std::string::npos);
  CHECK(sweep_comparison_csv(p, comparisons).find("nan") == std::string::npos);
  CHECK(sweep_table(p, comparisons).find("none") != std::string::npos);
}

TEST_CASE("sweep results are the same on 1 and 2 threads") {
  const prepared_sweep p = prepare_sweep(load_sweep(root + "/scenarios/sweeps/caspian_sailings.yaml"), 2);
  sweep_options options;
  options.jobs = 1;
  const auto one = run_sweep(p, all_units(p), options);
  options.jobs = 2;
  const auto two = run_sweep(p, all_units(p), options);
  CHECK(sweep_runs_csv(p, one) == sweep_runs_csv(p, two));
  CHECK(sweep_comparison_csv(p, compare_variants(p, one)) ==
        sweep_comparison_csv(p, compare_variants(p, two)));
  CHECK(sweep_runs_csv(p, one).size() > 1000);
}

TEST_CASE("the shipped sweeps run through the command") {
  for (const auto& entry : fs::directory_iterator(root + "/scenarios/sweeps")) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path());
    const fs::path out = write_temp("x", "").parent_path() / entry.path().stem();
    const std::string cmd = std::string(FREIGHTSIM_BINARY) + " sweep " + entry.path().string() +
                            " --replications 2 --jobs 2 --quiet --out " + out.string();
    CHECK(std::system(cmd.c_str()) == 0);
    CHECK(fs::file_size(out / "comparison.csv") > 100);
    CHECK(fs::file_size(out / "runs.csv") > 1000);
  }
}

namespace {

// Replications [0, reps) of the first and the last variant of a shipped fleet sweep, and of the what-if's
// baseline without a fleet over the same window, seed and replications (common random numbers).
struct fleet_sweep_ends {
  std::map<std::string, double> smallest, largest, baseline;  // metric -> mean over the replications
};

fleet_sweep_ends run_fleet_sweep_ends(const std::string& sweep_file, const std::string& baseline_file,
                                      std::uint32_t reps) {
  const prepared_sweep p = prepare_sweep(load_sweep(root + sweep_file), reps);
  const auto last = static_cast<std::uint32_t>(p.variants.size() - 1);
  std::vector<sweep_unit> units;
  for (std::uint32_t r = 0; r < reps; ++r) {
    units.push_back({0, r});
    units.push_back({last, r});
  }
  fleet_sweep_ends out;
  sweep_options options;
  options.jobs = 2;
  for (const sweep_run& run : run_sweep(p, units, options)) {
    auto& into = run.variant == 0 ? out.smallest : out.largest;
    const auto& names = p.variants[run.variant].metric_names;
    for (std::size_t i = 0; i < names.size(); ++i)
      into[names[i]] += run.values[i] / reps;
  }
  const scenario base =
      load_scenario(root + baseline_file, {parse_override("horizon=180d"), parse_override("warmup=30d")});
  const auto names = metric_names(base);
  for (std::uint32_t r = 0; r < reps; ++r) {
    const auto values = metric_values(base, simulate(base.model, {base.warmup, base.horizon}, p.seed, r));
    for (std::size_t i = 0; i < names.size(); ++i)
      out.baseline[names[i]] += values[i] / reps;
  }
  return out;
}

}  // namespace

// The Iranian train-set pools (what-if iran_wagon_pool.yaml): 2 sets per branch cannot carry Etrek's
// 12 FEU/day (2 x 40 FEU per 9.6 d round trip = 8.3/day), so trains wait days for a set; 40 sets are never
// short, and the transit is the baseline's. Catches: the sweep's size not reaching the fleet (both ends
// alike), the fleet not on the links (no wait), a vehicle per unit instead of per train (40 sets would
// still be short on a plain reading of 12 FEU/day x 9.6 d = 115 vehicles), the fleet's wait not in transit.
TEST_CASE("the Iranian train-set pool sweep: 2 sets bite, 40 are the baseline") {
  const fleet_sweep_ends e =
      run_fleet_sweep_ends("/scenarios/sweeps/iran_wagon_pool.yaml", "/scenarios/instc_eastern.yaml", 2);
  const std::string etrek = "flows.via_etrek.transit_time_h.mean",
                    sarakhs = "flows.via_sarakhs.transit_time_h.mean";
  CHECK(e.smallest.at("fleets.iran_sets_etrek.wait_h.mean") > 48.0);
  CHECK(e.smallest.at("fleets.iran_sets_sarakhs.wait_h.mean") > 0.0);
  CHECK(e.smallest.at(etrek) > e.largest.at(etrek) + 48.0);
  CHECK(e.smallest.at(sarakhs) > e.largest.at(sarakhs));
  CHECK(e.largest.at("fleets.iran_sets_etrek.wait_h.mean") < 0.5);
  CHECK(e.largest.at("fleets.iran_sets_sarakhs.wait_h.mean") < 0.5);
  CHECK(e.largest.at(etrek) == doctest::Approx(e.baseline.at(etrek)).epsilon(0.02));
  CHECK(e.largest.at(sarakhs) == doctest::Approx(e.baseline.at(sarakhs)).epsilon(0.02));
}

// The Astara-Rasht trucks (what-if astara_trucks.yaml): 8 trucks on an 8.77 h round trip carry 21.9 FEU/day
// of the 24 arriving, so boxes queue for trucks over the whole run; 40 trucks are never short. Catches the
// same faults as above, and a return trip left out (8 trucks on the 3.6 h trip alone would carry 53/day).
TEST_CASE("the Astara truck sweep: 8 trucks bite, 40 are the baseline") {
  const fleet_sweep_ends e =
      run_fleet_sweep_ends("/scenarios/sweeps/astara_trucks.yaml", "/scenarios/instc_western.yaml", 2);
  const std::string transit = "flows.moscow_to_mumbai.transit_time_h.mean";
  CHECK(e.smallest.at("fleets.astara_trucks.wait_h.mean") > 24.0);
  CHECK(e.smallest.at("fleets.astara_trucks.utilization") > 0.95);
  CHECK(e.smallest.at(transit) > e.largest.at(transit) + 24.0);
  CHECK(e.largest.at("fleets.astara_trucks.wait_h.mean") < 0.5);
  CHECK(e.largest.at(transit) == doctest::Approx(e.baseline.at(transit)).epsilon(0.02));
}

// An interrupted sweep writes its folder from the runs that finished; `report` read its comparison.csv as if
// the sweep were whole (exit 0, some variants "none", no warning). Catches: a folder reported with a run not
// done, with variants of different replications, or with a variant that has no run; and a whole folder
// refused.
TEST_CASE("report refuses a sweep folder whose sweep did not finish, as it refuses such a store") {
  const fs::path dir = cli_testing::scratch_dir("sweep-unfinished", "case");
  const fs::path whole = dir / "whole";
  REQUIRE(cli_testing::run_freightsim("sweep " + root + "/scenarios/sweeps/kamenny_log_lanes.yaml --quiet " +
                                          "--replications 2 --set horizon=20d --out " + whole.string(),
                                      dir)
              .status == 0);
  CHECK(cli_testing::run_freightsim("report " + whole.string(), dir).status == 0);
  std::vector<std::string> lines;
  {
    std::istringstream in(cli_testing::slurp(whole / "runs.csv"));
    for (std::string line; std::getline(in, line);)
      lines.push_back(line);
  }
  const std::string again =
      "; run the sweep again (with --store, an interrupted sweep is finished by --resume)";
  // Writes runs.csv's lines that `keep` keeps, `edit`ed, beside comparison.csv in a new folder.
  const auto folder = [&](const std::string& name, const auto& keep, const auto& edit) {
    const fs::path f = dir / name;
    fs::create_directories(f);
    fs::copy_file(whole / "comparison.csv", f / "comparison.csv");
    std::ofstream out(f / "runs.csv", std::ios::binary);
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (i == 0 || keep(lines[i])) out << edit(lines[i]) << "\n";
    return f;
  };
  const auto all = [](const std::string&) { return true; };
  const auto same = [](const std::string& line) { return line; };
  const auto run_of = [](const std::string& line, const std::string& variant,
                         const std::string& replication) {
    return line.rfind(variant + ",", 0) == 0 && line.find("\"," + replication + ",") != std::string::npos;
  };
  // Variant 1's second run was interrupted.
  std::size_t first = 0;
  while (!run_of(lines[first], "1", "1"))
    ++first;
  const fs::path interrupted = folder("interrupted", all, [&](std::string line) {
    if (run_of(line, "1", "1")) line.replace(line.find(",1,done,"), 8, ",1,interrupted,");
    return line;
  });
  cli_testing::check_refused("report " + interrupted.string(), dir,
                             (interrupted / "runs.csv").string() + ":" + std::to_string(first + 1) +
                                 ":1: the sweep did not finish: replication 1 of variant 1 is 'interrupted'" +
                                 again,
                             interrupted / "report.html");
  // ... or never started (runs not started are left out of runs.csv).
  const fs::path short_one = folder(
      "short", [&](const std::string& line) { return !run_of(line, "1", "1"); }, same);
  cli_testing::check_refused(
      "report " + short_one.string(), dir,
      (short_one / "runs.csv").string() +
          ":1:1: the sweep did not finish: runs finished: 1 in variant 1, 2 in variant 0" + again,
      short_one / "report.html");
  const fs::path none = folder(
      "none", [](const std::string& line) { return line.rfind("2,", 0) != 0; }, same);
  cli_testing::check_refused(
      "report " + none.string(), dir,
      (none / "runs.csv").string() + ":1:1: the sweep did not finish: variant 2 has no finished run" + again,
      none / "report.html");
}

// A planner's report showed "Sweep: out/sweep", the folder, though the sweep has a name. Catches: sweep.json
// not written, the report not reading it (folder or store), an old folder without it refused, and a
// malformed one read as if it were not there.
TEST_CASE("a sweep's report is titled by the sweep's name, from sweep.json or the store") {
  const fs::path dir = cli_testing::scratch_dir("sweep-title", "case");
  const fs::path folder = dir / "folder", store = dir / "lanes.db";
  REQUIRE(cli_testing::run_freightsim("sweep " + root + "/scenarios/sweeps/kamenny_log_lanes.yaml --quiet " +
                                          "--replications 2 --set horizon=20d --out " + folder.string() +
                                          " --store " + store.string(),
                                      dir)
              .status == 0);
  const std::string name = "Kamenny Log lanes x demand";
  const auto doc = nlohmann::json::parse(cli_testing::slurp(folder / "sweep.json"));
  CHECK(doc["name"] == name);
  CHECK(doc["sweep_file"] == root + "/scenarios/sweeps/kamenny_log_lanes.yaml");
  const auto first_line = [&](const std::string& args, const fs::path& md) {
    REQUIRE(cli_testing::run_freightsim("report " + args, dir).status == 0);
    const std::string text = cli_testing::slurp(md);
    return text.substr(0, text.find('\n'));
  };
  CHECK(first_line(folder.string(), folder / "report.md") ==
        "# Sweep: " + name + " (" + folder.string() + ")");
  CHECK(first_line(store.string() + " -o " + (dir / "store.html").string(), dir / "store.md") ==
        "# Sweep: " + name + " (" + store.string() + ")");
  CHECK(cli_testing::slurp(folder / "report.html").find("<title>Sweep: " + name) != std::string::npos);
  // A folder written before sweep.json was: titled by the folder alone.
  fs::rename(folder / "sweep.json", dir / "sweep.json");
  CHECK(first_line(folder.string(), folder / "report.md") == "# Sweep: " + folder.string());
  std::ofstream(folder / "sweep.json") << "[1, 2]\n";
  cli_testing::check_refused(
      "report " + folder.string() + " -o " + (dir / "refused.html").string(), dir,
      (folder / "sweep.json").string() + ":1:1: expected a JSON object with the sweep's \"name\"",
      dir / "refused.html");
}
