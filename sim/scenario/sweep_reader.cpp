// Reads a sweep file (see README, "Sweeps") into a sweep_spec.
#include <array>
#include <charconv>
#include <cmath>

#include "freightsim/scenario/sweep_spec.hpp"
#include "overlay.hpp"
#include "scenario_keys.hpp"
#include "text_checks.hpp"
#include "yaml_document.hpp"
#include "yaml_reader.hpp"

namespace freightsim {

namespace {

using detail::yaml_reader;

constexpr std::size_t max_variants = 10'000;

using detail::key_spec;
using detail::map_spec;
using t = detail::value_type;

// The sweep file's keys, for the unknown-key check and its suggestions (documented in README, "Sweeps").
constexpr std::array sweep_k{
    key_spec{.name = "name", .type = t::text, .required = true, .doc = "title"},
    key_spec{.name = "description", .type = t::text, .doc = "free text"},
    key_spec{.name = "base", .type = t::file, .required = true, .doc = "the base scenario"},
    key_spec{.name = "replications", .type = t::integer, .doc = "per variant"},
    key_spec{.name = "seed", .type = t::integer, .doc = "one seed for every variant"},
    key_spec{.name = "set", .type = t::text, .doc = "PATH: VALUE overrides for every variant"},
    key_spec{.name = "parameters", .type = t::text, .doc = "PATH: values or {from, to, step}"},
    key_spec{.name = "combine", .type = t::word, .doc = "grid or zip"},
    key_spec{.name = "variants", .type = t::text, .doc = "what-if files"},
    key_spec{.name = "metrics", .type = t::text, .required = true, .doc = "metrics of interest"}};
constexpr map_spec sweep_keys{.name = "sweep", .title = "Sweep", .doc = "a sweep file", .keys = sweep_k};
constexpr std::array range_k{key_spec{.name = "from", .type = t::number, .required = true, .doc = "first"},
                             key_spec{.name = "to", .type = t::number, .required = true, .doc = "last"},
                             key_spec{.name = "step", .type = t::number, .required = true, .doc = "step"}};
constexpr map_spec range_keys{.name = "range", .title = "Range", .doc = "a range", .keys = range_k};

// A parameter's values as override text: scalars as written, maps and lists as flow YAML.
std::string value_text(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter out;
  out << YAML::Flow << node;
  return out.c_str();
}

// A range's value from + i x step, as the planner would write it: 12 significant digits drop the binary
// error of the sum (0.1 + 2 x 0.1 is 0.30000000000000004), and a sum within rounding of 0 is 0.
std::string number_text(double x, double step) {
  if (std::abs(x) < step * 1e-9) x = 0.0;
  if (std::abs(x) < 1e15 && x == std::round(x)) return std::to_string(static_cast<long long>(x));
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::general, 12);
  return std::string(buffer, end);
}

struct parameter {
  std::string path;
  std::vector<std::string> values;
  sweep_mark mark;
  std::vector<sweep_mark> value_marks;
};

class sweep_reader {
 public:
  sweep_reader(const yaml_reader& in, const detail::source_map& sources, sweep_spec& out)
      : in_(in), sources_(sources), out_(out) {}

