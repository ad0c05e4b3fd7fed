// The report of a sweep folder: each metric of interest against the swept parameter with its 95% interval
// band, and the paired differences from the baseline, all read from the sweep's comparison.csv.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "freightsim/output/report.hpp"
#include "report_parts.hpp"

namespace freightsim {

namespace {

using namespace report;

struct assignment {
  std::string path, value;
};

// "a=1, b=370/d" -> {(a, 1), (b, 370/d)}; empty when the name is not such a list (a what-if's file stem).
std::vector<assignment> assignments_of(const std::string& name) {
  std::vector<assignment> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = name.find(", ", start);
    const std::string part = name.substr(start, end == std::string::npos ? std::string::npos : end - start);
    const std::size_t eq = part.find('=');
    if (eq == std::string::npos || eq == 0) return {};
    out.push_back({part.substr(0, eq), part.substr(eq + 1)});
    if (end == std::string::npos) return out;
    start = end + 2;
  }
}

// The number a value starts with and the rest ("370/d" -> 370, "/d").
std::optional<std::pair<double, std::string>> leading_number(const std::string& text) {
  double x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc{} || !std::isfinite(x)) return std::nullopt;
  return std::pair(x, std::string(end, text.data() + text.size()));
}

// Where each variant goes on the charts: x is the first swept parameter with numeric values that differ; the
// other parameters that vary at one x (a grid) make separate series. Without such a parameter (what-if
// files), x is the variant's number.
struct sweep_axis {
  bool numeric = false;
  std::string label;
  std::vector<double> x;
  std::vector<std::string> x_text;
  std::vector<std::size_t> series;
  std::vector<std::string> series_names;
};

sweep_axis axis_of(const std::vector<std::string>& variants) {
  sweep_axis out;
  std::vector<std::vector<assignment>> a;
  for (const auto& v : variants)
    a.push_back(assignments_of(v));
  const auto same_paths = [&](const std::vector<assignment>& x) {
    if (x.empty() || x.size() != a.front().size()) return false;
    for (std::size_t p = 0; p < x.size(); ++p)
      if (x[p].path != a.front()[p].path) return false;
    return true;
  };
  std::optional<std::size_t> chosen;
  if (std::all_of(a.begin(), a.end(), same_paths))
    for (std::size_t p = 0; p < a.front().size() && !chosen; ++p) {
      bool numeric = true, varies = false;
      for (const auto& v : a) {
        numeric = numeric && leading_number(v[p].value).has_value();
        varies = varies || v[p].value != a.front()[p].value;
      }
      if (numeric && varies) chosen = p;
    }
  if (!chosen) {
    out.label = "variant (number in the table)";
    for (std::size_t v = 0; v < variants.size(); ++v) {
      out.x.push_back(static_cast<double>(v));
      out.x_text.push_back(variants[v]);
      out.series.push_back(0);
    }
    out.series_names = {"mean"};
    return out;
  }
  const std::size_t p = *chosen;
  out.numeric = true;
  std::string unit = leading_number(a.front()[p].value)->second;
  for (const auto& v : a) {
    const auto n = leading_number(v[p].value);
    out.x.push_back(n->first);
    out.x_text.push_back(v[p].value);
    if (n->second != unit) unit.clear();
  }
  out.label = a.front()[p].path + (unit.empty() ? "" : " (" + unit + ")");
  // A parameter makes series when it takes more than one value at some x (a grid), not when it moves with x
  // (zip).
  std::vector<std::size_t> others;
  for (std::size_t q = 0; q < a.front().size(); ++q) {
    if (q == p) continue;
    std::map<std::string, std::string> at_x;
    bool splits = false;
    for (const auto& v : a) {
      const auto [it, added] = at_x.try_emplace(v[p].value, v[q].value);
      splits = splits || (!added && it->second != v[q].value);
    }
    if (splits) others.push_back(q);
  }
  for (const auto& v : a) {
    std::string key;
    for (const std::size_t q : others)
      key += (key.empty() ? "" : ", ") + v[q].path + "=" + v[q].value;
    if (key.empty()) key = "mean";
    const auto it = std::find(out.series_names.begin(), out.series_names.end(), key);
    out.series.push_back(static_cast<std::size_t>(it - out.series_names.begin()));
    if (it == out.series_names.end()) out.series_names.push_back(key);
  }
  return out;
}

std::vector<const sweep_row*> rows_of(const sweep_folder& s, const std::string& metric) {
  std::vector<const sweep_row*> out(s.variants.size(), nullptr);
  for (const auto& r : s.rows)
    if (r.metric == metric && r.variant < out.size()) out[r.variant] = &r;
  return out;
}

std::string y_label(const std::string& metric) {
  const std::string unit = metric_unit(metric);
  return unit.empty() ? metric : metric + " (" + unit + ")";
}

