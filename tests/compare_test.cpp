// freightsim compare: B - A per metric from two result folders, paired (same seed) or Welch's, Bonferroni
// over the metrics; intervals checked against hand computations, and the command end to end.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numbers>
#include <sstream>

#include "cli_helpers.hpp"
#include "freightsim/experiment/compare.hpp"
#include "freightsim/experiment/run_metrics.hpp"
#include "freightsim/output/compare_table.hpp"
#include "freightsim/output/json_summary.hpp"
#include "freightsim/output/result_folder.hpp"
#include "freightsim/scenario/input_error.hpp"
#include "run_helpers.hpp"

using namespace freightsim;
namespace fs = std::filesystem;

namespace {

using cli_testing::root;

using cli_testing::command_result;
using cli_testing::slurp;

fs::path scratch(const std::string& name) {
  return cli_testing::scratch_dir("compare", name);
}

command_result freightsim_cli(const std::string& args) {
  return cli_testing::run_freightsim(args, scratch("io"));
}

// Two-sided Student-t quantile with 2 degrees of freedom, by its closed form: t = (2p - 1) / sqrt(2p(1 - p))
// at one-sided level p. Independent of the library's (Boost) quantile.
double t2_quantile(double confidence) {
  const double p = 1 - (1 - confidence) / 2;
  return (2 * p - 1) / std::sqrt(2 * p * (1 - p));
}

// With 1 degree of freedom (Cauchy): tan(pi (p - 1/2)).
double t1_quantile(double confidence) {
  const double p = 1 - (1 - confidence) / 2;
  return std::tan(std::numbers::pi * (p - 0.5));
}

result_values run_of(std::uint64_t seed, const std::vector<std::string>& metrics,
                     const std::map<std::uint32_t, std::vector<double>>& replications) {
  return {"run-" + std::to_string(seed), "hand-made", seed, metrics, replications, ""};
}

std::size_t metric_index(const scenario& s, const std::string& name) {
  const auto names = metric_names(s);
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

const metric_delta& delta(const result_comparison& c, const std::string& metric) {
  for (const auto& d : c.deltas)
    if (d.metric == metric) return d;
  FAIL("no delta for " << metric);
  return c.deltas.front();
}

}  // namespace

TEST_CASE("paired intervals match a hand computation, with Bonferroni over the metrics") {
  // Same seed: replication r of A and of B are paired. Per metric, B - A = {4, 7, 4} and {9, 12, 9}: means 5
  // and 10, sample standard deviation sqrt(3), standard error 1 (3 pairs). With m = 2 metrics at alpha 0.05
  // each interval is at 97.5%: half width t_{2, 0.9875} x 1 = 6.205. The first (mean 5) is not significant;
  // at 95% (no Bonferroni, t = 4.303) it would be. A varies a lot between replications (10, 30, 50): an
  // unpaired interval (Welch: standard error 16.4) would call neither significant.
  // Catches: an unpaired computation, a wrong t quantile (normal, or the one-sided level), a missing
  // Bonferroni correction (confidence 95%), differences taken A - B.
  const std::vector<std::string> metrics{"nodes.x.wait_h.mean", "flows.f.transit_time_h.mean"};
  const result_values a = run_of(7, metrics, {{0, {10, 100}}, {1, {30, 300}}, {2, {50, 500}}});
  const result_values b = run_of(7, metrics, {{0, {14, 109}}, {1, {37, 312}}, {2, {54, 509}}});
  const result_comparison c = compare_results(a, b, {}, 0.05);
  CHECK(c.paired);
  CHECK(c.pairs == 3);
  CHECK(c.confidence == doctest::Approx(0.975));
  const double half = t2_quantile(0.975) * 1.0;
  CHECK(half == doctest::Approx(6.2054).epsilon(1e-4));  // the closed form, checked against a t table
  const metric_delta& first = delta(c, metrics[0]);
  CHECK(first.difference.mean == doctest::Approx(5));
  REQUIRE(first.difference.ci95);
  CHECK(*first.difference.ci95 == doctest::Approx(half).epsilon(1e-9));
  CHECK(!first.significant);
  CHECK(first.mean_a == doctest::Approx(30));
  CHECK(first.mean_b == doctest::Approx(35));
  CHECK(first.n_a == 3);
  const metric_delta& second = delta(c, metrics[1]);
  CHECK(second.difference.mean == doctest::Approx(10));
  REQUIRE(second.difference.ci95);
  CHECK(*second.difference.ci95 == doctest::Approx(half).epsilon(1e-9));
  CHECK(second.significant);
  // One metric alone: no correction, 95%, and the first difference becomes significant (t = 4.303).
  const result_comparison one = compare_results(a, b, {metrics[0]}, 0.05);
  REQUIRE(one.deltas.size() == 1);
  CHECK(*one.deltas[0].difference.ci95 == doctest::Approx(t2_quantile(0.95)).epsilon(1e-9));
  CHECK(one.deltas[0].significant);
  // --alpha 0.01 over two metrics: 99.5%.
  CHECK(*compare_results(a, b, {}, 0.01).deltas[0].difference.ci95 ==
        doctest::Approx(t2_quantile(0.995)).epsilon(1e-9));
}

TEST_CASE("pairs are matched by replication index, a replication without a partner or a figure is left out") {
  // B's replication 0 did not finish and its replication 3 has no figure (NaN: nothing delivered). The pairs
  // are replications 1 and 2 of each: differences {2, 4}. Catches pairing by position (0 with 1 ...), and a
  // NaN taken into a mean.
  const std::vector<std::string> metrics{"flows.f.delivered"};
  const result_values a = run_of(3, metrics, {{0, {100}}, {1, {10}}, {2, {20}}, {3, {30}}});
  const result_values b = run_of(3, metrics, {{1, {12}}, {2, {24}}, {3, {std::nan("")}}});
  const result_comparison c = compare_results(a, b, {}, 0.05);
  CHECK(c.paired);
  CHECK(c.pairs == 3);  // replications both have; one of them lacks the figure
  REQUIRE(c.deltas.size() == 1);
  const metric_delta& d = c.deltas[0];
  CHECK(d.n_a == 2);
  CHECK(d.difference.mean == doctest::Approx(3));
  CHECK(d.mean_a == doctest::Approx(15));  // over the pairs, so that B - A is the mean difference
  CHECK(d.mean_b == doctest::Approx(18));
  // Differences {2, 4}: standard error 1, t with 1 degree of freedom at 95%: 12.706.
  REQUIRE(d.difference.ci95);
  CHECK(*d.difference.ci95 == doctest::Approx(t1_quantile(0.95)).epsilon(1e-9));
  CHECK(paired_differences({{0, 1.0}, {1, 2.0}}, {{1, 5.0}, {2, 9.0}}) == std::vector<double>{3.0});
}

TEST_CASE("different seeds: Welch's interval matches a hand computation") {
  // Seeds differ, so nothing is paired. A = {5, 5, 5} (no spread), B = {6, 10}: standard error sqrt(8 / 2) =
  // 2, Welch-Satterthwaite degrees of freedom 2^4 / (2^4 / 1) = 1 exactly, so the half width is t_{1, 0.975}
  // x 2 = 25.4. Catches the pooled two-sample t (3 degrees of freedom, standard error 1.49), a paired
  // computation on unpaired runs, and the normal quantile.
  const std::vector<std::string> metrics{"nodes.x.utilization"};
  const result_values a = run_of(1, metrics, {{0, {5}}, {1, {5}}, {2, {5}}});
  const result_values b = run_of(2, metrics, {{0, {6}}, {1, {10}}});
  const result_comparison c = compare_results(a, b, {}, 0.05);
  CHECK(!c.paired);
  CHECK(c.pairs == 0);
  REQUIRE(c.deltas.size() == 1);
  const metric_delta& d = c.deltas[0];
  CHECK(d.n_a == 3);
  CHECK(d.n_b == 2);
  CHECK(d.difference.mean == doctest::Approx(3));
  REQUIRE(d.difference.ci95);
  CHECK(*d.difference.ci95 == doctest::Approx(2 * t1_quantile(0.95)).epsilon(1e-9));
  CHECK(!d.significant);

  // A general case: A = {1, 2, 3, 4}, B = {2, 4, 6}. Squared standard errors (5/3)/4 = 5/12 and 4/3; degrees
  // of freedom (5/12 + 4/3)^2 / ((5/12)^2 / 3 + (4/3)^2 / 2) = 3.2347.
  const interval_estimate w = welch_difference({1, 2, 3, 4}, {2, 4, 6}, 0.95);
  const double se2_a = 5.0 / 12, se2_b = 4.0 / 3, se2 = se2_a + se2_b;
  const double dof = se2 * se2 / (se2_a * se2_a / 3 + se2_b * se2_b / 2);
  CHECK(dof == doctest::Approx(3.2347).epsilon(1e-4));
  CHECK(w.mean == doctest::Approx(1.5));
  REQUIRE(w.ci95);
  CHECK(*w.ci95 == doctest::Approx(student_t_quantile(0.95, dof) * std::sqrt(se2)).epsilon(1e-12));
  // Between the t quantiles at 3 and 4 degrees of freedom: the fractional dof is used, not rounded.
  CHECK(*w.ci95 < student_t_quantile(0.95, 3) * std::sqrt(se2));
  CHECK(*w.ci95 > student_t_quantile(0.95, 4) * std::sqrt(se2));
}

TEST_CASE("metrics: the intersection by default, and a metric not in both is an error with the closest") {
  // Catches: comparing metric i of A with metric i of B by position when the scenarios differ, and a silent
  // skip of a metric asked for.
  const result_values a = run_of(1, {"nodes.x.utilization", "nodes.y.utilization", "nodes.z.utilization"},
                                 {{0, {0.1, 0.2, 0.3}}, {1, {0.1, 0.2, 0.3}}});
  const result_values b = run_of(1, {"nodes.z.utilization", "nodes.x.utilization", "nodes.w.utilization"},
                                 {{0, {0.35, 0.15, 0.9}}, {1, {0.35, 0.15, 0.9}}});
  const result_comparison c = compare_results(a, b, {}, 0.05);
  REQUIRE(c.deltas.size() == 2);
  CHECK(c.deltas[0].metric == "nodes.x.utilization");
  CHECK(c.deltas[0].difference.mean == doctest::Approx(0.05));
  CHECK(c.deltas[1].metric == "nodes.z.utilization");
  CHECK(c.deltas[1].difference.mean == doctest::Approx(0.05));
  CHECK(c.confidence == doctest::Approx(1 - 0.05 / 2));
  CHECK(c.only_a == std::vector<std::string>{"nodes.y.utilization"});
  CHECK(c.only_b == std::vector<std::string>{"nodes.w.utilization"});
  const auto message = [&](const std::string& metric) {
    try {
      compare_results(a, b, {metric}, 0.05);
    } catch (const input_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("nodes.x.utilisation") ==
        "--metric: unknown metric 'nodes.x.utilisation' (closest: 'nodes.x.utilization')");
  CHECK(message("nodes.y.utilization") ==
        "--metric: 'nodes.y.utilization' is measured only in run-1 (closest: 'nodes.x.utilization')");
}

TEST_CASE("replications.csv holds every replication's metrics, and a result folder reads back to them") {
  // Catches: a writer and reader that disagree (order, quoting, NaN), values of the wrong replication.
  const auto run = testing::run_text(R"(name: two flows
horizon: 10d
seed: 5
replications: 3
nodes:
  - {id: a, servers: 1, service: {dist: exponential, mean: 10min}}
  - {id: b, servers: 1, service: 10min}
  - {id: c, servers: 1, service: 10min}
links:
  - {from: a, to: b, mode: road, time: {dist: uniform, min: 1h, max: 2h}}
  - {from: a, to: c, mode: rail, time: 5h, batch: {size: 1000}}
flows:
  - {id: f, from: a, to: b, arrivals: {process: poisson, rate: 30/d}, route: shortest}
  - {id: never, from: a, to: c, arrivals: {process: fixed, every: 1h}, route: shortest}
)");
  // The flow that never fills its train has no transit time: NaN, written empty, read back NaN.
  REQUIRE(std::isnan(run.result.values[0][metric_index(run.spec, "flows.never.transit_time_h.mean")]));
  const fs::path dir = scratch("roundtrip");
  std::ofstream(dir / "summary.json") << to_json(run.sum);
  std::ofstream(dir / "replications.csv") << replications_csv(run.spec, run.result);
  const result_folder back = read_result_folder(dir);
  CHECK(back.complete);
  CHECK(back.values.seed == 5);
  CHECK(back.values.scenario == "two flows");
  CHECK(back.values.metrics == metric_names(run.spec));
  REQUIRE(back.values.replications.size() == 3);
  for (std::uint32_t r = 0; r < 3; ++r) {
    const auto& got = back.values.replications.at(r);
    const auto& want = run.result.values[r];
    REQUIRE(got.size() == want.size());
    for (std::size_t m = 0; m < want.size(); ++m) {
      INFO(back.values.metrics[m] << " replication " << r);
      if (std::isnan(want[m]))
        CHECK(std::isnan(got[m]));
      else
        CHECK(got[m] == want[m]);  // shortest round-trip text: exact
    }
  }
}

TEST_CASE(
    "compare: kamenny_log at 25% of the norm against the baseline, paired, the wait delta significant") {
  // The shipped baseline and what-if, short and with few replications. Medininkai releasing 125 trucks a day
  // instead of 500 must show a longer wait there, significant after Bonferroni over every common metric.
  // Catches: a command that does not pair same-seed runs, or marks nothing.
  const fs::path a = scratch("kl-base"), b = scratch("kl-25");
  const std::string opts = " --replications 3 --set horizon=20d --set warmup=2d --quiet --out ";
  REQUIRE(freightsim_cli("run " + root + "/scenarios/kamenny_log.yaml" + opts + a.string()).status == 0);
  REQUIRE(freightsim_cli("run " + root + "/scenarios/what-if/kamenny_log_25pct_norm.yaml" + opts + b.string())
              .status == 0);
  const fs::path csv = scratch("kl-csv") / "deltas.csv";
  const command_result r =
      freightsim_cli("compare " + a.string() + " " + b.string() + " --out " + csv.string());
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());  // same scenario nodes: nothing left out
  CHECK(r.out.find("paired: replication r of A with replication r of B, 3 pairs (same seed 2019") !=
        std::string::npos);
  CHECK(r.out.find("Bonferroni over") != std::string::npos);
  bool found = false;
  std::istringstream rows(slurp(csv));
  std::string line;
  while (std::getline(rows, line))
    if (line.starts_with("nodes.medininkai.wait_h.mean,")) {
      found = true;
      CHECK(line.ends_with(",paired,true"));
    }
  CHECK(found);
  // The printed row carries the mark.
  const auto at = r.out.find("\nnodes.medininkai.wait_h.mean ");
  REQUIRE(at != std::string::npos);
  CHECK(r.out.substr(at + 1, r.out.find('\n', at + 1) - at - 1).ends_with(" *"));

  // A different seed for B: Welch's interval, said in the header.
  const fs::path c = scratch("kl-25-seed");
  REQUIRE(freightsim_cli("run " + root + "/scenarios/what-if/kamenny_log_25pct_norm.yaml" + opts +
                         c.string() + " --seed 11")
              .status == 0);
  const command_result w = freightsim_cli("compare " + a.string() + " " + c.string() +
                                          " --metric nodes.medininkai.wait_h.mean --alpha 0.01");
  INFO(w.out << w.err);
  REQUIRE(w.status == 0);
  CHECK(w.out.find("unpaired: Welch's interval (seeds 2019 and 11 differ)") != std::string::npos);
  CHECK(w.out.find("B - A with 99% intervals: Bonferroni over 1 metric(s)") != std::string::npos);
}

// Catches: runs of different horizons or warm-ups compared in silence (a sweep's 30-day variant against a
// 20-day run: every count and time then differs by the period, and is marked significant as an effect).
TEST_CASE("compare and report A B warn when A and B cover different periods") {
  const fs::path a = scratch("window-a"), b = scratch("window-b"), same = scratch("window-same");
  const std::string scenario = "run " + root + "/scenarios/kamenny_log.yaml --replications 2 --quiet";
  REQUIRE(freightsim_cli(scenario + " --set horizon=20d --set warmup=2d --out " + a.string()).status == 0);
  REQUIRE(freightsim_cli(scenario + " --set horizon=30d --set warmup=2d --out " + b.string()).status == 0);
  REQUIRE(freightsim_cli(scenario + " --set horizon=30d --set warmup=5d --out " + same.string()).status == 0);
  const fs::path store = scratch("window-store") / "lanes.db";
  REQUIRE(freightsim_cli("sweep " + root +
                         "/scenarios/sweeps/kamenny_log_lanes.yaml --replications 2 --quiet " + "--out " +
                         (scratch("window-sweep") / "out").string() + " --store " + store.string())
              .status == 0);
  const std::string metric = " --metric nodes.kamenny_log.wait_h.mean";
  const command_result r = freightsim_cli("compare " + a.string() + " " + b.string() + metric);
  CHECK(r.status == 0);
  CHECK(r.err ==
        "freightsim: warning: A and B cover different periods (A: horizon 480 h, warm-up 48 h; B: "
        "horizon 720 h, warm-up 48 h): their counts and times are not of the same period\n");
  const command_result s = freightsim_cli("compare " + a.string() + " " + store.string() + ":0" + metric);
  CHECK(s.status == 0);
  CHECK(s.err ==
        "freightsim: warning: A and B cover different periods (A: horizon 480 h, warm-up 48 h; B: "
        "horizon 720 h, warm-up 120 h): their counts and times are not of the same period\n");
  const command_result html = freightsim_cli("report " + a.string() + " " + b.string() + metric + " -o " +
                                             (scratch("window-report") / "ab.html").string());
  CHECK(html.status == 0);
  CHECK(html.err.find("A and B cover different periods") != std::string::npos);
  // The same period: no warning.
  const command_result ok = freightsim_cli("compare " + same.string() + " " + store.string() + ":2" + metric);
  CHECK(ok.status == 0);
  CHECK(ok.err.empty());
}

// Catches: {:.4g} printing counts of 10,000 and more in exponent form (delivered 10703 as "1.07e+04", its
// half width 1127 as "1.1e+03") in compare's and sweep's tables, where report.md prints 10703.
TEST_CASE("compare and sweep tables print large figures in full, not in exponent form") {
  const fs::path a = scratch("large-a"), b = scratch("large-b");
  const std::string scenario = "run " + root + "/scenarios/kamenny_log.yaml --replications 2 --quiet";
  REQUIRE(freightsim_cli(scenario + " --set horizon=40d --set warmup=2d --out " + a.string()).status == 0);
  REQUIRE(freightsim_cli(scenario +
                         " --set horizon=40d --set warmup=2d --set "
                         "flows.lt_to_minsk.arrivals.rate=300/d --out " +
                         b.string())
              .status == 0);
  const command_result r =
      freightsim_cli("compare " + a.string() + " " + b.string() + " --metric flows.lt_to_minsk.delivered");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("e+") == std::string::npos);
  const auto delivered = nlohmann::json::parse(slurp(a / "summary.json"))["flows"][0]["delivered"]["mean"];
  CHECK(r.out.find(fmt::format("{:.0f}", delivered.get<double>())) != std::string::npos);
  const fs::path sweep = scratch("large-sweep");
  std::ofstream(sweep / "s.yaml") << "name: large\nbase: " << root
                                  << "/scenarios/kamenny_log.yaml\nset: {horizon: 40d, warmup: 2d}\n"
                                     "parameters:\n  flows.lt_to_minsk.arrivals.rate: [410/d, 300/d]\n"
                                     "metrics:\n  - flows.lt_to_minsk.delivered\n";
  const command_result t = freightsim_cli("sweep " + (sweep / "s.yaml").string() +
                                          " --replications 2 --out " + (sweep / "out").string());
  REQUIRE(t.status == 0);
  CHECK(t.out.find("e+") == std::string::npos);
}

