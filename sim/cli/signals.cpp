#include "signals.hpp"

#include <csignal>

namespace freightsim::cli {

namespace {

// The only state a signal handler may touch: lock-free atomics.
std::atomic<bool> interrupted_flag{false};
std::atomic<int> signal_number{0};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_signal(int signal) {
  signal_number.store(signal);
  interrupted_flag.store(true);
}

}  // namespace

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // a second signal takes the default action
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

const std::atomic<bool>& interrupted() {
  return interrupted_flag;
}

int interrupt_signal() {
  return signal_number.load();
}

}  // namespace freightsim::cli
