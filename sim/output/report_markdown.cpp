// report.md: the report's key tables in Markdown, for pasting into documents.
#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <optional>

#include "freightsim/output/report.hpp"
#include "freightsim/output/text_table.hpp"
#include "report_parts.hpp"

namespace freightsim {

namespace {

using json = nlohmann::json;
using report::fixed;

// Markdown table cells: no pipes or line breaks inside.
std::string cell(std::string text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// A number, or "none" for null (no transit time without deliveries).
std::string fixed_or_none(const json& x, int decimals) {
  return x.is_null() ? "none" : fixed(x.get<double>(), decimals);
}

std::string with_ci(const json& e, int decimals) {
  if (e.at("mean").is_null()) return "none";
  const auto& ci = e.at("ci95");
  return fixed(e.at("mean").get<double>(), decimals) +
         (ci.is_null() ? "" : " ± " + fixed(ci.get<double>(), decimals));
}

}  // namespace

// The main nodes' time series in one row each: when the units waiting (for a server or a place) peaked, and
// how they ended; the full series are in report.html and summary.json.
std::string queues_over_time(const json& s) {
  const std::vector<std::size_t> order = report::series_nodes_by_waiting(s);
  if (order.empty()) return "";
  std::string out =
      "\n## Queues over time (main nodes)\n\nUnits waiting for a server or a place, mean over replications "
      "at "
      "each sample time (warm-up included); units leaving per day over each interval.\n\n| node | peak "
      "units waiting | at day | units waiting at the end | units leaving per day, lowest – highest "
      "interval |\n|---|--:|--:|--:|--:|\n";
  for (const std::size_t i : order) {
    const json& n = s.at("nodes")[i];
    const json& series = n.at("series");
    const json& time = series.at("time_h");
    if (time.empty()) continue;
    std::size_t peak = 0;
    double lowest = 0, highest = 0;
    const auto waiting = [&](std::size_t k) {
      return series.at("queue").at("mean")[k].get<double>() +
             series.at("approach_queue").at("mean")[k].get<double>();
    };
    for (std::size_t k = 0; k < time.size(); ++k) {
      if (waiting(k) > waiting(peak)) peak = k;
      const double leaving = series.at("throughput_per_day").at("mean")[k].get<double>();
      lowest = k ? std::min(lowest, leaving) : leaving;
      highest = k ? std::max(highest, leaving) : leaving;
    }
    out += fmt::format("| {} | {} | {} | {} | {} – {} |\n", cell(n.at("name").get<std::string>()),
                       fixed(waiting(peak), 1), fixed(time[peak].get<double>() / 24.0, 1),
                       fixed(waiting(time.size() - 1), 1), fixed(lowest, 1), fixed(highest, 1));
  }
  return out;
}

// Each adaptive flow's split: a path's share of the units created in the window, and its lowest and highest
// share of those created in one interval of the run (the chart is in report.html).
std::string route_choice(const json& s) {
  std::string out;
  for (const auto& f : s.at("flows")) {
    if (!f.contains("routes")) continue;
    out += "\n**" + cell(f.at("id").get<std::string>()) +
           "**\n\n| path | via | share of units created in the window | lowest – highest share in an "
           "interval | highest at day |\n|--:|---|--:|--:|--:|\n";
    const json& time = f.at("route_series_time_h");
    for (std::size_t p = 0; p < f.at("routes").size(); ++p) {
      const json& r = f.at("routes")[p];
      const json& mean = r.at("series").at("mean");
      std::optional<std::size_t> low, high;
      for (std::size_t k = 0; k < mean.size(); ++k) {
        if (mean[k].is_null()) continue;
        if (!low || mean[k].get<double>() < mean[*low].get<double>()) low = k;
        if (!high || mean[k].get<double>() > mean[*high].get<double>()) high = k;
      }
      out += fmt::format(
          "| {} | {} | {} | {} | {} |\n", p + 1, cell(report::path_text(s, r.at("via"))),
          with_ci(r.at("share"), 3),
          low ? fixed(mean[*low].get<double>(), 3) + " – " + fixed(mean[*high].get<double>(), 3) : "–",
          high && mean[*high] != mean[*low] ? fixed(time[*high].get<double>() / 24.0, 1) : "–");
    }
  }
  if (out.empty()) return "";
  return "\n## Route choice (route: adaptive)\n\nEach unit chooses its path when it is created. Shares are "
         "means "
         "over replications; an interval is one of the run's equal intervals (warm-up included), its day its "
         "end.\n" +
         out;
}

std::string markdown_report(const json& s) {
  std::string out = "# " + s.at("scenario").get<std::string>() + "\n\n";
  out += fmt::format(
      "freightsim {} · `{}` (SHA-256 `{}`) · seed {} · {} · horizon {} h · warm-up {} h. Means "
      "over "
      "replications ± 95% CI half width; times in hours.\n\n",
      s.at("freightsim_version").get<std::string>(), s.at("scenario_file").get<std::string>(),
      s.at("scenario_sha256").is_null() ? "–" : s.at("scenario_sha256").get<std::string>(),
      s.at("seed").get<std::uint64_t>(), count_of(s.at("replications").get<std::uint64_t>(), "replication"),
      fixed(s.at("horizon_h").get<double>(), 1), fixed(s.at("warmup_h").get<double>(), 1));
  for (const auto& w : s.at("warnings"))
    out += "> **Warning:** " + w.get<std::string>() + "\n>\n";
  if (!s.at("warnings").empty()) out += "\n";

  out +=
      "## Flows\n\n| flow | from → to | delivered | transit mean h | P50 h | P90 h | P95 h | cost USD/unit "
      "|\n"
      "|---|---|--:|--:|--:|--:|--:|--:|\n";
  for (const auto& f : s.at("flows")) {
    const auto& t = f.at("transit_time_h");
    out +=
        fmt::format("| {} | {} → {} | {} | {} | {} | {} | {} | {} |\n", cell(f.at("id").get<std::string>()),
                    cell(report::node_name(s, f.at("from").get<std::string>())),
                    cell(report::node_name(s, f.at("to").get<std::string>())), with_ci(f.at("delivered"), 0),
                    with_ci(t, 1), fixed_or_none(t.at("p50"), 1), fixed_or_none(t.at("p90"), 1),
                    fixed_or_none(t.at("p95"), 1), with_ci(f.at("cost_usd"), 2));
  }

  out +=
      "\n## Bottlenecks\n\n| node | share of waiting % | utilization ρ | mean wait h | queue mean | "
      "units/day |\n"
      "|---|--:|--:|--:|--:|--:|\n";
  const auto& nodes = s.at("nodes");
  std::vector<std::pair<double, std::size_t>> shares;
  double total = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const double h =
        report::total_wait(nodes[i]) * nodes[i].at("throughput_per_day").at("mean").get<double>();
    if (nodes[i].at("servers").get<int>() == 0 && h <= 0) continue;  // a junction nobody waited at
    shares.emplace_back(h, i);
    total += h;
  }
  std::stable_sort(shares.begin(), shares.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [h, i] : shares) {
    const auto& n = nodes[i];
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", cell(n.at("name").get<std::string>()),
                       fixed(total > 0 ? 100 * h / total : 0, 1),
                       n.at("servers").get<int>() == 0 ? "junction" : with_ci(n.at("utilization"), 3),
                       with_ci(n.at("wait_h"), 2), with_ci(n.at("queue_length"), 2),
                       with_ci(n.at("throughput_per_day"), 1));
  }