// Two what-ifs with one file name in different folders are two variants of one name: STORE:NAME took the last
// of them, silently (exit 0).
TEST_CASE("compare refuses a store variant name that two variants share, and takes the number") {
  const fs::path dir = scratch("same-name");
  const std::string base = root + "/tests/data/whatif/base.yaml";
  for (const char* folder : {"a", "b"}) {
    fs::create_directories(dir / folder);
    std::ofstream(dir / folder / "alt.yaml")
        << "extends: " << base << "\nname: " << folder << "\nnodes:\n  - {id: a, servers: 3}\n";
  }
  std::ofstream(dir / "s.yaml") << "name: same names\nbase: " << base
                                << "\nreplications: 2\nvariants: [a/alt.yaml, b/alt.yaml]\n"
                                   "metrics: [nodes.a.wait_h.mean]\n";
  const fs::path store = dir / "s.db";
  REQUIRE(freightsim_cli("sweep " + (dir / "s.yaml").string() + " --quiet --out " + (dir / "out").string() +
                         " --store " + store.string())
              .status == 0);
  const command_result r = freightsim_cli("compare " + store.string() + ":0 " + store.string() + ":alt");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err ==
        store.string() + ":alt: 2 variants are named 'alt' (1, 2); give the number of the one meant\n");
  CHECK(freightsim_cli("compare " + store.string() + ":0 " + store.string() + ":2").status == 0);
}

