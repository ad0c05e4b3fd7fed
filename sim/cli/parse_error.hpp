// The one line printed for a command line that CLI11 refuses.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace freightsim::cli {

// CLI11's text for `e`, except for arguments no option takes: CLI11 lists them reversed ("The following
// arguments were not expected: 2 --thread"); this names the first unknown option and the closest one the
// command has ("unknown option '--thread' (did you mean '--threads'?)"), or the first unexpected argument.
std::string parse_error_text(const CLI::App& app, const CLI::ParseError& e);

}  // namespace freightsim::cli
