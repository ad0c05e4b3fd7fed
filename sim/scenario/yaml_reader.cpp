#include "yaml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "freightsim/engine/time.hpp"
#include "freightsim/scenario/suggest.hpp"

namespace freightsim::detail {

namespace {

const char* kind_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "a scalar";
    default: return "empty";
  }
}

std::string in_quotes(const std::string& text) { return "'" + text + "'"; }

}  // namespace

void yaml_reader::fail(const YAML::Mark& at, const std::string& message) const {
  if (at.is_null()) throw input_error(file_, 0, 0, message);
  throw input_error(file_, at.line + 1, at.column + 1, message);
}

void yaml_reader::fail(const YAML::Node& at, const std::string& message) const { fail(at.Mark(), message); }

const YAML::Node& yaml_reader::map(const YAML::Node& node, const std::string& what,
                                   const std::vector<std::string>& allowed) const {
  if (!node.IsMap()) fail(node, what + " must be a map, not " + kind_name(node));
  std::set<std::string> seen;
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) fail(kv.first, what + ": keys must be plain names");
    const std::string key = kv.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      fail(kv.first, what + ": unknown key " + in_quotes(key) + did_you_mean(key, allowed));
    if (!seen.insert(key).second) fail(kv.first, what + ": duplicate key " + in_quotes(key));
  }
  return node;
}

const YAML::Node& yaml_reader::sequence(const YAML::Node& node, const std::string& what) const {
  if (!node.IsSequence()) fail(node, what + " must be a list, not " + kind_name(node));
  return node;
}

YAML::Node yaml_reader::require(const YAML::Node& map, const std::string& key, const std::string& what) const {
  const YAML::Node value = map[key];
  if (!value) fail(map, what + ": missing key " + in_quotes(key));
  if (value.IsNull()) fail(value.Mark().is_null() ? map.Mark() : value.Mark(), what + ": " + key + " is empty");
  return value;
}

std::string yaml_reader::string(const YAML::Node& node, const std::string& what) const {
  if (!node.IsScalar()) fail(node, what + " must be a text value, not " + kind_name(node));
  return node.Scalar();
}

double yaml_reader::number(const YAML::Node& node, const std::string& what) const {
  const std::string text = string(node, what);
  double value = 0.0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec == std::errc::result_out_of_range) fail(node, what + " is out of range: " + in_quotes(text));
  if (ec != std::errc{} || ptr != last) {
    if (ec == std::errc{} && ptr != first) {
      fail(node, what + " must be a plain number, not " + in_quotes(text));
    }
    fail(node, what + " must be a number, not " + in_quotes(text));
  }
  if (!std::isfinite(value)) fail(node, what + " must be finite, not " + in_quotes(text));
  return value;
}

double yaml_reader::non_negative(const YAML::Node& node, const std::string& what) const {
  const double value = number(node, what);
  if (value < 0.0) fail(node, what + " must be >= 0, not " + node.Scalar());
  return value;
}

double yaml_reader::positive(const YAML::Node& node, const std::string& what) const {
  const double value = number(node, what);
  if (value <= 0.0) fail(node, what + " must be > 0, not " + node.Scalar());
  return value;
}

double yaml_reader::probability(const YAML::Node& node, const std::string& what) const {
  const double value = number(node, what);
  if (value < 0.0 || value > 1.0) fail(node, what + " must be a probability in [0, 1], not " + node.Scalar());
  return value;
}

std::uint64_t yaml_reader::integer(const YAML::Node& node, const std::string& what, std::uint64_t min,
                                   std::uint64_t max) const {
  const std::string text = string(node, what);
  std::uint64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (!text.empty() && text[0] == '-') fail(node, what + " must be >= " + std::to_string(min) + ", not " + text);
  if (ec == std::errc::result_out_of_range || (ec == std::errc{} && ptr == text.data() + text.size() && value > max))
    fail(node, what + " must be at most " + std::to_string(max) + ", not " + text);
  if (ec != std::errc{} || ptr != text.data() + text.size())
    fail(node, what + " must be a whole number, not " + in_quotes(text));
  if (value < min) fail(node, what + " must be >= " + std::to_string(min) + ", not " + text);
  return value;
}

double yaml_reader::duration_hours(const YAML::Node& node, const std::string& what) const {
  const std::string text = string(node, what);
  if (const auto hours = parse_duration_hours(text)) {
    if (*hours > to_hours(max_sim_time))
      fail(node, what + " " + in_quotes(text) + " is longer than the 1000-year limit");
    return *hours;
  }
  double plain = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), plain);
  if (ec == std::errc{} && ptr == text.data() + text.size())
    fail(node, what + " " + in_quotes(text) + " needs a unit (ms, s, min, h, d, w), e.g. '" + text + "h'");
  if (!text.empty() && text[0] == '-') fail(node, what + " must not be negative: " + in_quotes(text));
  fail(node, what + " must be a duration such as '90min', '6h' or '2.5d', not " + in_quotes(text));
}

double yaml_reader::rate_per_hour(const YAML::Node& node, const std::string& what) const {
  const std::string text = string(node, what);
  const auto rate = parse_rate_per_hour(text);
  if (!rate) fail(node, what + " must be a rate such as '40/d' or '2.5/h', not " + in_quotes(text));
  if (*rate <= 0.0) fail(node, what + " must be > 0, not " + in_quotes(text));
  return *rate;
}

}  // namespace freightsim::detail
