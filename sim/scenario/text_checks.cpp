#include "text_checks.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <vector>

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

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

std::string_view without_bom(std::string_view text) {
  if (text.substr(0, 3) == byte_order_mark) text.remove_prefix(3);
  return text;
}

// The lexical state of the scanner below: lines, character columns, quotes, comments and block scalars. The
// scanner feeds it every byte and handles the characters it passes on.
struct yaml_cursor {
  int line = 1, column = 0;
  char quote = 0;         // inside '...' or "..."
  char previous = 0;      // the last character on this line outside quotes and blanks; 0 at the line start
  bool spaced = false;    // blanks since `previous`
  bool skip = false;      // the rest of the line is a comment or block scalar text
  bool in_indent = true;  // still in the line's leading spaces
  int indent = 0;
  int block_indent = -1;  // in a block scalar ('|' or '>'): lines indented more than this are its text

  // Counts the column of byte c (UTF-8 continuation bytes do not start a character).
  void count(char c) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column;
  }

  void end_line() {
    ++line;
    column = 0;
    previous = 0;
    spaced = skip = false;
    in_indent = true;
    indent = 0;
  }

  // In the leading spaces: true if c is one of them. At the first other character, decides whether the line
  // is block scalar text.
  bool indentation(char c) {
    if (c == ' ') {
      ++indent;
      return true;
    }
    in_indent = false;
    if (block_indent >= 0 && indent > block_indent) skip = true;
    if (!skip) block_indent = -1;
    return false;
  }

  // Quoted text, blanks and comments: true if byte i was one of them (escapes and doubled quotes advance i).
  bool lexical(std::string_view text, std::size_t& i) {
    const char c = text[i];
    if (quote != 0) {
      if (quote == '"' && c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
        ++i;
        count(text[i]);
      } else if (quote == '\'' && c == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
        ++column;
      } else if (c == quote) {
        quote = 0;
        previous = c;
        spaced = false;
      }
      return true;
    }
    if (c == ' ' || c == '\t') {
      spaced = true;
      return true;
    }
    if (c == '#' && (previous == 0 || spaced)) {
      skip = true;
      return true;
    }
    return false;
  }

  // Whether a value (a scalar, a quote, a bracket) may start here: at the start of a line, after a bracket or
  // comma, or after an indicator followed by a blank (in flow context, also without the blank).
  [[nodiscard]] bool value_start(bool in_flow) const {
    return previous == 0 || std::strchr("[{,", previous) != nullptr ||
           ((spaced || in_flow) && std::strchr(":-?", previous) != nullptr);
  }

  // After a token: the character that now stands last on the line.
  void took(char c) {
    previous = c;
    spaced = false;
  }
};

// The flow brackets ('[' and '{') still open at byte `end` of `text`, innermost last. A rough YAML
// tokenizer: it skips quoted text, comments and block scalars, and takes a bracket outside a flow collection
// only where a value starts, as YAML does. Only used to explain a syntax error yaml-cpp has already found.
// yaml-cpp's parser events cannot explain it: its scanner reads a flow collection that could be a key
// ("- {a: 1}: x") to its end before the parser starts it, so errors inside one (a ']' closing a '{', a '-' in
// a flow map, the end of the file) come before any event for it.
std::vector<open_bracket> open_brackets(std::string_view text, std::size_t end) {
  std::vector<open_bracket> open;
  yaml_cursor cur;
  text = text.substr(0, std::min(end, text.size()));
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    cur.count(c);
    if (c == '\n') {
      cur.end_line();
      continue;
    }
    if (c == '\r') continue;
    if (cur.in_indent && cur.indentation(c)) continue;
    if (cur.skip || cur.lexical(text, i)) continue;
    const bool in_flow = !open.empty();
    const bool value_start = cur.value_start(in_flow);
    if (value_start && (c == '"' || c == '\'')) {
      cur.quote = c;
    } else if ((value_start || in_flow) && (c == '[' || c == '{')) {
      open.push_back({c, cur.line, cur.column});
    } else if (in_flow && (c == ']' || c == '}')) {
      open.pop_back();
    } else if (value_start && !in_flow && (c == '|' || c == '>')) {
      cur.block_indent = cur.indent;
      cur.skip = true;
    }
    cur.took(c);
  }
  return open;
}

// True if only blanks stand between the start of the line and byte `pos`.
bool first_on_line(std::string_view text, std::size_t pos) {
  while (pos > 0 && text[pos - 1] != '\n') {
    if (text[pos - 1] != ' ') return false;
    --pos;
  }
  return true;
}

// The last character before byte `pos` on its line that is not a blank; 0 if none.
char previous_on_line(std::string_view text, std::size_t pos) {
  while (pos > 0 && text[pos - 1] != '\n') {
    if (text[pos - 1] != ' ') return text[pos - 1];
    --pos;
  }
  return 0;
}

std::string quoted_char(char c) {
  return std::string("'") + c + "'";
}

}  // namespace

