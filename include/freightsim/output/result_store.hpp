// A sweep's result store: one SQLite file holding each variant's resolved scenario and its hash, the
// freightsim version, the seed, every finished run with its status, timing and every metric, and the summary
// per variant. Each run is committed in its own transaction (WAL mode), so a sweep killed at any moment keeps
// every run it committed and `--resume` does only the others. The schema is result_store_schema().
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "freightsim/experiment/run_metrics.hpp"
#include "freightsim/experiment/sweep.hpp"

namespace freightsim {

// The SQL that creates a store: the one definition of its tables, documented in README.md.
const std::string& result_store_schema();

// A variant as stored.
struct stored_variant {
  std::uint32_t variant = 0;
  std::string name;
  std::string parameters;     // its overrides, "PATH=VALUE" a line
  std::string scenario_yaml;  // resolved: baselines merged, overrides applied
  std::string scenario_sha256;
  std::string scenario_dir;  // where relative paths inside it resolve
  std::vector<std::string> metric_names;
  std::vector<metric_parts> parts;
};

// A run as stored: `values` aligned with its variant's metrics (NaN: none).
struct stored_run {
  std::int64_t run_id = 0;
  std::uint32_t variant = 0, replication = 0;
  std::string status;  // done | saturated
  std::int64_t session = 0;
  double seconds = 0;
  std::vector<double> values;
};

struct stored_sweep {
  std::string name, sweep_file, freightsim_version, sweep_sha256;
  std::uint64_t seed = 0, max_in_network = 0;
  std::uint32_t replications = 0;       // asked for (with precision: the first round)
  std::optional<double> precision;      // --precision as a share
  std::uint32_t max_replications = 0;   // with precision its cap, else replications: run_id's stride
  std::uint32_t replications_used = 0;  // once complete; before, replications
  bool complete = false;
  std::vector<stored_variant> variants;
};

// A store that cannot be used for this purpose (another sweep's, another version's, not a store, already
// holding results): one line naming the file, for exit status 2.
class store_refused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What, beside the sweep file, decides a sweep's results and so belongs to its identity.
struct store_settings {
  std::uint64_t max_in_network = 1'000'000;
  std::optional<precision_goal> precision;  // --precision and --max-replications
};

class result_store {
 public:
  // For a sweep: a missing or empty file is created with the sweep's variants; an existing store is used only
  // with `resume` and only when it holds this sweep (same hash) from this version; otherwise store_refused.
  // Starts a session (an invocation of sweep) that the runs committed from now on name.
  static result_store open_for_sweep(const std::filesystem::path& file, const prepared_sweep& sweep,
                                     const store_settings& settings, unsigned jobs, bool resume);
  // For reading (export, replay): store_refused when it is not a freightsim store.
  static result_store open_for_reading(const std::filesystem::path& file);

  result_store(result_store&&) noexcept;
  result_store& operator=(result_store&&) noexcept;
  ~result_store();

  [[nodiscard]] const stored_sweep& sweep() const;
  // The runs committed, by run_id (variant-major: variant x max_replications + replication).
  [[nodiscard]] std::vector<stored_run> runs() const;
  [[nodiscard]] std::optional<stored_run> run(std::int64_t run_id) const;
  // The committed runs as the sweep holds its results, to merge with the runs still to do.
  [[nodiscard]] std::vector<sweep_run> committed_sweep_runs() const;
  // The summary per variant, as write_summary stored it: per metric of interest in the sweep's order, per
  // variant (NaN: a mean that does not exist). Empty before the sweep is complete.
  [[nodiscard]] std::vector<metric_comparison> summary() const;

  // Commits one finished run (done or saturated; others are not stored) in its own transaction.
  void commit(const sweep_run& run);
  // Replaces the summary per variant and marks the sweep complete with sweep.replications per variant (the
  // number --precision chose), deleting runs past it, in one transaction.
  void write_summary(const prepared_sweep& sweep, const std::vector<metric_comparison>& comparisons);

 private:
  struct connection;
  explicit result_store(std::unique_ptr<connection> c);
  std::unique_ptr<connection> c_;
};

// The identity of a sweep's results: SHA-256 over the seed, replications, the settings, the metrics of
// interest and each variant's name and resolved scenario (its hash). A store with another is another sweep's.
std::string sweep_sha256(const prepared_sweep& sweep, const store_settings& settings,
                         const std::vector<std::string>& scenario_sha256s);

}  // namespace freightsim
