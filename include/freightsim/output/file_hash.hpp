// SHA-256 digests of a text: of the scenario as loaded, written into summary.json so a report names exactly
// the scenario it came from, and naming a result store's scenarios and sweep.
#pragma once

#include <string>
#include <string_view>

namespace freightsim {

// Lower-case hex.
std::string text_sha256(std::string_view text);

}  // namespace freightsim
