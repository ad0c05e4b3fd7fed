#include "yaml_document.hpp"

#include <yaml-cpp/eventhandler.h>

#include <optional>
#include <sstream>
#include <vector>

#include "freightsim/scenario/input_error.hpp"
#include "freightsim/scenario/loader.hpp"
#include "text_checks.hpp"

namespace freightsim::detail {

namespace {

// Follows yaml-cpp's parse: where each document starts, the collections open (their marks, anchors and
// styles), and the first alias inside the collection it names.
//
// The nesting limit lives here, not in a scan of the text before yaml-cpp: yaml-cpp's parser recurses once
// per collection and calls OnSequenceStart/OnMapStart with the collection's mark before it recurses into it,
// so the handler refuses level max_nesting_depth + 1 with the parser that deep and no deeper, far below where
// its stack could overflow (or its own guard, at 2000 levels, would fire). The scanner ahead of the parser is
// a loop, not a recursion: it may read a whole flow collection before the parser starts it (a flow collection
// can be a key), which costs memory in the size of the file (4 MiB at most), as a flat list of that size
// does.
class document_events : public YAML::EventHandler {
 public:
  document_events(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  std::vector<YAML::Mark> starts;
  std::optional<YAML::Mark> cyclic_alias;
  YAML::Mark last_quoted;  // where the last scalar starts if it is quoted, else null

  // The brackets of the flow collections open now, outermost first.
  [[nodiscard]] std::vector<open_bracket> open_brackets() const {
    std::vector<open_bracket> out;
    for (const auto& c : open_) {
      const auto b = c.flow ? bracket_at(text_, c.mark) : std::nullopt;
      // A compact map whose key is a flow collection ("[[a]: b]") is marked at the same bracket.
      if (b && (out.empty() || out.back().line != b->line || out.back().column != b->column))
        out.push_back(*b);
    }
    return out;
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    starts.push_back(mark);
    open_.clear();
    open_count_.clear();
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (!cyclic_alias && anchor < open_count_.size() && open_count_[anchor] > 0) cyclic_alias = mark;
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t, const std::string&) override {
    last_quoted = tag == "!" ? mark : YAML::Mark::null_mark();  // yaml-cpp tags quoted scalars "!"
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(mark, anchor, style);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(mark, anchor, style);
  }
  void OnMapEnd() override { close(); }

 private:
  struct collection {
    YAML::Mark mark;
    YAML::anchor_t anchor;
    bool flow;
  };

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, YAML::EmitterStyle::value style) {
    open_.push_back({mark, anchor, style == YAML::EmitterStyle::Flow});
    if (open_.size() > max_nesting_depth) too_deep(mark);
    if (anchor == 0) return;  // no anchor
    if (anchor >= open_count_.size()) open_count_.resize(anchor + 1);
    ++open_count_[anchor];
  }
  void close() {
    if (open_.empty()) return;
    if (open_.back().anchor != 0) --open_count_[open_.back().anchor];
    open_.pop_back();
  }

  // Points at the outermost bracket when the nest is written with brackets, else where the level too many
  // starts.
  [[noreturn]] void too_deep(const YAML::Mark& mark) const {
    const auto brackets = open_brackets();
    const int line = brackets.empty() ? mark.line + 1 : brackets.front().line;
    const int column = brackets.empty()
                           ? character_column(text_, static_cast<std::size_t>(mark.pos), mark.column)
                           : brackets.front().column;
    throw input_error(file_, line, column, "YAML syntax error: lists and maps are nested too deeply");
  }

  std::string_view text_;
  const std::string& file_;
  std::vector<collection> open_;         // the collections being read, outermost first
  std::vector<std::size_t> open_count_;  // by anchor: how many of them are open
};

// Parses the stream once without building it, and refuses what yaml-cpp would build into a trap:
//  - nesting deeper than max_nesting_depth (see document_events).
//  - several documents. Not by YAML::LoadAll, which in yaml-cpp 0.7 never returns on a token no node can
//    start with (",x" adds empty documents until memory runs out, jbeder/yaml-cpp#1040); a document that
//    starts where the one before started is that case.
//  - an alias inside the list or map it names ("&a [*a]"): yaml-cpp builds a cycle, which no walk of the
//    tree would finish.
// Returns where the last scalar starts if it is quoted.
YAML::Mark check_document_stream(const std::string& text, std::string_view original,
                                 const std::string& file) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  document_events documents(original, file);
  try {
    while (documents.starts.size() < 3 && parser.HandleNextDocument(documents)) {
      if (const auto& alias = documents.cyclic_alias) throw_cyclic_alias(*alias, original, file);
      const auto& s = documents.starts;
      if (s.size() >= 2 && s[s.size() - 1].pos == s[s.size() - 2].pos)
        throw_stray_token(s.back(), original, file);
    }
  } catch (const YAML::Exception& e) {
    throw_syntax_error(original, file, e.mark, e.msg);
  }
  if (documents.starts.size() >= 2)
    throw_second_document(documents.starts[0], documents.starts[1], original, file);
  return documents.last_quoted;
}

}  // namespace

YAML::Node parse_yaml_document(std::string_view text, const std::string& file) {
  if (text.size() > max_scenario_bytes)
    throw input_error(file, 0, 0,
                      "scenario file is larger than the " + std::to_string(max_scenario_bytes / 1024 / 1024) +
                          " MiB limit");
  check_scenario_text(text, file);
  const std::string copy(text);
  const YAML::Mark last_quoted = check_document_stream(copy, text, file);
  YAML::Node root;
  try {
    root = YAML::Load(copy);
  } catch (const YAML::Exception& e) {  // not expected: the same parser has just read the same text
    throw_syntax_error(text, file, e.mark, e.msg);
  }
  check_quote_closed(last_quoted, text, file);
  return root;
}

}  // namespace freightsim::detail
