#include "freightsim/output/json_error.hpp"

namespace freightsim {

std::string json_error_text(const nlohmann::json::exception& e) {
  const std::string text = e.what();
  const auto end = text.rfind("] ", text.find(' '));
  return !text.empty() && text.front() == '[' && end != std::string::npos ? text.substr(end + 2) : text;
}

}  // namespace freightsim
