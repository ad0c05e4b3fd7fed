// Writes a file under a temporary name and renames it into place, so a reader never sees half a file and a
// write that does not finish leaves the previous file as it was.
#pragma once

#include <filesystem>
#include <fstream>
#include <string_view>

namespace freightsim {

// A file written as PATH.tmp and renamed to PATH by commit(); destroyed uncommitted, it removes PATH.tmp.
class staged_file {
 public:
  // Throws std::runtime_error naming PATH.tmp when it cannot be created.
  explicit staged_file(std::filesystem::path path);
  staged_file(const staged_file&) = delete;
  staged_file& operator=(const staged_file&) = delete;
  ~staged_file();

  [[nodiscard]] std::ostream& stream() { return out_; }
  // Flushes and renames into place; throws std::runtime_error naming the file when either fails.
  void commit();

 private:
  std::filesystem::path path_;
  std::filesystem::path temporary_;
  std::ofstream out_;
  bool committed_ = false;
};

// Throws std::runtime_error naming the path when the file cannot be written.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace freightsim