void check_scenario_text(std::string_view text, const std::string& file) {
  bool blank = true;
  int line = 1, column = 1;
  bool in_indent = true;
  std::size_t i = 0;
  if (text.substr(0, 3) == byte_order_mark) i = 3;  // a UTF-8 byte order mark is harmless
  if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF")
    throw input_error(file, 1, 1, "the file is saved as UTF-16; save it as UTF-8");
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
    if (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))
      throw input_error(
          file, line, column,
          "carriage return without a line feed (old Mac line ends); save the file with LF or CRLF "
          "line ends");
    if (c < 0x20 && c != '\t' && c != '\r')
      throw input_error(file, line, column, "control character " + hex_byte(c) + " is not allowed");
    if (c == 0x7F) throw input_error(file, line, column, "control character 0x7F is not allowed");
    const std::size_t n = utf8_length(text, i);
    if (n == 0)
      throw input_error(file, line, column, "invalid UTF-8 byte " + hex_byte(c) + "; save the file as UTF-8");
    if (c != ' ' && c != '\t' && c != '\r') {
      blank = false;
      in_indent = false;
    }
    i += n;
    ++column;
  }
  if (blank) throw input_error(file, 1, 1, "empty scenario file");
}

std::optional<open_bracket> bracket_at(std::string_view text, const YAML::Mark& mark) {
  text = without_bom(text);
  if (mark.is_null()) return std::nullopt;
  auto pos = static_cast<std::size_t>(mark.pos);
  // yaml-cpp marks a collection where its anchor or tag starts ("&a !t [").
  while (pos < text.size() && (text[pos] == '&' || text[pos] == '!')) {
    while (pos < text.size() && std::strchr(" \r\n", text[pos]) == nullptr)
      ++pos;
    while (pos < text.size() && std::strchr(" \r\n", text[pos]) != nullptr)
      ++pos;
  }
  if (pos >= text.size() || (text[pos] != '[' && text[pos] != '{')) return std::nullopt;
  const std::size_t line_start = pos == 0 ? std::string_view::npos : text.rfind('\n', pos - 1);
  const std::size_t from = line_start == std::string_view::npos ? 0 : line_start + 1;
  const int line =
      1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
  return open_bracket{text[pos], line, character_column(text, pos, static_cast<int>(pos - from))};
}

