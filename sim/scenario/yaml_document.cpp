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

// Where each document of a YAML stream starts, and the first alias inside the collection it names.
class document_events : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;
  std::optional<YAML::Mark> cyclic_alias;

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
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  void open(YAML::anchor_t anchor) {
    open_.push_back(anchor);
    if (anchor == 0) return;  // no anchor
    if (anchor >= open_count_.size()) open_count_.resize(anchor + 1);
    ++open_count_[anchor];
  }
  void close() {
    if (open_.empty()) return;
    if (open_.back() != 0) --open_count_[open_.back()];
    open_.pop_back();
  }

  std::vector<YAML::anchor_t> open_;     // anchors of the collections being read, outermost first
  std::vector<std::size_t> open_count_;  // by anchor: how many of them are open
};

// Parses the stream once without building it, and refuses what yaml-cpp would build into a trap:
//  - several documents. Not by YAML::LoadAll, which in yaml-cpp 0.7 never returns on a token no node can
//    start with (",x" adds empty documents until memory runs out, jbeder/yaml-cpp#1040); a document that
//    starts where the one before started is that case.
//  - an alias inside the list or map it names ("&a [*a]"): yaml-cpp builds a cycle, which no walk of the
//    tree would finish.
void check_document_stream(const std::string& text, std::string_view original, const std::string& file) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  document_events documents;
  while (documents.starts.size() < 3 && parser.HandleNextDocument(documents)) {
    if (const auto& alias = documents.cyclic_alias) throw_cyclic_alias(*alias, original, file);
    const auto& s = documents.starts;
    if (s.size() >= 2 && s[s.size() - 1].pos == s[s.size() - 2].pos)
      throw_stray_token(s.back(), original, file);
  }
  if (documents.starts.size() >= 2) throw_second_document(documents.starts[1], original, file);
}

}  // namespace

YAML::Node parse_yaml_document(std::string_view text, const std::string& file) {
  if (text.size() > max_scenario_bytes)
    throw input_error(file, 0, 0,
                      "scenario file is larger than the " + std::to_string(max_scenario_bytes / 1024 / 1024) +
                          " MiB limit");
  check_scenario_text(text, file);
  check_nesting_depth(text, file);
  YAML::Node root;
  try {
    const std::string copy(text);
    check_document_stream(copy, text, file);
    root = YAML::Load(copy);
  } catch (const YAML::Exception& e) {
    throw_syntax_error(text, file, e.mark, e.msg);
  }
  check_quotes_closed(root, text, file);
  return root;
}

}  // namespace freightsim::detail