  void read(const YAML::Node& root) {
    if (!root.IsMap())
      in_.fail(root, "a sweep file must be a map (name, base, parameters or variants, metrics)");
    in_.map(root, "sweep", sweep_keys);
    out_.name = in_.string(in_.require(root, "name", "sweep"), "name");
    if (const auto d = root["description"]) in_.string(d, "description");
    const YAML::Node base = in_.require(root, "base", "sweep");
    const std::filesystem::path base_file = path_of(base, "base");
    if (const auto r = root["replications"]) {
      out_.replications = static_cast<std::uint32_t>(in_.integer(r, "replications", 1, 100'000));
      out_.replications_mark = mark_of(r);
    }
    if (const auto s = root["seed"]) out_.seed = in_.integer(s, "seed", 0, UINT64_MAX);
    if (const auto set = root["set"]) {
      if (!set.IsMap()) in_.fail(set, "set must be a map of PATH: VALUE applied to every variant");
      std::vector<sweep_mark> path_marks;
      for (const auto& kv : set) {
        const std::string path = in_.string(kv.first, "set: path");
        for (std::size_t i = 0; i < common_.size(); ++i)
          if (common_[i].path == path)
            in_.fail(kv.first, "set: duplicate path '" + path + "'" + first_at(path_marks[i]));
        common_.push_back({path, value_text(kv.second)});
        common_marks_.push_back(mark_of(kv.second));
        path_marks.push_back(mark_of(kv.first));
      }
    }
    const auto& common = common_;
    const YAML::Node parameters = root["parameters"];
    const YAML::Node variants = root["variants"];
    if (parameters && variants) in_.fail(variants, "give either parameters or variants, not both");
    if (!parameters && !variants) in_.fail(root, "sweep: missing key 'parameters' (or 'variants')");
    if (root["combine"] && !parameters) in_.fail(root["combine"], "combine needs parameters");
    if (parameters) {
      read_parameters(parameters);
      bool zip = false;
      if (const auto c = root["combine"]) {
        const std::string how = in_.string(c, "combine");
        if (how != "grid" && how != "zip") in_.fail(c, "combine must be 'grid' or 'zip', not '" + how + "'");
        zip = how == "zip";
      }
      zip ? zip_variants(base_file, common) : grid_variants(base_file, common);
    } else {
      in_.sequence(variants, "variants");
      if (variants.size() == 0) in_.fail(variants, "variants: list at least one what-if file");
      out_.variants.push_back({"base", base_file, common, common_marks_, mark_of(base)});
      for (const auto& v : variants) {
        const std::filesystem::path file = path_of(v, "variants");
        out_.variants.push_back({file.stem().string(), file, common, common_marks_, mark_of(v)});
      }
    }
    const YAML::Node metrics = in_.sequence(in_.require(root, "metrics", "sweep"), "metrics");
    if (metrics.size() == 0) in_.fail(metrics, "metrics: name at least one, e.g. nodes.ID.wait_h.mean");
    for (const auto& m : metrics) {
      const std::string metric = in_.string(m, "metric");
      // Listed twice, it would be shown twice and counted twice in the Bonferroni correction.
      for (const auto& earlier : out_.metrics)
        if (earlier.name == metric)
          in_.fail(m, "metrics: '" + metric + "' is listed twice" + first_at(earlier.mark));
      out_.metrics.push_back({metric, mark_of(m)});
    }
  }

 private:
  static std::string first_at(const sweep_mark& m) {
    return " (first given at " + std::to_string(m.line) + ":" + std::to_string(m.column) + ")";
  }

  sweep_mark mark_of(const YAML::Node& node) const {
    const YAML::Mark m = node.Mark();
    if (m.is_null()) return {};
    return {m.line + 1,
            detail::character_column(sources_.main().text, static_cast<std::size_t>(m.pos), m.column)};
  }

  std::filesystem::path path_of(const YAML::Node& node, const std::string& what) const {
    const std::string text = in_.string(node, what);
    if (text.empty()) in_.fail(node, what + " must name a scenario file");
    std::filesystem::path p = (sources_.main().dir / text).lexically_normal();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) in_.fail(node, what + ": no scenario file '" + text + "'");
    return p;
  }

  void read_parameters(const YAML::Node& parameters) {
    if (!parameters.IsMap() || parameters.size() == 0)
      in_.fail(parameters, "parameters must be a map of PATH: list of values or {from, to, step}");
    for (const auto& kv : parameters) {
      parameter p{in_.string(kv.first, "parameter path"), {}, mark_of(kv.first), {}};
      // yaml-cpp keeps both entries of a repeated key: each would set the path in turn, the last winning.
      for (const auto& earlier : params_)
        if (earlier.path == p.path)
          in_.fail(kv.first, "parameters: duplicate parameter '" + p.path + "'" + first_at(earlier.mark));
      const YAML::Node values = kv.second;
      const std::string what = "parameter '" + p.path + "'";
      if (values.IsSequence()) {
        if (values.size() == 0) in_.fail(values, what + ": the list of values is empty");
        for (const auto& v : values) {
          p.values.push_back(value_text(v));
          p.value_marks.push_back(mark_of(v));
        }
      } else if (values.IsMap()) {
        in_.map(values, what, range_keys);
        const double from = in_.number(in_.require(values, "from", what), what + ": from");
        const YAML::Node to_node = in_.require(values, "to", what);
        const double to = in_.number(to_node, what + ": to");
        const double step = in_.positive(in_.require(values, "step", what), what + ": step");
        if (to < from) in_.fail(to_node, what + ": to must be >= from");
        const double count = std::floor((to - from) / step + 1e-9) + 1;
        if (count > max_variants)
          in_.fail(values, what + ": more than " + std::to_string(max_variants) + " values");
        for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i) {
          p.values.push_back(number_text(from + static_cast<double>(i) * step, step));
          p.value_marks.push_back(mark_of(values));
        }
      } else {
        in_.fail(values, what + " must be a list of values or a range {from, to, step}");
      }
      params_.push_back(std::move(p));
    }
  }

