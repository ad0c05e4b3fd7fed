// SHA-256 digests: of a file, written into summary.json so a report names exactly the scenario it came from,
// and of a text, naming a result store's scenarios and sweep.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace freightsim {

// Lower-case hex; empty if the file cannot be read.
std::string file_sha256(const std::filesystem::path& path);

// Lower-case hex.
std::string text_sha256(std::string_view text);

}  // namespace freightsim
