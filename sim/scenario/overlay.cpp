#include "overlay.hpp"

#include <algorithm>
#include <fstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "freightsim/scenario/input_error.hpp"
#include "freightsim/scenario/loader.hpp"
#include "text_checks.hpp"
#include "yaml_document.hpp"
#include "yaml_reader.hpp"

namespace freightsim::detail {

namespace {

constexpr int max_extends_depth = 8;

std::string scalar_or_empty(const YAML::Node& node, const char* key) {
  const YAML::Node value = node.IsMap() ? node[key] : YAML::Node();
  return value && value.IsScalar() ? value.Scalar() : std::string{};
}

// The entries of a baseline list by what an overlay entry is matched on: the id, or for links `from` and
// `to` (and `mode` where several links join the same nodes). A map, not a scan of the list per entry: a
// what-if adding n entries would cost n^2.
class entry_index {
 public:
  entry_index(const YAML::Node& entries, bool links) : entries_(entries), links_(links) {
    for (std::size_t i = 0; i < entries_.size(); ++i)
      add(i);
  }

  // The index of the entry `entry` overrides, or -1 when it adds a new one.
  [[nodiscard]] long find(const YAML::Node& entry) const {
    const auto it = by_key_.find(key_of(entry));
    if (it == by_key_.end() || it->first.empty()) return -1;
    const std::vector<std::size_t>& same = it->second;  // ascending
    if (!links_) return static_cast<long>(same.front());
    // The link with the same mode (the last such), else the only one.
    const std::string mode = scalar_or_empty(entry, "mode");
    for (auto i = same.rbegin(); i != same.rend(); ++i)
      if (!mode.empty() && scalar_or_empty(at(*i), "mode") == mode) return static_cast<long>(*i);
    return same.size() == 1 ? static_cast<long>(same.front()) : -1;
  }

  void add(std::size_t i) {
    const std::string key = key_of(at(i));
    if (!key.empty()) by_key_[key].push_back(i);
  }

  // Call after entry i changed: its key may have.
  void update(std::size_t i, const std::string& old_key) {
    const std::string key = key_of(at(i));
    if (key == old_key) return;
    if (const auto it = by_key_.find(old_key); it != by_key_.end())
      it->second.erase(std::remove(it->second.begin(), it->second.end(), i), it->second.end());
    if (key.empty()) return;
    auto& same = by_key_[key];
    same.insert(std::upper_bound(same.begin(), same.end(), i), i);
  }

  [[nodiscard]] std::string key_of(const YAML::Node& entry) const {
    if (!entry.IsMap()) return {};
    if (!links_) return scalar_or_empty(entry, "id");
    const std::string from = scalar_or_empty(entry, "from");
    const std::string to = scalar_or_empty(entry, "to");
    if (from.empty() || to.empty()) return {};
    return std::to_string(from.size()) + ":" + from + to;
  }

 private:
  // Read only: the non-const operator[] of yaml-cpp may add to the tree.
  [[nodiscard]] YAML::Node at(std::size_t i) const {
    const YAML::Node& entries = entries_;
    return entries[i];
  }

