#include "scenario_keys.hpp"

#include <algorithm>
#include <array>

namespace freightsim::detail {

namespace {

using t = value_type;

constexpr std::array<std::string_view, 4> modes{"rail", "road", "sea", "ferry"};
constexpr std::array<std::string_view, 7> days{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::array<std::string_view, 6> units{"ms", "s", "min", "h", "d", "w"};
constexpr std::array<std::string_view, 3> rules{"shortest", "cheapest", "adaptive"};
constexpr std::array<std::string_view, 2> uses{"calibration", "validation"};
constexpr std::array<std::string_view, 2> delay_causes{"dwell", "hold"};

// Distribution forms: `dist` picks one.
constexpr key_spec dist_tag(std::string_view form_doc) {
  return {.name = "dist", .type = t::text, .required = true, .doc = form_doc};
}
constexpr key_spec mean_key{.name = "mean", .type = t::duration, .required = true, .doc = "mean, > 0"};
constexpr key_spec cv_key{.name = "cv",
                          .type = t::number,
                          .required = true,
                          .doc = "coefficient of variation (sd / mean), >= 0",
                          .min = 0.0};

constexpr std::array constant_k{
    dist_tag("constant"),
    key_spec{.name = "value", .type = t::duration, .required = true, .doc = "the value"}};
constexpr std::array exponential_k{dist_tag("exponential"), mean_key};
constexpr std::array uniform_k{
    dist_tag("uniform"),
    key_spec{.name = "min", .type = t::duration, .required = true, .doc = "smallest value"},
    key_spec{.name = "max", .type = t::duration, .required = true, .doc = "largest value, >= min"}};
constexpr std::array triangular_k{
    dist_tag("triangular"),
    key_spec{.name = "min", .type = t::duration, .required = true, .doc = "smallest value"},
    key_spec{.name = "mode", .type = t::duration, .required = true, .doc = "most likely value, >= min"},
    key_spec{.name = "max", .type = t::duration, .required = true, .doc = "largest value, >= mode"}};
constexpr std::array normal_k{
    dist_tag("normal"),
    key_spec{.name = "mean", .type = t::duration, .required = true, .doc = "mean before truncation, > 0"},
    key_spec{.name = "sd", .type = t::duration, .required = true, .doc = "standard deviation"}};
constexpr std::array lognormal_k{dist_tag("lognormal"), mean_key, cv_key};
constexpr std::array gamma_k{dist_tag("gamma"), mean_key,
                             key_spec{.name = "cv",
                                      .type = t::number,
                                      .required = true,
                                      .doc = "coefficient of variation (sd / mean), 0 to 100",
                                      .min = 0.0,
                                      .max = 100.0}};
constexpr std::array erlang_k{dist_tag("erlang"),
                              key_spec{.name = "k",
                                       .type = t::integer,
                                       .required = true,
                                       .doc = "number of exponential phases",
                                       .min = 1.0,
                                       .max = static_cast<double>(max_erlang_k)},
                              mean_key};
constexpr std::array empirical_k{
    dist_tag("empirical"),
    key_spec{.name = "file",
             .type = t::file,
             .required = true,
             .doc =
                 "CSV file of values next to the scenario: commas or newlines separate values; an optional "
                 "header line"},
    key_spec{.name = "unit", .type = t::word, .required = true, .doc = "unit of the values", .words = units}};

constexpr map_spec form(std::string_view name, std::string_view doc, std::span<const key_spec> keys) {
  return {.name = name, .title = name, .doc = doc, .keys = keys, .tag_key = "dist"};
}

constexpr map_spec constant_m = form("constant", "always the same value", constant_k);
constexpr map_spec exponential_m = form("exponential", "exponential with the given mean", exponential_k);
constexpr map_spec uniform_m = form("uniform", "uniform between min and max", uniform_k);
constexpr map_spec triangular_m = form("triangular", "triangular by min, mode and max", triangular_k);
constexpr map_spec normal_m = form("normal", "normal truncated at 0 (negative draws are redrawn)", normal_k);
constexpr map_spec lognormal_m =
    form("lognormal", "lognormal by mean and coefficient of variation", lognormal_k);
constexpr map_spec gamma_m = form("gamma", "gamma by mean and coefficient of variation", gamma_k);
constexpr map_spec erlang_m = form("erlang", "Erlang-k with the given mean", erlang_k);
constexpr map_spec empirical_m = form("empirical", "resamples the values of a CSV file", empirical_k);

constexpr std::array<const map_spec*, 9> dist_forms{&constant_m,   &exponential_m, &uniform_m,
                                                    &triangular_m, &normal_m,      &lognormal_m,
                                                    &gamma_m,      &erlang_m,      &empirical_m};

// A Poisson rate that varies over a repeating period.
constexpr std::array profile_k{
    key_spec{
        .name = "every",
        .type = t::duration,
        .required = true,
        .doc = "the period that repeats from time 0, such as 1d (hours of the day) or 7d (days of the week)"},
    key_spec{.name = "factors",
             .type = t::numbers,
             .required = true,
             .doc =
                 "the rate in each equal part of the period, relative (scaled to a mean of 1, so that `rate` "
                 "stays the mean rate); at least one above 0"}};
constexpr map_spec profile_m{
    .name = "profile",
    .title = "Arrival profile",
    .doc =
        "A Poisson rate that varies over a repeating period (weekly or daily peaks, seasons): the period is "
        "cut into as many equal parts as there are factors, and in part k arrivals come at `rate` x "
        "factor k / the factors' mean. Arrivals are drawn by inverting the integrated rate, exactly. The "
        "analytic layer uses the mean rate.",
    .keys = profile_k};

// Arrival processes: `process` picks one.
constexpr std::array poisson_k{
    key_spec{.name = "process", .type = t::text, .required = true, .doc = "poisson"},
    key_spec{
        .name = "rate", .type = t::rate, .required = true, .doc = "mean arrivals per time, such as 40/d"},
    key_spec{.name = "profile",
             .type = t::map,
             .doc = "a rate that varies over a repeating period (see Arrival profile)",
             .map = &profile_m}};
constexpr std::array fixed_k{
    key_spec{.name = "process", .type = t::text, .required = true, .doc = "fixed"},
    key_spec{.name = "every", .type = t::duration, .required = true, .doc = "time between arrivals, >= 1ms"},
    key_spec{.name = "first", .type = t::duration, .doc = "time of the first arrival (default 0h)"}};
constexpr map_spec poisson_m{.name = "poisson",
                             .title = "poisson",
                             .doc = "random arrivals at a constant mean rate (exponential gaps)",
                             .keys = poisson_k,
                             .tag_key = "process"};
constexpr map_spec fixed_m{.name = "fixed",
                           .title = "fixed",
                           .doc = "deterministic arrivals at a fixed interval",
                           .keys = fixed_k,
                           .tag_key = "process"};
constexpr std::array<const map_spec*, 2> arrival_forms_list{&poisson_m, &fixed_m};

constexpr std::array location_k{
    key_spec{
        .name = "lat", .type = t::number, .required = true, .doc = "latitude", .min = -90.0, .max = 90.0},
    key_spec{
        .name = "lon", .type = t::number, .required = true, .doc = "longitude", .min = -180.0, .max = 180.0}};
constexpr map_spec location_m{.name = "location",
                              .title = "Location",
                              .doc = "Where a node is, in degrees (WGS 84). Not used by the simulation.",
                              .keys = location_k};

constexpr std::array inspection_k{key_spec{.name = "probability",
                                           .type = t::number,
                                           .required = true,
                                           .doc = "share of units inspected",
                                           .min = 0.0,
                                           .max = 1.0},
                                  key_spec{.name = "extra",
                                           .type = t::distribution,
                                           .required = true,
                                           .doc = "extra service of an inspected unit"}};
constexpr map_spec inspection_m{
    .name = "inspection",
    .title = "Inspection",
    .doc = "A random share of units gets extra service on top of the node's service.",
    .keys = inspection_k};

constexpr std::array delay_k{
    key_spec{.name = "time", .type = t::distribution, .required = true, .doc = "time of the delay"},
    key_spec{.name = "cause",
             .type = t::word,
             .doc = "how its time is reported among the waits by cause (default dwell)",
             .words = delay_causes},
    key_spec{.name = "share",
             .type = t::number,
             .doc = "share of units delayed (default 1)",
             .min = 0.0,
             .max = 1.0},
    key_spec{.name = "flows", .type = t::names, .doc = "flow ids it applies to (default: every flow)"}};
constexpr map_spec delay_m{.name = "delay",
                           .title = "Delay stage",
                           .doc =
                               "Time without a server and without a queue (dwell, document holds), for a "
                               "share of units and, with `flows`, only for those flows.",
                           .keys = delay_k};

constexpr std::array stage_inspection_k{
    key_spec{.name = "share",
             .type = t::number,
             .required = true,
             .doc = "share of units inspected",
             .min = 0.0,
             .max = 1.0},
    key_spec{.name = "time", .type = t::distribution, .required = true, .doc = "inspection time"}};
constexpr map_spec stage_inspection_m{
    .name = "inspection_stage",
    .title = "Inspection stage",
    .doc = "A share of units is served again on the node's servers, queueing for one again.",
    .keys = stage_inspection_k};

constexpr std::array stage_k{
    key_spec{.name = "service",
             .type = t::distribution,
             .doc = "service on one of the node's servers, after queueing for it"},
    key_spec{.name = "delay", .type = t::map, .doc = "time without a server or queue", .map = &delay_m},
    key_spec{.name = "inspection",
             .type = t::map,
             .doc = "a share of units is served again",
             .map = &stage_inspection_m},
    key_spec{.name = "transfer",
             .type = t::distribution,
             .doc = "time without a server for units changing mode here, reported as `transfer`"}};
constexpr map_spec stage_m{.name = "stage",
                           .title = "Stage",
                           .doc =
                               "One step of a node's work: exactly one of the keys below. Units pass a "
                               "node's stages in order.",
                           .keys = stage_k};

constexpr std::array shift_k{
    key_spec{
        .name = "days", .type = t::days, .required = true, .doc = "`daily` or a list of days: mon … sun"},
    key_spec{.name = "from", .type = t::time_of_day, .required = true, .doc = "local start, \"HH:MM\""},
    key_spec{.name = "to",
             .type = t::time_of_day,
             .required = true,
             .doc = "local end, \"HH:MM\"; at or before `from`, the shift ends the next day"},
    key_spec{.name = "servers",
             .type = t::integer,
             .required = true,
             .doc = "servers open, at most the node's `servers` (overlapping shifts add up, capped)",
             .min = 0.0,
             .max = static_cast<double>(max_servers)}};
constexpr map_spec shift_m{.name = "shift",
                           .title = "Shift",
                           .doc =
                               "A weekly window of opening hours. Outside every shift the node is closed: no "
                               "service starts, services under way finish.",
                           .keys = shift_k};

constexpr std::array node_disruption_k{
    key_spec{.name = "from", .type = t::duration, .required = true, .doc = "start, simulation time"},
    key_spec{.name = "to", .type = t::duration, .required = true, .doc = "end, later than `from`"},
    key_spec{.name = "servers",
             .type = t::integer,
             .required = true,
             .doc = "servers left open (0 = closed)",
             .min = 0.0,
             .max = static_cast<double>(max_servers)},
    key_spec{.name = "every",
             .type = t::duration,
             .doc = "recurring: the window repeats every this long from `from` (longer than `to` - `from`), "
                    "such as weekly maintenance `{from: 2d, to: 54h, every: 7d}`"}};
constexpr map_spec node_disruption_m{.name = "node_disruption",
                                     .title = "Node disruption",
                                     .doc = "A window in which a node has fewer servers.",
                                     .keys = node_disruption_k};

constexpr std::array breakdown_k{
    key_spec{
        .name = "mtbf", .type = t::distribution, .required = true, .doc = "time up, mean of at least 1min"},
    key_spec{.name = "mttr",
             .type = t::distribution,
             .required = true,
             .doc = "time down, mean of at least 1min"}};
constexpr map_spec breakdown_m{.name = "breakdowns",
                               .title = "Breakdowns",
                               .doc = "Random breakdowns closing the node: up for `mtbf`, down for `mttr`.",
                               .keys = breakdown_k};

constexpr std::array storage_band_k{
    key_spec{.name = "after",
             .type = t::duration,
             .required = true,
             .doc = "the band starts this long into the stay (the first band's is the free time)"},
    key_spec{.name = "usd_per_day",
             .type = t::number,
             .required = true,
             .doc = "money per unit and day of the stay in the band, pro rata",
             .min = 0.0}};
constexpr map_spec storage_band_m{
    .name = "storage_band",
    .title = "Storage band",
    .doc =
        "One step of a storage, demurrage or detention tariff: a rate per day from `after` to the next "
        "band's `after` (the last band has no end). Bands go in ascending `after`.",
    .keys = storage_band_k};

constexpr std::array node_k{
    key_spec{
        .name = "id", .type = t::text, .required = true, .doc = "unique name that links and flows refer to"},
    key_spec{.name = "name", .type = t::text, .doc = "display name (default: the id)"},
    key_spec{.name = "location", .type = t::map, .doc = "`{lat, lon}`", .map = &location_m},
    key_spec{.name = "servers",
             .type = t::integer,
             .doc = "parallel lanes, tracks or cranes; required with `service`",
             .min = 1.0,
             .max = static_cast<double>(max_servers)},
    key_spec{.name = "service",
             .type = t::distribution,
             .doc = "service time; a node without it is a junction passed without delay"},
    key_spec{.name = "inspection",
             .type = t::map,
             .doc = "a random share of units gets extra service",
             .map = &inspection_m},
    key_spec{.name = "capacity",
             .type = t::integer,
             .doc =
                 "waiting places (units in service not counted, units sent toward the node counted); a unit "
                 "that finds the next node full waits where it is, holding its server (blocking)",
             .min = 0.0,
             .max = static_cast<double>(max_capacity)},
    key_spec{.name = "shifts",
             .type = t::list,
             .doc = "opening hours: servers open per weekly window",
             .map = &shift_m,
             .min_items = 1},
    key_spec{.name = "utc_offset",
             .type = t::duration,
             .doc = "local time of the shifts, at most 14h; simulation time 0 is Monday 00:00 UTC"},
    key_spec{.name = "disruptions",
             .type = t::list,
             .doc = "windows with fewer servers",
             .map = &node_disruption_m},
    key_spec{.name = "breakdowns",
             .type = t::map,
             .doc = "random breakdowns closing the node",
             .map = &breakdown_m},
    key_spec{.name = "transfer",
             .type = t::distribution,
             .doc = "extra service for units changing mode here (rail to road)"},
    key_spec{.name = "fee_usd", .type = t::number, .doc = "fee per unit", .min = 0.0},
    key_spec{.name = "storage",
             .type = t::list,
             .doc = "storage, demurrage or detention per unit, charged on each stay at the node (arrival to "
                    "departure: waits, service and waits for a departure) by its length, added to the "
                    "flow's `cost_usd` and reported as `storage_usd`",
             .map = &storage_band_m,
             .min_items = 1},
    key_spec{.name = "stages",
             .type = t::list,
             .doc = "the node's work as ordered stages, instead of `service`, `inspection` and `transfer` "
                    "(which are one service stage)",
             .map = &stage_m,
             .min_items = 1}};
constexpr map_spec node_m{
    .name = "node",
    .title = "Node",
    .doc =
        "A checkpoint: a first-come-first-served multi-server station (priority classes "
        "aside). All keys but `id`, `name` and `location` need a `service` or `stages`.",
    .keys = node_k};

constexpr std::array batch_k{
    key_spec{.name = "size",
             .type = t::integer,
             .required = true,
             .doc = "units per batch",
             .min = 1.0,
             .max = static_cast<double>(max_batch)},
    key_spec{.name = "max_wait",
             .type = t::duration,
             .doc = "longest wait after the first unit arrived (default: no limit)"}};
constexpr map_spec batch_m{
    .name = "batch",
    .title = "Batch",
    .doc =
        "Consolidation: units wait at the link's origin until `size` are ready or "
        "`max_wait` has passed; the batch travels together and is split at the next node.",
    .keys = batch_k};

constexpr std::array schedule_k{
    key_spec{
        .name = "headway", .type = t::duration, .required = true, .doc = "time between departures, >= 1min"},
    key_spec{.name = "offset", .type = t::duration, .doc = "time of the first departure (default 0h)"},
    key_spec{.name = "capacity",
             .type = t::integer,
             .doc = "units per departure, first come first served (default: no limit)",
             .min = 1.0,
             .max = static_cast<double>(max_batch)}};
constexpr map_spec schedule_m{
    .name = "schedule",
    .title = "Schedule",
    .doc =
        "Scheduled departures at `offset + k × headway`; units that do not fit wait "
        "for the next one.",
    .keys = schedule_k};

constexpr std::array link_disruption_k{
    key_spec{.name = "from", .type = t::duration, .required = true, .doc = "start, simulation time"},
    key_spec{.name = "to", .type = t::duration, .required = true, .doc = "end, later than `from`"},
    key_spec{.name = "every",
             .type = t::duration,
             .doc = "recurring: the window repeats every this long from `from` (longer than `to` - `from`), "
                    "such as weekly maintenance `{from: 2d, to: 54h, every: 7d}`"}};
constexpr map_spec link_disruption_m{.name = "link_disruption",
                                     .title = "Link disruption",
                                     .doc = "A window in which the link is closed; units wait at its origin.",
                                     .keys = link_disruption_k};

constexpr std::array link_k{
    key_spec{.name = "from", .type = t::text, .required = true, .doc = "origin node id"},
    key_spec{.name = "to", .type = t::text, .required = true, .doc = "destination node id, not `from`"},
    key_spec{.name = "mode", .type = t::word, .required = true, .doc = "transport mode", .words = modes},
    key_spec{.name = "distance_km",
             .type = t::number,
             .doc = "length, >= 0; with `speed_kmh`, instead of `time`",
             .min = 0.0},
    key_spec{.name = "speed_kmh",
             .type = t::number,
             .doc = "speed, > 0; with `distance_km`",
             .min = 0.0,
             .min_exclusive = true},
    key_spec{.name = "time", .type = t::distribution, .doc = "travel time, instead of distance and speed"},
    key_spec{.name = "delay",
             .type = t::distribution,
             .doc = "running-time variability: a random delay added to the travel time, one draw per train, "
                    "sailing or (on a plain link) unit, such as `{dist: lognormal, mean: 12h, cv: 1}`"},
    key_spec{.name = "batch", .type = t::map, .doc = "consolidation into batches", .map = &batch_m},
    key_spec{.name = "schedule",
             .type = t::map,
             .doc = "scheduled departures (not with `batch`)",
             .map = &schedule_m},
    key_spec{.name = "paths_per_day",
             .type = t::number,
             .doc =
                 "train paths (slots) per day, > 0, at most 1440: departures (a train, or a unit on a plain "
                 "link) leave at least 24 h / paths_per_day apart and queue for a path, first come first "
                 "served; the wait is the cause `no_path` (not with `schedule`)",
             .min = 0.0,
             .min_exclusive = true,
             .max = 1440.0},
    key_spec{.name = "disruptions",
             .type = t::list,
             .doc = "windows in which the link is closed",
             .map = &link_disruption_m},
    key_spec{.name = "fleet",
             .type = t::text,
             .doc =
                 "id of the fleet whose vehicles its departures need (a unit on a plain link, a train on a "
                 "batch link): a departure waits for a free vehicle, the wait is the cause `no_vehicle` "
                 "(not with `schedule`)"},
    key_spec{.name = "cost_per_km",
             .type = t::number,
             .doc = "money per unit and km (needs `distance_km`)",
             .min = 0.0},
    key_spec{.name = "cost_usd", .type = t::number, .doc = "fixed money per unit", .min = 0.0}};
constexpr map_spec link_m{.name = "link",
                          .title = "Link",
                          .doc =
                              "A directed connection between two nodes. Units travel it in parallel; "
                              "`paths_per_day` limits how often departures may leave. Give either `time` or "
                              "`distance_km` with `speed_kmh`.",
                          .keys = link_k};

constexpr std::array fleet_k{
    key_spec{.name = "id", .type = t::text, .required = true, .doc = "unique name, used by links' `fleet`"},
    key_spec{.name = "size",
             .type = t::integer,
             .required = true,
             .doc = "vehicles in the pool (wagon sets, trucks, ships)",
             .min = 1.0,
             .max = static_cast<double>(max_fleet)},
    key_spec{.name = "return_time",
             .type = t::distribution,
             .required = true,
             .doc = "the empty return (repositioning) to the origin after each loaded trip, such as `3d` or "
                    "`{dist: gamma, mean: 3d, cv: 0.4}`"}};
constexpr map_spec fleet_m{.name = "fleet",
                           .title = "Fleet",
                           .doc =
                               "A pool of vehicles that links' departures need: a departure leaves only with "
                               "a free vehicle, busy for the loaded trip and then its empty return, then "
                               "free at the origin again. Vehicles go to waiting departures first come "
                               "first served, across the links that share the fleet.",
                           .keys = fleet_k};

constexpr std::array flow_k{
    key_spec{.name = "id", .type = t::text, .required = true, .doc = "unique name"},
    key_spec{.name = "from", .type = t::text, .required = true, .doc = "origin node id"},
    key_spec{.name = "to", .type = t::text, .required = true, .doc = "destination node id"},
    key_spec{.name = "unit", .type = t::text, .doc = "a label: TEU, truck, train"},
    key_spec{.name = "arrivals", .type = t::arrivals, .required = true, .doc = "arrival process"},
    key_spec{
        .name = "route",
        .type = t::route,
        .required = true,
        .doc =
            "`shortest` (least expected time), `cheapest` (least generalized cost), `adaptive` (each unit "
            "chooses among the `paths` shortest when it is created, by expected time including the current "
            "queues, the waits for trains, sailings, paths and vehicles and what is closed on each path) or "
            "a list of "
            "node ids from `from` to `to` following links"},
    key_spec{.name = "priority",
             .type = t::integer,
             .doc = "higher is served first at every node (non-preemptive; default 0)",
             .min = 0.0,
             .max = static_cast<double>(max_priority)},
    key_spec{
        .name = "reroute",
        .type = t::boolean,
        .doc = "with `shortest` or `cheapest`: choose the next hop at every node, avoiding closed links and "
               "nodes while an open path exists"},
    key_spec{.name = "value_of_time_usd_per_h",
             .type = t::number,
             .doc =
                 "money per hour for `route: cheapest`; with `route: adaptive`, a path's fees and link costs "
                 "over it are added to its hours",
             .min = 0.0},
    key_spec{
        .name = "paths",
        .type = t::integer,
        .doc = "with `route: adaptive`: how many of the shortest loopless paths to choose among (default 3; "
               "fewer when the network has fewer)",
        .min = 1.0,
        .max = 10.0},
    key_spec{.name = "dispersion_per_h",
             .type = t::number,
             .doc =
                 "with `route: adaptive`: a logit split instead of the least: a unit takes path p with "
                 "probability proportional to exp(-dispersion x cost_p), cost in hours (default 0: the least "
                 "cost; at most 100)",
             .min = 0.0,
             .max = 100.0}};
constexpr map_spec flow_m{.name = "flow", .title = "Flow", .doc = "A stream of shipments.", .keys = flow_k};

constexpr std::array observed_k{
    key_spec{.name = "metric",
             .type = t::text,
             .required = true,
             .doc =
                 "a path into the results: `flows.ID.transit_time_h.` `mean`, `p50`, `p90`, `p95`, `p99` or "
                 "`max`; `flows.ID.delivered`, `flows.ID.cost_usd.mean`, `flows.ID.storage_usd.mean`; "
                 "`nodes.ID.wait_h.` (as "
                 "transit); `nodes.ID.queue_length`, `.approach_queue` or `.waiting_total`, each `.mean` or "
                 "`.max`; `nodes.ID.utilization`, "
                 "`nodes.ID.throughput_per_day`, `nodes.ID.wait_by_cause_h.CAUSE` or `.total` (every cause "
                 "summed: all the time a unit spent waiting at the node); `links.FROM>TO.` (`FROM>TO:MODE` "
                 "where several links join the same nodes) `units_per_day`, `vehicles_per_day` (trains, "
                 "sailings, units travelling alone), `left_behind_per_day` (units a full sailing left) or "
                 "`load_factor` (units per departure / its capacity, on batch and sailing links with one); "
                 "`fleets.ID.utilization`, `.busy_vehicles` or `.wait_h.mean` (hours a departure waited for "
                 "a vehicle) (the names sweeps use; "
                 "each is the mean over replications, quantiles are of all replications' observations)"},
    key_spec{.name = "value",
             .type = t::measure,
             .required = true,
             .doc =
                 "the published figure, > 0: a duration such as `12d` when the metric is a time (a part of "
                 "its path ends in `_h`), else a plain number"},
    key_spec{.name = "tolerance",
             .type = t::percent,
             .required = true,
             .doc = "relative, such as `20%`: the entry passes when the simulated value is within this share "
                    "of `value`"},
    key_spec{.name = "source",
             .type = t::text,
             .required = true,
             .doc = "where the figure was published: title, date, URL"},
    key_spec{.name = "use",
             .type = t::word,
             .required = true,
             .doc = "`calibration`: an input that could not be sourced was set so that this outcome matches; "
                    "`validation`: nothing was set from it",
             .words = uses},
    key_spec{.name = "sets",
             .type = t::text,
             .doc = "the input set from this figure, such as `nodes.brest.service.mean`: required for "
                    "calibration, refused for validation"},
    key_spec{.name = "known_gap",
             .type = t::text,
             .doc =
                 "validation only: why the model does not reach this outcome yet (a process not modelled). "
                 "The entry is shown as `gap` and does not fail `validate`; once it is met, `validate` fails "
                 "until the stale `known_gap` is removed"}};
constexpr map_spec observed_m{
    .name = "observed",
    .title = "Observed",
    .doc =
        "A published outcome that `freightsim validate` and `run` compare with the simulated one. A what-if "
        "does not inherit its baseline's entries.",
    .keys = observed_k};

constexpr std::array scenario_k{
    key_spec{.name = "extends",
             .type = t::file,
             .doc = "a what-if: the baseline scenario file this one changes (relative to this file)"},
    key_spec{.name = "name",
             .type = t::text,
             .required = true,
             .doc = "title printed and written to summary.json"},
    key_spec{.name = "description", .type = t::text, .doc = "free text"},
    key_spec{.name = "horizon",
             .type = t::duration,
             .required = true,
             .doc = "simulated time of each replication, > 0, at most 1000 years"},
    key_spec{.name = "warmup",
             .type = t::warmup,
             .doc = "initial period whose observations are discarded, shorter than `horizon` (default 0h); "
                    "`auto`: chosen per replication by MSER-5 on the units in the network"},
    key_spec{.name = "seed",
             .type = t::integer,
             .doc = "random seed (default 1); same seed, same results",
             .min = 0.0},
    key_spec{.name = "replications",
             .type = t::integer,
             .doc = "independent replications (default 10)",
             .min = 1.0,
             .max = static_cast<double>(max_replications)},
    key_spec{.name = "nodes",
             .type = t::list,
             .required = true,
             .doc = "checkpoints",
             .map = &node_m,
             .min_items = 1},
    key_spec{.name = "links", .type = t::list, .doc = "directed connections between nodes", .map = &link_m},
    key_spec{.name = "fleets",
             .type = t::list,
             .doc = "pools of vehicles that links' departures need",
             .map = &fleet_m},
    key_spec{.name = "flows",
             .type = t::list,
             .required = true,
             .doc = "streams of shipments",
             .map = &flow_m,
             .min_items = 1},
    key_spec{.name = "observed",
             .type = t::list,
             .doc = "published outcomes to compare the results with, calibration and validation apart",
             .map = &observed_m}};
constexpr map_spec scenario_m{
    .name = "scenario", .title = "Scenario", .doc = "The top-level map.", .keys = scenario_k};

constexpr std::array<const map_spec*, 19> maps{&scenario_m,
                                               &node_m,
                                               &location_m,
                                               &inspection_m,
                                               &stage_m,
                                               &delay_m,
                                               &stage_inspection_m,
                                               &shift_m,
                                               &node_disruption_m,
                                               &breakdown_m,
                                               &storage_band_m,
                                               &link_m,
                                               &batch_m,
                                               &schedule_m,
                                               &link_disruption_m,
                                               &fleet_m,
                                               &flow_m,
                                               &profile_m,
                                               &observed_m};

}  // namespace

std::vector<std::string> map_spec::names() const {
  std::vector<std::string> out;
  out.reserve(keys.size());
  for (const auto& k : keys)
    out.emplace_back(k.name);
  return out;
}

const key_spec* map_spec::find(std::string_view key) const {
  const auto it = std::find_if(keys.begin(), keys.end(), [&](const key_spec& k) { return k.name == key; });
  return it == keys.end() ? nullptr : &*it;
}

const map_spec& scenario_keys() {
  return scenario_m;
}
const map_spec& profile_keys() {
  return profile_m;
}
const map_spec& location_keys() {
  return location_m;
}
const map_spec& inspection_keys() {
  return inspection_m;
}
const map_spec& stage_keys() {
  return stage_m;
}
const map_spec& delay_keys() {
  return delay_m;
}
const map_spec& stage_inspection_keys() {
  return stage_inspection_m;
}
const map_spec& node_keys() {
  return node_m;
}
const map_spec& shift_keys() {
  return shift_m;
}
const map_spec& storage_band_keys() {
  return storage_band_m;
}
const map_spec& node_disruption_keys() {
  return node_disruption_m;
}
const map_spec& breakdown_keys() {
  return breakdown_m;
}
const map_spec& link_keys() {
  return link_m;
}
const map_spec& batch_keys() {
  return batch_m;
}
const map_spec& schedule_keys() {
  return schedule_m;
}
const map_spec& link_disruption_keys() {
  return link_disruption_m;
}
const map_spec& flow_keys() {
  return flow_m;
}
const map_spec& observed_keys() {
  return observed_m;
}
const map_spec& fleet_keys() {
  return fleet_m;
}

std::span<const map_spec* const> all_maps() {
  return maps;
}
std::span<const map_spec* const> distribution_forms() {
  return dist_forms;
}
std::span<const map_spec* const> arrival_forms() {
  return arrival_forms_list;
}

const map_spec* find_form(std::span<const map_spec* const> forms, std::string_view name) {
  for (const map_spec* f : forms)
    if (f->name == name) return f;
  return nullptr;
}

std::vector<std::string> form_names(std::span<const map_spec* const> forms) {
  std::vector<std::string> out;
  for (const map_spec* f : forms)
    out.emplace_back(f->name);
  return out;
}

std::span<const std::string_view> link_modes() {
  return modes;
}
std::span<const std::string_view> day_names() {
  return days;
}
std::span<const std::string_view> duration_units() {
  return units;
}
std::span<const std::string_view> route_rules() {
  return rules;
}

}  // namespace freightsim::detail
