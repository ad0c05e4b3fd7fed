#include "freightsim/analysis/network_estimate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "freightsim/analysis/capacity_profile.hpp"
#include "freightsim/analysis/erlang.hpp"
#include "freightsim/analysis/service_time.hpp"
#include "freightsim/analysis/traffic.hpp"
#include "freightsim/model/departure_wait.hpp"
#include "freightsim/model/routing.hpp"

namespace freightsim {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr std::size_t none = std::numeric_limits<std::size_t>::max();

// One flow's units arriving at a node or a link. Units may come in groups (a train, a ship, or a train's
// units released one by one by a node): `own` = E[X(X-1)]/E[X] of this flow's units per group, `group` the
// same for the whole group they arrive in (other flows' units included), `scv` the squared coefficient of
// variation of the times between groups (between units when there are no groups), `spacing` the hours
// between units of one group (0 when the group arrives at once).
// `origin` is the link where the group was formed (none for single units).
struct stream {
  double rate = 0, own = 0, group = 0, scv = 1, spacing = 0;
  std::size_t origin = none;
};

// Within a group of N found with idle servers, unit j waits for j - c + 1 of c parallel services:
// mean over the group (N - c)(N - c + 1) / (2 N c) services (k / 2 for c = 1, the M^X/G/1 term).
double within_group_services(double clump, double servers) {
  const double n = 1.0 + clump, excess = n - servers;
  if (excess <= 0) return 0.0;
  return excess * (excess + 1.0) / (2.0 * n * servers);
}

struct node_work {
  double rate = 0, transfer_rate = 0;
  std::vector<stream> arrivals;
  double departure_scv = 1;  // of single units leaving (Whitt)
  time_moments service;
  capacity_profile profile;
  double utilization = 0;
};

// A group stream's clump as a node with `rate` units/h of capacity sees it: a group whose units arrive no
// faster than the node serves them forms no queue; otherwise the queue peaks at N (1 - rate x spacing).
double effective_group(const stream& a, double rate) {
  return a.group * std::max(0.0, 1.0 - a.spacing * rate);
}

}  // namespace

