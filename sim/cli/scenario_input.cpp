#include "scenario_input.hpp"

#include <filesystem>

#include "freightsim/output/file_hash.hpp"
#include "freightsim/scenario/loader.hpp"
#include "freightsim/scenario/override.hpp"

namespace freightsim::cli {

hashed_scenario load_hashed_scenario(const std::string& file, const std::vector<std::string>& overrides) {
  std::vector<scenario_override> parsed;
  for (const auto& text : overrides)
    parsed.push_back(parse_override(text));
  const std::filesystem::path path(file);
  const std::string text = read_scenario_text(path);
  std::string sha256 = text_sha256(text);
  return {parse_scenario(text, file, path.parent_path(), parsed), std::move(sha256)};
}

}  // namespace freightsim::cli
