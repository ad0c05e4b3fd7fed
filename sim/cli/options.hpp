// Command-line values checked as strictly as the same values in a scenario file, with plain messages.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace freightsim::cli {

// Accepts only digits naming a whole number in [min, max] (no sign, no exponent, no wrap-around).
CLI::Validator whole_number(std::uint64_t min, std::uint64_t max);

// --precision: a percentage such as "5%" (more than 0, less than 100), read with percentage().
CLI::Validator percentage();
double percentage(const std::string& text);  // "5%" -> 0.05; text already checked

// --alpha: a plain decimal strictly between 0 and 1, such as 0.05 (no sign, exponent or percent).
CLI::Validator probability();

}  // namespace freightsim::cli
