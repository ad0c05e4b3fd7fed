// The report of a comparison of two runs: B - A per metric with intervals as `freightsim compare` computes
// them (experiment/compare: paired or Welch, Bonferroni), significant ones highlighted.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "freightsim/output/compare_table.hpp"
#include "freightsim/output/report.hpp"
#include "freightsim/output/text_table.hpp"
#include "report_parts.hpp"

namespace freightsim {

namespace {

using namespace report;

// "Kamenny Log: wait_h.mean" for nodes.kamenny_log.wait_h.mean (the node's name from summary.json); flows
// and links keep their ids, which are what the scenario calls them.
std::string metric_label(const json& summary, const std::string& metric) {
  const std::size_t first = metric.find('.');
  const std::size_t second = first == std::string::npos ? first : metric.find('.', first + 1);
  if (second == std::string::npos) return metric;
  const std::string kind = metric.substr(0, first), id = metric.substr(first + 1, second - first - 1);
  const std::string statistic = metric.substr(second + 1);
  if (kind == "nodes") return node_name(summary, id) + ": " + statistic;
  if (kind == "flows") return "flow " + id + ": " + statistic;
  return metric;
}

std::string run_description(const char* label, const result_values& r) {
  return fmt::format("<dt>{}</dt><dd><code>{}</code>: {}, seed {}, {}</dd>", label, esc(r.name),
                     esc(r.scenario), r.seed, count_of(r.replications.size(), "replication"));
}

std::string method_text(const result_comparison& c, const result_values& a, const result_values& b) {
  const std::string how =
      c.paired ? fmt::format(
                     "paired: replication r of A with replication r of B, {} pairs (same seed {}: "
                     "common random numbers)",
                     c.pairs, a.seed)
               : fmt::format("unpaired: Welch's interval ({})",
                             a.seed != b.seed ? fmt::format("seeds {} and {} differ", a.seed, b.seed)
                                              : std::string("no replication in common"));
  return fmt::format(
      "{}; each interval at {} (Bonferroni over {} metrics, family-wise alpha {}), as freightsim compare "
      "computes them",
      how, confidence_percent(c.confidence), c.deltas.size(), c.alpha);
}

// The differences of the mean times (hours): one scale, so that they share a chart.
std::string forest_chart(const json& summary, const result_comparison& c) {
  constexpr std::size_t max_rows = 30;
  std::vector<const metric_delta*> rows;
  for (const auto& d : c.deltas)
    if (std::isfinite(d.difference.mean) && d.difference.ci95 &&
        (d.metric.ends_with(".transit_time_h.mean") || d.metric.ends_with(".wait_h.mean")))
      rows.push_back(&d);
  if (rows.empty()) return "";
  const std::size_t all = rows.size();
  std::stable_sort(rows.begin(), rows.end(), [](const auto* x, const auto* y) {
    return std::abs(x->difference.mean) > std::abs(y->difference.mean);
  });
  rows.resize(std::min(rows.size(), max_rows));
  double lo = 0, hi = 0;
  for (const auto* d : rows) {
    lo = std::min(lo, d->difference.mean - *d->difference.ci95);
    hi = std::max(hi, d->difference.mean + *d->difference.ci95);
  }
  const double pad = hi > lo ? 0.05 * (hi - lo) : 1;
  frame f;
  f.left = 250;
  f.top = 8;
  f.height = f.top + f.bottom + 22.0 * static_cast<double>(rows.size());
  f.x0 = lo - pad;
  f.x1 = hi + pad;
  f.y0 = 0;
  f.y1 = static_cast<double>(rows.size());
  const double height = f.height + 26;
  std::string out = "<figure>" + svg_open(f.width, height, "B − A of the mean times with intervals");
  out += axes(f, "B − A (h)", "");
  out += fmt::format("<line class=\"zero\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\"/>",
                     f.x(0), f.top, f.height - f.bottom);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& d = *rows[i];
    const double y = f.y(static_cast<double>(rows.size() - i) - 0.5);
    const char* colour = d.significant ? "#c0392b" : "#1f4e79";
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>", f.left - 6, y + 4,
                       esc(shorten(metric_label(summary, d.metric), 32)));
    out += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{1:.1f}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\" "
        "stroke-width=\"2\"/>",
        f.x(d.difference.mean - *d.difference.ci95), f.x(d.difference.mean + *d.difference.ci95), y, colour);
    out += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"{}\"><title>{}: {} ± {}</title></circle>",
        f.x(d.difference.mean), y, colour, esc(d.metric), sig4(d.difference.mean), sig4(*d.difference.ci95));
  }
  out += legend({{"#c0392b", "significant: the interval excludes 0"}, {"#1f4e79", "not significant"}}, f.left,
                f.height + 4, f.width - f.left - f.right);
  return out + fmt::format(
                   "</svg><figcaption>B − A of the mean transit times and mean waits, with their intervals "
                   "({} of {}, largest differences first); every metric is in the table below.</figcaption>"
                   "</figure>",
                   rows.size(), all);
}