// The chart's y axis: the statistic without kind and entity (the section's heading names them), and its unit.
std::string y_axis_label(const std::string& metric) {
  const std::size_t first = metric.find('.');
  const std::size_t second = first == std::string::npos ? first : metric.find('.', first + 1);
  const std::string unit = metric_unit(metric);
  const std::string statistic = second == std::string::npos ? metric : metric.substr(second + 1);
  return unit.empty() ? statistic : statistic + " (" + unit + ")";
}

std::string metric_chart(const sweep_folder& s, const sweep_axis& axis, const std::string& metric) {
  const auto rows = rows_of(s, metric);
  double lo = INFINITY, hi = -INFINITY;
  for (const auto* r : rows)
    if (r && std::isfinite(r->mean)) {
      const double h = r->ci95.value_or(0);
      lo = std::min(lo, r->mean - h);
      hi = std::max(hi, r->mean + h);
    }
  if (!std::isfinite(lo)) return "<p class=\"note\">No variant has a figure for this metric.</p>";
  if (lo >= 0 && lo < 0.3 * hi) lo = 0;
  const double pad_y = hi > lo ? 0.06 * (hi - lo) : std::max(1.0, std::abs(hi) * 0.1);
  const auto [xmin, xmax] = std::minmax_element(axis.x.begin(), axis.x.end());
  const double pad_x = *xmax > *xmin ? 0.04 * (*xmax - *xmin) : 1;
  const double legend_rows = std::ceil(static_cast<double>(axis.series_names.size() + 1) / 3);
  frame f;
  f.x0 = *xmin - pad_x;
  f.x1 = *xmax + pad_x;
  f.y0 = lo == 0 ? 0 : lo - pad_y;
  f.y1 = hi + pad_y;
  const double height = f.height + 8 + 18 * legend_rows;
  std::string out = "<figure>" + svg_open(f.width, height, metric + " against " + axis.label);
  out += axes(f, axis.label, y_axis_label(metric));
  std::vector<std::pair<std::string, std::string>> items;
  for (std::size_t k = 0; k < axis.series_names.size(); ++k) {
    std::vector<std::size_t> members;
    for (std::size_t v = 0; v < rows.size(); ++v)
      if (axis.series[v] == k && rows[v] && std::isfinite(rows[v]->mean)) members.push_back(v);
    std::sort(members.begin(), members.end(), [&](auto i, auto j) { return axis.x[i] < axis.x[j]; });
    const char* colour = series_colour(k);
    items.emplace_back(colour, axis.series_names[k]);
    std::string upper, lower, line;
    for (const std::size_t v : members) {
      const double h = rows[v]->ci95.value_or(0);
      upper += fmt::format("{:.1f},{:.1f} ", f.x(axis.x[v]), f.y(rows[v]->mean + h));
      lower = fmt::format("{:.1f},{:.1f} ", f.x(axis.x[v]), f.y(rows[v]->mean - h)) + lower;
      line += fmt::format("{}{:.1f},{:.1f}", line.empty() ? "M" : " L", f.x(axis.x[v]), f.y(rows[v]->mean));
    }
    if (members.empty()) continue;
    out += fmt::format("<polygon class=\"band\" fill=\"{}\" points=\"{}{}\"/>", colour, upper, lower);
    out += fmt::format("<path class=\"series\" stroke=\"{}\" d=\"{}\"/>", colour, line);
    for (const std::size_t v : members) {
      const auto& r = *rows[v];
      if (v == 0)
        out += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"7\" fill=\"none\" stroke=\"#000\"/>",
                           f.x(axis.x[v]), f.y(r.mean));
      out += fmt::format(
          "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\" fill=\"{}\" stroke=\"{}\" "
          "stroke-width=\"1.5\"><title>{}: "
          "{}</title></circle>",
          f.x(axis.x[v]), f.y(r.mean), r.significant ? colour : "#fff", colour, esc(r.variant_name),
          sig4(r.mean));
    }
  }
  items.emplace_back("#9aa5b1", "band: 95% interval of the mean");
  out += legend(items, f.left, f.height + 4, f.width - f.left - f.right);
  return out +
         "</svg><figcaption>Mean over replications per variant with its 95% confidence band. The baseline "
         "(variant 0) is ringed; a filled point's paired difference from it is significant (Bonferroni over "
         "the sweep's differences); an open point's is not.</figcaption></figure>";
}

std::string cell(const sweep_row& r, const char* field, double value) {
  if (!std::isfinite(value)) return none_cell;
  return fmt::format("<td class=\"n\" data-metric=\"{}\" data-variant=\"{}\" data-field=\"{}\">{}</td>",
                     esc(r.metric), r.variant, field, sig4(value));
}

std::string optional_cell(const sweep_row& r, const char* field, const std::optional<double>& value) {
  return value ? cell(r, field, *value) : std::string("<td class=\"n\">–</td>");
}

