// flows.csv and nodes.csv: the summary as flat tables for spreadsheets. Times in hours; empty ci95 cells
// below two replications.
#pragma once

#include <string>

#include "freightsim/experiment/summary.hpp"

namespace freightsim {

std::string flows_csv(const summary& s);
std::string nodes_csv(const summary& s);

}  // namespace freightsim
