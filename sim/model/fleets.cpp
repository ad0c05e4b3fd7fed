#include "fleets.hpp"

#include <stdexcept>

#include "replication.hpp"

namespace freightsim::detail {

fleets::fleets(replication& r, const corridor& model, std::uint64_t seed, std::uint32_t rep)
    : r_(r), pools_(model.fleets.size()) {
  for (std::size_t f = 0; f < pools_.size(); ++f) {
    const fleet_spec& spec = model.fleets[f];
    pools_[f].spec = &spec;
    pools_[f].free = spec.size;
    pools_[f].back = random_stream(seed, rep, "fleet_return", spec.id);
  }
}

void fleets::handle(std::uint8_t kind, std::uint32_t id) {
  if (kind != vehicle_back) throw std::logic_error("fleets: unknown event kind");
  pool& p = pools_[id];
  ++p.free;
  r_.observers.fleet_changed(r_.now(), id, p.spec->size - p.free);
  assign(id);
}

void fleets::request(std::uint32_t fleet, std::uint32_t link) {
  pools_[fleet].waiting.push_back({link, r_.now()});
  assign(fleet);
}

void fleets::assign(std::uint32_t fleet) {
  pool& p = pools_[fleet];
  // The first waiting departure whose link is open; a closed link keeps its place in the order.
  auto it = p.waiting.begin();
  while (p.free > 0 && it != p.waiting.end()) {
    const std::uint32_t link = it->link;
    if (r_.links[link].closed.closed()) {
      ++it;
      continue;
    }
    r_.observers.vehicle_granted(fleet, r_.now() - it->since);
    it = p.waiting.erase(it);
    --p.free;
    r_.observers.fleet_changed(r_.now(), fleet, p.spec->size - p.free);
    r_.links.vehicle_granted(link);
  }
}

double fleets::expected_wait_hours(std::uint32_t fleet, double round_trip_h) const {
  const pool& p = pools_[fleet];
  const double short_of = static_cast<double>(p.waiting.size() + 1) - static_cast<double>(p.free);
  if (short_of <= 0) return 0;
  return short_of * round_trip_h / static_cast<double>(p.spec->size);
}

void fleets::dispatched(std::uint32_t fleet, double trip_h) {
  pool& p = pools_[fleet];
  const double round_trip_h = trip_h + sample(p.spec->return_time, p.back);
  r_.schedule(r_.after(round_trip_h), owner::fleets, vehicle_back, fleet);
}

}  // namespace freightsim::detail