  void add_variant(const std::filesystem::path& base, const std::vector<scenario_override>& common,
                   const std::vector<std::size_t>& pick) {
    sweep_variant v{{}, base, common, common_marks_, params_.front().mark};
    for (std::size_t i = 0; i < params_.size(); ++i) {
      const scenario_override o{params_[i].path, params_[i].values[pick[i]]};
      if (!v.name.empty()) v.name += ", ";
      v.name += o.path + "=" + o.value;
      v.overrides.push_back(o);
      v.override_marks.push_back(params_[i].value_marks[pick[i]]);
    }
    out_.variants.push_back(std::move(v));
  }

  void grid_variants(const std::filesystem::path& base, const std::vector<scenario_override>& common) {
    double total = 1;
    for (const auto& p : params_)
      total *= static_cast<double>(p.values.size());
    if (total > max_variants)
      in_.fail(YAML::Mark{}, "the grid has more than " + std::to_string(max_variants) + " variants");
    // The first parameter varies slowest.
    std::vector<std::size_t> pick(params_.size(), 0);
    for (;;) {
      add_variant(base, common, pick);
      std::size_t i = params_.size();
      while (i > 0 && ++pick[i - 1] == params_[i - 1].values.size())
        pick[--i] = 0;
      if (i == 0) return;
    }
  }

  void zip_variants(const std::filesystem::path& base, const std::vector<scenario_override>& common) {
    const std::size_t n = params_.front().values.size();
    for (const auto& p : params_)
      if (p.values.size() != n)
        throw input_error(out_.file, p.mark.line, p.mark.column,
                          "combine: zip needs lists of the same length; '" + p.path + "' has " +
                              std::to_string(p.values.size()) + " values, '" + params_.front().path +
                              "' has " + std::to_string(n));
    for (std::size_t k = 0; k < n; ++k)
      add_variant(base, common, std::vector<std::size_t>(params_.size(), k));
  }

  const yaml_reader& in_;
  const detail::source_map& sources_;
  sweep_spec& out_;
  std::vector<parameter> params_;
  std::vector<scenario_override> common_;
  std::vector<sweep_mark> common_marks_;
};

}  // namespace

sweep_spec load_sweep(const std::filesystem::path& file) {
  detail::source_map sources;
  sources.add_file({file.string(), detail::read_scenario_file(file, file.string()), file.parent_path()});
  const YAML::Node root = detail::parse_yaml_document(sources.main().text, file.string());
  sources.add_tree(root, 0);
  sweep_spec out;
  out.file = file.string();
  const yaml_reader in(sources);
  try {
    sweep_reader(in, sources, out).read(root);
  } catch (const YAML::Exception& e) {
    in.fail(e.mark, e.msg);
  }
  return out;
}

}  // namespace freightsim
