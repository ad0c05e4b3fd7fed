#include "yaml_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "freightsim/engine/time.hpp"
#include "freightsim/scenario/suggest.hpp"
#include "text_checks.hpp"

namespace freightsim::detail {

namespace {

const char* kind_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a scalar";
    default:
      return "empty";
  }
}

std::string in_quotes(const std::string& text) {
  return "'" + text + "'";
}

// The text of a scalar that should hold `expected` ("a number"); anything else fails naming both.
const std::string& scalar_text(const yaml_reader& in, const YAML::Node& node, const std::string& what,
                               const std::string& expected) {
  if (!node.IsScalar()) in.fail(node, what + " must be " + expected + ", not " + kind_name(node));
  return node.Scalar();
}

// A number must be written as one: "5" in quotes is text in YAML (other YAML tools read it as a string).
// yaml-cpp tags a quoted scalar "!", a plain one "?". Checked once the text has read as a number in range, so
// that quoted words and numbers out of range keep their own messages.
void refuse_quoted_number(const yaml_reader& in, const YAML::Node& node, const std::string& what,
                          const std::string& expected) {
  if (node.Tag() == "!")
    in.fail(node, what + " must be " + expected + ", not the quoted text " + in_quotes(node.Scalar()) +
                      " (write it without quotes)");
}

// YAML's spellings of infinity and not-a-number.
bool yaml_non_finite(const std::string& text) {
  static const std::set<std::string> forms{".inf",  ".Inf",  ".INF",  "+.inf", "+.Inf", "+.INF",
                                           "-.inf", "-.Inf", "-.INF", ".nan",  ".NaN",  ".NAN"};
  return forms.count(text) > 0;
}

// The unit a planner most likely meant by a spelled-out one ("hours" -> "h"), or "".
std::string unit_meant(std::string_view unit) {
  static const std::map<std::string, std::string, std::less<>> aliases{
      {"msec", "ms"},  {"millisecond", "ms"}, {"milliseconds", "ms"}, {"sec", "s"},      {"secs", "s"},
      {"second", "s"}, {"seconds", "s"},      {"mins", "min"},        {"minute", "min"}, {"minutes", "min"},
      {"hr", "h"},     {"hrs", "h"},          {"hour", "h"},          {"hours", "h"},    {"day", "d"},
      {"days", "d"},   {"wk", "w"},           {"wks", "w"},           {"week", "w"},     {"weeks", "w"}};
  std::string lower(unit);
  for (auto& c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* known : {"ms", "s", "min", "h", "d", "w"})
    if (lower == known) return lower;
  const auto it = aliases.find(lower);
  return it == aliases.end() ? std::string{} : it->second;
}

const char* const unit_list = "ms, s, min, h, d or w";

}  // namespace

void yaml_reader::fail_in(const source_file& source, const YAML::Mark& at, const std::string& message) const {
  if (!source.has_lines) throw input_error(source.name, -1, -1, message);
  if (at.is_null()) throw input_error(source.name, 0, 0, message);
  throw input_error(source.name, at.line + 1,
                    character_column(source.text, static_cast<std::size_t>(at.pos), at.column), message);
}

void yaml_reader::fail(const YAML::Mark& at, const std::string& message) const {
  fail_in(sources_.main(), at, message);
}

void yaml_reader::fail(const YAML::Node& at, const std::string& message) const {
  fail_in(sources_.source_of(at), at.Mark(), message);
}

source_position yaml_reader::position(const YAML::Node& node) const {
  const source_file& source = sources_.source_of(node);
  const YAML::Mark at = node.Mark();
  if (!source.has_lines) return {source.name, -1, -1};
  if (at.is_null()) return {source.name, 0, 0};
  return {source.name, at.line + 1,
          character_column(source.text, static_cast<std::size_t>(at.pos), at.column)};
}

const YAML::Node& yaml_reader::map(const YAML::Node& node, const std::string& what,
                                   const map_spec& keys) const {
  if (!node.IsMap()) fail(node, what + " must be a map, not " + kind_name(node));
  key_set seen;
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) fail(kv.first, what + ": keys must be plain names");
    const std::string key = kv.first.Scalar();
    // yaml-cpp reads YAML 1.1's merge key as a plain key: "unknown key '<<' (did you mean 'id'?)" said
    // nothing.
    if (key == "<<")
      fail(kv.first, what +
                         ": merge keys ('<<') are not supported; write the keys out (an alias '*name' may "
                         "stand for a whole value)");
    if (!keys.find(key))
      fail(kv.first, what + ": unknown key " + in_quotes(key) + did_you_mean(key, keys.names()));
    refuse_repeated_key(seen, kv.first, what);
    // No setting may be left without a value; yaml-cpp marks such a value at the next token, so point at the
    // key.
    if (kv.second.IsNull()) fail(kv.first, what + ": " + key + " has no value");
  }
  return node;
}

void yaml_reader::refuse_repeated_key(key_set& seen, const YAML::Node& key, const std::string& what) const {
  const auto [it, fresh] = seen.emplace(key.Scalar(), key);
  if (fresh) return;
  const YAML::Mark first = it->second.Mark();
  const std::string& text = sources_.source_of(it->second).text;
  fail(key, what + ": duplicate key " + in_quotes(key.Scalar()) + " (first given at " +
                std::to_string(first.line + 1) + ":" +
                std::to_string(character_column(text, static_cast<std::size_t>(first.pos), first.column)) +
                ")");
}

const YAML::Node& yaml_reader::sequence(const YAML::Node& node, const std::string& what) const {
  if (!node.IsSequence()) fail(node, what + " must be a list, not " + kind_name(node));
  return node;
}