std::string cell(const metric_delta& d, const char* field, double value) {
  if (!std::isfinite(value)) return none_cell;
  return fmt::format("<td class=\"n\" data-metric=\"{}\" data-field=\"{}\">{}</td>", esc(d.metric), field,
                     sig4(value));
}

std::string delta_table(const json& summary, const result_comparison& c) {
  std::string out = fmt::format(
      "<table><caption>B − A per metric; highlighted rows are significant</caption><thead><tr><th>metric</th>"
      "<th>A</th><th>B</th><th>B − A</th><th>± {}</th><th>n (A, B)</th><th>significant</th></tr></thead>"
      "<tbody>",
      esc(confidence_percent(c.confidence)));
  for (const auto& d : c.deltas) {
    out += fmt::format("<tr{}><td title=\"{}\">{}</td>", d.significant ? " class=\"sig\"" : "", esc(d.metric),
                       esc(metric_label(summary, d.metric)));
    out +=
        cell(d, "a_mean", d.mean_a) + cell(d, "b_mean", d.mean_b) + cell(d, "difference", d.difference.mean);
    out +=
        d.difference.ci95 ? cell(d, "half_width", *d.difference.ci95) : std::string("<td class=\"n\">–</td>");
    out += fmt::format(
        "<td class=\"n\">{}, {}</td><td data-metric=\"{}\" data-field=\"significant\">{}</td></tr>", d.n_a,
        d.n_b, esc(d.metric), d.significant ? "yes" : "no");
  }
  return out + "</tbody></table>";
}

std::string md_number(double x) {
  return std::isfinite(x) ? sig4(x) : "none";
}

}  // namespace

std::string comparison_html_report(const result_comparison& c, const result_values& a, const result_values& b,
                                   const nlohmann::json& summary_a) {
  const auto significant =
      std::count_if(c.deltas.begin(), c.deltas.end(), [](const auto& d) { return d.significant; });
  const std::string header =
      "<p>freightsim comparison report: B − A per metric, means over replications.</p><dl class=\"meta\">" +
      run_description("A (baseline)", a) + run_description("B", b) + "<dt>Method</dt><dd>" +
      esc(method_text(c, a, b)) + "</dd><dt>Significant</dt><dd>" +
      fmt::format("{} of {} metrics", significant, c.deltas.size()) + "</dd></dl>";
  const std::string body = "<section id=\"times\"><h2>Mean times</h2>" + forest_chart(summary_a, c) +
                           "</section><section id=\"deltas\"><h2>Every metric</h2>" +
                           delta_table(summary_a, c) + "</section>";
  return page(a.scenario + " → " + b.scenario, header,
              "<a href=\"#times\">Mean times</a><a href=\"#deltas\">Every metric</a>", body,
              FREIGHTSIM_VERSION, "the two result folders' replications.csv");
}

std::string comparison_markdown_report(const result_comparison& c, const result_values& a,
                                       const result_values& b, const nlohmann::json& summary_a) {
  std::string out = fmt::format(
      "# {} → {}\n\nA: {} (seed {}, {}); B: {} (seed {}, {}). {}.\n\n"
      "| metric | A | B | B − A | ± {} | significant |\n|---|---|---|---|---|---|\n",
      a.scenario, b.scenario, a.name, a.seed, count_of(a.replications.size(), "replication"), b.name, b.seed,
      count_of(b.replications.size(), "replication"), method_text(c, a, b), confidence_percent(c.confidence));
  for (const auto& d : c.deltas) {
    std::string label = metric_label(summary_a, d.metric);
    for (std::size_t i = label.find('|'); i != std::string::npos; i = label.find('|', i + 2))
      label.replace(i, 1, "\\|");
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", label, md_number(d.mean_a), md_number(d.mean_b),
                       md_number(d.difference.mean), d.difference.ci95 ? md_number(*d.difference.ci95) : "–",
                       d.significant ? "**yes**" : "no");
  }
  return out;
}

}  // namespace freightsim
