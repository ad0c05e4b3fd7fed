#include "freightsim/scenario/input_error.hpp"

namespace freightsim {

namespace {
std::string format(const std::string& file, int line, int column, const std::string& message) {
  // Errors about the file as a whole (unreadable, too large) point at its start.
  if (line <= 0) line = column = 1;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}
}  // namespace

input_error::input_error(std::string file, int line, int column, const std::string& message)
    : std::runtime_error(format(file, line, column, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      message_(message) {}

}  // namespace freightsim