  out += "\n## Where the days go (mean hours per delivered unit)\n";
  for (const auto& f : s.at("flows")) {
    if (f.at("transit_time_h").at("mean").is_null()) {
      out += "\n**" + cell(f.at("id").get<std::string>()) + "**: no unit delivered after the warm-up.\n";
      continue;
    }
    out += "\n**" + cell(f.at("id").get<std::string>()) +
           "**\n\n| place | waits h | service h | travel h |\n|---|--:|--:|--:|\n";
    double sum = 0;
    for (const auto& e : f.at("breakdown_h")) {
      if (e.contains("link")) {
        const double h = e.at("travel").get<double>();
        sum += h;
        out +=
            fmt::format("| {} → {} | | | {} |\n", cell(report::node_name(s, e.at("from").get<std::string>())),
                        cell(report::node_name(s, e.at("to").get<std::string>())), fixed(h, 2));
        continue;
      }
      double waits = 0;
      for (const char* c : report::wait_causes)
        waits += e.at(c).get<double>();
      const double service = e.at("service").get<double>();
      sum += waits + service;
      out += fmt::format("| {} | {} | {} | |\n", cell(report::node_name(s, e.at("node").get<std::string>())),
                         fixed(waits, 2), fixed(service, 2));
    }
    out += fmt::format("| **total** (= mean transit time {} h) | | | **{}** |\n",
                       fixed(f.at("transit_time_h").at("mean").get<double>(), 2), fixed(sum, 2));
  }

  out += queues_over_time(s);
  out += route_choice(s);
  out +=
      "\n## Links\n\n| link | mode | units/day | vehicles/day | load factor | left behind/day |\n"
      "|---|---|--:|--:|--:|--:|\n";
  for (const auto& l : s.at("links"))
    out += fmt::format(
        "| {} → {} | {} | {} | {} | {} | {} |\n", cell(report::node_name(s, l.at("from").get<std::string>())),
        cell(report::node_name(s, l.at("to").get<std::string>())), l.at("mode").get<std::string>(),
        with_ci(l.at("units_per_day"), 1), with_ci(l.at("vehicles_per_day"), 2),
        l.at("load_factor").is_null() ? "–" : with_ci(l.at("load_factor"), 3),
        with_ci(l.at("left_behind_per_day"), 1));
  return out;
}

}  // namespace freightsim
