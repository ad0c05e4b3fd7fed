// nlohmann's exception messages as the one-line errors a user reads.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace freightsim {

// The message without its "[json.exception.parse_error.101] " prefix, which names nlohmann's code rather
// than the input: "parse error at line 1, column 14: syntax error while parsing value - ...".
std::string json_error_text(const nlohmann::json::exception& e);

}  // namespace freightsim
