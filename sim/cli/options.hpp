// Command-line values checked as strictly as the same values in a scenario file, with plain messages.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>

namespace freightsim::cli {

// Accepts only digits naming a whole number in [min, max] (no sign, no exponent, no wrap-around).
CLI::Validator whole_number(std::uint64_t min, std::uint64_t max);

}  // namespace freightsim::cli
