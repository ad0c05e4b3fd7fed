// freightsim schema: the scenario format as a JSON Schema (for editors) or as the Markdown reference
// docs/scenario-format.md, both generated from the loader's declaration of the keys.
#include <iostream>
#include <memory>

#include "command.hpp"
#include "freightsim/scenario/format_reference.hpp"

namespace freightsim::cli {

action add_schema_command(CLI::App& app) {
  auto markdown = std::make_shared<bool>(false);
  auto* sub = app.add_subcommand("schema",
                                 "Print the scenario format as a JSON Schema (draft-07), e.g. for "
                                 "yaml-language-server, or as the Markdown reference.");
  sub->footer(
      "In an editor with yaml-language-server, put a comment on a scenario's first line:\n"
      "  # yaml-language-server: $schema=scenario.schema.json\n"
      "after `freightsim schema > scenario.schema.json`.");
  sub->add_flag("--markdown", *markdown, "Print docs/scenario-format.md instead");
  return [markdown] {
    std::cout << (*markdown ? scenario_format_markdown() : scenario_json_schema());
    std::cout.flush();
    return std::cout ? exit_ok : exit_internal;
  };
}

}  // namespace freightsim::cli
