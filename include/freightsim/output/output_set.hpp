// A run's output files written as one set: into a staging folder beside the destination, then swapped in by
// one rename, so that a reader (or a failed write) never leaves a mix of two runs' files or half a file.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace freightsim {

// The destination cannot take the set (not a folder, read-only, unwritable parent ...); found before any
// work.
class output_location_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class output_set {
 public:
  // Checks that `destination` can be written and creates the staging folder beside it. Throws
  // output_location_error naming the path when it cannot. Other regular files already in the destination
  // are kept; a destination holding folders is refused (the whole folder is swapped).
  explicit output_set(std::filesystem::path destination);
  output_set(const output_set&) = delete;
  output_set& operator=(const output_set&) = delete;
  // Removes the staging folder unless the set was committed.
  ~output_set();

  // Writes one file of the set into the staging folder; throws std::runtime_error naming the destination.
  void add(const std::string& name, std::string_view content);
  // The same, written by `write` to a stream: for files too large to hold as one string first.
  void add(const std::string& name, const std::function<void(std::ostream&)>& write);
  // Swaps the staged set into place as a unit; the previous set is removed afterwards.
  void commit();

  [[nodiscard]] const std::filesystem::path& destination() const { return destination_; }

 private:
  std::filesystem::path destination_, staging_;
  std::vector<std::string> names_;
  bool committed_ = false;
};

}  // namespace freightsim
