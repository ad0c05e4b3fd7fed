// SIGINT and SIGTERM: a first signal asks running work to stop and write what finished; a second kills.
#pragma once

#include <atomic>

namespace freightsim::cli {

// Installs the handlers; afterwards `interrupted()` becomes true on the first SIGINT or SIGTERM.
void install_signal_handlers();
[[nodiscard]] const std::atomic<bool>& interrupted();
// The signal received (0 if none); the process should exit with 128 + it.
[[nodiscard]] int interrupt_signal();

}  // namespace freightsim::cli
