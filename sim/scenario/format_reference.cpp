#include "freightsim/scenario/format_reference.hpp"

#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "scenario_keys.hpp"

namespace freightsim {

namespace {

using detail::key_spec;
using detail::map_spec;
using detail::value_type;
using json = nlohmann::ordered_json;

// A bound as written in the reference: whole numbers without a decimal point.
std::string number_text(double v) {
  if (v == std::floor(v) && std::abs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string anchor(const map_spec& m) {
  std::string out;
  for (const char c : m.title)
    out += c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string words_text(std::span<const std::string_view> words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out.append(i + 1 == words.size() ? " or " : ", ");
    out.append("`").append(words[i]).append("`");
  }
  return out;
}

std::string bounds_text(const key_spec& k) {
  if (k.min && k.max) return " in [" + number_text(*k.min) + ", " + number_text(*k.max) + "]";
  if (k.min) return std::string(k.min_exclusive ? " > " : " >= ") + number_text(*k.min);
  if (k.max) return " <= " + number_text(*k.max);
  return "";
}

// The value column of the reference.
std::string value_text(const key_spec& k) {
  switch (k.type) {
    case value_type::text:
      return "text";
    case value_type::number:
      return "number" + bounds_text(k);
    case value_type::integer:
      return "whole number" + bounds_text(k);
    case value_type::duration:
      return "[duration](#values)";
    case value_type::warmup:
      return "[duration](#values) or `auto`";
    case value_type::rate:
      return "[rate](#values)";
    case value_type::boolean:
      return "`true` or `false`";
    case value_type::time_of_day:
      return "\"HH:MM\"";
    case value_type::days:
      return "`daily` or list of days";
    case value_type::word:
      return words_text(k.words);
    case value_type::route:
      return words_text(detail::route_rules()) + " or list of node ids";
    case value_type::file:
      return "file path";
    case value_type::distribution:
      return "[distribution](#distributions)";
    case value_type::map:
      return "[" + std::string(k.map->title) + "](#" + anchor(*k.map) + ") map";
    case value_type::list:
      return "list of [" + std::string(k.map->title) + "](#" + anchor(*k.map) + ")";
    case value_type::arrivals:
      return "[arrivals](#arrivals)";
    case value_type::measure:
      return "[duration](#values) or number";
    case value_type::percent:
      return "percentage such as `20%`";
    case value_type::names:
      return "list of ids";
    case value_type::numbers:
      return "list of numbers";
  }
  return "";
}

void key_table(std::ostringstream& out, const map_spec& m) {
  out << "| key | required | value | meaning |\n|---|---|---|---|\n";
  for (const key_spec& k : m.keys)
    out << "| `" << k.name << "` | " << (k.required ? "yes" : "") << " | " << value_text(k) << " | " << k.doc
        << " |\n";
}

void forms_section(std::ostringstream& out, std::span<const map_spec* const> forms) {
  for (const map_spec* f : forms) {
    out << "\n### `" << f->tag_key << ": " << f->name << "`\n\n" << f->doc << ".\n\n";
    key_table(out, *f);
  }
}

// JSON Schema -----------------------------------------------------------------------------------------------

constexpr const char* duration_pattern =
    R"(^ *\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)? *(ms|s|min|h|d|w) *$)";
constexpr const char* rate_pattern =
    R"(^ *\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)? */ *(ms|s|min|h|d|w) *$)";

constexpr const char* percent_pattern = R"(^ *\+?([0-9]+(\.[0-9]*)?|\.[0-9]+) *% *$)";

json definition(const std::string& name) {
  return {{"$ref", "#/definitions/" + name}};
}

json words_schema(std::span<const std::string_view> words) {
  json list = json::array();
  for (const auto w : words)
    list.push_back(std::string(w));
  return {{"enum", list}};
}

// The schema of a map; `partial` for a what-if entry: nothing required, and null removes a setting.
json map_schema(const map_spec& m, bool partial, const std::string& list_item_prefix = "");

json value_schema(const key_spec& k, const std::string& list_item_prefix) {
  json s;
  switch (k.type) {
    case value_type::text:
      // Any scalar: the loader reads numbers and booleans as their text.
      s = {{"type", json::array({"string", "number", "boolean"})}};
      break;
    case value_type::number:
    case value_type::integer:
      s = {{"type", k.type == value_type::number ? "number" : "integer"}};
      if (k.min) s[k.min_exclusive ? "exclusiveMinimum" : "minimum"] = *k.min;
      if (k.max) s["maximum"] = *k.max;
      break;
    case value_type::duration:
      return definition("duration");
    case value_type::warmup:
      return {{"anyOf", json::array({definition("duration"), {{"const", "auto"}}})}};
    case value_type::rate:
      return definition("rate");
    case value_type::boolean:
      s = {{"type", "boolean"}};
      break;
    case value_type::time_of_day:
      s = {{"type", "string"}, {"pattern", "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"}};
      break;
    case value_type::days:
      s = {{"anyOf", json::array({{{"const", "daily"}},
                                  {{"type", "array"}, {"items", words_schema(detail::day_names())}}})}};
      break;
    case value_type::word:
      s = words_schema(k.words);
      break;
    case value_type::route:
      s = {{"anyOf", json::array({words_schema(detail::route_rules()),
                                  {{"type", "array"}, {"minItems", 1}, {"items", {{"type", "string"}}}}})}};
      break;
    case value_type::file:
      s = {{"type", "string"}, {"minLength", 1}};
      break;
    case value_type::distribution:
      return definition("distribution");
    case value_type::map:
      return definition(std::string(k.map->name));
    case value_type::list:
      s = {{"type", "array"}, {"items", definition(list_item_prefix + std::string(k.map->name))}};
      if (k.min_items > 0 && list_item_prefix.empty()) s["minItems"] = k.min_items;
      break;
    case value_type::arrivals:
      return definition("arrivals");
    case value_type::measure:
      return {
          {"anyOf", json::array({definition("duration"), {{"type", "number"}, {"exclusiveMinimum", 0}}})}};
    case value_type::percent:
      s = {{"type", "string"}, {"pattern", percent_pattern}};
      break;
    case value_type::names:
      s = {{"type", "array"}, {"minItems", 1}, {"items", {{"type", "string"}}}};
      break;
    case value_type::numbers:
      s = {{"type", "array"}, {"minItems", 1}, {"items", {{"type", "number"}, {"minimum", 0}}}};
      break;
  }
  return s;
}

json map_schema(const map_spec& m, bool partial, const std::string& list_item_prefix) {
  json properties = json::object();
  json required = json::array();
  for (const key_spec& k : m.keys) {
    json value = value_schema(k, list_item_prefix);
    value["description"] = std::string(k.doc);
    if (partial)
      value = {{"description", std::string(k.doc)}, {"anyOf", json::array({value, {{"type", "null"}}})}};
    properties[std::string(k.name)] = value;
    if (k.required && !partial) required.push_back(std::string(k.name));
  }
  json s = {{"type", "object"}, {"description", std::string(m.doc)}, {"properties", properties}};
  if (!required.empty()) s["required"] = required;
  s["additionalProperties"] = false;
  return s;
}

// A choice of forms by their tag key, e.g. {dist: gamma, ...}: the tag picks the form's schema.
json forms_schema(std::span<const map_spec* const> forms, const std::string& prefix) {
  const std::string tag(forms.front()->tag_key);
  json names = json::array();
  json cases = json::array();
  for (const map_spec* f : forms) {
    names.push_back(std::string(f->name));
    cases.push_back({{"if", {{"properties", {{tag, {{"const", std::string(f->name)}}}}}}},
                     {"then", definition(prefix + std::string(f->name))}});
  }
  return {{"type", "object"},
          {"required", json::array({tag})},
          {"properties", {{tag, {{"enum", names}}}}},
          {"allOf", cases}};
}

json form_schema(const map_spec& f) {
  json s = map_schema(f, false);
  s["properties"][std::string(f.tag_key)] = {{"const", std::string(f.name)}};
  return s;
}

}  // namespace

std::string scenario_format_markdown() {
  std::ostringstream out;
  out << "# Scenario format reference\n\n"
         "<!-- Generated by `freightsim schema --markdown` from sim/scenario/scenario_keys.cpp; do not edit. "
         "-->\n\n"
         "Every key a scenario file may hold. README.md explains the model; the loader refuses unknown, "
         "duplicate "
         "and missing keys with `FILE:LINE:COL: message`. `freightsim schema` prints the same as a JSON "
         "Schema "
         "for editors.\n\n"
         "## Values\n\n"
         "- A **duration** carries a unit, " +
             words_text(detail::duration_units()) +
             ": `90min`, `6h`, `2.5d`; a bare number is an error. At most 1000 years.\n"
             "- A **rate** is a number per time unit: `40/d`, `2.5/h`, `3/min`.\n"
             "- A **distribution** is a duration (a constant) or a map whose `dist` picks one of the "
             "[distributions](#distributions).\n"
             "- A **number** is written plain: `5`, not `\"5\"` (quoted, it is text).\n"
             "- **Text** is any scalar; ids may be any UTF-8 text.\n\n"
             "A what-if scenario has `extends`: the keys of the baseline it does not give are kept; entries "
             "of "
             "`nodes` and `flows` merge into the baseline entry with the same `id`, entries of `links` into "
             "the "
             "link with the same `from` and `to` (and `mode`); a key set to `~` removes the baseline's "
             "setting.\n";
  for (const map_spec* m : detail::all_maps()) {
    out << "\n## " << m->title << "\n\n" << m->doc << "\n\n";
    key_table(out, *m);
  }
  out << "\n## Arrivals\n\n`arrivals` is a map whose `process` picks the form.\n";
  forms_section(out, detail::arrival_forms());
  out << "\n## Distributions\n\nA duration such as `6h` is a constant; otherwise `dist` picks the form. "
         "Durations in the parameters carry units.\n";
  forms_section(out, detail::distribution_forms());
  return out.str();
}

std::string scenario_json_schema() {
  json defs = json::object();
  defs["scenario"] = map_schema(detail::scenario_keys(), false);
  // A what-if: entries of nodes, links, flows and fleets are partial too (each merges into its baseline
  // entry).
  defs["what_if"] = map_schema(detail::scenario_keys(), true, "partial_");
  defs["what_if"]["required"] = json::array({"extends"});
  for (const map_spec* m : detail::all_maps()) {
    if (m == &detail::scenario_keys()) continue;
    defs[std::string(m->name)] = map_schema(*m, false);
  }
  for (const map_spec* m :
       {&detail::node_keys(), &detail::link_keys(), &detail::flow_keys(), &detail::fleet_keys()})
    defs["partial_" + std::string(m->name)] = map_schema(*m, true);
  defs["duration"] = {{"type", "string"},
                      {"pattern", duration_pattern},
                      {"description", "a number and a unit: 90min, 6h, 2.5d"}};
  defs["rate"] = {{"type", "string"}, {"pattern", rate_pattern}, {"description", "a number per unit: 40/d"}};
  defs["distribution"] = {{"anyOf", json::array({definition("duration"), definition("distribution_form")})}};
  defs["distribution_form"] = forms_schema(detail::distribution_forms(), "dist_");
  for (const map_spec* f : detail::distribution_forms())
    defs["dist_" + std::string(f->name)] = form_schema(*f);
  defs["arrivals"] = forms_schema(detail::arrival_forms(), "process_");
  for (const map_spec* f : detail::arrival_forms())
    defs["process_" + std::string(f->name)] = form_schema(*f);
  const json schema = {{"$schema", "http://json-schema.org/draft-07/schema#"},
                       {"title", "freightsim scenario"},
                       {"description", "A freightsim scenario file (see docs/scenario-format.md)."},
                       {"type", "object"},
                       {"if", {{"required", json::array({"extends"})}}},
                       {"then", definition("what_if")},
                       {"else", definition("scenario")},
                       {"definitions", defs}};
  return schema.dump(2) + "\n";
}

std::vector<documented_key> scenario_keys_documented() {
  std::vector<documented_key> out;
  const auto add = [&](const map_spec& m, const std::string& name) {
    for (const key_spec& k : m.keys)
      out.push_back({name, std::string(k.name), std::string(k.doc), k.required});
  };
  for (const map_spec* m : detail::all_maps())
    add(*m, std::string(m->name));
  for (const map_spec* f : detail::arrival_forms())
    add(*f, "arrivals " + std::string(f->name));
  for (const map_spec* f : detail::distribution_forms())
    add(*f, "distribution " + std::string(f->name));
  return out;
}

}  // namespace freightsim
