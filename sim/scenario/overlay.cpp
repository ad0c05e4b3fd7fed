#include "overlay.hpp"

#include <fstream>

#include "freightsim/scenario/input_error.hpp"
#include "freightsim/scenario/loader.hpp"
#include "text_checks.hpp"
#include "yaml_document.hpp"

namespace freightsim::detail {

namespace {

// Bounds the work an alias-heavy file can cause ("billion laughs"): trees are walked once, within this
// budget.
constexpr std::size_t max_yaml_nodes = 1'000'000;
constexpr int max_extends_depth = 8;

void collect(const YAML::Node& node, std::size_t file, const std::string& name,
             std::vector<std::pair<YAML::Node, std::size_t>>& out, std::size_t& budget) {
  if (budget == 0)
    throw input_error(
        name, 1, 1,
        "scenario expands to more than " + std::to_string(max_yaml_nodes) + " YAML nodes (nested aliases?)");
  --budget;
  out.emplace_back(node, file);
  if (node.IsMap()) {
    for (const auto& kv : node) {
      collect(kv.first, file, name, out, budget);
      collect(kv.second, file, name, out, budget);
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node)
      collect(item, file, name, out, budget);
  }
}

std::string scalar_or_empty(const YAML::Node& node, const char* key) {
  const YAML::Node value = node.IsMap() ? node[key] : YAML::Node();
  return value && value.IsScalar() ? value.Scalar() : std::string{};
}

// The index in `base` of the entry `entry` overrides, or -1 when it adds a new one.
long find_match(const YAML::Node& base, const YAML::Node& entry, const std::string& list) {
  if (!entry.IsMap()) return -1;
  const auto same = [&](const YAML::Node& b, const char* key) {
    return !scalar_or_empty(entry, key).empty() && scalar_or_empty(b, key) == scalar_or_empty(entry, key);
  };
  if (list != "links") {
    for (std::size_t i = 0; i < base.size(); ++i)
      if (same(base[i], "id")) return static_cast<long>(i);
    return -1;
  }
  long match = -1;
  int count = 0;
  for (std::size_t i = 0; i < base.size(); ++i) {
    if (same(base[i], "from") && same(base[i], "to")) {
      ++count;
      if (match < 0 || same(base[i], "mode")) match = static_cast<long>(i);
    }
  }
  if (count > 1 && !(match >= 0 && same(base[static_cast<std::size_t>(match)], "mode"))) return -1;
  return match;
}

void merge(YAML::Node base, const YAML::Node& overlay) {
  for (const auto& kv : overlay) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string{};
    if (key == "extends") continue;
    const bool list = key == "nodes" || key == "links" || key == "flows";
    if (kv.second.IsNull()) {  // `key: ~` removes the baseline's setting
      base.remove(key);
      continue;
    }
    if (!list || !base[key] || !base[key].IsSequence() || !kv.second.IsSequence()) {
      base[key] = kv.second;
      continue;
    }
    YAML::Node entries = base[key];
    for (const auto& entry : kv.second) {
      const long i = find_match(entries, entry, key);
      if (i < 0) {
        entries.push_back(entry);
        continue;
      }
      YAML::Node target = entries[static_cast<std::size_t>(i)];
      for (const auto& field : entry) {
        if (field.second.IsNull()) {
          target.remove(field.first.Scalar());
        } else {
          target[field.first.Scalar()] = field.second;
        }
      }
    }
  }
}

}  // namespace

std::string read_scenario_file(const std::filesystem::path& file, const std::string& name) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec))
    throw input_error(name, 0, 0, "is a directory, not a scenario file");
  // Devices and pipes (/dev/zero, /dev/stdin, a FIFO) could block or never end: only plain files are read.
  if (std::filesystem::exists(file, ec) && !std::filesystem::is_regular_file(file, ec))
    throw input_error(name, 0, 0, "is not a regular file");
  std::ifstream stream(file, std::ios::binary);
  if (!stream) throw input_error(name, 0, 0, "cannot open scenario file");
  const auto too_large = [&] {
    return input_error(name, 0, 0,
                       "scenario file is larger than the " +
                           std::to_string(max_scenario_bytes / 1024 / 1024) + " MiB limit");
  };
  const auto size = std::filesystem::file_size(file, ec);
  if (!ec && size > max_scenario_bytes) throw too_large();
  // The size can change after the check: reading stops at the limit all the same.
  std::string text;
  if (!ec) text.reserve(static_cast<std::size_t>(size));
  char buffer[16 * 1024];
  while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(stream.gcount()));
    if (text.size() > max_scenario_bytes) throw too_large();
  }
  return text;
}

std::size_t source_map::add_file(source_file file) {
  files_.push_back(std::move(file));
  return files_.size() - 1;
}

void source_map::add_tree(const YAML::Node& root, std::size_t file) {
  std::size_t budget = max_yaml_nodes;
  collect(root, file, files_[file].name, nodes_, budget);
}

const source_file& source_map::source_of(const YAML::Node& node) const {
  for (const auto& [n, file] : nodes_)
    if (n.is(node)) return files_[file];
  return files_.front();
}

YAML::Node load_merged(std::size_t file, source_map& sources, int depth) {
  // References into `sources` stay valid while it grows: files live in a deque.
  const source_file& self = sources.file(file);
  const YAML::Node root = parse_yaml_document(self.text, self.name);
  sources.add_tree(root, file);
  if (!root.IsMap() || !root["extends"]) return root;
  const YAML::Node extends = root["extends"];
  const auto fail = [&](const std::string& message) {
    throw input_error(
        self.name, extends.Mark().line + 1,
        character_column(self.text, static_cast<std::size_t>(extends.Mark().pos), extends.Mark().column),
        message);
  };
  if (!extends.IsScalar() || extends.Scalar().empty()) fail("extends must name the baseline scenario file");
  if (depth >= max_extends_depth)
    fail("extends chain is deeper than " + std::to_string(max_extends_depth) + " files (a cycle?)");
  const std::filesystem::path base_path = (self.dir / extends.Scalar()).lexically_normal();
  source_file base{base_path.string(), {}, base_path.parent_path()};
  try {
    base.text = read_scenario_file(base_path, base.name);
  } catch (const input_error& e) {
    fail("cannot read the baseline '" + extends.Scalar() + "': " + e.message());
  }
  YAML::Node merged = load_merged(sources.add_file(std::move(base)), sources, depth + 1);
  if (!merged.IsMap()) fail("the baseline '" + extends.Scalar() + "' is not a scenario map");
  if (!root.IsMap()) return root;
  merge(merged, root);
  return merged;
}

}  // namespace freightsim::detail