void yaml_reader::missing(const YAML::Node& map, const std::string& key, const std::string& message) const {
  if (const auto removed = sources_.removal_of(map, key))
    fail(*removed, message + " (removed here by '~', but it is required)");
  fail(map, message);
}

YAML::Node yaml_reader::require(const YAML::Node& map, const std::string& key,
                                const std::string& what) const {
  const YAML::Node value = map[key];
  if (!value) missing(map, key, what + ": missing key " + in_quotes(key));
  if (value.IsNull()) {
    for (const auto& kv : map)
      if (kv.first.IsScalar() && kv.first.Scalar() == key)
        fail(kv.first, what + ": " + key + " has no value");
    fail(map, what + ": " + key + " has no value");
  }
  return value;
}

std::string yaml_reader::string(const YAML::Node& node, const std::string& what) const {
  if (!node.IsScalar()) fail(node, what + " must be a text value, not " + kind_name(node));
  return node.Scalar();
}

double yaml_reader::number(const YAML::Node& node, const std::string& what) const {
  const std::string text = scalar_text(*this, node, what, "a number");
  if (yaml_non_finite(text)) fail(node, what + " must be finite, not " + in_quotes(text));
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
  refuse_quoted_number(*this, node, what, "a number");
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
  const std::string text = scalar_text(*this, node, what, "a whole number");
  std::uint64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (!text.empty() && text[0] == '-')
    fail(node, what + " must be >= " + std::to_string(min) + ", not " + text);
  if (ec == std::errc::result_out_of_range ||
      (ec == std::errc{} && ptr == text.data() + text.size() && value > max))
    fail(node, what + " must be at most " + std::to_string(max) + ", not " + text);
  if (ec != std::errc{} || ptr != text.data() + text.size()) {
    // A number in another notation ("1e12", "4.0") is still checked against the range first.
    double written = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), written);
    if (error == std::errc{} && end == text.data() + text.size() && std::isfinite(written)) {
      if (written > static_cast<double>(max))
        fail(node, what + " must be at most " + std::to_string(max) + ", not " + text);
      if (written < static_cast<double>(min))
        fail(node, what + " must be >= " + std::to_string(min) + ", not " + text);
    }
    fail(node, what + " must be a whole number, not " + in_quotes(text));
  }
  if (value < min) fail(node, what + " must be >= " + std::to_string(min) + ", not " + text);
  refuse_quoted_number(*this, node, what, "a whole number");
  return value;
}

double yaml_reader::duration_hours(const YAML::Node& node, const std::string& what) const {
  const std::string text = scalar_text(*this, node, what, "a duration such as '6h'");
  if (yaml_non_finite(text)) fail(node, what + " must be finite, not " + in_quotes(text));
  if (const auto hours = parse_duration_hours(text)) {
    if (*hours > to_hours(max_sim_time))
      fail(node, what + " " + in_quotes(text) + " is longer than the 1000-year limit");
    return *hours;
  }
  double plain = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), plain);
  if (ec == std::errc{} && ptr == text.data() + text.size()) {
    // from_chars also reads "nan" and "inf", to which no unit gives a duration.
    if (!std::isfinite(plain)) fail(node, what + " must be finite, not " + in_quotes(text));
    fail(node, what + " " + in_quotes(text) + " needs a unit (ms, s, min, h, d, w), e.g. '" + text + "h'");
  }
  if (!text.empty() && text[0] == '-') fail(node, what + " must not be negative: " + in_quotes(text));
  if (const auto split = split_number(text); split && !split->second.empty()) {
    if (!std::isfinite(split->first)) fail(node, what + " must be finite, not " + in_quotes(text));
    const std::string meant = unit_meant(std::string(split->second));
    fail(node, what + " " + in_quotes(text) + ": unknown unit " + in_quotes(std::string(split->second)) +
                   "; use " + unit_list +
                   (meant.empty()
                        ? ""
                        : " (did you mean " +
                              in_quotes(text.substr(0, text.size() - split->second.size()) + meant) + "?)"));
  }
  fail(node, what + " must be a duration such as '90min', '6h' or '2.5d', not " + in_quotes(text));
}

double yaml_reader::rate_per_hour(const YAML::Node& node, const std::string& what) const {
  const std::string text = scalar_text(*this, node, what, "a rate such as '40/d'");
  const auto rate = parse_rate_per_hour(text);
  if (!rate) {
    const auto slash = text.find('/');
    const auto split = split_number(std::string_view(text).substr(0, slash));
    if (!text.empty() && text[0] == '-') fail(node, what + " must be > 0, not " + in_quotes(text));
    if (split && split->second.empty() && std::isfinite(split->first)) {
      if (slash == std::string::npos)
        fail(node,
             what + " " + in_quotes(text) + " needs a time unit, e.g. '" + text + "/d' or '" + text + "/h'");
      std::string unit = text.substr(slash + 1);
      unit.erase(0, unit.find_first_not_of(' '));
      unit.erase(unit.find_last_not_of(' ') + 1);
      const std::string meant = unit_meant(unit);
      if (!unit.empty())
        fail(node,
             what + " " + in_quotes(text) + ": unknown time unit " + in_quotes(unit) + "; use " + unit_list +
                 (meant.empty() ? ""
                                : " (did you mean " + in_quotes(text.substr(0, slash + 1) + meant) + "?)"));
    }
    fail(node, what + " must be a rate such as '40/d' or '2.5/h', not " + in_quotes(text));
  }
  if (*rate <= 0.0) fail(node, what + " must be > 0, not " + in_quotes(text));
  return *rate;
}

}  // namespace freightsim::detail