std::string metric_table(const sweep_folder& s, const sweep_axis& axis, const std::string& metric) {
  std::string out = "<table><caption>" + esc(y_label(metric)) +
                    ": per variant, and paired difference from the baseline</caption><thead><tr><th>#</th>"
                    "<th>variant</th>" +
                    (axis.numeric ? "<th>" + esc(axis.label) + "</th>" : std::string()) +
                    "<th>mean</th><th>± 95%</th><th>difference from baseline</th><th>± 95%</th><th>pairs</th>"
                    "<th>significant</th></tr></thead><tbody>";
  const auto rows = rows_of(s, metric);
  for (std::size_t v = 0; v < rows.size(); ++v) {
    if (!rows[v]) continue;
    const auto& r = *rows[v];
    out += fmt::format("<tr{}><td class=\"n\">{}</td><td>{}</td>", r.significant ? " class=\"sig\"" : "", v,
                       esc(r.variant_name));
    if (axis.numeric) out += "<td class=\"n\">" + esc(axis.x_text[v]) + "</td>";
    out += cell(r, "mean", r.mean) + optional_cell(r, "ci95", r.ci95);
    if (v == 0) {
      out += "<td>(baseline)</td><td></td><td class=\"n\">" + std::to_string(r.pairs) + "</td><td></td></tr>";
      continue;
    }
    out += cell(r, "difference", r.difference) + optional_cell(r, "difference_ci95", r.difference_ci95);
    out += fmt::format(
        "<td class=\"n\">{}</td><td data-metric=\"{}\" data-variant=\"{}\" "
        "data-field=\"significant\">{}</td></tr>",
        r.pairs, esc(r.metric), r.variant, r.significant ? "yes" : "no");
  }
  return out + "</tbody></table>";
}

std::string md_cell(std::string text) {
  std::string out;
  for (const char c : text)
    out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string md_number(double x) {
  return std::isfinite(x) ? sig4(x) : "none";
}

// "Name (folder)": a planner's sweep is known by its name; the folder says which run of it.
std::string heading(const sweep_folder& s) {
  return s.title.empty() ? s.name : s.title + " (" + s.name + ")";
}

std::string md_optional(const std::optional<double>& x) {
  return x ? md_number(*x) : "–";
}

}  // namespace

std::string sweep_html_report(const sweep_folder& s) {
  const sweep_axis axis = axis_of(s.variants);
  const std::string header = fmt::format(
      "<p>freightsim sweep report of <code>{}</code>: {} variants, {} metrics of interest, read from its "
      "{}. All variants ran the same replications with one seed (common random numbers), so "
      "each is compared with the baseline, variant 0 (<em>{}</em>), by paired differences with 95% "
      "intervals; a difference is significant when its interval at confidence 1 − 0.05/k excludes 0, k "
      "being the number of differences (Bonferroni). Every run's figures are in {}.</p>",
      esc(s.name), s.variants.size(), s.metrics.size(),
      s.from_store ? "summary table (a result store)" : "comparison.csv", esc(s.variants.front()),
      s.from_store ? "the store (<code>freightsim export</code> writes them as CSV)" : "runs.csv beside it");
  std::string nav, body;
  for (std::size_t m = 0; m < s.metrics.size(); ++m) {
    nav += fmt::format("<a href=\"#metric-{}\">{}</a>", m, esc(s.metrics[m]));
    body += fmt::format("<section id=\"metric-{}\"><h2>{}</h2>", m, esc(s.metrics[m]));
    body += metric_chart(s, axis, s.metrics[m]) + metric_table(s, axis, s.metrics[m]) + "</section>";
  }
  return page("Sweep: " + heading(s), header, nav, body, FREIGHTSIM_VERSION,
              s.from_store ? "the result store's summary table" : "the sweep's comparison.csv");
}

std::string sweep_markdown_report(const sweep_folder& s) {
  std::string out = fmt::format(
      "# Sweep: {}\n\n{} variants; baseline: {}. Paired differences from the baseline with 95% intervals; "
      "significant: the interval at 1 − 0.05/k excludes 0 (Bonferroni over the k differences).\n",
      heading(s), s.variants.size(), s.variants.front());
  for (const auto& metric : s.metrics) {
    out += "\n## " + y_label(metric) +
           "\n\n| # | variant | mean | ± 95% | difference | ± 95% | pairs | significant |\n"
           "|---|---|---|---|---|---|---|---|\n";
    for (const auto* r : rows_of(s, metric))
      if (r)
        out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", r->variant,
                           md_cell(r->variant_name), md_number(r->mean), md_optional(r->ci95),
                           r->variant == 0 ? "(baseline)" : md_number(r->difference),
                           r->variant == 0 ? "" : md_optional(r->difference_ci95), r->pairs,
                           r->variant == 0 ? "" : (r->significant ? "**yes**" : "no"));
  }
  return out;
}

}  // namespace freightsim
