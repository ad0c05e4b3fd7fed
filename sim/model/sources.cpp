#include "sources.hpp"

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

void sources::schedule_arrival(std::uint32_t f) {
  source& s = sources_[f];
  const double gap_h = s.spec->process == arrival_process::fixed
                           ? 1.0 / s.spec->rate_per_hour
                           : sample_exponential(s.gaps, 1.0 / s.spec->rate_per_hour);
  // An arrival after the horizon is not scheduled (a huge draw must not overflow the clock).
  if (gap_h > to_hours(r_.window.horizon - r_.now())) return;
  r_.schedule(r_.now() + from_hours(gap_h), owner::sources, arrival, f);
}

void sources::handle(std::uint8_t /*kind: only arrivals*/, std::uint32_t f) {
  schedule_arrival(f);
  const vertex origin = sources_[f].spec->route.front();
  const std::uint32_t id = r_.pool.acquire(f, origin, r_.now());
  r_.routes.choose_path(r_.pool[id], r_.nodes, r_.links);
  // The value of a created record is the path taken (0 but for adaptive flows): the split per route.
  r_.emit<trace_kind::created>(id, origin, wait_cause::queue, sim_time{0}, r_.pool[id].path);
  r_.entry.arrive_at_origin(id);
}

}  // namespace freightsim::detail
