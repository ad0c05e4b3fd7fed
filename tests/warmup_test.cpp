// warmup: auto: the MSER statistic on a hand-computed series, and MSER-5 on an M/M/1 that starts with a long
// queue (the node is closed for its first 100 h, so about 80 units are waiting when it opens).
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "freightsim/experiment/warmup.hpp"
#include "freightsim/output/json_summary.hpp"
#include "freightsim/output/text_table.hpp"
#include "freightsim/stats/mser.hpp"
#include "run_helpers.hpp"
#include "stat_checks.hpp"

using namespace freightsim;

TEST_CASE("MSER statistic and truncation on a hand-computed series") {
  // MSER(d) by hand for 10, 2, 4, 3, 5: d=0 mean 4.8, squares 38.8 / 25; d=1 mean 3.5, 5 / 16; d=2 mean 4,
  // 2 / 9; d=3 mean 4, 2 / 4; d=4: one value, 0. Catches a denominator n - d instead of (n - d)^2 (7.76,
  // 1.25, ...) and deviations from the whole series' mean instead of the rest's.
  const std::vector<double> z{10, 2, 4, 3, 5};
  CHECK(mser_statistic(z, 0) == doctest::Approx(1.552));
  CHECK(mser_statistic(z, 1) == doctest::Approx(0.3125));
  CHECK(mser_statistic(z, 2) == doctest::Approx(2.0 / 9.0));
  CHECK(mser_statistic(z, 3) == doctest::Approx(0.5));
  CHECK(mser_statistic(z, 4) == 0.0);
  // Batches of 1: the minimum over d <= k/2 = 2 is d = 2; d = 4 (0) lies in the second half, which MSER must
  // not consider (a search over every d would return 4).
  CHECK(mser_truncation(z, 1) == 2);
  // MSER-5 on batches whose means are 10, 2, 4, 3, 5 (each batch m-2 .. m+2): 2 batches, 10 observations. On
  // the raw 25 values MSER would delete 7 (a version that ignores `batch` returns 7). Three trailing values
  // of an incomplete batch are left out (counted as a sixth batch they would move the answer).
  std::vector<double> series;
  for (const double m : z)
    for (double e = -2; e <= 2; ++e)
      series.push_back(m + e);
  CHECK(mser_truncation(series, 5) == 10);
  CHECK(mser_truncation(std::vector<double>(series.begin(), series.end()), 1) == 7);
  series.insert(series.end(), {1000, 1000, 1000});
  CHECK(mser_truncation(series, 5) == 10);
  // A stationary (here constant) series: nothing to delete; ties go to the smallest d.
  CHECK(mser_truncation(std::vector<double>(50, 3.0), 5) == 0);
  CHECK(mser_truncation(std::vector<double>(9, 3.0), 5) == 0);  // one batch
}

namespace {

// M/M/1, rho = 0.8: arrivals 0.8/h, service exponential with mean 1 h. Closed for [0, 100 h): the
// replication starts with a transient of about 80 units that takes some 400 h more to drain.
std::string mm1_closed_at_start(const std::string& warmup) {
  return "name: M/M/1 opening with a queue\nhorizon: 20000h\nwarmup: " + warmup +
         "\nseed: 7\nreplications: 20\n"
         "nodes:\n"
         "  - {id: a}\n"
         "  - id: gate\n"
         "    servers: 1\n"
         "    service: {dist: exponential, mean: 1h}\n"
         "    disruptions: [{from: 0h, to: 100h, servers: 0}]\n"
         "  - {id: b}\n"
         "links:\n"
         "  - {from: a, to: gate, mode: road, time: 1min}\n"
         "  - {from: gate, to: b, mode: road, time: 1min}\n"
         "flows:\n"
         "  - {id: f, from: a, to: b, arrivals: {process: poisson, rate: 0.8/h}, route: shortest}\n";
}

}  // namespace

TEST_CASE("warmup: auto picks the end of a known initial transient (M/M/1 opening with a long queue)") {
  const double wq = testing::mmc_wq_by_sum(1, 0.8, 1.0);  // 4 h
  const auto automatic = testing::run_text(mm1_closed_at_start("auto"));
  const auto none = testing::run_text(mm1_closed_at_start("0h"));
  const auto wait = [](const replication_result& r) { return r.nodes[1].wait_h.mean(); };
  const double bin_h = 20000.0 / warmup_observations;
  for (std::size_t i = 0; i < automatic.result.replications.size(); ++i) {
    const replication_result& r = automatic.result.replications[i];
    INFO("replication " << i << ": warm-up " << r.warmup_h << " h");
    // At least the closure: keeping any of the build-up keeps the hump of 80 units (a truncation that
    // ignores the series, or picks the minimum at d = 0, fails here).
    CHECK(r.warmup_h >= 100.0);
    // Not at the half-way limit: MSER found a stationary rest (a search that always returns k/2 fails).
    CHECK(r.warmup_h < 10000.0 - 5 * bin_h);
    // A whole number of observation intervals.
    CHECK(r.warmup_h / bin_h == doctest::Approx(std::round(r.warmup_h / bin_h)));
    // The second run replays the same draws: the same units were created.
    CHECK(r.created == none.result.replications[i].created);
  }
  // What remains is stationary: the mean wait matches M/M/1 theory (two checks in this case) ...
  testing::check_mean_matches(testing::per_replication(automatic.result, wait), wq, "Wq after MSER-5", 2);
  // ... and without the truncation it does not: the test can tell a warm-up that deletes nothing.
  const interval_estimate biased =
      summarize(testing::per_replication(none.result, wait), 1.0 - testing::family_error / 2);
  INFO("without warm-up: " << biased.mean << " ± " << *biased.ci95 << ", theory " << wq);
  CHECK(biased.mean - *biased.ci95 > wq);

  // Reported: summary.json's warmup_auto (per replication, in order) and the table's header line.
  const auto doc = nlohmann::json::parse(to_json(automatic.sum));
  REQUIRE(doc.contains("warmup_auto"));
  const auto& per = doc["warmup_auto"]["per_replication_h"];
  REQUIRE(per.size() == automatic.result.replications.size());
  for (std::size_t i = 0; i < per.size(); ++i)
    CHECK(per[i].get<double>() == automatic.result.replications[i].warmup_h);
  CHECK(doc["warmup_h"].get<double>() == doctest::Approx(automatic.sum.warmup_h));
  CHECK(text_table(automatic.sum).find("warm-up auto (MSER-5) mean") != std::string::npos);
  CHECK_FALSE(nlohmann::json::parse(to_json(none.sum)).contains("warmup_auto"));
}

TEST_CASE("warmup: auto gives the same truncations and figures whatever the thread count") {
  const auto a = testing::run_text(mm1_closed_at_start("auto"), 1);
  const auto b = testing::run_text(mm1_closed_at_start("auto"), 2);
  CHECK(to_json(a.sum) == to_json(b.sum));
  CHECK(a.sum.warmup_chosen_h == b.sum.warmup_chosen_h);
}
