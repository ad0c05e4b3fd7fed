#include "freightsim/output/output_set.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace freightsim {

namespace fs = std::filesystem;

namespace {

fs::path absolute_folder(fs::path p) {
  std::error_code ec;
  p = fs::absolute(p, ec).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();  // "out/" names the folder "out"
  return p;
}

[[noreturn]] void refuse(const fs::path& where, const std::string& why) {
  throw output_location_error("cannot write the output folder " + where.string() + ": " + why);
}

}  // namespace

output_set::output_set(fs::path destination) : destination_(absolute_folder(std::move(destination))) {
  std::error_code ec;
  const fs::path parent = destination_.parent_path();
  if (destination_.filename().empty() || parent == destination_) refuse(destination_, "it is a root folder");
  const fs::path cwd = fs::current_path(ec);
  if (!ec && std::mismatch(destination_.begin(), destination_.end(), cwd.begin(), cwd.end()).first ==
                 destination_.end())
    refuse(destination_, "it is the current folder or holds it; name a folder of its own");
  const auto status = fs::symlink_status(destination_, ec);
  if (fs::exists(status)) {
    if (!fs::is_directory(status)) refuse(destination_, "it exists and is not a folder");
    if (::access(destination_.c_str(), W_OK) != 0) refuse(destination_, std::strerror(errno));
    // Root may write anywhere; a folder without write permission is still meant to be kept as it is.
    if ((status.permissions() & fs::perms::owner_write) == fs::perms::none)
      refuse(destination_, "it is read-only");
    for (const auto& entry : fs::directory_iterator(destination_, ec))
      if (!entry.is_regular_file())
        refuse(destination_, "it holds " + entry.path().filename().string() +
                                 ", not a plain file; the output folder is replaced as a whole, so name "
                                 "a folder of its own");
    if (ec) refuse(destination_, ec.message());
  }
  fs::create_directories(parent, ec);
  if (ec) refuse(destination_, ec.message());
  std::string hidden(".");  // appended step by step: gcc 12 warns falsely (-Wrestrict) on operator+ here
  hidden.append(destination_.filename().string()).append(".freightsim-").append(std::to_string(::getpid()));
  staging_ = parent / hidden;
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec) || ec)
    refuse(destination_, ec ? ec.message() : "cannot create " + staging_.string());
}

output_set::~output_set() {
  std::error_code ec;
  if (!committed_) fs::remove_all(staging_, ec);
}

void output_set::add(const std::string& name, std::string_view content) {
  add(name, [content](std::ostream& out) {
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  });
}

void output_set::add(const std::string& name, const std::function<void(std::ostream&)>& write) {
  const fs::path path = staging_ / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  write(out);
  out.close();
  if (!out)
    throw std::runtime_error("cannot write " + (destination_ / name).string() + ": " +
                             (errno ? std::strerror(errno) : "write failed") +
                             "; the previous output is left as it was");
  names_.push_back(name);
}

void output_set::commit() {
  std::error_code ec;
  const auto fail = [&](const std::string& what) {
    throw std::runtime_error("cannot replace " + destination_.string() + ": " + what +
                             "; the previous output is left as it was");
  };
  if (fs::exists(destination_, ec)) {
    // Files that are not part of the set (a report, notes) move with the folder: hard links, else copies.
    for (const auto& entry : fs::directory_iterator(destination_, ec)) {
      const std::string name = entry.path().filename().string();
      if (std::find(names_.begin(), names_.end(), name) != names_.end()) continue;
      std::error_code link_ec;
      fs::create_hard_link(entry.path(), staging_ / name, link_ec);
      if (link_ec) fs::copy_file(entry.path(), staging_ / name, ec);
      if (ec) fail(ec.message());
    }
    // One atomic exchange of the two folders; the old set then sits under the staging name.
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, destination_.c_str(), RENAME_EXCHANGE) != 0)
      fail(std::strerror(errno));
  } else {
    fs::rename(staging_, destination_, ec);
    if (ec) fail(ec.message());
  }
  committed_ = true;
  fs::remove_all(staging_, ec);  // the previous set (after an exchange)
}

}  // namespace freightsim
