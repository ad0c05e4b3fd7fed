#include "sources.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "replication.hpp"

namespace freightsim::detail {

sources::sources(replication& r, const corridor& model, std::uint64_t seed, std::uint32_t rep) : r_(r) {
  for (const auto& f : model.flows)
    sources_.push_back({&f, random_stream(seed, rep, "arrivals", f.id)});
}

void sources::start() {
  for (std::uint32_t f = 0; f < sources_.size(); ++f) {
    const flow_spec& spec = *sources_[f].spec;
    if (spec.process == arrival_process::fixed) {
      if (spec.first_arrival <= r_.window.horizon)
        r_.schedule(spec.first_arrival, owner::sources, arrival, f);
    } else {
      schedule_arrival(f);
    }
  }
}

namespace {

// The hours from `now_h` to the next arrival of a Poisson process whose rate is `rates` (per hour) in equal
// parts of a period repeating from 0: an Exp(1) draw of integrated rate, spent part by part (inversion),
// whole periods at once. Infinity past `limit_h`.
double profile_gap_h(const flow_spec& f, double now_h, double need, double limit_h) {
  const std::vector<double>& rates = f.profile_rates;
  const double period = f.profile_period_h;
  const double part = period / static_cast<double>(rates.size());
  const double per_period = f.rate_per_hour * period;  // the rates' mean is rate_per_hour
  double start = std::floor(now_h / period) * period;  // of the current period
  auto k = std::min(rates.size() - 1, static_cast<std::size_t>((now_h - start) / part));
  double t = now_h;
  for (bool skipped = false;;) {
    const double end = start + static_cast<double>(k + 1) * part;
    const double mass = rates[k] * (end - t);
    if (need <= mass && rates[k] > 0) return t + need / rates[k] - now_h;
    need -= mass;
    t = end;
    if (t - now_h > limit_h) return std::numeric_limits<double>::infinity();
    if (++k == rates.size()) {
      k = 0;
      start += period;
      // Back at a period's start: skip the whole periods the draw outlasts (once: the rest is less).
      if (!skipped) {
        const double whole = std::floor(need / per_period);
        need = std::max(0.0, need - whole * per_period);
        start += whole * period;
        t = start;
        skipped = true;
      }
    }
  }
}

}  // namespace

void sources::schedule_arrival(std::uint32_t f) {
  source& s = sources_[f];
  const flow_spec& spec = *s.spec;
  const double left_h = to_hours(r_.window.horizon - r_.now());
  const double gap_h = spec.process == arrival_process::fixed ? 1.0 / spec.rate_per_hour
                       : spec.profile_rates.empty()
                           ? sample_exponential(s.gaps, 1.0 / spec.rate_per_hour)
                           : profile_gap_h(spec, to_hours(r_.now()), sample_exponential(s.gaps, 1.0), left_h);
  // An arrival after the horizon is not scheduled (a huge draw must not overflow the clock).
  if (gap_h > left_h) return;
  r_.schedule(r_.now() + from_hours(gap_h), owner::sources, arrival, f);
}

void sources::handle(std::uint8_t /*kind: only arrivals*/, std::uint32_t f) {
  schedule_arrival(f);
  const vertex origin = sources_[f].spec->route.front();
  const std::uint32_t id = r_.pool.acquire(f, origin, r_.now());
  r_.routes.choose_path(r_.pool[id], r_.nodes, r_.links, r_.vehicles);
  // The value of a created record is the path taken (0 but for adaptive flows): the split per route.
  r_.emit<trace_kind::created>(id, origin, wait_cause::queue, sim_time{0}, r_.pool[id].path);
  r_.entry.arrive_at_origin(id);
}

}  // namespace freightsim::detail
