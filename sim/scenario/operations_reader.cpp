#include "operations_reader.hpp"

#include <algorithm>
#include <array>
#include <sstream>

#include "distribution_reader.hpp"
#include "freightsim/scenario/suggest.hpp"

namespace freightsim::detail {

namespace {

// Events closer together than this would flood the event set; it also rules out zero-length cycles.
constexpr double min_cycle_hours = 1.0 / 60.0;
constexpr std::int64_t max_repetitions = 1'000'000;

sim_time read_time_of_day(const yaml_reader& in, const YAML::Node& node, const std::string& what) {
  const std::string text = in.string(node, what);
  unsigned hours = 0, minutes = 0;
  char colon = 0;
  const bool shape = text.size() == 5 && std::isdigit(static_cast<unsigned char>(text[0])) &&
                     std::isdigit(static_cast<unsigned char>(text[1])) && text[2] == ':' &&
                     std::isdigit(static_cast<unsigned char>(text[3])) &&
                     std::isdigit(static_cast<unsigned char>(text[4]));
  if (shape) {
    hours = static_cast<unsigned>((text[0] - '0') * 10 + (text[1] - '0'));
    minutes = static_cast<unsigned>((text[3] - '0') * 10 + (text[4] - '0'));
    colon = text[2];
  }
  if (!shape || colon != ':' || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
    in.fail(node, what + " must be a time of day 'HH:MM' from 00:00 to 24:00, not '" + text + "'");
  return from_hours(hours + minutes / 60.0);
}

std::array<bool, 7> read_days(const yaml_reader& in, const YAML::Node& node, const std::string& what) {
  std::array<bool, 7> days{};
  if (node.IsScalar() && node.Scalar() == "daily") {
    days.fill(true);
    return days;
  }
  if (!node.IsSequence()) in.fail(node, what + " must be 'daily' or a list of days such as [mon, tue, wed]");
  if (node.size() == 0) in.fail(node, what + " must list at least one day (or be 'daily')");
  for (const auto& d : node) {
    const std::string name = in.string(d, what);
    const auto names = day_names();
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end())
      in.fail(d, what + ": unknown day '" + name + "' (mon, tue, wed, thu, fri, sat, sun)" +
                     did_you_mean(name, {names.begin(), names.end()}));
    days[static_cast<std::size_t>(it - names.begin())] = true;
  }
  return days;
}

// A [from, to) window of simulation time.
std::pair<sim_time, sim_time> read_window(const yaml_reader& in, const YAML::Node& node,
                                          const std::string& what) {
  const YAML::Node from = in.require(node, "from", what);
  const YAML::Node to = in.require(node, "to", what);
  const sim_time start = from_hours(in.duration_hours(from, what + ": from"));
  const sim_time end = from_hours(in.duration_hours(to, what + ": to"));
  if (end <= start) in.fail(to, what + ": 'to' must be later than 'from'");
  return {start, end};
}

// `every` of a recurring window: at least 1min and longer than the window, so that repetitions never overlap,
// and at most a million repetitions before the horizon (each is two events, and a segment of the analytic
// capacity profile).
std::optional<sim_time> read_every(const yaml_reader& in, const YAML::Node& node, sim_time from, sim_time to,
                                   sim_time horizon, const std::string& what) {
  const YAML::Node every = node["every"];
  if (!every) return std::nullopt;
  const double h = in.duration_hours(every, what + ": every");
  if (h < min_cycle_hours) in.fail(every, what + ": every must be at least 1min, not " + every.Scalar());
  const sim_time period = from_hours(h);
  if (period <= to - from) {
    std::ostringstream length;
    length << to_hours(to - from) << "h";
    in.fail(every, what + ": every " + every.Scalar() +
                       " must be longer than the window it repeats (to - from = " + length.str() + ")");
  }
  if (horizon > from && (horizon - from) / period > max_repetitions)
    in.fail(every, what + ": every " + every.Scalar() +
                       " repeats the window more than a million times before the horizon");
  return period;
}

void require_min_mean(const yaml_reader& in, const YAML::Node& node, const distribution& d,
                      const std::string& what) {
  if (mean(d) < min_cycle_hours) in.fail(node, what + " must have a mean of at least 1min");
}

}  // namespace

bool read_bool(const yaml_reader& in, const YAML::Node& node, const std::string& what) {
  const std::string text = in.string(node, what);
  if (text == "true") return true;
  if (text == "false") return false;
  in.fail(node, what + " must be true or false, not '" + text + "'");
}

std::vector<shift> read_shifts(const yaml_reader& in, const YAML::Node& node, const std::string& what,
                               std::uint32_t max_servers) {
  in.sequence(node, what);
  if (node.size() == 0) in.fail(node, what + " must list at least one shift");
  std::vector<shift> shifts;
  for (const auto& s : node) {
    in.map(s, what, shift_keys());
    shift out;
    out.days = read_days(in, in.require(s, "days", what), what + ": days");
    out.from = read_time_of_day(in, in.require(s, "from", what), what + ": from");
    out.to = read_time_of_day(in, in.require(s, "to", what), what + ": to");
    const YAML::Node servers = in.require(s, "servers", what);
    out.servers = static_cast<std::uint32_t>(in.integer(servers, what + ": servers", 0, max_servers));
    shifts.push_back(out);
  }
  return shifts;
}

std::vector<node_disruption> read_node_disruptions(const yaml_reader& in, const YAML::Node& node,
                                                   const std::string& what, std::uint32_t max_servers,
                                                   sim_time horizon) {
  in.sequence(node, what);
  std::vector<node_disruption> out;
  for (const auto& d : node) {
    in.map(d, what, node_disruption_keys());
    const auto [from, to] = read_window(in, d, what);
    const YAML::Node servers = in.require(d, "servers", what);
    out.push_back({from, to,
                   static_cast<std::uint32_t>(in.integer(servers, what + ": servers", 0, max_servers)),
                   read_every(in, d, from, to, horizon, what)});
  }
  return out;
}

std::vector<link_disruption> read_link_disruptions(const yaml_reader& in, const YAML::Node& node,
                                                   const std::string& what, sim_time horizon) {
  in.sequence(node, what);
  std::vector<link_disruption> out;
  for (const auto& d : node) {
    in.map(d, what, link_disruption_keys());
    const auto [from, to] = read_window(in, d, what);
    out.push_back({from, to, read_every(in, d, from, to, horizon, what)});
  }
  return out;
}

storage_tariff read_storage(const yaml_reader& in, const YAML::Node& node, const std::string& what) {
  in.sequence(node, what);
  if (node.size() == 0) in.fail(node, what + " must list at least one band");
  storage_tariff out;
  for (const auto& b : node) {
    in.map(b, what, storage_band_keys());
    const YAML::Node after = in.require(b, "after", what);
    const YAML::Node rate = in.require(b, "usd_per_day", what);
    storage_band band{from_hours(in.duration_hours(after, what + ": after")),
                      in.non_negative(rate, what + ": usd_per_day")};
    if (band.usd_per_day > 1e9)
      in.fail(rate, what + ": usd_per_day must be at most 1e9 USD per unit and day, not " + rate.Scalar());
    // Bands in order, so that each is read as "from here to the next": a band out of order would be a
    // different tariff from the one written.
    if (!out.bands.empty() && band.after <= out.bands.back().after)
      in.fail(after, what + ": after must be later than the band before's (bands go in order)");
    out.bands.push_back(band);
  }
  return out;
}

breakdown_spec read_breakdowns(const yaml_reader& in, const YAML::Node& node, const std::string& what) {
  in.map(node, what, breakdown_keys());
  const YAML::Node mtbf = in.require(node, "mtbf", what);
  const YAML::Node mttr = in.require(node, "mttr", what);
  breakdown_spec out{read_distribution(in, mtbf, what + ": mtbf"),
                     read_distribution(in, mttr, what + ": mttr")};
  require_min_mean(in, mtbf, out.mtbf, what + ": mtbf");
  require_min_mean(in, mttr, out.mttr, what + ": mttr");
  return out;
}

batch_spec read_batch(const yaml_reader& in, const YAML::Node& node, const std::string& what) {
  in.map(node, what, batch_keys());
  batch_spec out;
  out.size =
      static_cast<std::uint32_t>(in.integer(in.require(node, "size", what), what + ": size", 1, max_batch));
  if (const auto w = node["max_wait"]) out.max_wait = from_hours(in.duration_hours(w, what + ": max_wait"));
  return out;
}

schedule_spec read_schedule(const yaml_reader& in, const YAML::Node& node, const std::string& what) {
  in.map(node, what, schedule_keys());
  schedule_spec out;
  const YAML::Node headway = in.require(node, "headway", what);
  const double h = in.duration_hours(headway, what + ": headway");
  if (h < min_cycle_hours) in.fail(headway, what + ": headway must be at least 1min");
  out.headway = from_hours(h);
  if (const auto o = node["offset"]) out.offset = from_hours(in.duration_hours(o, what + ": offset"));
  if (const auto c = node["capacity"])
    out.capacity = static_cast<std::uint32_t>(in.integer(c, what + ": capacity", 1, max_batch));
  return out;
}

}  // namespace freightsim::detail
