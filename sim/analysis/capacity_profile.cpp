#include "freightsim/analysis/capacity_profile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace freightsim {

capacity_profile::capacity_profile(const node_spec& node, double horizon_h, double warmup_h)
    : warmup_h_(warmup_h), horizon_h_(horizon_h), servers_(node.servers) {
  const sim_time horizon = from_hours(horizon_h), warmup = from_hours(warmup_h);
  sim_time t{0};
  while (t < horizon) {
    sim_time next = horizon;
    if (warmup > t) next = std::min(next, warmup);
    segment s;
    s.base = node.calendar ? std::min(node.calendar->servers_at(t), node.servers) : node.servers;
    if (node.calendar && !node.calendar->empty()) next = std::min(next, node.calendar->next_change_after(t));
    for (const auto& d : node.disruptions) {
      if (d.holds_at(t)) s.cap = std::min(s.cap, d.servers);
      next = std::min(next, d.next_edge_after(t));
    }
    s.from_h = to_hours(t);
    s.to_h = to_hours(next);
    if (!segments_.empty() && segments_.back().base == s.base && segments_.back().cap == s.cap &&
        s.from_h != warmup_h)
      segments_.back().to_h = s.to_h;
    else
      segments_.push_back(s);
    t = next;
  }
  if (node.breakdowns) {
    const double up = mean(node.breakdowns->mtbf), down = mean(node.breakdowns->mttr);
    availability_ = up / (up + down);
    outage_term_h_ = (variance(node.breakdowns->mttr) + down * down) / (2.0 * (up + down));
  }
}

bool capacity_profile::constant() const {
  return availability_ == 1.0 && std::all_of(segments_.begin(), segments_.end(), [&](const segment& s) {
           return s.servers() == segments_.front().servers();
         });
}

double capacity_profile::mean_servers_with(std::uint32_t extra) const {
  double sum = 0;
  for (const auto& s : segments_)
    if (s.from_h >= warmup_h_) sum += (s.to_h - s.from_h) * s.servers(extra);
  const double window = horizon_h_ - warmup_h_;
  return window > 0 ? availability_ * sum / window : 0.0;
}

std::uint32_t capacity_profile::servers_needed(double offered) const {
  if (mean_servers_with(0) > offered) return servers_;
  // Grow, then bisect, the servers added to every open shift.
  std::uint32_t low = 0, high = 1;
  while (mean_servers_with(high) <= offered) {
    low = high;
    if (high > 1u << 30) return std::numeric_limits<std::uint32_t>::max();
    high *= 2;
  }
  while (high - low > 1) {
    const std::uint32_t mid = low + (high - low) / 2;
    (mean_servers_with(mid) > offered ? high : low) = mid;
  }
  return servers_ + high;
}

fluid_wait capacity_profile::wait(double lambda, double mean_service_h, double between, double p_between,
                                  const std::function<double(std::uint32_t)>& within,
                                  const std::function<double(std::uint32_t)>& p_within) const {
  if (lambda <= 0) return {};
  double backlog = 0, area = 0, backlog_time = 0, stationary_sum = 0, waiting_sum = 0;
  for (const auto& s : segments_) {
    const double length = s.to_h - s.from_h, drain = s.servers() / mean_service_h - lambda;
    const bool observed = s.from_h >= warmup_h_;
    double seg_area = 0, seg_backlog_time = length, free_time = 0;
    if (drain <= 0) {
      seg_area = backlog * length - drain * length * length / 2.0;
      backlog -= drain * length;
    } else if (backlog / drain >= length) {
      seg_area = backlog * length - drain * length * length / 2.0;
      backlog -= drain * length;
    } else {
      const double empty_at = backlog / drain;
      seg_area = backlog * empty_at / 2.0;
      backlog = 0;
      seg_backlog_time = empty_at;
      free_time = length - empty_at;
    }
    if (!observed) continue;
    area += seg_area;
    backlog_time += seg_backlog_time;
    if (free_time > 0) {
      stationary_sum += free_time * (between + within(s.servers()));
      waiting_sum += free_time * std::min(1.0, p_between + p_within(s.servers()));
    }
  }
  const double window = horizon_h_ - warmup_h_;
  fluid_wait out;
  out.wait_h = (area / lambda + stationary_sum) / window;
  out.p_wait = (backlog_time + waiting_sum) / window;
  if (outage_term_h_ > 0) {
    const double rate = mean_servers() / mean_service_h;
    out.wait_h +=
        rate > lambda ? outage_term_h_ * rate / (rate - lambda) : std::numeric_limits<double>::infinity();
    out.p_wait += 1.0 - availability_;
  }
  return out;
}

}  // namespace freightsim
