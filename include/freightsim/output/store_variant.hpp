// A variant of a sweep's result store as `freightsim compare` reads it (`FILE.db:VARIANT`): its finished
// replications and every metric, like a run's result folder. Variants of one store share the seed, so two of
// them are compared pair by pair (common random numbers).
#pragma once

#include <optional>
#include <string>

#include "freightsim/output/result_folder.hpp"

namespace freightsim {

// `FILE.db:VARIANT` when FILE.db is an existing file (not a folder): the file and the variant; else nullopt.
struct store_variant_ref {
  std::string file, variant;
};
std::optional<store_variant_ref> parse_store_variant(const std::string& text);

// The variant named `ref.variant` (its name, or its number: 0 is the baseline) with the replications the
// store holds that reached the horizon; incomplete while the sweep has not finished. Not a store, an unknown
// variant (with the closest name) or a variant without a finished run: input_error naming the argument, one
// line.
result_folder read_store_variant(const store_variant_ref& ref);

}  // namespace freightsim
