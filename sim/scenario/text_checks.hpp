// Checks on the raw scenario text that yaml-cpp would report poorly or not at all.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace freightsim::detail {

// Throws input_error for: an empty file, a UTF-16 file, invalid UTF-8, control characters, carriage returns
// that are not part of a CRLF line end, and tabs in indentation.
void check_scenario_text(std::string_view text, const std::string& file);

// Deepest nesting of lists and maps a scenario may use; a scenario needs about 6 levels. yaml-cpp's parser
// recurses once per level; the loader's event handler (yaml_document.cpp) refuses deeper nests as they open.
inline constexpr std::size_t max_nesting_depth = 200;

// A flow collection's opening bracket, '[' or '{', at a 1-based line and character column.
struct open_bracket {
  char open;
  int line, column;
};

// The bracket that opens the collection yaml-cpp marks at `mark` (past its anchor and tag), or nullopt for a
// block collection or a compact map ("[a: b]").
std::optional<open_bracket> bracket_at(std::string_view text, const YAML::Mark& mark);

// The 1-based column, counted in characters, of the byte offset `pos` as yaml-cpp marks it (after a UTF-8
// byte order mark); `byte_column` + 1 if the offset does not fit the text.
int character_column(std::string_view text, std::size_t pos, int byte_column);

// Throws the input_error for a yaml-cpp syntax error at `mark`, in words a planner can act on: unclosed and
// mismatched brackets point at the bracket, indentation errors say so.
[[noreturn]] void throw_syntax_error(std::string_view text, const std::string& file, const YAML::Mark& mark,
                                     const std::string& yaml_message);

// Throws input_error at the start of a second YAML document ("---", or its content after a "..."), which
// yaml-cpp marks at `second` (the first at `first`): a scenario file holds one scenario.
[[noreturn]] void throw_second_document(const YAML::Mark& first, const YAML::Mark& second,
                                        std::string_view text, const std::string& file);

// Throws input_error for a token no YAML node can start with, left where a document should start (a stray
// ','); yaml-cpp 0.7 would read empty documents there forever.
[[noreturn]] void throw_stray_token(const YAML::Mark& mark, std::string_view text, const std::string& file);

// Throws input_error for an alias used inside the list or map its anchor names ("&a [*a]").
[[noreturn]] void throw_cyclic_alias(const YAML::Mark& mark, std::string_view text, const std::string& file);

// yaml-cpp 0.7 accepts a quoted value that is never closed, running it to the end of the file, so it can only
// be the last scalar; this throws input_error at its opening quote if the quoted scalar yaml-cpp marks at
// `last_scalar` is never closed.
void check_quote_closed(const YAML::Mark& last_scalar, std::string_view text, const std::string& file);

}  // namespace freightsim::detail
