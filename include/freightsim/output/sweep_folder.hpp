// A sweep's output folder as `freightsim report` reads it: comparison.csv, the levels and paired differences
// `freightsim sweep` computed (read back, not recomputed, so that the report shows the sweep's own numbers).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace freightsim {

// One metric of interest in one variant: a row of comparison.csv.
struct sweep_row {
  std::string metric;
  std::uint32_t variant = 0;  // 0: the baseline
  std::string variant_name;   // "nodes.brest.servers=4, ..." or a what-if's file stem
  double mean = 0;            // NaN: no figure
  std::optional<double> ci95;
  double difference = 0;  // from the baseline, paired
  std::optional<double> difference_ci95;
  std::uint32_t pairs = 0;
  bool significant = false;  // at 1 - 0.05/k, k differences in the sweep (Bonferroni)
};

struct sweep_folder {
  std::string name;         // the folder (or result store), as given
  std::string title;        // the sweep's name: from the store, or the folder's sweep.json ("": none)
  bool from_store = false;  // read from a result store's summary table, not comparison.csv
  std::vector<std::string> metrics;   // in the file's order
  std::vector<std::string> variants;  // names, by variant index
  std::vector<sweep_row> rows;
};

// True when `dir` holds what `freightsim sweep --out` writes (comparison.csv and runs.csv).
bool is_sweep_folder(const std::filesystem::path& dir);

// A missing or malformed comparison.csv: input_error naming the file (and line), one line.
sweep_folder read_sweep_folder(const std::filesystem::path& dir);

// True when `file` is an SQLite database (by its header), which `freightsim report` reads as a result store.
bool is_sqlite_file(const std::filesystem::path& file);

// The same rows from a result store (sweep --store): its summary per variant, the numbers comparison.csv
// holds. A file that is not a store, or a sweep not complete in it: input_error naming the file, one line.
sweep_folder read_sweep_store(const std::filesystem::path& file);

}  // namespace freightsim
