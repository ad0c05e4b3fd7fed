// Command-line values checked as strictly as the same values in a scenario file, with plain messages.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "freightsim/output/output_set.hpp"

namespace freightsim::cli {

// Accepts only digits naming a whole number in [min, max] (no sign, no exponent, no wrap-around).
CLI::Validator whole_number(std::uint64_t min, std::uint64_t max);

// A file or folder option: refuses an empty value (`--out "$DIR"` with DIR unset), which would otherwise be
// taken as the option not given or as a root folder. `what`: "a file" or "a folder".
CLI::Validator path_given(const std::string& what);

// Whether two paths name one file or folder: the same one when both exist, else the same place once resolved,
// so that an output named by a slip is caught before it replaces an input or another output.
[[nodiscard]] bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

// --precision: a percentage such as "5%" (more than 0, less than 100), read with percentage().
CLI::Validator percentage();
double percentage(const std::string& text);  // "5%" -> 0.05; text already checked

// --max-replications caps what --precision adds: refused (input_error) when given without --precision, or
// when below the replications the run starts with (`asked`: --replications, else the file's), which it would
// not cap.
void check_replication_cap(const std::string& precision, std::uint32_t max_replications, bool given,
                           std::uint32_t asked);

// --alpha: a plain decimal strictly between 0 and 1, such as 0.05 (no sign, exponent or percent).
CLI::Validator probability();

// The --out folder's output set, opened before any work: a folder that cannot be written is bad input found
// at once, not after a long run. On failure prints "freightsim: OPTION: ..." and returns false (exit 2).
[[nodiscard]] bool open_output(std::optional<output_set>& out, const std::string& dir,
                               const std::string& option = "--out");

// Whether the output set of `dir` (files `names`) would replace one of `inputs` (the files `reader`, "the
// scenario", reads): then prints "freightsim: --out: ..." and returns true (exit 2).
[[nodiscard]] bool output_replaces_input(const std::string& dir, const std::vector<std::string>& names,
                                         const std::vector<std::string>& inputs,
                                         const std::string& reader = "the scenario");

// Writes the files (name, content) into the set and swaps it in as a unit; on a failed write (disk full)
// prints one line and returns false (exit 1), the previous set left whole.
[[nodiscard]] bool write_output(output_set& out,
                                const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace freightsim::cli
