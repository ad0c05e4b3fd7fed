// The freightsim command's subcommands. Each lives in its own file: it registers its options on the CLI11 app
// and returns the action run when it is the one chosen. Actions return the exit status.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace freightsim::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_internal = 1;
inline constexpr int exit_bad_input = 2;  // scenario, command line or other input: one line on stderr
inline constexpr int exit_stopped = 3;    // stopped before the horizon (saturated); partial results written
inline constexpr int exit_not_valid = 4;  // validate: a validation entry fell outside its tolerance

using action = std::function<int()>;

action add_run_command(CLI::App& app);
action add_schema_command(CLI::App& app);
action add_report_command(CLI::App& app);
action add_validate_command(CLI::App& app);
action add_sweep_command(CLI::App& app);
action add_analyze_command(CLI::App& app);
action add_size_command(CLI::App& app);
action add_compare_command(CLI::App& app);
action add_export_command(CLI::App& app);
action add_replay_command(CLI::App& app);

}  // namespace freightsim::cli
