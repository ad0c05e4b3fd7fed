// libFuzzer target for the scenario loader: any bytes must end in a scenario or in one input_error
// "FILE:LINE:COL: message" on one line. Anything else (another exception, a crash, a sanitizer report, a
// timeout, running out of memory) is a finding. A scenario that loads is also run for one short replication
// with bounded work, so that whatever validation accepts, the simulation can run.
//
// Run from the repository root (relative paths in scenarios resolve against tests/data): see tools/fuzz.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "bounded_run.hpp"
#include "freightsim/scenario/loader.hpp"

namespace {

using namespace freightsim;

[[noreturn]] void finding(const std::string& what) {
  std::fprintf(stderr, "scenario_fuzzer: %s\n", what.c_str());
  std::abort();
}

// The error must read "FILE:LINE:COL: message" on one line, with a line inside the text when it names it.
void check_error(const input_error& e, std::string_view text) {
  const std::string what = e.what();
  if (what.find('\n') != std::string::npos || what.find('\r') != std::string::npos)
    finding("input_error spans several lines: " + what);
  const std::string prefix = e.file() + ":" + std::to_string(std::max(e.line(), 1)) + ":" +
                             std::to_string(e.line() > 0 ? e.column() : 1) + ": ";
  const bool plain_name = std::none_of(e.file().begin(), e.file().end(),
                                       [](char c) { return static_cast<unsigned char>(c) < 0x20; });
  if (e.file().empty() || (plain_name && what.compare(0, prefix.size(), prefix) != 0))
    finding("input_error does not start with FILE:LINE:COL: " + what);
  if (e.line() > 0 && e.column() < 1) finding("input_error with column < 1: " + what);
  if (e.file() == "fuzz.yaml") {
    const auto lines = std::count(text.begin(), text.end(), '\n') + 1;
    if (e.line() > lines) finding("input_error points past the last line: " + what);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  scenario s;
  try {
    s = parse_scenario(text, "fuzz.yaml", "tests/data");
  } catch (const input_error& e) {
    check_error(e, text);
    return 0;
  } catch (const std::exception& e) {
    finding(std::string("parse_scenario threw something other than input_error: ") + e.what());
  } catch (...) {
    finding("parse_scenario threw a non-std exception");
  }
  try {
    if (fuzz::run_briefly(std::move(s)).replications.size() != 1)
      finding("run_experiment did not run exactly one replication");
  } catch (const std::exception& e) {
    finding(std::string("a loaded scenario failed to run: ") + e.what());
  } catch (...) {
    finding("a loaded scenario failed to run with a non-std exception");
  }
  return 0;
}
