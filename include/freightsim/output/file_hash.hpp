// The SHA-256 of a file, written into summary.json so a report names exactly the scenario it came from.
#pragma once

#include <filesystem>
#include <string>

namespace freightsim {

// Lower-case hex; empty if the file cannot be read.
std::string file_sha256(const std::filesystem::path& path);

}  // namespace freightsim
