// Sources: each flow's arrival process creates units at its origin and hands them to admission.
#pragma once

#include <cstdint>
#include <vector>

#include "freightsim/engine/random.hpp"
#include "freightsim/model/corridor.hpp"

namespace freightsim::detail {

class replication;

class sources {
 public:
  enum kind : std::uint8_t { arrival };  // id: flow

  sources(replication& r, const corridor& model, std::uint64_t seed, std::uint32_t rep);
  void start();
  void handle(std::uint8_t kind, std::uint32_t flow);

 private:
  struct source {
    const flow_spec* spec = nullptr;
    random_stream gaps;
  };
  void schedule_arrival(std::uint32_t flow);

  replication& r_;
  std::vector<source> sources_;
};

}  // namespace freightsim::detail
