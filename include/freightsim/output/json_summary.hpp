// summary.json in the shape of the output contract (BRIEF §3).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "freightsim/experiment/summary.hpp"

namespace freightsim {

// Deterministic text: keys in contract order, numbers in shortest round-trip form; ci95 is null below two
// replications.
std::string to_json(const summary& s);

// The same in two steps, for writers that add to it (run --analytic) and readers (the report): the document
// without the flows' routes, which on long chains would dwarf the rest, and its text with the routes.
nlohmann::ordered_json summary_document(const summary& s);
std::string summary_text(const nlohmann::ordered_json& doc, const summary& s);
void write_summary(std::ostream& out, const nlohmann::ordered_json& doc, const summary& s);

}  // namespace freightsim
