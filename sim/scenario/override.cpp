#include <algorithm>
#include <charconv>

#include "freightsim/scenario/input_error.hpp"
#include "freightsim/scenario/suggest.hpp"
#include "override_apply.hpp"
#include "yaml_document.hpp"

namespace freightsim {

scenario_override parse_override(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos)
    throw input_error("--set " + text, -1, -1, "expected PATH=VALUE, e.g. nodes.brest.servers=6");
  scenario_override out{text.substr(0, eq), text.substr(eq + 1)};
  if (out.path.empty()) throw input_error("--set " + text, -1, -1, "the path before '=' is empty");
  if (out.value.empty())
    throw input_error("--set " + text, -1, -1, "the value after '=' is empty (use ~ to remove a setting)");
  return out;
}

namespace detail {

namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto dot = path.find('.', start);
    out.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return out;
    start = dot + 1;
  }
}

std::string join(const std::vector<std::string>& parts, std::size_t first, std::size_t last) {
  std::string out;
  for (std::size_t i = first; i < last; ++i) {
    if (i > first) out += '.';
    out += parts[i];
  }
  return out;
}

std::string scalar_of(const YAML::Node& map, const char* key) {
  const YAML::Node value = map.IsMap() ? map[key] : YAML::Node();
  return value && value.IsScalar() ? value.Scalar() : std::string{};
}

// How an override names a list entry: the id, or for links FROM>TO and FROM>TO:MODE.
std::vector<std::string> names_of(const YAML::Node& entry, bool link) {
  if (!link) return {scalar_of(entry, "id")};
  const std::string pair = scalar_of(entry, "from") + ">" + scalar_of(entry, "to");
  return {pair, pair + ":" + scalar_of(entry, "mode")};
}

class path_walker {
 public:
  path_walker(const scenario_override& o, std::size_t source, source_map& sources)
      : override_(o), parts_(split_path(o.path)), source_(source), sources_(sources) {}

  void apply(YAML::Node root) {
    for (const auto& part : parts_)
      if (part.empty()) fail("empty key in the path (two dots, or a dot at an end)");
    if (!root.IsMap()) fail("the scenario is not a map of settings");
    // The tree has no `extends` left to read: one set here would be ignored.
    if (parts_.front() == "extends")
      fail(
          "extends cannot be changed by --set, which applies after the baselines are merged; run a what-if "
          "file that extends the baseline instead");
    YAML::Node at = root;
    std::size_t i = 0;
    while (i + 1 < parts_.size()) {
      const std::string& part = parts_[i];
      if (at.IsMap()) {
        const YAML::Node& read = at;  // the const operator[] does not add keys
        const YAML::Node child = read[part];
        if (!child) fail_unknown(i, "unknown key '" + part + "'", keys_of(at), "");
        const bool list = i == 0 &&
                          (part == "nodes" || part == "flows" || part == "links" || part == "fleets") &&
                          child.IsSequence();
        if (list) {
          i = enter_entry(child, i + 1, at);
          note_shared(at, i);
          continue;
        }
        at.reset(child);  // not `=`: assigning a yaml-cpp node rewrites the node it refers to
      } else if (at.IsSequence()) {
        const YAML::Node& read = at;
        at.reset(read[index(i, at.size())]);
      } else {
        fail("'" + join(parts_, 0, i) + "' is a single value; it has no '" + part + "'");
      }
      ++i;
      note_shared(at, i);
    }
    // yaml-cpp keeps a value used again through an alias as one node: a change inside it would change every
    // place that uses it. The value that holds the setting is replaced instead (set), unless it is itself
    // inside such a node.
    if (shared_from_ > 0) {
      const std::string whole = join(parts_, 0, shared_from_);
      fail("'" + whole +
           "' is shared with other settings through a YAML alias, so a change inside it would change them "
           "too; set the whole of '" +
           whole + "' instead");
    }
    set(at, parts_.back());
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw input_error(override_.describe(), -1, -1, message);
  }

  // Remembers where the path first enters a node shared through an alias: parts_[0...end) name it.
  void note_shared(const YAML::Node& at, std::size_t end) {
    if (shared_from_ == 0 && sources_.shared(at)) shared_from_ = end;
  }

  // Names the closest valid path: the path with part i replaced by the closest candidate.
  [[noreturn]] void fail_unknown(std::size_t i, const std::string& message,
                                 const std::vector<std::string>& candidates, const std::string& kind) const {
    if (const auto near = closest(parts_[i], candidates)) {
      std::vector<std::string> fixed = parts_;
      fixed[i] = *near;
      fail(message + " (closest valid path: " + join(fixed, 0, fixed.size()) + ")");
    }
    std::string valid;
    for (std::size_t k = 0; k < candidates.size() && k < 8; ++k)
      valid += (k ? ", " : "") + candidates[k];
    if (candidates.size() > 8) valid += ", ...";
    fail(message + (valid.empty() ? ""
                                  : " (valid " + kind + (kind.empty() ? "" : " ") + "after '" +
                                        join(parts_, 0, i) + "': " + valid + ")"));
  }

