// Calibration and validation kept apart: `observed:` entries read, their metric paths checked against the
// results, compared with a run on exact cases, and `freightsim validate` end to end.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_helpers.hpp"
#include "freightsim/experiment/metric_path.hpp"
#include "freightsim/experiment/observed.hpp"
#include "run_helpers.hpp"

using namespace freightsim;
namespace fs = std::filesystem;

namespace {

// One unit every 2 h through a single server of 1 h and a 5 h link: no unit ever waits, every transit is
// exactly 6 h and the server is busy half the time.
const std::string exact = R"(name: exact
horizon: 10d
replications: 2
nodes:
  - {id: brest, servers: 1, service: 1h}
  - {id: exit}
links:
  - {from: brest, to: exit, mode: rail, time: 5h}
flows:
  - {id: f, from: brest, to: exit, arrivals: {process: fixed, every: 2h}, route: [brest, exit]}
)";

const std::string entries = R"(observed:
  - metric: flows.f.transit_time_h.mean
    value: 6.5h
    tolerance: 10%
    source: a timetable
    use: validation
  - metric: flows.f.transit_time_h.p50
    value: 5h
    tolerance: 10%
    source: a survey
    use: validation
  - metric: nodes.brest.utilization
    value: 0.52
    tolerance: 5%
    source: an annual report
    use: calibration
    sets: nodes.brest.service
)";

std::string error_of(const std::string& text) {
  try {
    check_observed(parse_scenario(text, "test.yaml", "."));
  } catch (const input_error& e) {
    return e.what();
  }
  return {};
}

using cli_testing::command_result;
using cli_testing::slurp;

fs::path scratch(const std::string& name) {
  return cli_testing::scratch_dir("observed", name);
}

// Its stdout and stderr are captured in DIR/io (out, err), apart from the files and folders (--out DIR/out)
// the command is given in DIR.
command_result run_command(const std::string& args, const fs::path& dir) {
  fs::create_directories(dir / "io");
  return cli_testing::run_freightsim(args, dir / "io");
}

}  // namespace

TEST_CASE("observed entries are read as written: times in hours, tolerance as a share, use and sets") {
  const scenario s = parse_scenario(exact + entries, "test.yaml", ".");
  REQUIRE(s.observed.size() == 3);
  const auto& a = s.observed[0];
  CHECK(a.metric == "flows.f.transit_time_h.mean");
  CHECK(a.value_is_duration);
  CHECK(metric_in_hours(a.metric));
  CHECK(a.value == doctest::Approx(6.5).epsilon(1e-12));
  CHECK(a.tolerance == doctest::Approx(0.1).epsilon(1e-12));
  CHECK(a.source == "a timetable");
  CHECK(a.use == observed_use::validation);
  CHECK(a.sets.empty());
  CHECK(a.metric_at.file == "test.yaml");
  CHECK(a.metric_at.line == 12);
  CHECK(a.metric_at.column == 13);
  const auto& c = s.observed[2];
  CHECK_FALSE(c.value_is_duration);
  CHECK_FALSE(metric_in_hours(c.metric));
  CHECK(c.value == doctest::Approx(0.52).epsilon(1e-12));
  CHECK(c.use == observed_use::calibration);
  CHECK(c.sets == "nodes.brest.service");
  // Days convert to hours.
  const scenario d = parse_scenario(exact + R"(observed:
  - {metric: nodes.brest.wait_h.p95, value: 12d, tolerance: 20%, source: s, use: validation}
)",
                                    "test.yaml", ".");
  CHECK(d.observed.at(0).value == doctest::Approx(288.0).epsilon(1e-12));
}

