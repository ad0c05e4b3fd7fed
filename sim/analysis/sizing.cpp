#include "freightsim/analysis/sizing.hpp"

#include <boost/math/distributions/normal.hpp>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "freightsim/analysis/erlang.hpp"
#include "freightsim/scenario/suggest.hpp"

namespace freightsim {

namespace {

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i)
    if (i == text.size() || text[i] == sep) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  return parts;
}

[[noreturn]] void bad(const std::string& target, const std::string& message) {
  throw std::invalid_argument("--target '" + target + "': " + message);
}

std::string suggestion(std::string_view word, const std::vector<std::string>& valid) {
  const auto best = closest(word, valid);
  if (best) return " (did you mean '" + *best + "'?)";
  std::string list;
  for (const auto& v : valid)
    list += (list.empty() ? "" : ", ") + v;
  return " (one of: " + list + ")";
}

double quantile_of(std::string_view stat, const std::string& target) {
  static const std::vector<std::string> names{"mean", "p50", "p90", "p95", "p99"};
  static const double values[] = {0, 0.5, 0.9, 0.95, 0.99};
  for (std::size_t i = 0; i < names.size(); ++i)
    if (stat == names[i]) return values[i];
  bad(target, "unknown statistic '" + std::string(stat) + "'" + suggestion(stat, names));
}

std::vector<std::string> node_ids(const scenario& s) {
  std::vector<std::string> ids;
  for (std::size_t v = 0; v < s.model.net.node_count(); ++v)
    ids.push_back(s.model.net.node(v).id);
  return ids;
}

}  // namespace

vertex sized_node(const scenario& s, const std::string& id) {
  const auto v = s.model.net.find(id);
  if (!v)
    throw std::invalid_argument("--node: no node '" + id + "' in the scenario" + suggestion(id, node_ids(s)));
  if (!s.model.net.node(*v).has_servers())
    throw std::invalid_argument("--node: '" + id + "' is a junction (no servers to size)");
  return *v;
}

sizing_target parse_target(std::string_view text, const scenario& s, const std::string& node) {
  const std::string target(text);
  sizing_target t;
  t.text = target;
  const auto op = text.find('<');
  if (op == std::string_view::npos) bad(target, "expected STATISTIC<=HOURS, e.g. wait_h.p95<=12");
  const std::size_t value_at = op + 1 < text.size() && text[op + 1] == '=' ? op + 2 : op + 1;
  std::string_view number = text.substr(value_at);
  while (!number.empty() && number.front() == ' ')
    number.remove_prefix(1);
  while (!number.empty() && number.back() == ' ')
    number.remove_suffix(1);
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), t.limit);
  if (ec != std::errc() || end != number.data() + number.size() || !std::isfinite(t.limit) || t.limit < 0)
    bad(target, "the limit '" + std::string(number) + "' is not a non-negative number of hours");
  std::string_view lhs = text.substr(0, op);
  while (!lhs.empty() && lhs.back() == ' ')
    lhs.remove_suffix(1);
  const auto parts = split(lhs, '.');
  static const std::vector<std::string> scopes{"wait_h", "nodes", "flows"};
  if (parts.size() == 2 && parts[0] == "wait_h") {
    t.id = node;
    t.quantile = quantile_of(parts[1], target);
  } else if (parts.size() == 4 && (parts[0] == "nodes" || parts[0] == "flows")) {
    t.flow = parts[0] == "flows";
    t.id = std::string(parts[1]);
    const std::string stat = t.flow ? "transit_time_h" : "wait_h";
    if (parts[2] != stat)
      bad(target, "unknown statistic '" + std::string(parts[2]) + "'" + suggestion(parts[2], {stat}));
    t.quantile = quantile_of(parts[3], target);
    if (t.flow) {
      std::vector<std::string> ids;
      for (const auto& f : s.model.flows)
        ids.push_back(f.id);
      if (std::find(ids.begin(), ids.end(), t.id) == ids.end())
        bad(target, "no flow '" + t.id + "'" + suggestion(t.id, ids));
    } else if (!s.model.net.find(t.id)) {
      bad(target, "no node '" + t.id + "'" + suggestion(t.id, node_ids(s)));
    }
  } else {
    bad(target, "unknown statistic '" + std::string(parts[0]) + "'" + suggestion(parts[0], scopes) +
                    "; expected wait_h.STAT, nodes.ID.wait_h.STAT or flows.ID.transit_time_h.STAT");
  }
  return t;
}

double analytic_value(const sizing_target& t, const scenario& s, const network_estimate& e) {
  if (t.flow) {
    for (std::size_t i = 0; i < s.model.flows.size(); ++i)
      if (s.model.flows[i].id == t.id) {
        const flow_estimate& f = e.flows[i];
        if (t.quantile == 0) return f.transit_mean_h;
        const boost::math::normal standard;
        return f.transit_mean_h + boost::math::quantile(standard, t.quantile) * f.transit_sd_h;
      }
  } else {
    for (const auto& n : e.nodes)
      if (n.id == t.id) return t.quantile == 0 ? n.wait_h : wait_quantile(n.wait_h, n.p_wait, t.quantile);
  }
  throw std::invalid_argument("--target: no " + std::string(t.flow ? "flow" : "node") + " '" + t.id + "'");
}

scenario with_servers(const scenario& s, vertex v, std::uint32_t servers) {
  scenario out = s;
  node_spec& node = out.model.net.node(v);
  const auto delta = static_cast<std::int64_t>(servers) - static_cast<std::int64_t>(node.servers);
  node.servers = servers;
  if (node.calendar && !node.calendar->empty()) {
    // Rebuild the week from its steps (UTC), each piece at most a day long, open pieces shifted by delta.
    constexpr sim_time day = std::chrono::duration_cast<sim_time>(std::chrono::hours(24));
    std::vector<shift> shifts;
    sim_time t{0};
    while (t < week) {
      const sim_time next = std::min(node.calendar->next_change_after(t), week);
      const std::int64_t open = node.calendar->servers_at(t);
      for (sim_time a = t; a < next;) {
        const sim_time b = std::min(next, (a / day + 1) * day);
        if (open > 0) {
          shift sh;
          sh.days[static_cast<std::size_t>(a / day)] = true;
          sh.from = a % day;
          sh.to = b % day;
          sh.servers = static_cast<std::uint32_t>(std::max<std::int64_t>(1, open + delta));
          shifts.push_back(sh);
        }
        a = b;
      }
      t = next;
    }
    node.calendar = weekly_calendar(shifts, sim_time{0});
  }
  return out;
}

sizing_answer size_analytically(const scenario& s, vertex v, const sizing_target& t,
                                std::uint32_t max_servers) {
  const auto value = [&](std::uint32_t c) {
    return analytic_value(t, s, estimate_network(with_servers(s, v, c)));
  };
  const auto meets = [&](double x) { return x <= t.limit; };
  sizing_answer answer;
  // The statistic does not grow with servers: double, then bisect.
  std::uint32_t low = 0, high = 1;  // low fails (0 servers always fails), high is tried
  while (!meets(value(high))) {
    low = high;
    if (high >= max_servers) {
      answer.steps.push_back({max_servers, value(max_servers)});
      return answer;
    }
    high = std::min<std::uint64_t>(std::uint64_t{high} * 2, max_servers);
  }
  while (high - low > 1) {
    const std::uint32_t mid = low + (high - low) / 2;
    (meets(value(mid)) ? high : low) = mid;
  }
  answer.servers = high;
  if (high > 1) answer.steps.push_back({high - 1, value(high - 1)});
  answer.steps.push_back({high, value(high)});
  return answer;
}

}  // namespace freightsim