  YAML::Node entries_;
  bool links_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_key_;
};

void merge(YAML::Node base, const YAML::Node& overlay, source_map& sources) {
  for (const auto& kv : overlay) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string{};
    if (key == "extends") continue;
    const bool list = key == "nodes" || key == "links" || key == "flows" || key == "fleets";
    if (kv.second.IsNull()) {  // `key: ~` removes the baseline's setting
      base.remove(key);
      sources.record_removal(base, key, kv.first);
      continue;
    }
    // Read only: the non-const operator[] of yaml-cpp would add an undefined `key` to the baseline, which a
    // later lookup finds before the entry replace_entry() inserts (a what-if adding `fleets` to a baseline
    // without them lost them).
    const YAML::Node& existing = base;
    if (!list || !existing[key] || !existing[key].IsSequence() || !kv.second.IsSequence()) {
      replace_entry(base, kv.first, kv.second);
      continue;
    }
    YAML::Node entries = base[key];
    entry_index index(entries, key == "links");
    for (const auto& entry : kv.second) {
      const long i = index.find(entry);
      if (i < 0) {
        entries.push_back(entry);
        index.add(entries.size() - 1);
        if (key == "nodes" || key == "flows") sources.record_addition(entry);
        continue;
      }
      YAML::Node target = entries[static_cast<std::size_t>(i)];
      const std::string old_key = index.key_of(target);
      for (const auto& field : entry) {
        if (field.second.IsNull()) {
          target.remove(field.first.Scalar());
          sources.record_removal(target, field.first.Scalar(), field.first);
        } else {
          replace_entry(target, field.first, field.second);
        }
      }
      index.update(static_cast<std::size_t>(i), old_key);
    }
  }
}

// A key given twice in a what-if's map: merging keeps one of them silently (the later replaces the earlier,
// or only the first `extends` is followed), so the loader's own check would never see the pair. The check is
// the reader's, with its message.
void refuse_duplicate_keys(const yaml_reader& in, const YAML::Node& map, const std::string& what) {
  if (!map.IsMap()) return;
  yaml_reader::key_set seen;
  for (const auto& kv : map)
    if (kv.first.IsScalar()) in.refuse_repeated_key(seen, kv.first, what);
}

// Two entries of a what-if's list for one baseline entry (the same id, or the same link): merging applies
// both, the later silently winning where they differ, so the loader's duplicate check never sees them.
void refuse_duplicate_entries(const yaml_reader& in, const source_map& sources, const YAML::Node& entries,
                              const std::string& entry_name) {
  const bool links = entry_name == "link";
  std::unordered_map<std::string, std::pair<YAML::Node, std::size_t>> seen;
  std::size_t index = 0;
  for (const auto& entry : entries) {
    ++index;
    if (!entry.IsMap()) continue;
    const YAML::Node id = entry["id"];
    if (!links && (!id || !id.IsScalar())) continue;
    const std::string key = links ? std::to_string(scalar_or_empty(entry, "from").size()) + ":" +
                                        scalar_or_empty(entry, "from") + scalar_or_empty(entry, "to") + ":" +
                                        scalar_or_empty(entry, "mode")
                                  : id.Scalar();
    const auto [it, fresh] = seen.try_emplace(key, links ? entry : id, index);
    if (fresh) continue;
    if (links)
      in.fail(entry, "link " + std::to_string(index) + ": same from, to and mode as link " +
                         std::to_string(it->second.second) + "; give each link's changes once");
    const YAML::Mark first = it->second.first.Mark();
    const std::string& text = sources.source_of(it->second.first).text;
    in.fail(id,
            "duplicate " + entry_name + " id '" + key + "' (first given at " +
                std::to_string(first.line + 1) + ":" +
                std::to_string(character_column(text, static_cast<std::size_t>(first.pos), first.column)) +
                ")");
  }
}

void refuse_duplicate_overlay_keys(const YAML::Node& root, const source_map& sources) {
  const yaml_reader in(sources);
  refuse_duplicate_keys(in, root, "scenario");
  for (const auto& [list, entry_name] : {std::pair{"nodes", "node"}, std::pair{"links", "link"},
                                         std::pair{"flows", "flow"}, std::pair{"fleets", "fleet"}}) {
    const YAML::Node entries = root[list];
    if (!entries || !entries.IsSequence()) continue;
    for (const auto& entry : entries)
      refuse_duplicate_keys(in, entry, entry_name);
    refuse_duplicate_entries(in, sources, entries, entry_name);
  }
}

}  // namespace

void replace_entry(YAML::Node map, const YAML::Node& key, const YAML::Node& value) {
  // The entries from the one replaced on are taken out and put back, that one with the new key and value: the
  // what-if's own key node, so that a message about the key (unknown, duplicate) names its file, line and
  // column, not 1:1 of a key yaml-cpp made up.
  std::vector<std::pair<YAML::Node, YAML::Node>> tail;
  for (const auto& kv : map)
    if (!tail.empty() || (kv.first.IsScalar() && kv.first.Scalar() == key.Scalar()))
      tail.emplace_back(kv.first, kv.second);
  for (const auto& kv : tail)
    map.remove(kv.first);
  map.force_insert(key, value);
  for (std::size_t i = 1; i < tail.size(); ++i)
    map.force_insert(tail[i].first, tail[i].second);
}

