// The model's emitted records, through the trace observer and its CSV (freightsim run --trace).
#include <doctest/doctest.h>

#include <cstdio>
#include <sstream>

#include "freightsim/output/trace_csv.hpp"
#include "freightsim/scenario/loader.hpp"

using namespace freightsim;

// One unit, deterministic times: created at a at 0, 1 h by road to x, 2 h service, a 3 h hold, 4 h by rail to
// z. Catches: a missing, extra or misordered record; a wait reported with the wrong cause or place; service
// end booked at its start; link records naming the wrong link; unit numbers that restart per slot.
TEST_CASE("the trace of one deterministic unit is exactly its life, record by record") {
  const scenario s = parse_scenario(R"(name: one unit
horizon: 150h
replications: 1
nodes:
  - {id: a}
  - {id: x, servers: 1, stages: [{service: 2h}, {delay: {time: 3h, cause: hold}}]}
  - {id: z}
links:
  - {from: a, to: x, mode: road, time: 1h}
  - {from: x, to: z, mode: rail, time: 4h}
flows:
  - {id: f, from: a, to: z, arrivals: {process: fixed, every: 100h}, route: [a, x, z]}
)",
                                    "one.yaml", ".");
  std::ostringstream csv;
  trace_csv writer(s.model, csv);
  const trace_sink sink = [&](const trace_record& r) { writer(r); };
  simulate(s.model, {s.warmup, s.horizon}, s.seed, 0, &sink);
  struct row {
    double time_h;
    const char* event;
    bool unit;
    const char* place;
    const char* cause;
  };
  const row life[] = {{0, "created", true, "a", ""},         {0, "departed", true, "a", ""},
                      {0, "vehicle", false, "a>x:road", ""}, {0, "link_departure", true, "a>x:road", ""},
                      {1, "arrived", true, "x", ""},         {1, "service_start", true, "x", ""},
                      {3, "service_end", true, "x", ""},     {3, "wait_begun", true, "x", "hold"},
                      {6, "wait_ended", true, "x", "hold"},  {6, "departed", true, "x", ""},
                      {6, "vehicle", false, "x>z:rail", ""}, {6, "link_departure", true, "x>z:rail", ""},
                      {10, "arrived", true, "z", ""},        {10, "departed", true, "z", ""},
                      {10, "delivered", true, "z", ""}};
  std::string want = "time_h,event,unit,flow,place,cause\n";
  for (int n = 1; n <= 2; ++n) {  // units at 0 h and 100 h (the second reuses the first one's slot)
    for (const row& r : life) {
      char time[32];
      std::snprintf(time, sizeof time, "%.4f", r.time_h + 100.0 * (n - 1));
      want += std::string(time) + "," + r.event + "," +
              (r.unit ? std::to_string(n) + ",f" : std::string(",")) + "," + r.place + "," + r.cause + "\n";
    }
  }
  CHECK(csv.str() == want);
}
