// The replication's statistics collector, an observer of what the model emits: it owns the warm-up and the
// replication result, and keeps every stretch of each unit's life, added to its flow's breakdown when the
// unit is delivered, and to its node's waits by cause (and storage charges) when its stay there ends; and,
// from the nodes' level changes, the time averages of their queues and busy servers and the main nodes' time
// series.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "freightsim/engine/time.hpp"
#include "freightsim/model/corridor.hpp"
#include "freightsim/model/replication_result.hpp"
#include "freightsim/model/simulation.hpp"
#include "freightsim/stats/series_grid.hpp"
#include "freightsim/stats/time_average.hpp"
#include "life_log.hpp"

namespace freightsim::detail {

class statistics {
 public:
  statistics(const corridor& model, run_window window);

  [[nodiscard]] bool observing() const { return observing_; }
  void start_observing(sim_time now);
  [[nodiscard]] replication_result& result() { return result_; }
  // The nodes' and fleets' time averages and the main nodes' series, up to `end`, into the result.
  void finish_levels(sim_time end);

  // An observer of the model (observers.hpp): every record it emits, of kind K.
  template <trace_kind K>
  void on(const trace_record& e);
  void queue_changed(sim_time now, std::size_t node, std::size_t waiting, std::size_t approaching) {
    node_levels& l = levels_[node];
    if (approaching > 0 && !l.approached) {
      // The first unit approaching: until now the total was the queue, and the approach's 0 -> 0 changes,
      // skipped, added nothing to its area.
      l.approached = true;
      l.total = l.queue;
    }
    l.queue.set(now, static_cast<double>(waiting));
    if (l.approached) {
      l.approach.set(now, static_cast<double>(approaching));
      l.total.set(now, static_cast<double>(waiting + approaching));
    }
    if (const std::uint32_t slot = series_slot_[node]; slot != no_series) {
      queue_samples_[slot].set(now, static_cast<double>(waiting));
      approach_samples_[slot].set(now, static_cast<double>(approaching));
    }
  }
  // Capacity is the servers open, or more while closing servers finish what they started.
  void servers_changed(sim_time now, std::size_t node, std::uint32_t busy, std::uint32_t open) {
    node_levels& l = levels_[node];
    l.busy.set(now, busy);
    l.capacity.set(now, std::max(open, busy));
  }
  void fleet_changed(sim_time now, std::size_t fleet, std::uint32_t busy) {
    fleets_[fleet].busy.set(now, busy);
  }
  void vehicle_granted(std::size_t fleet, sim_time waited) {
    if (!observing_) return;  // a wait counts when it ends in the window
    ++fleets_[fleet].granted;
    fleets_[fleet].wait_h += to_hours(waited);
  }

 private:
  // One stretch of a unit's life. `place` is node << part_bits | part, or (node_count << part_bits) + link
  // for travel: shifts and masks, not a division by stop_part_count, on every stretch walked.
  static constexpr std::uint32_t part_bits = 4;
  static_assert(stop_part_count <= (1U << part_bits));
  static std::uint32_t stop_place(std::size_t node, std::size_t part) {
    return static_cast<std::uint32_t>(node << part_bits | part);
  }
  static std::uint32_t node_of(std::uint32_t place) { return place >> part_bits; }
  static std::uint32_t part_of(std::uint32_t place) { return place & ((1U << part_bits) - 1); }
  void log_part(std::uint32_t id, std::uint32_t place, sim_time duration) { lives_.add(id, place, duration); }
  // The unit leaves node v (boards a link, or is delivered there): its stay's waits count for v. The stay is
  // the unit's latest parts at v, back to its last travel. Counting whole stays that end in the window, over
  // the stays that end in it, keeps each cause's mean within the stays it describes: a wait that ends in the
  // window for a unit that left the node's servers before it (a closed link) counts with its unit.
  void end_stay(std::uint32_t id, std::uint32_t v) {
    // Storage is charged on every stay, also before the warm-up: it is part of the cost of a unit delivered
    // in the window, as its fees are.
    const storage_tariff* tariff = storage_[v];
    if (!tariff && !observing_) return;
    node_result* n = observing_ ? &result_.nodes[v] : nullptr;
    if (n) ++n->stays;
    sim_time stay{0};
    lives_.for_each_back(id, [&](const life_log::part& p) {
      if (node_of(p.place) != v) return false;
      stay += p.duration;
      if (n && part_of(p.place) != service_part) n->wait_by_cause_h[part_of(p.place)] += to_hours(p.duration);
      return true;
    });
    if (tariff)
      if (const double usd = tariff->charge(stay); usd > 0) charges_[id].push_back({v, usd});
  }
  void delivered(const trace_record& e);
  void add_life(const trace_record& e);

