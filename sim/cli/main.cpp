// The freightsim command: a thin layer over the library. Each subcommand is in its own file.
#include <iostream>
#include <new>
#include <utility>
#include <vector>

#include "command.hpp"
#include "freightsim/scenario/input_error.hpp"
#include "parse_error.hpp"

int main(int argc, char** argv) {
  namespace cli = freightsim::cli;
  CLI::App app{
      "freightsim: discrete-event simulation of freight on Eurasian corridors.\n"
      "Exit status: 0 success, 2 bad input (scenario or command line), 3 stopped early by --max-in-network\n"
      "(partial results written), 4 validate: a validation entry outside its tolerance, 128+N on signal N\n"
      "(SIGINT, SIGTERM: finished replications written), 1 internal error."};
  app.require_subcommand(1);
  const std::vector<std::pair<std::string, cli::action>> commands{
      {"run", cli::add_run_command(app)},       {"validate", cli::add_validate_command(app)},
      {"schema", cli::add_schema_command(app)}, {"report", cli::add_report_command(app)},
      {"sweep", cli::add_sweep_command(app)},   {"analyze", cli::add_analyze_command(app)},
      {"size", cli::add_size_command(app)},     {"compare", cli::add_compare_command(app)},
      {"export", cli::add_export_command(app)}, {"replay", cli::add_replay_command(app)},
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help
    const auto chosen = app.get_subcommands();
    const std::string name = chosen.empty() ? "" : chosen.front()->get_name() + " ";
    std::cerr << "freightsim: " << cli::parse_error_text(app, e) << " (see freightsim " << name
              << "--help)\n";
    return cli::exit_bad_input;
  }
  try {
    for (const auto& [name, act] : commands)
      if (app.got_subcommand(name)) return act();
    return cli::exit_internal;
  } catch (const freightsim::input_error& e) {
    std::cerr << e.what() << "\n";
    return cli::exit_bad_input;
  } catch (const std::bad_alloc&) {
    // Outside a replication (loading, summarizing, writing): nothing more can be done or written.
    std::cerr << "freightsim: out of memory\n";
    return cli::exit_internal;
  } catch (const std::exception& e) {
    std::cerr << "freightsim: internal error: " << e.what() << "\n";
    return cli::exit_internal;
  }
}
