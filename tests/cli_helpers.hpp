// The freightsim command run as a user runs it (through the shell), for the end-to-end tests.
#pragma once

#include <sys/wait.h>
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace cli_testing {

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

}  // namespace cli_testing