void replace_item(YAML::Node list, std::size_t i, const YAML::Node& value) {
  std::vector<YAML::Node> tail;
  for (std::size_t k = i + 1; k < list.size(); ++k)
    tail.push_back(list[k]);
  while (list.size() > i)
    list.remove(list.size() - 1);
  list.push_back(value);
  for (const auto& item : tail)
    list.push_back(item);
}

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
  // Depth first with a stack of its own: aliases can nest the tree deeper than its text.
  std::vector<YAML::Node> pending{root};
  while (!pending.empty()) {
    const YAML::Node node = pending.back();
    pending.pop_back();
    if (budget_ == 0)
      throw input_error(files_[file].name, 1, 1,
                        "scenario expands to more than " + std::to_string(max_yaml_nodes) +
                            " YAML nodes (nested aliases?)");
    --budget_;
    auto& same_place = nodes_[node.Mark().pos];
    if (std::none_of(same_place.begin(), same_place.end(), [&](const auto& n) { return n.first.is(node); })) {
      same_place.emplace_back(node, file);
    } else {  // reached again: through an alias
      auto& shared = shared_[node.Mark().pos];
      if (std::none_of(shared.begin(), shared.end(), [&](const YAML::Node& n) { return n.is(node); }))
        shared.push_back(node);
    }
    if (node.IsMap()) {
      for (const auto& kv : node) {
        pending.push_back(kv.second);
        pending.push_back(kv.first);
      }
    } else if (node.IsSequence()) {
      for (const auto& item : node)
        pending.push_back(item);
    }
  }
}

const source_file& source_map::source_of(const YAML::Node& node) const {
  if (files_.size() > 1) {
    if (const auto it = nodes_.find(node.Mark().pos); it != nodes_.end())
      for (const auto& [n, file] : it->second)
        if (n.is(node)) return files_[file];
  }
  return files_.front();
}

void source_map::record_removal(const YAML::Node& map, const std::string& key, const YAML::Node& at) {
  removals_.push_back({map, key, at});
}

std::optional<YAML::Node> source_map::removal_of(const YAML::Node& map, const std::string& key) const {
  // The last removal wins: a later what-if in a chain may remove again what an earlier one re-added.
  for (auto r = removals_.rbegin(); r != removals_.rend(); ++r)
    if (r->key == key && r->map.is(map)) return r->at;
  return std::nullopt;
}

void source_map::record_addition(const YAML::Node& entry) {
  additions_[entry.Mark().pos].push_back(entry);
}

bool source_map::added(const YAML::Node& entry) const {
  const auto it = additions_.find(entry.Mark().pos);
  return it != additions_.end() &&
         std::any_of(it->second.begin(), it->second.end(), [&](const YAML::Node& n) { return n.is(entry); });
}

bool source_map::shared(const YAML::Node& node) const {
  const auto it = shared_.find(node.Mark().pos);
  return it != shared_.end() &&
         std::any_of(it->second.begin(), it->second.end(), [&](const YAML::Node& n) { return n.is(node); });
}

YAML::Node load_merged(std::size_t file, source_map& sources, int depth) {
  // References into `sources` stay valid while it grows: files live in a deque.
  const source_file& self = sources.file(file);
  const YAML::Node root = parse_yaml_document(self.text, self.name);
  sources.add_tree(root, file);
  if (!root.IsMap() || !root["extends"]) return root;
  refuse_duplicate_overlay_keys(root, sources);
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
  // Followed, it would recurse to the depth limit, whose message ("a cycle?") does not say what is wrong.
  std::error_code ec;
  if (std::filesystem::equivalent(base_path, self.name, ec))
    fail("extends names this file itself; name the baseline scenario it changes");
  source_file base{base_path.string(), {}, base_path.parent_path()};
  try {
    base.text = read_scenario_file(base_path, base.name);
  } catch (const input_error& e) {
    fail("cannot read the baseline '" + extends.Scalar() + "': " + e.message());
  }
  YAML::Node merged = load_merged(sources.add_file(std::move(base)), sources, depth + 1);
  if (!merged.IsMap()) fail("the baseline '" + extends.Scalar() + "' is not a scenario map");
  if (!root.IsMap()) return root;
  // Published outcomes describe the baseline as it is: a what-if changes it, so it gives its own or none.
  merged.remove("observed");
  merge(merged, root, sources);
  return merged;
}

}  // namespace freightsim::detail
