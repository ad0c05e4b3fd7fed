#include "freightsim/scenario/input_error.hpp"

#include <cstdio>

namespace freightsim {

namespace {

// Messages quote what the user wrote, which may hold line breaks (a "5\nx" or block scalar, a file name);
// control characters are written as escapes so that the error stays one line.
std::string one_line(std::string text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if ((u < 0x20 && c != '\t') || u == 0x7F) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\x%02X", u);
      out += escape;
    } else {
      out += c;
    }
  }
  return out;
}

std::string format(const std::string& file, int line, int column, const std::string& message) {
  // A negative line: the input has no lines (a command-line override); named alone.
  if (line < 0) return file + ": " + message;
  // Errors about the file as a whole (unreadable, too large) point at its start.
  if (line == 0) line = column = 1;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

}  // namespace

input_error::input_error(std::string file, int line, int column, const std::string& message)
    : std::runtime_error(format(one_line(file), line, column, one_line(message))),
      file_(std::move(file)),
      line_(line),
      column_(column),
      message_(one_line(message)) {}

}  // namespace freightsim
