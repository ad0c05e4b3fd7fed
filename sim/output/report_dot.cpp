// Graphviz DOT of the corridor through Boost.Graph's write_graphviz: nodes labelled by name with utilization
// and mean wait, links by mode and units per day.
#include <fmt/format.h>

#include <boost/graph/adjacency_list.hpp>
// GCC 12 at -O3 sees Boost's edge iterator (a boost::optional inside) as maybe uninitialized: a known false
// positive (GCC bug 80635), silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/graph/graphviz.hpp>
#include <sstream>

#include "freightsim/output/report.hpp"
#include "report_parts.hpp"

namespace freightsim {

namespace {

struct dot_node {
  std::string label;
  bool junction = false;
};
struct dot_link {
  std::string label;
  double pen_width = 1;
};
using dot_graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, dot_node, dot_link>;

// DOT double-quoted string content.
std::string dot_quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out + "\"";
}

}  // namespace

std::string dot_report(const nlohmann::json& s) {
  dot_graph g;
  const auto& nodes = s.at("nodes");
  for (const auto& n : nodes) {
    dot_node v;
    v.junction = n.at("servers").get<int>() == 0;
    v.label = v.junction ? n.at("name").get<std::string>()
                         : fmt::format("{}\\nρ {} · wait {} h", n.at("name").get<std::string>(),
                                       report::fixed(n.at("utilization").at("mean").get<double>(), 2),
                                       report::fixed(n.at("wait_h").at("mean").get<double>(), 2));
    boost::add_vertex(v, g);
  }
  const auto index = [&](const std::string& id) {
    for (std::size_t i = 0; i < nodes.size(); ++i)
      if (nodes[i].at("id") == id) return i;
    throw nlohmann::json::other_error::create(501, "link to unknown node " + id, nullptr);
  };
  double max_units = 0;
  for (const auto& l : s.at("links"))
    max_units = std::max(max_units, l.at("units_per_day").at("mean").get<double>());
  for (const auto& l : s.at("links")) {
    const double units = l.at("units_per_day").at("mean").get<double>();
    dot_link e{fmt::format("{} · {}/d", l.at("mode").get<std::string>(), report::fixed(units, 0)),
               1 + 4 * (max_units > 0 ? units / max_units : 0)};
    boost::add_edge(index(l.at("from").get<std::string>()), index(l.at("to").get<std::string>()), e, g);
  }
  std::ostringstream out;
  boost::write_graphviz(
      out, g,
      [&](std::ostream& os, dot_graph::vertex_descriptor v) {
        // Labels may hold \n line breaks for Graphviz; dot_quoted() keeps the backslash escaped, so undo
        // that.
        std::string label = dot_quoted(g[v].label);
        for (std::size_t at = 0; (at = label.find("\\\\n", at)) != std::string::npos;)
          label.replace(at, 3, "\\n");
        os << "[label=" << label << ",shape=" << (g[v].junction ? "ellipse" : "box") << "]";
      },
      [&](std::ostream& os, dot_graph::edge_descriptor e) {
        os << "[label=" << dot_quoted(g[e].label) << ",penwidth=" << report::fixed(g[e].pen_width, 1) << "]";
      },
      [&](std::ostream& os) {
        os << "rankdir=LR;\nlabel=" << dot_quoted(s.at("scenario").get<std::string>()) << ";\n";
      });
  return out.str();
}

}  // namespace freightsim
