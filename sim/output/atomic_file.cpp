#include "freightsim/output/atomic_file.hpp"

#include <stdexcept>
#include <utility>

namespace freightsim {

staged_file::staged_file(std::filesystem::path path)
    : path_(std::move(path)), temporary_(path_.string() + ".tmp") {
  out_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!out_) throw std::runtime_error("cannot write " + temporary_.string());
}

staged_file::~staged_file() {
  if (committed_) return;
  out_.close();
  std::error_code ignored;  // nothing to report from a destructor: the file was never presented as written
  std::filesystem::remove(temporary_, ignored);
}

void staged_file::commit() {
  out_.close();
  if (!out_) throw std::runtime_error("cannot write " + temporary_.string());
  std::error_code ec;
  std::filesystem::rename(temporary_, path_, ec);
  if (ec)
    throw std::runtime_error("cannot rename " + temporary_.string() + " to " + path_.string() + ": " +
                             ec.message());
  committed_ = true;
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  staged_file file(path);
  file.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  file.commit();
}

}  // namespace freightsim
