// flows.csv, nodes.csv and links.csv: the summary as flat tables for spreadsheets. Times in hours; empty ci95
// cells below two replications.
#pragma once

#include <string>

#include "freightsim/experiment/summary.hpp"

namespace freightsim {

std::string flows_csv(const summary& s);
std::string nodes_csv(const summary& s);
// Per link the counts planners use: units and vehicles (trains, trucks, sailings) per day, load factor (empty
// without a capacity), units left behind per day, mean travel time.
std::string links_csv(const summary& s);

}  // namespace freightsim
