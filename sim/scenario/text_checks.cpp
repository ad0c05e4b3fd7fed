#include "text_checks.hpp"

#include <cstdio>

#include "freightsim/scenario/input_error.hpp"

namespace freightsim::detail {

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is invalid (overlong forms, surrogates and
// code points above U+10FFFF included).
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return n;
}

std::string hex_byte(unsigned char c) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "0x%02X", c);
  return buffer;
}

}  // namespace

void check_scenario_text(std::string_view text, const std::string& file) {
  bool blank = true;
  int line = 1, column = 1;
  bool in_indent = true;
  std::size_t i = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // a UTF-8 byte order mark is harmless
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
      in_indent = true;
      ++i;
      continue;
    }
    if (c == '\t' && in_indent)
      throw input_error(file, line, column, "tab character in indentation; YAML indents with spaces");
    if (c < 0x20 && c != '\t' && c != '\r')
      throw input_error(file, line, column, "control character " + hex_byte(c) + " is not allowed");
    if (c == 0x7F) throw input_error(file, line, column, "control character 0x7F is not allowed");
    const std::size_t n = utf8_length(text, i);
    if (n == 0) throw input_error(file, line, column, "invalid UTF-8 byte " + hex_byte(c) + "; save the file as UTF-8");
    if (c != ' ' && c != '\t' && c != '\r') {
      blank = false;
      in_indent = false;
    }
    i += n;
    ++column;
  }
  if (blank) throw input_error(file, 1, 1, "empty scenario file");
}

}  // namespace freightsim::detail
