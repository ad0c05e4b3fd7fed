#include "freightsim/output/trace_csv.hpp"

#include <fmt/format.h>

namespace freightsim {

namespace {
// A CSV field, quoted when it holds a comma, a quote or a line break.
std::string field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}
}  // namespace

trace_csv::trace_csv(const corridor& model, std::ostream& out) : out_(out) {
  const auto& g = model.net.graph();
  for (std::size_t v = 0; v < model.net.node_count(); ++v)
    nodes_.push_back(field(g[v].id));
  links_.resize(model.net.link_count());
  for (const auto e : boost::make_iterator_range(boost::edges(g)))
    links_[g[e].index] = field(g[e].from + ">" + g[e].to + ":" + to_string(g[e].mode));
  for (const auto& f : model.flows)
    flows_.push_back(field(f.id));
  out_ << "time_h,event,unit,flow,place,cause\n";
}

void trace_csv::operator()(const trace_record& r) {
  const bool at_link = r.kind == trace_kind::link_departure || r.kind == trace_kind::vehicle ||
                       r.kind == trace_kind::left_behind;
  const bool has_unit = r.kind != trace_kind::vehicle && r.kind != trace_kind::left_behind;
  const bool has_cause = r.kind == trace_kind::wait_begun || r.kind == trace_kind::wait_ended;
  out_ << fmt::format("{:.4f},{},{},{},{},{}\n", to_hours(r.time), to_string(r.kind),
                      has_unit ? std::to_string(r.unit) : "", has_unit ? flows_[r.flow] : "",
                      at_link ? links_[r.where] : nodes_[r.where], has_cause ? to_string(r.cause) : "");
}

}  // namespace freightsim