TEST_CASE(
    "simulated against observed on an exact case: ratio = simulated / observed, pass within tolerance") {
  const auto out = testing::run_text(exact + entries);
  REQUIRE(out.sum.observed.size() == 3);
  REQUIRE(out.sum.flows.at(0).transit_h.estimate.mean == doctest::Approx(6.0).epsilon(1e-12));
  const auto& passes = out.sum.observed[0];  // 6 h against 6.5 h: 7.7% off, within 10%
  CHECK(passes.simulated == doctest::Approx(6.0).epsilon(1e-12));
  CHECK(passes.ratio == doctest::Approx(6.0 / 6.5).epsilon(1e-12));
  CHECK(passes.pass);
  const auto& fails = out.sum.observed[1];  // 6 h against 5 h: 20% off, outside 10%
  CHECK(fails.simulated == doctest::Approx(6.0).epsilon(1e-9));
  CHECK(fails.ratio == doctest::Approx(1.2).epsilon(1e-9));
  CHECK_FALSE(fails.pass);
  const auto& calibration = out.sum.observed[2];  // utilization 0.5 against 0.52: 3.8% off, within 5%
  CHECK(calibration.use == observed_use::calibration);
  CHECK(calibration.simulated == doctest::Approx(0.5).epsilon(1e-9));
  CHECK(calibration.pass);
  CHECK(calibration.sets == "nodes.brest.service");
}

TEST_CASE("every metric path of a scenario resolves on its summary to the figure it names, and no other") {
  const auto out = testing::run_text(exact);
  const auto paths = metric_paths(out.spec);
  CHECK(paths.size() == 9 + 2 * (15 + wait_cause_count) + 3);  // a plain link: no load_factor
  for (const auto& p : paths) {
    INFO(p);
    CHECK(metric_value(out.sum, p).has_value());
  }
  const auto& f = out.sum.flows.at(0);
  const auto& brest = out.sum.nodes.at(0);
  CHECK(metric_value(out.sum, "flows.f.delivered") == f.delivered.mean);
  CHECK(metric_value(out.sum, "flows.f.transit_time_h.p95") == f.transit_h.p95);
  CHECK(metric_value(out.sum, "flows.f.cost_usd.mean") == f.cost_usd.mean);
  CHECK(metric_value(out.sum, "flows.f.storage_usd.mean") == f.storage_usd.mean);
  CHECK(metric_value(out.sum, "nodes.brest.throughput_per_day") == brest.throughput_per_day.mean);
  CHECK(metric_value(out.sum, "nodes.brest.queue_length.max") == brest.queue_max);
  CHECK(metric_value(out.sum, "nodes.brest.approach_queue.max") == brest.approach_max);
  CHECK(metric_value(out.sum, "nodes.brest.waiting_total.mean") == brest.waiting_total.mean);
  CHECK(metric_value(out.sum, "nodes.brest.wait_h.p99") == brest.wait_h.p99);
  CHECK(metric_value(out.sum, "nodes.brest.wait_by_cause_h.closed") ==
        brest.wait_by_cause_h[static_cast<std::size_t>(wait_cause::closed)].mean);
  for (const char* bad :
       {"flows.f.transit_time_h", "flows.f", "flows.g.transit_time_h.mean", "nodes.f.transit_time_h.mean",
        "flows.f.transit_time_h.mean.x", "flows..delivered", "nodes.brest.wait_by_cause_h.lunch", ""}) {
    INFO(bad);
    CHECK_FALSE(metric_value(out.sum, bad).has_value());
  }
}

TEST_CASE("wait_by_cause_h.total is every cause's wait at the node summed") {
  // A unit every 2 h: a 3 h document hold, a 1 h service that never queues, then trains of 2 units: the first
  // of each pair waits 2 h for the second, so train_forming averages 1 h and the total is 3 + 1 = 4 h. A
  // total that took only the queue (0), only one cause, or the largest one (3) fails.
  const auto out = testing::run_text(R"(name: total
horizon: 10d
replications: 2
nodes:
  - id: a
    servers: 1
    stages:
      - delay: {time: 3h, cause: hold}
      - service: 1h
  - {id: exit}
links:
  - {from: a, to: exit, mode: rail, time: 5h, batch: {size: 2}}
flows:
  - {id: f, from: a, to: exit, arrivals: {process: fixed, every: 2h}, route: [a, exit]}
)");
  const auto total = metric_value(out.sum, "nodes.a.wait_by_cause_h.total");
  REQUIRE(total.has_value());
  const auto hold = metric_value(out.sum, "nodes.a.wait_by_cause_h.hold");
  const auto forming = metric_value(out.sum, "nodes.a.wait_by_cause_h.train_forming");
  CHECK(*total == doctest::Approx(*hold + *forming));
  CHECK(*total == doctest::Approx(4.0).epsilon(0.02));
  CHECK(metric_in_hours("nodes.a.wait_by_cause_h.total"));
}

