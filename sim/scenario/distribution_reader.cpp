#include "distribution_reader.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string_view>

#include "freightsim/engine/time.hpp"
#include "freightsim/scenario/suggest.hpp"

namespace freightsim::detail {

namespace {

constexpr std::size_t max_empirical_bytes = 64 * 1024 * 1024;

// Values of an empirical distribution: numbers separated by commas or newlines, none empty (blank lines are
// skipped); a first line that is not numeric is a header. `unit_hours` converts them to hours.
std::vector<double> read_values_csv(const yaml_reader& in, const YAML::Node& at, const std::string& file,
                                    double unit_hours) {
  const std::filesystem::path path = in.base_dir(at) / file;
  // Devices and pipes (/dev/zero, a FIFO) could block or never end: only plain files are read, up to a limit.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    in.fail(at, "cannot read empirical values file '" + path.string() + "'" +
                    (std::filesystem::exists(path, ec) ? ": not a regular file" : ""));
  std::ifstream stream(path, std::ios::binary);
  if (!stream) in.fail(at, "cannot read empirical values file '" + path.string() + "'");
  std::string text;
  char buffer[16 * 1024];
  while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(stream.gcount()));
    if (text.size() > max_empirical_bytes)
      in.fail(at, "empirical values file '" + path.string() + "' is larger than the " +
                      std::to_string(max_empirical_bytes / 1024 / 1024) + " MiB limit");
  }
  std::istringstream lines(text);
  std::vector<double> values;
  std::string line;
  int line_no = 0;
  while (std::getline(lines, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(' ') == std::string::npos) continue;  // a blank line holds no field
    std::size_t start = 0;
    bool header = false;
    while (start <= line.size()) {
      std::size_t end = line.find(',', start);
      if (end == std::string::npos) end = line.size();
      std::string_view cell(line.data() + start, end - start);
      while (!cell.empty() && cell.front() == ' ')
        cell.remove_prefix(1);
      while (!cell.empty() && cell.back() == ' ')
        cell.remove_suffix(1);
      // An empty field ("50,,60", "60,") is a value left out, not one to skip.
      if (cell.empty() && !header)
        throw input_error(path.string(), line_no, static_cast<int>(cell.data() - line.data()) + 1,
                          "empirical value is empty; give a number in every field between commas");
      if (!cell.empty()) {
        double v = 0.0;
        const auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
        const bool numeric = ec == std::errc{} && ptr == cell.data() + cell.size();
        if (!numeric && line_no == 1 && values.empty()) {
          header = true;
        } else if (!numeric || !std::isfinite(v) || v < 0.0) {
          throw input_error(path.string(), line_no, static_cast<int>(cell.data() - line.data()) + 1,
                            "empirical value must be a finite number >= 0, not '" + std::string(cell) + "'");
        } else if (v * unit_hours > to_hours(max_sim_time)) {
          throw input_error(path.string(), line_no, static_cast<int>(cell.data() - line.data()) + 1,
                            "empirical value '" + std::string(cell) + "' is longer than the 1000-year limit");
        } else if (!header) {
          values.push_back(v * unit_hours);
        }
      }
      start = end + 1;
    }
  }
  if (values.empty()) in.fail(at, "empirical values file '" + path.string() + "' holds no values");
  in.add_data_file(path);
  return values;
}

