#include "freightsim/model/calendar.hpp"

#include <algorithm>
#include <map>

namespace freightsim {

namespace {
constexpr sim_time day = std::chrono::duration_cast<sim_time>(std::chrono::hours(24));

sim_time wrap(sim_time t) {
  const auto r = t % week;
  return r < sim_time{0} ? r + week : r;
}
}  // namespace

weekly_calendar::weekly_calendar(const std::vector<shift>& shifts, sim_time utc_offset) {
  // Sweep: +servers where a shift opens, -servers where it closes, in UTC offsets within the week.
  std::map<sim_time, std::int64_t> delta{{sim_time{0}, 0}};
  for (const shift& s : shifts) {
    const sim_time length = s.to > s.from ? s.to - s.from : s.to + day - s.from;
    for (int d = 0; d < 7; ++d) {
      if (!s.days[static_cast<std::size_t>(d)]) continue;
      const sim_time open = wrap(day * d + s.from - utc_offset);
      const sim_time close = wrap(open + length);
      delta[open] += s.servers;
      delta[close] -= s.servers;
      if (close <= open) delta[sim_time{0}] += s.servers;  // wraps past the end of the week
    }
  }
  std::int64_t level = 0;
  for (const auto& [at, d] : delta) {
    level += d;
    const auto servers = static_cast<std::uint32_t>(std::max<std::int64_t>(level, 0));
    if (steps_.empty() || steps_.back().servers != servers) steps_.push_back({at, servers});
  }
}

std::uint32_t weekly_calendar::peak() const {
  std::uint32_t most = 0;
  for (const step& s : steps_)
    most = std::max(most, s.servers);
  return most;
}

sim_time weekly_calendar::week_offset(sim_time t) const {
  return wrap(t);
}

std::uint32_t weekly_calendar::servers_at(sim_time t) const {
  const sim_time w = week_offset(t);
  const auto it =
      std::upper_bound(steps_.begin(), steps_.end(), w, [](sim_time x, const step& s) { return x < s.at; });
  return std::prev(it)->servers;
}

sim_time weekly_calendar::next_change_after(sim_time t) const {
  const sim_time w = week_offset(t);
  const sim_time week_start = t - w;
  const auto it =
      std::upper_bound(steps_.begin(), steps_.end(), w, [](sim_time x, const step& s) { return x < s.at; });
  if (it != steps_.end()) return week_start + it->at;
  // The week boundary is a change only if the level differs across it.
  const bool same_across = steps_.size() > 1 && steps_.front().servers == steps_.back().servers;
  return week_start + week + steps_[same_across ? 1 : 0].at;
}

}  // namespace freightsim
