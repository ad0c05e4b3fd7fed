#include "options.hpp"

#include <charconv>
#include <string>

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

}  // namespace freightsim::cli
