#include "progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <string>

namespace freightsim::cli {

namespace {

std::string duration_text(double seconds) {
  if (seconds < 60) return fmt::format("{:.0f}s", seconds);
  if (seconds < 3600)
    return fmt::format("{:.0f}m{:02.0f}s", std::floor(seconds / 60), std::fmod(seconds, 60));
  return fmt::format("{:.0f}h{:02.0f}m", std::floor(seconds / 3600), std::fmod(seconds / 60, 60));
}

}  // namespace

progress::progress(std::size_t total, bool quiet)
    : total_(total),
      quiet_(quiet),
      terminal_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void progress::advance() {
  ++done_;
  const auto now = std::chrono::steady_clock::now();
  const auto every = terminal_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  if (now - last_ >= every) print(false);
}

void progress::add(std::size_t more) {
  total_ += more;
}

void progress::finish() {
  print(true);
}

void progress::print(bool final) {
  if (quiet_ || total_ == 0) return;
  last_ = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(last_ - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0;
  const std::string eta =
      rate > 0 ? duration_text(static_cast<double>(total_ - done_) / rate) : std::string("?");
  const std::string figures = fmt::format("{}/{} runs, {:.2f} runs/s, {} {}", done_, total_, rate,
                                          final ? "took" : "ETA", final ? duration_text(elapsed) : eta);
  if (terminal_) {
    constexpr std::size_t width = 30;
    const std::size_t filled = done_ * width / total_;
    std::fprintf(stderr, "\r[%s%s] %s\033[K%s", std::string(filled, '#').c_str(),
                 std::string(width - filled, '.').c_str(), figures.c_str(), final ? "\n" : "");
  } else {
    std::fprintf(stderr, "sweep: %s\n", figures.c_str());
  }
  std::fflush(stderr);
}

}  // namespace freightsim::cli