network_estimate estimate_network(const scenario& s) {
  const network& net = s.model.net;
  const network_graph& g = net.graph();
  const std::size_t n = net.node_count();
  const double horizon_h = to_hours(s.horizon), warmup_h = to_hours(s.warmup);

  // Links in scenario order, and the link each flow hop uses (as the simulation chooses it).
  std::vector<edge> edges(net.link_count());
  for (auto [it, end] = boost::edges(g); it != end; ++it)
    edges[g[*it].index] = *it;
  std::vector<double> link_rate(edges.size(), 0.0);

  // Traffic equations per flow; node rates are their sums.
  std::vector<node_work> w(n);
  network_estimate out;
  std::vector<std::vector<double>> flow_visits;
  for (const auto& f : s.model.flows) {
    // A route that visits each node once is passed by every unit once: its nodes and links see the flow's
    // rate (what the traffic equations give, exactly), without an n x n system per flow.
    std::vector<bool> on_route(n, false);
    bool loopless = true;
    for (const vertex v : f.route) {
      loopless = loopless && !on_route[v];
      on_route[v] = true;
    }
    Eigen::MatrixXd p;
    Eigen::VectorXd lambda;
    if (loopless) {
      for (const vertex v : f.route)
        w[v].rate += f.rate_per_hour;
    } else {
      Eigen::VectorXd gamma = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
      gamma(static_cast<Eigen::Index>(f.route.front())) = f.rate_per_hour;
      p = route_routing(n, f.route);
      lambda = solve_traffic(gamma, p);
      for (std::size_t v = 0; v < n; ++v)
        w[v].rate += lambda(static_cast<Eigen::Index>(v));
    }
    for (std::size_t k = 0; k + 1 < f.route.size(); ++k) {
      const auto u = f.route[k], v = f.route[k + 1];
      const edge e = *best_link(net, u, v, f.rule, f.value_of_time_usd_per_h);
      link_rate[g[e].index] += loopless ? f.rate_per_hour
                                        : lambda(static_cast<Eigen::Index>(u)) *
                                              p(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(v));
      // A unit changing mode at an inner node of its route gets the node's transfer time.
      if (k + 2 < f.route.size()) {
        const edge next = *best_link(net, v, f.route[k + 2], f.rule, f.value_of_time_usd_per_h);
        if (g[e].mode != g[next].mode) w[v].transfer_rate += f.rate_per_hour;
      }
    }
  }

  for (std::size_t v = 0; v < n; ++v) {
    const node_spec& spec = net.node(v);
    w[v].service = node_service_time(spec, w[v].rate > 0 ? w[v].transfer_rate / w[v].rate : 0.0);
    if (spec.has_servers()) w[v].profile = capacity_profile(spec, horizon_h, warmup_h);
    const double capacity = w[v].profile.mean_servers();
    w[v].utilization = !spec.has_servers() ? 0.0
                       : capacity > 0      ? w[v].rate * w[v].service.mean / capacity
                                           : (w[v].rate > 0 ? inf : 0.0);
  }

  // Batch formation per link, from the units' arrival groups there (the previous round's).
  std::vector<batch_wait> batch(edges.size());
  std::vector<double> link_in_group(edges.size(), 0.0);
  const auto form_batches = [&] {
    for (std::size_t i = 0; i < edges.size(); ++i) {
      const link_spec& l = g[edges[i]];
      if (l.batch)
        batch[i] =
            batch_formation(link_rate[i], l.batch->size,
                            l.batch->max_wait ? std::optional(to_hours(*l.batch->max_wait)) : std::nullopt,
                            1.0 + link_in_group[i]);
    }
  };
  form_batches();

  // Streams along every flow's route; node departure SCVs and trains' SCVs to a fixed point (QNA's linear
  // equations, solved by iteration: opposite flows make cycles).
  std::vector<double> link_group_scv(edges.size(), 1.0);
  // Units of groups formed on link `origin`: at node v, and taking link i from v (the previous round's).
  std::map<std::pair<vertex, std::size_t>, double> group_at, group_at_before;
  std::map<std::tuple<vertex, std::size_t, std::size_t>, double> group_onto, group_onto_before;
  // A round is a function of what the previous one left: departure SCVs, trains' SCVs and groups, the groups'
  // maps. Once a round leaves them unchanged every further round repeats it exactly, so stopping there gives
  // what 100 rounds give (a long chain of junctions converges at once instead of costing 100 walks).
  const auto state = [&] {
    std::vector<double> x;
    for (const auto& node : w)
      x.push_back(node.departure_scv);
    x.insert(x.end(), link_group_scv.begin(), link_group_scv.end());
    x.insert(x.end(), link_in_group.begin(), link_in_group.end());
    return x;
  };
  for (int round = 0; round < 100; ++round) {
    const std::vector<double> before = state();
    group_at_before = std::exchange(group_at, {});
    group_onto_before = std::exchange(group_onto, {});
    for (auto& node : w)
      node.arrivals.clear();
    std::vector<double> link_in_scv(edges.size(), 0.0);
    std::fill(link_in_group.begin(), link_in_group.end(), 0.0);
    for (const auto& f : s.model.flows) {
      stream st{f.rate_per_hour, 0, 0, f.process == arrival_process::poisson ? 1.0 : 0.0, 0};
      for (std::size_t k = 0; k < f.route.size(); ++k) {
        const vertex v = f.route[k];
        node_work& node = w[v];
        if (net.node(v).has_servers()) node.arrivals.push_back(st);  // only stations' arrivals are read
        if (k + 1 == f.route.size()) break;
        const edge e = *best_link(net, v, f.route[k + 1], f.rule, f.value_of_time_usd_per_h);
        const link_spec& l = g[e];
        const std::size_t i = l.index;
        // Past a node, a group continues with its units taking the same link (binomial thinning), at least
        // with this flow's own.
        if (st.origin != none) {
          group_at[{v, st.origin}] += st.rate;
          group_onto[{v, st.origin, i}] += st.rate;
          const auto at = group_at_before.find({v, st.origin});
          const auto onto = group_onto_before.find({v, st.origin, i});
          const double share = at == group_at_before.end() || onto == group_onto_before.end()
                                   ? 1.0
                                   : onto->second / at->second;
          st.group = std::max(st.own, st.group * share);
        }
        if (net.node(v).has_servers() && node.rate > 0) {
          // Leaving a node: a group's units a service apart, at most c at a time; single units split
          // from the node's departures (QNA: p c_d^2 + 1 - p).
          const double p = st.rate / node.rate;
          st.spacing = node.service.mean / std::max(1.0, node.profile.mean_servers());
          if (st.own == 0) st.scv = p * node.departure_scv + 1.0 - p;
        }
        link_in_scv[i] += st.rate / link_rate[i] * (1.0 + st.group) * st.scv;
        link_in_group[i] += st.rate / link_rate[i] * st.group;
        const double jitter =
            2.0 * variance(l.time);  // one travel time per group: adds to the gaps' variance
        if (l.batch) {
          const double share = st.rate / link_rate[i];
          st = {st.rate, (batch[i].mean_size - 1.0) * share, batch[i].mean_size - 1.0, link_group_scv[i], 0,
                i};
        } else if (l.schedule) {
          const double headway = to_hours(l.schedule->headway);
          st = {st.rate,
                st.rate * headway,
                link_rate[i] * headway,
                std::min(1.0, jitter / (headway * headway)),
                0,
                i};
        }
      }
    }
    form_batches();
    for (std::size_t i = 0; i < edges.size(); ++i) {
      const link_spec& l = g[edges[i]];
      if (!l.batch || link_rate[i] <= 0) continue;
      const double gap = batch[i].mean_size / link_rate[i];
      link_group_scv[i] =
          std::min(1.0, link_in_scv[i] / batch[i].mean_size + 2.0 * variance(l.time) / (gap * gap));
    }
    for (std::size_t v = 0; v < n; ++v) {
      node_work& node = w[v];
      if (!net.node(v).has_servers() || node.rate <= 0) continue;
      // Whitt's departure SCV, with the asymptotic unit-level SCV of grouped arrivals, (1 + k) c^2.
      double ca2 = 0;
      for (const auto& a : node.arrivals)
        ca2 += a.rate / node.rate * (1.0 + a.group) * a.scv;
      const double rho = std::min(node.utilization, 1.0);
      const double c = std::max(1.0, node.profile.mean_servers());
      node.departure_scv =
          1.0 + (1.0 - rho * rho) * (ca2 - 1.0) + rho * rho * (node.service.scv - 1.0) / std::sqrt(c);
    }
    if (state() == before && group_at == group_at_before && group_onto == group_onto_before) break;
  }

  // Nodes.
  for (std::size_t v = 0; v < n; ++v) {
    const node_spec& spec = net.node(v);
    node_estimate e;
    e.id = spec.id;
    e.junction = !spec.has_servers();
    e.servers = e.junction ? 0 : spec.servers;
    e.arrival_rate_h = w[v].rate;
    e.service_mean_h = w[v].service.mean;
    e.service_scv = w[v].service.scv;
    if (!e.junction && w[v].rate > 0) {
      const capacity_profile& prof = w[v].profile;
      const double lambda = w[v].rate, m = w[v].service.mean, cs2 = w[v].service.scv;
      const double c_mean = prof.mean_servers();
      e.servers_mean = c_mean;
      e.utilization = w[v].utilization;
      const double rho = std::min(e.utilization, 1.0);
      // Groups as this node sees them; their rate, sizes and the SCV of the times between them.
      double group_rate = 0, scv = 0;
      bool groups = false;
      for (const auto& a : w[v].arrivals) {
        const double k = effective_group(a, c_mean / m), gr = a.rate / (1.0 + k);
        groups = groups || k > 1e-9;
        group_rate += gr;
        scv += gr * a.scv;
      }
      scv /= group_rate;
      e.arrival_scv = scv;
      double between = 0, p_between = 0;
      if (rho >= 1.0) {
        between = inf;
        p_between = 1;
      } else if (groups) {
        // Groups of one origin (a train, a sailing) form one class; single units each their own. An arrival
        // of class i waits for the work of the others at its time average (work W arriving at group rate r
        // leaves r E[W^2] / 2 on average) and for its own class's work by Kingman (its gaps' SCV), the c
        // servers pooled as one, both divided by 1 - rho. For one Poisson class this is Pollaczek–Khinchine,
        // with within() exact for M^X/G/1.
        struct work_class {
          double rate = 0, size = 1, scv = 1;
          std::size_t origin = none;
        };
        std::vector<work_class> classes;
        for (const auto& a : w[v].arrivals) {
          const double k = effective_group(a, c_mean / m);
          const auto same = std::find_if(classes.begin(), classes.end(), [&](const work_class& x) {
            return a.origin != none && x.origin == a.origin;
          });
          if (same != classes.end())
            same->rate += a.rate;
          else
            classes.push_back({a.rate, 1.0 + k, a.scv, a.origin});
        }
        double all = 0;  // sum of r E[W^2], server-hours^2 per hour
        for (const auto& x : classes)
          all += x.rate / x.size * (x.size * x.size * m * m + x.size * m * m * cs2);
        const double scale = 2.0 * c_mean * c_mean * (1.0 - rho);
        for (const auto& x : classes) {
          const double r = x.rate / x.size, mean_work = x.size * m, var_work = x.size * m * m * cs2;
          const double own = r * (mean_work * mean_work + var_work);
          const double seen = all - own + r * (mean_work * mean_work * x.scv + var_work);
          between += x.rate / lambda * seen / scale;
        }
        p_between = rho;
      } else {
        // Allen–Cunneen at the mean servers (service stretched by servers / mean servers when they vary).
        const double m_eff = m * e.servers / c_mean;
        between = allen_cunneen_wait(e.servers, lambda, m_eff, scv, cs2);
        p_between = erlang_c(e.servers, lambda * m_eff);
      }
      const auto within = [&](std::uint32_t c) {
        double sum = 0;
        for (const auto& a : w[v].arrivals)
          sum += a.rate / lambda * within_group_services(effective_group(a, c_mean / m), c) * m;
        return sum;
      };
      const auto p_within = [&](std::uint32_t c) {
        double sum = 0;
        for (const auto& a : w[v].arrivals) {
          const double x = 1.0 + effective_group(a, c_mean / m);
          sum += a.rate / lambda * std::max(0.0, (x - c) / x);
        }
        return sum;
      };
      const fluid_wait fw = prof.wait(lambda, m, between, p_between, within, p_within);
      e.wait_h = e.utilization >= 1.0 ? inf : fw.wait_h;
      e.p_wait = std::min(1.0, fw.p_wait);
      e.wait_p95_h = wait_quantile(e.wait_h, e.p_wait, 0.95);
      const bool poisson_in = std::all_of(w[v].arrivals.begin(), w[v].arrivals.end(), [](const stream& a) {
        return a.group == 0 && std::abs(a.scv - 1.0) < 1e-9;
      });
      const bool exact = poisson_in && std::abs(cs2 - 1.0) < 1e-9 && prof.constant();
      e.method = exact ? "erlang_c" : groups ? "batch_kingman" : "allen_cunneen";
      if (!prof.constant()) e.method += "+fluid";
      e.servers_needed = prof.servers_needed(lambda * m);
      if (e.utilization >= 1.0) {
        out.issues.push_back(
            {"node", e.id, e.utilization, e.servers_needed,
             fmt::format(
                 "node '{}' is unstable: utilization {:.3f} >= 1 ({:.2f} units/h x {:.3f} h service on "
                 "{:.2f} servers on average); it needs {} servers",
                 e.id, e.utilization, lambda, m, e.servers_mean, e.servers_needed)});
      }
    }
    out.nodes.push_back(std::move(e));
  }

  // Fleets: c vehicles serving the departures of every link using the fleet (a unit on a plain link, a train
  // on a batch link) for a round trip (the link's time and delay, then the return): Allen–Cunneen with
  // Poisson departures and the round trip's SCV, so Erlang C when the round trip is exponential. Every unit
  // of a departure waits as long as its departure.
  std::vector<double> fleet_wait(s.model.fleets.size(), 0.0);
  {
    std::vector<double> rate(fleet_wait.size(), 0.0), m1(fleet_wait.size(), 0.0), m2(fleet_wait.size(), 0.0);
    for (std::size_t i = 0; i < edges.size(); ++i) {
      const link_spec& l = g[edges[i]];
      if (!l.fleet) continue;
      const fleet_spec& f = s.model.fleets[*l.fleet];
      const double departures =
          l.batch && batch[i].mean_size > 0 ? link_rate[i] / batch[i].mean_size : link_rate[i];
      const double trip = mean(l.time) + (l.delay ? mean(*l.delay) : 0.0) + mean(f.return_time);
      const double var = variance(l.time) + (l.delay ? variance(*l.delay) : 0.0) + variance(f.return_time);
      rate[*l.fleet] += departures;
      m1[*l.fleet] += departures * trip;
      m2[*l.fleet] += departures * (var + trip * trip);
    }
    for (std::size_t f = 0; f < fleet_wait.size(); ++f) {
      if (rate[f] <= 0 || m1[f] <= 0) continue;
      const double trip = m1[f] / rate[f], scv = m2[f] / rate[f] / (trip * trip) - 1.0;
      const fleet_spec& spec = s.model.fleets[f];
      const double rho = m1[f] / spec.size;
      if (rho < 1.0) {
        fleet_wait[f] = allen_cunneen_wait(spec.size, rate[f], trip, 1.0, scv);
        continue;
      }
      fleet_wait[f] = inf;
      const auto needed = static_cast<std::uint32_t>(std::floor(m1[f])) + 1;
      out.issues.push_back(
          {"fleet", spec.id, rho, needed,
           fmt::format(
               "fleet '{}' is unstable: utilization {:.3f} >= 1 ({:.2f} departures/h x {:.2f} h round "
               "trip on {} vehicles); it needs {} vehicles",
               spec.id, rho, rate[f], trip, spec.size, needed)});
    }
  }

  // Links: batch formation, sailing and vehicle waits, charged to the origin node per unit leaving it.
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const link_spec& l = g[edges[i]];
    link_estimate e;
    e.from = l.from;
    e.to = l.to;
    e.arrival_rate_h = link_rate[i];
    e.travel_mean_h = mean(l.time);
    if (l.batch) e.train_forming_h = batch[i].wait_h;
    if (l.fleet) e.vehicle_h = fleet_wait[*l.fleet];
    if (l.schedule) {
      const double headway = to_hours(l.schedule->headway);
      e.sailing_h = headway / 2.0;
      if (l.schedule->capacity) {
        const double per_departure = link_rate[i] * headway;
        e.utilization = per_departure / *l.schedule->capacity;
        e.capacity_needed = static_cast<std::uint32_t>(std::floor(per_departure)) + 1;
        if (e.utilization >= 1.0) {
          e.sailing_h = inf;
          out.issues.push_back(
              {"link", e.from + "->" + e.to, e.utilization, e.capacity_needed,
               fmt::format("link '{}->{}' is unstable: {:.1f} units per departure for a capacity of {} "
                           "(utilization {:.3f}); it needs a capacity of {}",
                           e.from, e.to, per_departure, *l.schedule->capacity, e.utilization,
                           e.capacity_needed)});
        }
      }
    }
    const vertex u = boost::source(edges[i], g);
    if (w[u].rate > 0) {
      out.nodes[u].train_forming_h += link_rate[i] * e.train_forming_h / w[u].rate;
      out.nodes[u].sailing_h += link_rate[i] * e.sailing_h / w[u].rate;
      out.nodes[u].vehicle_h += link_rate[i] * e.vehicle_h / w[u].rate;
    }
    out.links.push_back(std::move(e));
  }

  // Flows: along the route, each node's wait and this flow's own service, the link's waits and travel.
  for (const auto& f : s.model.flows) {
    flow_estimate e;
    e.id = f.id;
    e.rate_h = f.rate_per_hour;
    double var = 0;
    for (std::size_t k = 0; k < f.route.size(); ++k) {
      const vertex v = f.route[k];
      const node_spec& spec = net.node(v);
      const node_estimate& ne = out.nodes[v];
      std::optional<edge> in, next;
      if (k > 0) in = best_link(net, f.route[k - 1], v, f.rule, f.value_of_time_usd_per_h);
      if (k + 1 < f.route.size()) next = best_link(net, v, f.route[k + 1], f.rule, f.value_of_time_usd_per_h);
      const bool transfer = in && next && g[*in].mode != g[*next].mode;
      const time_moments dt = node_delay_time(spec, f.id, transfer ? 1.0 : 0.0);
      e.transit_mean_h += dt.mean;
      var += dt.scv * dt.mean * dt.mean;
      if (spec.has_servers()) {
        const time_moments st = node_service_time(spec, transfer ? 1.0 : 0.0);
        e.transit_mean_h += ne.wait_h + st.mean;
        // The wait: 0 with probability 1 - p_wait, else exponential: E[W^2] = 2 W^2 / p_wait.
        if (ne.p_wait > 0 && std::isfinite(ne.wait_h))
          var += 2.0 * ne.wait_h * ne.wait_h / ne.p_wait - ne.wait_h * ne.wait_h;
        var += st.scv * st.mean * st.mean;
      }
      if (next) {
        const link_spec& l = g[*next];
        const link_estimate& le = out.links[l.index];
        e.transit_mean_h += le.train_forming_h + le.sailing_h + le.vehicle_h + le.travel_mean_h;
        var += variance(l.time);
        // Waits for a batch or a sailing: about uniform over their range; for a vehicle, about exponential.
        var += le.train_forming_h * le.train_forming_h / 3.0 + le.sailing_h * le.sailing_h / 3.0 +
               le.vehicle_h * le.vehicle_h;
      }
    }
    e.transit_sd_h = std::sqrt(var);
    e.transit_p95_h = e.transit_mean_h + 1.6448536269514722 * e.transit_sd_h;
    out.flows.push_back(std::move(e));
  }
  return out;
}

}  // namespace freightsim