TEST_CASE("compare: bad input is one line on stderr, exit 2") {
  // Catches: a crash or an internal error (exit 1) on a folder that is not a result, an old folder without
  // replications.csv read as empty, a misspelt metric accepted silently.
  const fs::path a = scratch("err-a");
  REQUIRE(freightsim_cli("run " + root +
                         "/scenarios/kamenny_log.yaml --replications 2 --set horizon=5d "
                         "--set warmup=1d --quiet --out " +
                         a.string())
              .status == 0);
  const fs::path old = scratch("err-old");
  fs::copy_file(a / "summary.json", old / "summary.json");
  const fs::path garbage = scratch("err-garbage");
  std::ofstream(garbage / "summary.json") << "{\"scenario\": 3}";
  std::ofstream(garbage / "replications.csv") << "replication,status,kind,entity,metric,value\n";
  const fs::path broken = scratch("err-json");
  std::ofstream(broken / "summary.json") << "{\"scenario\": ";
  const fs::path bad_csv = scratch("err-csv");
  fs::copy_file(a / "summary.json", bad_csv / "summary.json");
  std::ofstream(bad_csv / "replications.csv")
      << "replication,status,kind,entity,metric,value\n0,done,nodes,x\n";
  const std::string as = a.string();
  const std::vector<std::pair<std::string, std::string>> cases{
      {"compare " + as + " " + as + "-missing", as + "-missing: no such result folder"},
      {"compare " + as + " " + old.string(),
       old.string() + ": no replications.csv (written by `freightsim run` since compare exists): run the "
                      "scenario again to compare it"},
      {"compare " + as + " " + garbage.string(),
       (garbage / "summary.json").string() + ": not a freightsim summary: no valid 'scenario'"},
      // Catches nlohmann's "[json.exception.parse_error.101]" prefix in the message.
      {"compare " + as + " " + broken.string(), (broken / "summary.json").string() +
                                                    ": not valid JSON: parse error at line 1, column 14: "
                                                    "syntax error while parsing value - unexpected end "
                                                    "of input; expected '[', '{', or a literal"},
      {"compare " + as + " " + bad_csv.string(),
       (bad_csv / "replications.csv").string() +
           ":2:1: expected 6 fields: replication,status,kind,entity,metric,value"},
      {"compare " + as + " " + as + " --metric nodes.medininkai.wait_h.maen",
       "--metric: unknown metric 'nodes.medininkai.wait_h.maen' (closest: 'nodes.medininkai.wait_h.mean')"},
      {"compare " + as + " " + as + " --out " + as + "/nowhere/x.csv",
       "--out: no folder '" + as + "/nowhere' to write into"},
  };
  for (const auto& c : cases) {
    const command_result r = freightsim_cli(c.first);
    INFO(c.first);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err == c.second + "\n");
  }
  const command_result alpha = freightsim_cli("compare " + as + " " + as + " --alpha 1.5");
  CHECK(alpha.status == 2);
  CHECK(alpha.err.find("--alpha") != std::string::npos);
  CHECK(std::count(alpha.err.begin(), alpha.err.end(), '\n') == 1);
}

// The warning read "X is incomplete (its sweep has not finished (see sweep --resume)): its 2 finished
// replication(s) are compared", brackets nested and the count unworded. Catches: a complete folder warned
// about, the reason or the count left out.
TEST_CASE("an incomplete folder or stored variant is named with its reason and its finished replications") {
  result_folder r;
  r.values.name = "store.db:base";
  r.values.replications[0] = {1.0};
  CHECK(incomplete_warning(r).empty());
  r.complete = false;
  r.incomplete_reason = "its sweep has not finished (see sweep --resume)";
  CHECK(incomplete_warning(r) ==
        "store.db:base is incomplete: its sweep has not finished (see sweep --resume); its 1 finished "
        "replication is compared");
  r.values.replications[3] = {2.0};
  CHECK(incomplete_warning(r) ==
        "store.db:base is incomplete: its sweep has not finished (see sweep --resume); its 2 finished "
        "replications are compared");
}
