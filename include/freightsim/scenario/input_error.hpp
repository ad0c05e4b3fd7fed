// Bad user input: carries the file, line and column it points at. Printed as one line "FILE:LINE:COL:
// message".
#pragma once

#include <stdexcept>
#include <string>

namespace freightsim {

class input_error : public std::runtime_error {
 public:
  // line and column are 1-based; 0 for the file as a whole (printed as 1:1); negative for input without
  // lines, such as a command-line override (printed as "NAME: message").
  input_error(std::string file, int line, int column, const std::string& message);

  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] int line() const { return line_; }
  [[nodiscard]] int column() const { return column_; }
  [[nodiscard]] const std::string& message() const { return message_; }

 private:
  std::string file_;
  int line_, column_;
  std::string message_;
};

}  // namespace freightsim
