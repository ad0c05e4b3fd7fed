#include "yaml_document.hpp"

#include <vector>

#include "freightsim/scenario/input_error.hpp"
#include "freightsim/scenario/loader.hpp"
#include "text_checks.hpp"

namespace freightsim::detail {

YAML::Node parse_yaml_document(std::string_view text, const std::string& file) {
  if (text.size() > max_scenario_bytes)
    throw input_error(file, 0, 0,
                      "scenario file is larger than the " + std::to_string(max_scenario_bytes / 1024 / 1024) +
                          " MiB limit");
  check_scenario_text(text, file);
  check_nesting_depth(text, file);
  YAML::Node root;
  try {
    const std::vector<YAML::Node> documents = YAML::LoadAll(std::string(text));
    check_single_document(documents, text, file);
    if (!documents.empty()) root = documents.front();
  } catch (const YAML::Exception& e) {
    throw_syntax_error(text, file, e.mark, e.msg);
  }
  check_quotes_closed(root, text, file);
  return root;
}

}  // namespace freightsim::detail