  static std::vector<std::string> keys_of(const YAML::Node& map) {
    std::vector<std::string> keys;
    for (const auto& kv : map)
      if (kv.first.IsScalar()) keys.push_back(kv.first.Scalar());
    return keys;
  }

  std::size_t index(std::size_t i, std::size_t size) const {
    std::size_t value = 0;
    const std::string& part = parts_[i];
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc{} || end != part.data() + part.size() || value >= size)
      fail(std::string("'")
               .append(join(parts_, 0, i))
               .append("' is a list of ")
               .append(std::to_string(size))
               .append(" entries; '")
               .append(part)
               .append("' is not an index from 0"));
    return value;
  }

  // parts_[first...] start with the name of an entry of `list` (names may hold dots: the longest that matches
  // wins, leaving at least one key after it). Returns the position after the name; `at` becomes the entry.
  std::size_t enter_entry(const YAML::Node& list, std::size_t first, YAML::Node& at) const {
    const bool link = parts_[first - 1] == "links";
    const std::string kind = link                            ? "link"
                             : parts_[first - 1] == "nodes"  ? "node"
                             : parts_[first - 1] == "fleets" ? "fleet"
                                                             : "flow";
    if (first + 1 >= parts_.size())
      fail("name a setting of the " + kind + ", e.g. " + join(parts_, 0, parts_.size()) +
           (link              ? ".speed_kmh"
            : kind == "node"  ? ".servers"
            : kind == "fleet" ? ".size"
                              : ".arrivals.rate"));
    for (std::size_t last = parts_.size() - 1; last > first; --last) {
      const std::string name = join(parts_, first, last);
      std::vector<YAML::Node> found;
      for (const auto& entry : list) {
        const auto names = names_of(entry, link);
        if (std::find(names.begin(), names.end(), name) != names.end()) found.push_back(entry);
      }
      if (found.size() > 1)
        fail("several links join " + name + "; add the mode, e.g. " + kind + "s." + name + ":" +
             scalar_of(found.front(), "mode"));
      if (found.size() == 1) {
        at.reset(found.front());
        return last;
      }
    }
    std::vector<std::string> names;
    for (const auto& entry : list)
      names.push_back(names_of(entry, link).front());
    fail_unknown(first, "unknown " + kind + " '" + parts_[first] + "'", names, kind + " names");
  }

  void set(YAML::Node at, const std::string& key) {
    if (at.IsSequence()) {
      const std::size_t i = index(parts_.size() - 1, at.size());
      replace_item(at, i, value());
      return;
    }
    if (!at.IsMap())
      fail("'" + join(parts_, 0, parts_.size() - 1) + "' is a single value; it has no '" + key + "'");
    const YAML::Node& read = at;
    const bool present = static_cast<bool>(read[key]);
    const YAML::Node v = value();
    if (v.IsNull()) {
      if (!present)
        fail_unknown(parts_.size() - 1, "there is no '" + key + "' to remove", keys_of(at), "keys");
      at.remove(key);
      // A required key removed is then reported against this override, not the file that gave it.
      YAML::Node k(key);
      sources_.add_tree(k, source_);
      sources_.record_removal(at, key, k);
    } else if (present) {
      // The file's key node stays, where messages about the key point.
      YAML::Node file_key;
      for (const auto& kv : at)
        if (kv.first.IsScalar() && kv.first.Scalar() == key) file_key.reset(kv.first);
      replace_entry(at, file_key, v);
    } else {
      // A new key, recorded as the override's so that an unknown key is reported against it.
      YAML::Node k(key);
      sources_.add_tree(k, source_);
      at.force_insert(k, v);
    }
  }

  YAML::Node value() const {
    YAML::Node v;
    try {
      v.reset(parse_yaml_document(override_.value, override_.describe()));
    } catch (const input_error& e) {
      fail("the value is not valid YAML: " + e.message());
    }
    // A value that reads as nothing removes the setting: only when written as YAML's null, not when it is a
    // comment ("# 2h") or a document marker ("---"), which would remove it silently.
    if (v.IsNull()) {
      const std::string& text = override_.value;
      const auto first = text.find_first_not_of(" ");
      const auto last = text.find_last_not_of(" ");
      const std::string word = first == std::string::npos ? "" : text.substr(first, last - first + 1);
      if (word != "~" && word != "null" && word != "Null" && word != "NULL")
        fail("the value holds no setting (only a comment or a document marker); use ~ to remove a setting");
    }
    sources_.add_tree(v, source_);
    return v;
  }

  const scenario_override& override_;
  std::vector<std::string> parts_;
  std::size_t source_;
  source_map& sources_;
  std::size_t shared_from_ = 0;  // see note_shared; 0: no shared node on the path
};

}  // namespace

void apply_overrides(YAML::Node root, const std::vector<scenario_override>& overrides, source_map& sources) {
  for (const auto& o : overrides) {
    const std::size_t source = sources.add_file({o.describe(), o.value, sources.main().dir, false});
    path_walker(o, source, sources).apply(root);
  }
}

}  // namespace detail

}  // namespace freightsim
