// `freightsim run --trace FILE.csv`: every record the model emits in the first replication as one CSV row,
// so that a planner can follow a single unit: time_h,event,unit,flow,place,cause.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "freightsim/model/corridor.hpp"
#include "freightsim/model/simulation.hpp"

namespace freightsim {

class trace_csv {
 public:
  // Writes the header line.
  trace_csv(const corridor& model, std::ostream& out);
  void operator()(const trace_record& r);

 private:
  std::ostream& out_;
  std::vector<std::string> nodes_, links_, flows_;  // names as written in the scenario
};

}  // namespace freightsim