TEST_CASE("ids holding dots: the path resolves through the id, and the quantity after it decides the unit") {
  const auto out = testing::run_text(R"(name: dots
horizon: 2d
replications: 2
nodes:
  - {id: st.petersburg, servers: 1, service: 1h}
  - {id: exit}
links:
  - {from: st.petersburg, to: exit, mode: rail, time: 3h}
flows:
  - {id: f.1, from: st.petersburg, to: exit, arrivals: {process: fixed, every: 2h}, route: shortest}
observed:
  - {metric: flows.f.1.transit_time_h.mean, value: 4h, tolerance: 1%, source: s, use: validation}
  - {metric: nodes.st.petersburg.queue_length.max, value: 1, tolerance: 1%, source: s, use: validation}
)");
  REQUIRE(out.sum.observed.size() == 2);
  CHECK(out.sum.observed[0].in_hours);
  CHECK(out.sum.observed[0].simulated == doctest::Approx(4.0).epsilon(1e-12));
  CHECK_FALSE(out.sum.observed[1].in_hours);
  CHECK(out.sum.observed[1].simulated == 0.0);
}

TEST_CASE("an unknown metric path is refused at FILE:LINE:COL with the closest valid path") {
  CHECK(error_of(exact + R"(observed:
  - metric: flows.f.transit_time.mean
    value: 6h
    tolerance: 20%
    source: s
    use: validation
)") == "test.yaml:12:13: observed 1: metric 'flows.f.transit_time.mean' names no result (the closest is "
       "'flows.f.transit_time_h.mean')");
  CHECK(error_of(exact + R"(observed:
  - {metric: nodes.brst.wait_h.p95, value: 6h, tolerance: 20%, source: s, use: validation}
)") == "test.yaml:12:14: observed 1: metric 'nodes.brst.wait_h.p95' names no result (the closest is "
       "'nodes.brest.wait_h.p95')");
  CHECK(error_of(exact + entries).empty());
}

TEST_CASE("a what-if does not inherit its baseline's observed entries, and may give its own") {
  const fs::path dir = scratch("what-if");
  std::ofstream(dir / "base.yaml") << exact + entries;
  std::ofstream(dir / "none.yaml") << "extends: base.yaml\nname: what-if\n";
  std::ofstream(dir / "own.yaml")
      << "extends: base.yaml\nobserved:\n"
         "  - {metric: flows.f.delivered, value: 100, tolerance: 50%, source: s, use: validation}\n";
  CHECK(load_scenario(dir / "base.yaml").observed.size() == 3);
  CHECK(load_scenario(dir / "none.yaml").observed.empty());
  const scenario own = load_scenario(dir / "own.yaml");
  REQUIRE(own.observed.size() == 1);
  CHECK(own.observed[0].metric == "flows.f.delivered");
  CHECK(own.observed[0].metric_at.file == (dir / "own.yaml").string());
}

TEST_CASE("freightsim validate: exit 4 only when a validation entry fails, run prints and writes the same") {
  const fs::path dir = scratch("validate");
  std::ofstream(dir / "fails.yaml") << exact + entries;
  // The failing entry made a calibration one: calibration never fails the command.
  std::string calibrated = entries;
  calibrated.replace(calibrated.find("source: a survey\n    use: validation"),
                     std::string("source: a survey\n    use: validation").size(),
                     "source: a survey\n    use: calibration\n    sets: links.brest>exit.time");
  std::ofstream(dir / "passes.yaml") << exact + calibrated;
  std::ofstream(dir / "none.yaml") << exact;

  const auto failed = run_command("validate " + (dir / "fails.yaml").string(), dir);
  CHECK(failed.status == 4);
  CHECK(failed.err.empty());
  CHECK(failed.out.find("1 of 2 validation entries within tolerance") != std::string::npos);
  const auto calibration_at = failed.out.find("\ncalibration");
  const auto validation_at = failed.out.find("\nvalidation");
  REQUIRE(calibration_at != std::string::npos);
  REQUIRE(validation_at != std::string::npos);
  const auto p50_line = failed.out.find("flows.f.transit_time_h.p50");
  CHECK(p50_line > validation_at);
  CHECK(failed.out.find("FAIL", p50_line) < failed.out.find('\n', p50_line));
  CHECK(failed.out.find("nodes.brest.utilization") > calibration_at);
  CHECK(failed.out.find("nodes.brest.utilization") < validation_at);
  CHECK_FALSE(fs::exists(dir / "summary.json"));  // nothing written without --out

  const auto passed =
      run_command("validate " + (dir / "passes.yaml").string() + " --out " + (dir / "out").string(), dir);
  CHECK(passed.status == 0);
  CHECK(passed.out.find("1 of 1 validation entries within tolerance") != std::string::npos);
  const auto json = nlohmann::json::parse(slurp(dir / "out" / "summary.json"));
  REQUIRE(json["observed"].size() == 3);
  CHECK(json["observed"][1]["use"] == "calibration");
  CHECK(json["observed"][1]["sets"] == "links.brest>exit.time");
  CHECK(json["observed"][1]["pass"] == false);
  CHECK(json["observed"][1]["ratio"].get<double>() == doctest::Approx(1.2).epsilon(1e-9));
  CHECK(json["observed"][0]["pass"] == true);
  CHECK_FALSE(json["observed"][0].contains("sets"));

  const auto run =
      run_command("run " + (dir / "fails.yaml").string() + " --out " + (dir / "run").string(), dir);
  CHECK(run.status == 0);  // run reports; only validate judges
  CHECK(run.out.find("simulated against observed") != std::string::npos);
  CHECK(nlohmann::json::parse(slurp(dir / "run" / "summary.json"))["observed"].size() == 3);
  const auto plain =
      run_command("run " + (dir / "none.yaml").string() + " --out " + (dir / "plain").string(), dir);
  CHECK(plain.status == 0);
  CHECK_FALSE(nlohmann::json::parse(slurp(dir / "plain" / "summary.json")).contains("observed"));

  const auto nothing = run_command("validate " + (dir / "none.yaml").string(), dir);
  CHECK(nothing.status == 2);
  CHECK(nothing.err == (dir / "none.yaml").string() + ":1:1: no 'observed:' entries to validate against\n");
}

// Catches: validate saying nothing of a variant that does not keep up (run's warnings, analytic and
// simulated, left off stderr), and its --out summary.json without the scenario's SHA-256 and the analytic
// warnings that run writes for the same scenario.
TEST_CASE("validate warns as run does, and its --out summary.json is run's") {
  const fs::path dir = scratch("validate-warns");
  const std::string scenario = cli_testing::root + "/scenarios/kamenny_log.yaml";
  const std::string variant =
      " --set horizon=30d --set replications=2 --set flows.lt_to_minsk.arrivals.rate=600/d --out ";
  const auto run = run_command("run --quiet " + scenario + variant + (dir / "run").string(), dir);
  REQUIRE(run.status == 0);
  REQUIRE(run.err.find("warning: node 'medininkai' is unstable") != std::string::npos);
  REQUIRE(run.err.find("units were still in the network at the horizon") != std::string::npos);
  const auto validated = run_command("validate " + scenario + variant + (dir / "validate").string(), dir);
  CHECK(validated.status == 0);  // both entries are declared gaps
  CHECK(validated.err == run.err);
  for (const char* file : {"summary.json", "flows.csv", "nodes.csv", "links.csv", "replications.csv"}) {
    INFO(file);
    CHECK(slurp(dir / "validate" / file) == slurp(dir / "run" / file));
  }
}

TEST_CASE("a known_gap entry that fails does not fail validate, one that is met is stale and does") {
  const fs::path dir = scratch("gaps");
  // The p50 entry (5 h against 6 h simulated) fails: declared a gap, validate passes and shows it.
  std::string gap = entries;
  const std::string survey = "source: a survey\n    use: validation\n";
  gap.replace(gap.find(survey), survey.size(), survey + "    known_gap: the dwell at exit is not modelled\n");
  std::ofstream(dir / "gap.yaml") << exact + gap;
  const auto declared =
      run_command("validate " + (dir / "gap.yaml").string() + " --out " + (dir / "out").string(), dir);
  CHECK(declared.status == 0);
  CHECK(declared.out.find("1 of 2 validation entries within tolerance, 1 known gaps") != std::string::npos);
  const auto p50_line = declared.out.find("flows.f.transit_time_h.p50");
  REQUIRE(p50_line != std::string::npos);
  const auto line_end = declared.out.find('\n', p50_line);
  CHECK(declared.out.substr(p50_line, line_end - p50_line).find(" gap") != std::string::npos);
  CHECK(declared.out.find("    known gap: the dwell at exit is not modelled\n", line_end) == line_end + 1);
  const auto json = nlohmann::json::parse(slurp(dir / "out" / "summary.json"));
  CHECK(json["observed"][1]["known_gap"] == "the dwell at exit is not modelled");
  CHECK(json["observed"][1]["pass"] == false);
  CHECK_FALSE(json["observed"][0].contains("known_gap"));

  // The mean entry (6.5 h ± 10% against 6 h) is met: marking it a gap is stale, and validate says so.
  std::string stale = entries;
  const std::string timetable = "source: a timetable\n    use: validation\n";
  stale.replace(stale.find(timetable), timetable.size(), timetable + "    known_gap: no longer true\n");
  std::ofstream(dir / "stale.yaml") << exact + stale;
  const auto met = run_command("validate " + (dir / "stale.yaml").string(), dir);
  CHECK(met.status == 4);
  const auto mean_line = met.out.find("flows.f.transit_time_h.mean");
  REQUIRE(mean_line != std::string::npos);
  CHECK(met.out.substr(mean_line, met.out.find('\n', mean_line) - mean_line).find("STALE") !=
        std::string::npos);
}

TEST_CASE("every shipped scenario with observed entries passes validate: each entry met or a declared gap") {
  // Run as shipped (their replications, horizon and seed): a validation entry outside its tolerance without a
  // known_gap, or a known_gap that has been met, fails here.
  const fs::path root = FREIGHTSIM_SOURCE_DIR;
  std::size_t with_entries = 0;
  for (const auto& file : fs::directory_iterator(root / "scenarios")) {
    if (file.path().extension() != ".yaml") continue;
    if (slurp(file.path()).find("\nobserved:") == std::string::npos) continue;
    ++with_entries;
    INFO(file.path().filename().string());
    const fs::path dir = scratch("shipped-" + file.path().stem().string());
    const auto r = run_command("validate --threads 0 " + file.path().string(), dir);
    CHECK(r.status == 0);
    CHECK(r.out.find("validation entries within tolerance") != std::string::npos);
  }
  CHECK(with_entries >= 5);
}

// Counts planners use, on an exact case: units at 0.5, 2.5, 4.5 ... h; sailings every 10 h from 9 h, so 24
// sailings in the 240 h window, each finding 5 units. With capacity 10 every sailing takes its 5: 2.4
// vehicles a day, 12 units a day, load factor 5 / 10 = 0.5, none left behind. With capacity 4 each takes
// 4 and the backlog grows by one a sailing: sailing k leaves k behind, 1 + ... + 24 = 300 in 10 days (30 a
// day), load factor 1. Catches: vehicles counted per unit (12/d), empty or partial sailings left out, the
// load factor over the units arriving rather than boarding (1.25), left behind counted per sailing (2.4/d)
// or as the units that missed only their first sailing (24 in all, 2.4/d).
TEST_CASE("links: vehicles, load factor and units left behind per day on a scheduled link, by metric path") {
  const std::string text = R"(name: sailings
horizon: 10d
replications: 2
nodes:
  - {id: a}
  - {id: b}
  - {id: c}
links:
  - {from: a, to: b, mode: sea, time: 1h, schedule: {headway: 10h, offset: 9h, capacity: 10}}
  - {from: a, to: c, mode: sea, time: 1h, schedule: {headway: 10h, offset: 9h, capacity: 4}}
  - {from: a, to: c, mode: rail, time: 1000h}   # slower: the route takes the sailing
flows:
  - {id: roomy, from: a, to: b, arrivals: {process: fixed, every: 2h, first: 0.5h}, route: [a, b]}
  - {id: tight, from: a, to: c, arrivals: {process: fixed, every: 2h, first: 0.5h}, route: [a, c]}
)";
  const auto out = testing::run_text(text);
  const auto value = [&](const char* path) {
    INFO(path);
    const auto v = metric_value(out.sum, path);
    REQUIRE(v.has_value());
    return *v;
  };
  CHECK(value("links.a>b.vehicles_per_day") == doctest::Approx(2.4).epsilon(1e-12));
  CHECK(value("links.a>b.units_per_day") == doctest::Approx(12.0).epsilon(1e-12));
  CHECK(value("links.a>b.load_factor") == doctest::Approx(0.5).epsilon(1e-12));
  CHECK(value("links.a>b.left_behind_per_day") == 0.0);
  // Two links join a and c: the mode names each.
  CHECK(value("links.a>c:sea.vehicles_per_day") == doctest::Approx(2.4).epsilon(1e-12));
  CHECK(value("links.a>c:sea.units_per_day") == doctest::Approx(9.6).epsilon(1e-12));
  CHECK(value("links.a>c:sea.load_factor") == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(value("links.a>c:sea.left_behind_per_day") == doctest::Approx(30.0).epsilon(1e-12));
  CHECK(value("links.a>c:rail.vehicles_per_day") == 0.0);
  for (const char* bad : {"links.a>c.vehicles_per_day", "links.a>c:rail.load_factor",
                          "links.a>b:sea.units_per_day", "links.b>a.units_per_day", "fleets.a.utilization"}) {
    INFO(bad);
    CHECK_FALSE(metric_value(out.sum, bad).has_value());
  }
  const auto paths = metric_paths(out.spec);
  CHECK(std::count(paths.begin(), paths.end(), "links.a>c:sea.load_factor") == 1);
  CHECK(std::count(paths.begin(), paths.end(), "links.a>c:rail.load_factor") == 0);
  // An observed entry on a link's count is checked and compared like any other.
  const auto checked = testing::run_text(text + R"(observed:
  - {metric: links.a>c:sea.left_behind_per_day, value: 30, tolerance: 1%, source: s, use: validation}
  - {metric: links.a>b.load_factor, value: 0.5, tolerance: 1%, source: s, use: validation}
)");
  REQUIRE(checked.sum.observed.size() == 2);
  CHECK(checked.sum.observed[0].pass);
  CHECK(checked.sum.observed[1].pass);
  CHECK(error_of(text + R"(observed:
  - {metric: links.a>c.load_factor, value: 0.5, tolerance: 1%, source: s, use: validation}
)")
            .find("names no result") != std::string::npos);
}
