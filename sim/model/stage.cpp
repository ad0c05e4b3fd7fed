#include "freightsim/model/stage.hpp"

namespace freightsim {

namespace {
template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;
}  // namespace

const char* name(const stage_spec& s) {
  static constexpr const char* names[] = {"service", "delay", "inspection", "transfer"};
  return names[s.index()];
}

bool uses_servers(const stage_spec& s) {
  return std::holds_alternative<stage::service>(s) || std::holds_alternative<stage::inspection>(s);
}

double expected_hours(const stage_spec& s) {
  return std::visit(overloaded{[](const stage::service& x) { return mean(x.time); },
                               [](const stage::delay& x) { return x.share * mean(x.time); },
                               [](const stage::inspection& x) { return x.share * mean(x.time); },
                               [](const stage::transfer&) { return 0.0; }},
                    s);
}

}  // namespace freightsim
