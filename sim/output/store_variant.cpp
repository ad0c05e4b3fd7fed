#include "freightsim/output/store_variant.hpp"

#include <filesystem>

#include "freightsim/engine/time.hpp"
#include "freightsim/output/result_store.hpp"
#include "freightsim/scenario/input_error.hpp"
#include "freightsim/scenario/loader.hpp"
#include "freightsim/scenario/suggest.hpp"

namespace freightsim {

std::optional<store_variant_ref> parse_store_variant(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  std::error_code ec;
  const std::string file = text.substr(0, colon);
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  return store_variant_ref{file, text.substr(colon + 1)};
}

result_folder read_store_variant(const store_variant_ref& ref) {
  const std::string name = ref.file + ":" + ref.variant;
  std::optional<result_store> store;
  try {
    store = result_store::open_for_reading(ref.file);
  } catch (const store_refused& e) {
    throw input_error(name, -1, -1, e.what());
  }
  const stored_sweep& sweep = store->sweep();
  // By name, else by number. Two what-ifs with one file name in different folders give two variants one name:
  // that name is refused, not taken to mean one of them.
  std::vector<const stored_variant*> by_name;
  const stored_variant* by_number = nullptr;
  std::vector<std::string> names;
  for (const auto& v : sweep.variants) {
    names.push_back(v.name);
    if (v.name == ref.variant) by_name.push_back(&v);
    if (std::to_string(v.variant) == ref.variant) by_number = &v;
  }
  if (by_name.size() > 1) {
    std::string numbers;
    for (const auto* v : by_name)
      numbers += (numbers.empty() ? "" : ", ") + std::to_string(v->variant);
    throw input_error(name, -1, -1,
                      std::to_string(by_name.size()) + " variants are named '" + ref.variant + "' (" +
                          numbers + "); give the number of the one meant");
  }
  const stored_variant* chosen = by_name.empty() ? by_number : by_name.front();
  if (!chosen)
    throw input_error(name, -1, -1,
                      "no variant '" + ref.variant + "' in the store" + did_you_mean(ref.variant, names));
  result_folder folder;
  result_values& out = folder.values;
  out.name = name;
  out.scenario = sweep.name + ", variant " + chosen->name;
  out.seed = sweep.seed;
  try {  // the period of the variant's stored scenario (unknown if it no longer loads)
    const scenario s = parse_scenario(chosen->scenario_yaml, name, chosen->scenario_dir);
    out.period = period_text(to_hours(s.horizon), to_hours(s.warmup), s.warmup_auto);
  } catch (const input_error&) {
  }
  out.metrics = chosen->metric_names;
  for (auto& run : store->runs())
    if (run.variant == chosen->variant && run.status == "done")
      out.replications[run.replication] = std::move(run.values);
  if (out.replications.empty())
    throw input_error(name, -1, -1, "no run of variant '" + chosen->name + "' reached the horizon");
  folder.complete = sweep.complete;
  if (!sweep.complete) folder.incomplete_reason = "its sweep has not finished (see sweep --resume)";
  return folder;
}

}  // namespace freightsim
