// Writes a file under a temporary name and renames it into place, so a reader never sees half a file.
#pragma once

#include <filesystem>
#include <string_view>

namespace freightsim {

// Throws std::runtime_error naming the path when the file cannot be written.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace freightsim
