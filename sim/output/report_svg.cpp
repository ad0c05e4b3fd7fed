// Text and chart primitives for the report's inline SVG: escaping, ticks, colours, axes, legends.
#include <fmt/format.h>

#include <cmath>

#include "report_parts.hpp"

namespace freightsim::report {

std::string esc(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string fixed(double x, int decimals) {
  if (!std::isfinite(x)) return "–";
  std::string text = fmt::format("{:.{}f}", x, decimals);
  if (text.find_first_not_of("-0.") == std::string::npos && text.front() == '-')
    text.erase(0, 1);  // no "-0.0"
  return text;
}

std::vector<double> ticks(double lo, double hi, int target) {
  if (!(hi > lo)) hi = lo + 1;
  const double raw = (hi - lo) / std::max(1, target);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  std::vector<double> out;
  for (double t = std::ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step)
    out.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return out;
}

std::string heat_colour(double t) {
  // YlOrRd, five stops, interpolated.
  static constexpr int stops[][3] = {
      {255, 255, 178}, {254, 204, 92}, {253, 141, 60}, {240, 59, 32}, {189, 0, 38}};
  t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0) * 4.0;
  const int i = std::min(3, static_cast<int>(t));
  const double f = t - i;
  int rgb[3];
  for (int k = 0; k < 3; ++k)
    rgb[k] = static_cast<int>(std::lround(stops[i][k] + f * (stops[i + 1][k] - stops[i][k])));
  return fmt::format("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
}

const char* part_colour(std::size_t part) {
  // The wait causes (queue, train_forming, sailing, blocked, closed, dwell, hold, transfer, no_path,
  // no_vehicle),
  // service, travel (Okabe–Ito where it reaches, colour-blind safe).
  static constexpr const char* colours[] = {"#d55e00", "#e69f00", "#56b4e9", "#cc79a7", "#000000", "#f0e442",
                                            "#0072b2", "#8c6d31", "#7f7f7f", "#882255", "#009e73", "#b8c4d6"};
  return colours[std::min<std::size_t>(part, travel_part)];
}

const char* part_label(std::size_t part) {
  static constexpr const char* labels[] = {"queue",         "train forming", "sailing", "blocked",
                                           "closed",        "dwell",         "hold",    "transfer",
                                           "no train path", "no vehicle",    "service", "travel"};
  return labels[std::min<std::size_t>(part, travel_part)];
}

std::string shorten(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0, i = 0;
  for (; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    if (chars++ == max_chars) return std::string(text.substr(0, i)) + "…";
  }
  return std::string(text);
}

std::string svg_open(double width, double height, std::string_view title, std::string_view css_class) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{}\" viewBox=\"0 0 {} {}\" width=\"{}\" "
      "height=\"{}\" "
      "role=\"img\"><title>{}</title>",
      css_class, fixed(width, 0), fixed(height, 0), fixed(width, 0), fixed(height, 0), esc(title));
}

std::string axes(const frame& f, std::string_view x_label, std::string_view y_label) {
  std::string out = "<g class=\"axes\">";
  // The fewest decimals that print every multiple of the step exactly: a step of 0.25 needs two (with one,
  // 0.25 and 0.75 printed as 0.2 and 0.8).
  const auto decimals = [](const std::vector<double>& t) {
    if (t.size() < 2) return 0;
    const double step = t[1] - t[0];
    int d = 0;
    for (double scaled = step; d < 9 && std::abs(scaled - std::round(scaled)) > 1e-6 * scaled; ++d)
      scaled *= 10;
    return d;
  };
  const auto xt = ticks(f.x0, f.x1, 6), yt = ticks(f.y0, f.y1, 5);
  const int xd = decimals(xt), yd = decimals(yt);
  for (const double t : xt) {
    if (t < f.x0 - 1e-9 || t > f.x1 + 1e-9) continue;
    out += fmt::format("<line class=\"grid\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\"/>",
                       f.x(t), f.top, f.height - f.bottom);
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>", f.x(t),
                       f.height - f.bottom + 16, fixed(t, xd));
  }
  for (const double t : yt) {
    if (y_label.empty()) break;  // a category axis: the chart labels its rows itself
    if (t < f.y0 - 1e-9 || t > f.y1 + 1e-9) continue;
    out += fmt::format("<line class=\"grid\" x1=\"{0:.1f}\" x2=\"{1:.1f}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\"/>",
                       f.left, f.width - f.right, f.y(t));
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>", f.left - 6,
                       f.y(t) + 4, fixed(t, yd));
  }
  out += fmt::format("<line class=\"axis\" x1=\"{0:.1f}\" x2=\"{1:.1f}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\"/>",
                     f.left, f.width - f.right, f.height - f.bottom);
  out += fmt::format("<line class=\"axis\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\"/>",
                     f.left, f.top, f.height - f.bottom);
  out += fmt::format("<text class=\"label\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>",
                     (f.left + f.width - f.right) / 2, f.height - 8, esc(x_label));
  out += fmt::format(
      "<text class=\"label\" transform=\"translate(14 {:.1f}) rotate(-90)\" text-anchor=\"middle\">{}</text>",
      (f.top + f.height - f.bottom) / 2, esc(y_label));
  return out + "</g>";
}

std::string legend(const std::vector<std::pair<std::string, std::string>>& items, double x, double y,
                   double width) {
  std::string out = "<g class=\"legend\">";
  double cx = x, cy = y;
  for (const auto& [colour, label] : items) {
    const double w = 22 + 7.0 * static_cast<double>(label.size());
    if (cx + w > x + width && cx > x) {
      cx = x;
      cy += 18;
    }
    out += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"12\" height=\"12\" fill=\"{}\" stroke=\"#333\" "
        "stroke-width=\"0.5\"/><text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>",
        cx, cy, colour, cx + 16, cy + 10, esc(label));
    cx += w;
  }
  return out + "</g>";
}

}  // namespace freightsim::report
