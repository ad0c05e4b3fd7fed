// Progress of a sweep on stderr: a bar with runs done, rate and ETA when stderr is a terminal, a plain line
// every few seconds otherwise.
#pragma once

#include <chrono>
#include <cstddef>

namespace freightsim::cli {

class progress {
 public:
  progress(std::size_t total, bool quiet);
  void advance();              // one run finished
  void add(std::size_t more);  // more runs to do (--precision rounds)
  void finish();

 private:
  void print(bool final);

  std::size_t total_, done_ = 0;
  bool quiet_, terminal_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace freightsim::cli
