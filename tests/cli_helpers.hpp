// The freightsim command run as a user runs it (through the shell), for the end-to-end tests.
#pragma once

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace cli_testing {

// The source tree, for the shipped scenarios.
inline const std::string root = FREIGHTSIM_SOURCE_DIR;

struct command_result {
  int status = -1;
  std::string out, err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh folder `name` under the temporary folder of this test process and `suite`.
inline std::filesystem::path scratch_dir(const std::string& suite, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("freightsim-" + suite + "-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Runs `freightsim ARGS` with stdout and stderr captured in files of `io`, with `env` (NAME=VALUE ...) added
// to its environment.
inline command_result run_freightsim(const std::string& args, const std::filesystem::path& io,
                                     const std::string& env = "") {
  const std::string cmd = (env.empty() ? "" : "env " + env + " ") + std::string(FREIGHTSIM_BINARY) + " " +
                          args + " >" + (io / "out").string() + " 2>" + (io / "err").string();
  const int raw = std::system(cmd.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(io / "out"), slurp(io / "err")};
}

// Runs `freightsim ARGS` and checks that it is refused as bad input before any work: exit 2, exactly the one
// line `err` on stderr, nothing on stdout, and nothing created at `untouched`.
inline void check_refused(const std::string& args, const std::filesystem::path& io, const std::string& err,
                          const std::filesystem::path& untouched) {
  INFO(args);
  const command_result r = run_freightsim(args, io);
  CHECK(r.status == 2);
  CHECK(r.err == err + "\n");
  CHECK(r.out.empty());
  CHECK(!std::filesystem::exists(untouched));
}

}  // namespace cli_testing
