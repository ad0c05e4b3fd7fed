// The scenario format declared once: every map a scenario holds, its keys, what each key's value is, whether
// it is required, and one line of documentation. The readers check keys against it (unknown keys, "did you
// mean"); the reference docs/scenario-format.md and the JSON Schema of `freightsim schema` are generated from
// it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace freightsim::detail {

// Limits the readers enforce and the schema states.
inline constexpr std::uint64_t max_servers = 100'000;
inline constexpr std::uint64_t max_replications = 100'000;
inline constexpr std::uint64_t max_capacity = 100'000'000;
inline constexpr std::uint64_t max_priority = 1000;
inline constexpr std::uint64_t max_batch = 1'000'000;
inline constexpr std::uint64_t max_erlang_k = 1000;
inline constexpr std::uint64_t max_fleet = 10'000'000;

// What a key's value is. Each names the yaml_reader call (or reader function) that reads and validates it.
enum class value_type {
  text,          // yaml_reader::string: any scalar
  number,        // yaml_reader::number / non_negative / positive / probability (bounds below)
  integer,       // yaml_reader::integer (bounds below)
  duration,      // yaml_reader::duration_hours: "90min", "6h", "2.5d"
  warmup,        // the loader: a duration or `auto` (MSER-5)
  rate,          // yaml_reader::rate_per_hour: "40/d"
  boolean,       // read_bool: true or false
  time_of_day,   // read_time_of_day: "HH:MM"
  days,          // read_days: daily or a list of day names
  word,          // one of `words`
  route,         // read_flow: shortest, cheapest or a list of node ids
  file,          // a path relative to the scenario file
  distribution,  // read_distribution: a duration or one of the distribution forms
  map,           // a nested map of kind `map`
  list,          // a list of maps of kind `map`
  arrivals,      // read_arrivals: one of the arrival process forms
  measure,       // read_observed: a duration for a metric in hours, else a plain number
  percent,       // read_observed: a relative tolerance such as "20%"
  names,         // read_stages: a list of ids
  numbers,       // a list of numbers >= 0 (the arrival profile's factors)
};

struct map_spec;

struct key_spec {
  std::string_view name;
  value_type type;
  bool required = false;
  std::string_view doc;
  const map_spec* map = nullptr;              // for map and list
  std::span<const std::string_view> words{};  // for word
  std::optional<double> min{};                // numbers and integers
  bool min_exclusive = false;                 // min itself is not allowed (> rather than >=)
  std::optional<double> max{};
  std::size_t min_items = 0;  // for list
};

// One kind of map. A form of a distribution or arrival process is a map picked by the value of its tag key
// (`dist: exponential`, `process: poisson`).
struct map_spec {
  std::string_view name;   // "node"; for a form, the tag value ("exponential")
  std::string_view title;  // heading in the reference
  std::string_view doc;
  std::span<const key_spec> keys;
  std::string_view tag_key{};  // "dist" or "process" for a form

  // The key names in declaration order, for the unknown-key check and its suggestions.
  [[nodiscard]] std::vector<std::string> names() const;
  [[nodiscard]] const key_spec* find(std::string_view key) const;
};

// The maps of a scenario, outermost first.
const map_spec& scenario_keys();
const map_spec& location_keys();
const map_spec& inspection_keys();
const map_spec& stage_keys();
const map_spec& delay_keys();
const map_spec& stage_inspection_keys();
const map_spec& node_keys();
const map_spec& shift_keys();
const map_spec& storage_band_keys();
const map_spec& node_disruption_keys();
const map_spec& breakdown_keys();
const map_spec& link_keys();
const map_spec& batch_keys();
const map_spec& schedule_keys();
const map_spec& link_disruption_keys();
const map_spec& flow_keys();
const map_spec& observed_keys();
const map_spec& fleet_keys();
const map_spec& profile_keys();

// Every map kind above, in the order of the reference.
std::span<const map_spec* const> all_maps();
// The forms of a distribution map, and of a flow's arrivals.
std::span<const map_spec* const> distribution_forms();
std::span<const map_spec* const> arrival_forms();
// The form whose tag is `name`, or nullptr.
const map_spec* find_form(std::span<const map_spec* const> forms, std::string_view name);
std::vector<std::string> form_names(std::span<const map_spec* const> forms);

// Word lists.
std::span<const std::string_view> link_modes();
std::span<const std::string_view> day_names();
std::span<const std::string_view> duration_units();
std::span<const std::string_view> route_rules();

}  // namespace freightsim::detail