  // A node's levels over time: servers busy and open, units waiting (for its servers), approaching (for a
  // place) and both. Most nodes never have a unit approaching: until one does, `total` is `queue` and neither
  // it nor `approach` is updated (finish_levels reads `queue` for it).
  struct node_levels {
    time_average busy, capacity, queue, approach, total;
    bool has_servers = false;
    bool approached = false;
    [[nodiscard]] const time_average& waiting_total() const { return approached ? total : queue; }
  };

  // A fleet's vehicles busy over time, and the departures given a vehicle in the window with their hours from
  // request to grant.
  struct fleet_levels {
    time_average busy;
    std::uint32_t size = 0;
    std::uint64_t granted = 0;
    double wait_h = 0;
  };

  bool observing_;
  std::size_t node_count_;
  std::vector<node_levels> levels_;         // by node
  std::vector<fleet_levels> fleets_;        // by fleet
  std::vector<std::uint32_t> link_origin_;  // by link
  replication_result result_;
  life_log lives_;
  // Storage charged on a unit's stays so far (node, USD), by shipment slot (empty in a model without storage
  // tariffs); nodes' tariffs (null: none).
  bool any_storage_ = false;
  struct storage_charge {
    std::uint32_t node = 0;
    double usd = 0;
  };
  std::vector<std::vector<storage_charge>> charges_;
  std::vector<const storage_tariff*> storage_;  // by node
  // Per flow, the nodes of its planned route (sorted) whose leaving times feed its quantile path; empty for
  // routes longer than max_quantile_path_stops.
  std::vector<std::vector<std::uint32_t>> quantile_stops_;
  // Departures per interval at the main nodes (series_nodes), counted in result_.series by slot.
  static constexpr std::uint32_t no_series = UINT32_MAX;
  series_grid series_grid_;
  std::vector<std::uint32_t> series_slot_;                       // by node
  std::vector<level_samples> queue_samples_, approach_samples_;  // by slot
};

// A template on the kind, so that each emit compiles to its own case alone (if constexpr): no switch, no
// out-of-line call on the hot path, and kinds the collector ignores cost nothing.
template <trace_kind K>
void statistics::on(const trace_record& e) {
  const auto v = static_cast<std::uint32_t>(e.where);
  if constexpr (K == trace_kind::created) {
    ++result_.flows[e.flow].created;
    ++result_.created;
    lives_.open(e.shipment);
    if (any_storage_ && e.shipment >= charges_.size()) charges_.resize(e.shipment + 1);
    flow_result& f = result_.flows[e.flow];
    const auto path = static_cast<std::size_t>(e.value);
    if (observing_) ++f.by_path[path];
    if (!f.by_path_series.empty()) ++f.by_path_series[path * series_points + series_grid_.index_of(e.time)];
  } else if constexpr (K == trace_kind::wait_ended) {
    log_part(e.shipment, stop_place(v, static_cast<std::size_t>(e.cause)), e.duration);
  } else if constexpr (K == trace_kind::service_start) {
    if (observing_) {
      node_result& r = result_.nodes[v];
      r.wait_h.add(to_hours(e.duration));
      r.wait_quantiles.add(to_hours(e.duration));
    }
  } else if constexpr (K == trace_kind::service_end) {
    log_part(e.shipment, stop_place(v, service_part), e.duration);
  } else if constexpr (K == trace_kind::link_departure) {
    end_stay(e.shipment, link_origin_[v]);
    log_part(e.shipment, stop_place(node_count_, 0) + v, e.duration);
    if (observing_) {
      ++result_.links[v].units;
      result_.links[v].travel_h +=
          e.value <= to_hours(max_sim_time) ? to_hours(from_hours(e.value)) : e.value;
    }
  } else if constexpr (K == trace_kind::vehicle) {
    if (observing_) ++result_.links[v].vehicles;
  } else if constexpr (K == trace_kind::left_behind) {
    if (observing_) result_.links[v].left_behind += static_cast<std::uint64_t>(e.value);
  } else if constexpr (K == trace_kind::departed) {
    if (observing_) ++result_.nodes[v].departures;
    if (const std::uint32_t slot = series_slot_[v]; slot != no_series)
      ++result_.series[slot].departed[series_grid_.index_of(e.time)];
  } else if constexpr (K == trace_kind::delivered) {
    delivered(e);
  }
  // arrived, wait_begun: nothing to count.
}

}  // namespace freightsim::detail