// The distribution as written, each parameter checked on its own.
distribution read_form(const yaml_reader& in, const YAML::Node& node, const std::string& what) {
  if (node.IsScalar()) return dist::constant{in.duration_hours(node, what)};
  if (!node.IsMap()) in.fail(node, what + " must be a duration such as '6h' or a map {dist: ...}");
  const YAML::Node kind_node = in.require(node, "dist", what);
  const std::string kind = in.string(kind_node, what + ": dist");
  const auto param = [&](const char* key) {
    return in.duration_hours(in.require(node, key, what), what + ": " + key);
  };
  // Every distribution given by a coefficient of variation has the same bound: beyond it, draws are
  // dominated by astronomically rare values and the mean is not estimable in any run.
  const auto cv = [&] {
    const YAML::Node c = in.require(node, "cv", what);
    const double value = in.non_negative(c, what + ": cv");
    if (value > 100.0) in.fail(c, what + ": cv must be at most 100, not " + c.Scalar());
    return value;
  };
  if (const map_spec* form = find_form(distribution_forms(), kind)) in.map(node, what, *form);
  if (kind == "constant") {
    return dist::constant{param("value")};
  }
  if (kind == "exponential") {
    const double m = param("mean");
    if (m <= 0.0) in.fail(node["mean"], what + ": mean must be > 0");
    return dist::exponential{m};
  }
  if (kind == "uniform") {
    const dist::uniform u{param("min"), param("max")};
    if (u.min > u.max)
      in.fail(node["max"],
              what + ": max " + node["max"].Scalar() + " must be >= min " + node["min"].Scalar());
    return u;
  }
  if (kind == "triangular") {
    const dist::triangular t{param("min"), param("mode"), param("max")};
    if (t.mode < t.min)
      in.fail(node["mode"],
              what + ": mode " + node["mode"].Scalar() + " must be >= min " + node["min"].Scalar());
    if (t.max < t.mode)
      in.fail(node["max"],
              what + ": max " + node["max"].Scalar() + " must be >= mode " + node["mode"].Scalar());
    return t;
  }
  if (kind == "normal") {
    const dist::normal n{param("mean"), param("sd")};
    if (n.mean <= 0.0) in.fail(node["mean"], what + ": mean must be > 0 (the normal is truncated at 0)");
    return n;
  }
  if (kind == "lognormal" || kind == "gamma") {
    const double m = param("mean");
    if (m <= 0.0) in.fail(node["mean"], what + ": mean must be > 0");
    const double c = cv();
    if (kind == "lognormal") return dist::lognormal{m, c};
    return dist::gamma{m, c};
  }
  if (kind == "erlang") {
    const auto k =
        static_cast<std::uint32_t>(in.integer(in.require(node, "k", what), what + ": k", 1, max_erlang_k));
    const double m = param("mean");
    if (m <= 0.0) in.fail(node["mean"], what + ": mean must be > 0");
    return dist::erlang{k, m};
  }
  if (kind == "empirical") {
    const YAML::Node file = in.require(node, "file", what);
    const YAML::Node unit = in.require(node, "unit", what);
    const auto unit_hours = parse_duration_hours(std::string("1").append(in.string(unit, what + ": unit")));
    if (!unit_hours) in.fail(unit, what + ": unit must be one of ms, s, min, h, d, w");
    const std::string name = in.string(file, what + ": file");
    return dist::empirical{read_values_csv(in, file, name, *unit_hours), name};
  }
  in.fail(kind_node, what + ": unknown distribution '" + kind + "'" +
                         did_you_mean(kind, form_names(distribution_forms())));
}

// Times are whole milliseconds: a distribution whose mean is above 0 but below 1ms is drawn as 0 or 1ms (a
// constant always as 0), so what is simulated is not what is written. A mean of 0 stays legal: `time: 0h` is
// an instant step.
void refuse_mean_below_clock(const yaml_reader& in, const YAML::Node& node, const distribution& d,
                             const std::string& what) {
  const double m = mean(d);
  // "1ms" in hours times ms_per_hour is 0.999...: a relative margin keeps it legal.
  if (!(m > 0.0) || m * ms_per_hour >= 1.0 - 1e-9) return;
  const std::string clock = " is below 1ms, the clock's resolution (times are whole milliseconds); give ";
  if (node.IsScalar()) in.fail(node, what + " '" + node.Scalar() + "'" + clock + "0h or at least 1ms");
  for (const char* key : {"mean", "value"})
    if (const YAML::Node written = node[key]; written && written.IsScalar())
      in.fail(written, what + ": " + key + " '" + written.Scalar() + "'" + clock +
                           (std::string_view(key) == "mean" ? "at least 1ms" : "0h or at least 1ms"));
  char ms[32];
  const auto end = std::to_chars(ms, ms + sizeof ms, m * ms_per_hour, std::chars_format::general, 3).ptr;
  const YAML::Node file = node["file"];
  in.fail(file ? file : node, what + ": mean " + std::string(ms, end) + "ms" + clock + "0h or at least 1ms");
}

}  // namespace

distribution read_distribution(const yaml_reader& in, const YAML::Node& node, const std::string& what) {
  distribution d = read_form(in, node, what);
  refuse_mean_below_clock(in, node, d, what);
  return d;
}

}  // namespace freightsim::detail
