#include "options.hpp"

#include <charconv>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "freightsim/scenario/input_error.hpp"

namespace freightsim::cli {

CLI::Validator whole_number(std::uint64_t min, std::uint64_t max) {
  const std::string range = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  return CLI::Validator(
      [min, max, range](std::string& text) -> std::string {
        std::uint64_t value = 0;
        const char* end = text.data() + text.size();
        const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        const auto [ptr, ec] = std::from_chars(text.data(), end, value);
        if (!digits || ec != std::errc{} || ptr != end || value < min || value > max)
          return "must be " + range + ", not '" + text + "'";
        return {};
      },
      range);
}

CLI::Validator path_given(const std::string& what) {
  return CLI::Validator(
      [what](std::string& text) -> std::string {
        if (text.empty()) return "must name " + what + ", not an empty path";
        return {};
      },
      "");
}

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
  // Absolute, as weakly_canonical leaves a relative path relative when none of it exists; a name appended, so
  // that a trailing separator ("out/") does not tell two spellings apart.
  const auto place = [&ec](const fs::path& p) { return fs::weakly_canonical(fs::absolute(p, ec) / "x", ec); };
  const fs::path pa = place(a);
  if (ec) return false;
  const fs::path pb = place(b);
  return !ec && pa == pb;
}

namespace {

std::optional<double> parse_percentage(const std::string& text) {
  if (text.size() < 2 || text.back() != '%') return std::nullopt;
  const std::string number = text.substr(0, text.size() - 1);
  if (number.find_first_not_of("0123456789.") != std::string::npos) return std::nullopt;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc{} || ptr != number.data() + number.size() || !(value > 0.0) || !(value < 100.0))
    return std::nullopt;
  return value / 100.0;
}

}  // namespace

CLI::Validator percentage() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (parse_percentage(text)) return {};
        return "must be a percentage above 0% and below 100% such as '5%', not '" + text + "'";
      },
      "PERCENT");
}

double percentage(const std::string& text) {
  return parse_percentage(text).value_or(0.0);
}

void check_replication_cap(const std::string& precision, std::uint32_t max_replications, bool given,
                           std::uint32_t asked) {
  if (precision.empty()) {
    if (given)
      throw input_error("--max-replications", -1, -1,
                        "caps the replications --precision adds; give --precision too");
    return;
  }
  if (max_replications < asked)
    throw input_error("--max-replications", -1, -1,
                      std::to_string(max_replications) + " is below the " + std::to_string(asked) +
                          " replications asked for");
}

CLI::Validator probability() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        double value = 0;
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, value);
        if (text.empty() || text.find_first_not_of("0123456789.") != std::string::npos || ec != std::errc{} ||
            ptr != end || !(value > 0.0) || !(value < 1.0))
          return "must be a number above 0 and below 1 such as 0.05, not '" + text + "'";
        return {};
      },
      "P");
}

bool open_output(std::optional<output_set>& out, const std::string& dir, const std::string& option) {
  try {
    out.emplace(dir);
    return true;
  } catch (const output_location_error& e) {
    std::cerr << "freightsim: " << option << ": " << e.what() << "\n";
    return false;
  }
}

bool output_replaces_input(const std::string& dir, const std::vector<std::string>& names,
                           const std::vector<std::string>& inputs, const std::string& reader) {
  for (const auto& name : names) {
    const std::filesystem::path file = std::filesystem::path(dir) / name;
    for (const auto& input : inputs)
      if (same_file(file, input)) {
        std::cerr << "freightsim: --out: '" << file.string() << "', which the output set replaces, is a file "
                  << reader << " reads; name another folder\n";
        return true;
      }
  }
  return false;
}

bool write_output(output_set& out, const std::vector<std::pair<std::string, std::string>>& files) {
  try {
    for (const auto& [name, content] : files)
      out.add(name, content);
    out.commit();
    return true;
  } catch (const std::runtime_error& e) {
    std::cerr << "freightsim: " << e.what() << "\n";
    return false;
  }
}

}  // namespace freightsim::cli