int character_column(std::string_view text, std::size_t pos, int byte_column) {
  text = without_bom(text);
  if (byte_column < 0 || pos > text.size() || static_cast<std::size_t>(byte_column) > pos)
    return byte_column + 1;
  const std::size_t start = pos - static_cast<std::size_t>(byte_column);
  if (start > 0 && text[start - 1] != '\n') return byte_column + 1;  // not where yaml-cpp's line starts
  int column = 1;
  for (std::size_t i = start; i < pos; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  return column;
}

void throw_syntax_error(std::string_view text, const std::string& file, const YAML::Mark& mark,
                        const std::string& yaml_message) {
  if (mark.is_null()) throw input_error(file, 0, 0, "YAML syntax error: " + yaml_message);
  text = without_bom(text);
  const auto pos = static_cast<std::size_t>(mark.pos);
  const int line = mark.line + 1;
  const int column = character_column(text, pos, mark.column);
  const char here = pos < text.size() ? text[pos] : 0;
  if (yaml_message == YAML::ErrorMsg::FLOW_END || yaml_message == YAML::ErrorMsg::END_OF_MAP_FLOW ||
      yaml_message == YAML::ErrorMsg::END_OF_SEQ_FLOW || yaml_message == YAML::ErrorMsg::BLOCK_ENTRY) {
    const auto open = open_brackets(text, pos);
    if (!open.empty()) {
      const open_bracket& b = open.back();
      const char close = b.open == '[' ? ']' : '}';
      if ((here == ']' || here == '}') && here != close)
        throw input_error(file, line, column,
                          "YAML syntax error: " + quoted_char(here) + " does not close the " +
                              quoted_char(b.open) + " opened at " + std::to_string(b.line) + ":" +
                              std::to_string(b.column) + "; expected " + quoted_char(close));
      const bool at_end = text.find_first_not_of(" \r\n", pos) == std::string_view::npos;
      throw input_error(
          file, b.line, b.column,
          "YAML syntax error: " + quoted_char(b.open) + " is not closed " +
              (at_end ? std::string("by the end of the file") : "before line " + std::to_string(line)) +
              "; add the missing " + quoted_char(close));
    }
    if (here == ']' || here == '}')
      throw input_error(file, line, column,
                        "YAML syntax error: " + quoted_char(here) + " has no matching " +
                            quoted_char(here == ']' ? '[' : '{'));
  }
  if (yaml_message == YAML::ErrorMsg::END_OF_MAP || yaml_message == YAML::ErrorMsg::END_OF_SEQ) {
    if (first_on_line(text, pos))
      throw input_error(
          file, line, column,
          "YAML syntax error: bad indentation; this line does not line up with the lines above");
    const char before = previous_on_line(text, pos);
    if (before == '\'')
      throw input_error(file, line, column,
                        "YAML syntax error: unexpected text after the closing quote; inside '...' write an "
                        "apostrophe as '' or put the text in double quotes");
    if (before == '"')
      throw input_error(
          file, line, column,
          "YAML syntax error: unexpected text after the closing quote; inside \"...\" write a quote "
          "as \\\" or put the text in single quotes");
    throw input_error(file, line, column, "YAML syntax error: unexpected text here");
  }
  if (yaml_message == YAML::ErrorMsg::BAD_FILE)  // yaml-cpp's own depth guard; the loader's comes first
    throw input_error(file, line, column, "YAML syntax error: lists and maps are nested too deeply");
  if (yaml_message == YAML::ErrorMsg::MAP_VALUE)
    throw input_error(
        file, line, column,
        "YAML syntax error: unexpected ':'; check the indentation of this line, or put quotes around "
        "a value that contains ': '");
  throw input_error(file, line, column, "YAML syntax error: " + yaml_message);
}

void throw_second_document(const YAML::Mark& first, const YAML::Mark& mark, std::string_view text,
                           const std::string& file) {
  text = without_bom(text);
  const char* const message = "a second YAML document starts here; a scenario file holds one scenario";
  // Point at the "---" line that starts the second document, at or before where its content starts.
  std::size_t pos = mark.is_null() ? text.size() : static_cast<std::size_t>(mark.pos);
  for (pos = text.rfind("---", pos); pos != std::string_view::npos && pos > 0 && text[pos - 1] != '\n';)
    pos = text.rfind("---", pos - 1);
  // None after the first document's start (its own "---", if any): the second document follows a "..." and
  // starts at its content.
  const std::size_t after = first.is_null() ? 0 : static_cast<std::size_t>(first.pos) + 1;
  if ((pos == std::string_view::npos || pos < after) && !mark.is_null() &&
      static_cast<std::size_t>(mark.pos) < text.size())
    throw input_error(file, mark.line + 1,
                      character_column(text, static_cast<std::size_t>(mark.pos), mark.column), message);
  if (pos == std::string_view::npos) pos = 0;
  const int line =
      1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
  throw input_error(file, line, 1, message);
}

void throw_stray_token(const YAML::Mark& mark, std::string_view text, const std::string& file) {
  text = without_bom(text);
  const auto pos = static_cast<std::size_t>(mark.pos);
  if (mark.is_null() || pos >= text.size())
    throw input_error(file, 0, 0, "YAML syntax error: unexpected text");
  const int line = mark.line + 1;
  const int column = character_column(text, pos, mark.column);
  const char here = text[pos];
  if (here == ',')
    throw input_error(file, line, column,
                      "YAML syntax error: unexpected ','; commas separate items only inside [...] and {...}");
  if (static_cast<unsigned char>(here) < 0x80)
    throw input_error(file, line, column, "YAML syntax error: unexpected " + quoted_char(here));
  throw input_error(file, line, column, "YAML syntax error: unexpected text here");
}

void throw_cyclic_alias(const YAML::Mark& mark, std::string_view text, const std::string& file) {
  text = without_bom(text);
  const auto pos = static_cast<std::size_t>(mark.pos);
  std::string name;  // the alias without its '*'
  if (!mark.is_null() && pos < text.size() && text[pos] == '*') {
    const std::size_t end = std::min(text.find_first_of(" \r\n,[]{}", pos), text.size());
    name = std::string(text.substr(pos + 1, std::min<std::size_t>(end - pos - 1, 80)));
  }
  const std::string what = name.empty() ? "an alias" : "the alias *" + name;
  throw input_error(file, mark.is_null() ? 0 : mark.line + 1,
                    mark.is_null() ? 0 : character_column(text, pos, mark.column),
                    "YAML error: " + what + " is inside the list or map it refers to" +
                        (name.empty() ? "" : " (&" + name + ")") + "; a value cannot contain itself");
}

void check_quote_closed(const YAML::Mark& last_scalar, std::string_view text, const std::string& file) {
  if (last_scalar.is_null()) return;
  text = without_bom(text);
  auto pos = static_cast<std::size_t>(last_scalar.pos);
  // Skip an anchor (&a) or a tag (!t) in front of the quote.
  while (pos < text.size() && (text[pos] == '&' || text[pos] == '!')) {
    while (pos < text.size() && text[pos] != ' ' && text[pos] != '\n')
      ++pos;
    while (pos < text.size() && text[pos] == ' ')
      ++pos;
  }
  if (pos >= text.size() || (text[pos] != '"' && text[pos] != '\'')) return;
  const char quote = text[pos];
  for (std::size_t i = pos + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
      } else {
        return;
      }
    }
  }
  const YAML::Mark& mark = last_scalar;
  throw input_error(file, mark.line + 1,
                    character_column(text, pos, mark.column + static_cast<int>(pos - mark.pos)),
                    "the quote " + std::string(1, quote) + " opened here is never closed; add the closing " +
                        std::string(1, quote));
}

}  // namespace freightsim::detail
