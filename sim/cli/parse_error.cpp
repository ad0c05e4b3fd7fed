#include "parse_error.hpp"

#include <vector>

#include "freightsim/scenario/suggest.hpp"

namespace freightsim::cli {

namespace {

// Long options only: a one-letter option is too short to be told from a slip.
std::string unknown_option(const CLI::App& command, const std::string& arg) {
  const std::string option = arg.substr(0, arg.find('='));  // --thread=2 names --thread
  if (option.rfind("--", 0) != 0) return "unknown option '" + option + "'";
  std::vector<std::string> names;
  for (const CLI::Option* o : command.get_options())
    for (const auto& n : o->get_lnames())
      names.push_back("--" + n);
  return "unknown option '" + option + "'" + did_you_mean(option, names);
}

bool is_option(const std::string& arg) {
  return arg.size() >= 2 && arg[0] == '-';
}

}  // namespace

std::string parse_error_text(const CLI::App& app, const CLI::ParseError& e) {
  const auto chosen = app.get_subcommands();
  const bool extras_error = dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr;
  // Without a known command first, CLI11 says only that a subcommand is required.
  const bool no_command = chosen.empty() && dynamic_cast<const CLI::RequiredError*>(&e) != nullptr;
  if (!extras_error && !no_command) return e.what();
  const CLI::App& command = chosen.empty() ? app : *chosen.front();
  std::vector<std::string> extras = command.remaining();
  if (extras.empty()) extras = app.remaining();
  if (extras.empty()) return e.what();
  if (no_command) {
    const std::string& first = extras.front();
    if (is_option(first)) return unknown_option(app, first);
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({}))
      names.push_back(sub->get_name());
    return "unknown command '" + first + "'" + did_you_mean(first, names);
  }
  for (const auto& arg : extras)
    if (is_option(arg)) return unknown_option(command, arg);
  return "unexpected argument '" + extras.front() + "'";
}

}  // namespace freightsim::cli
