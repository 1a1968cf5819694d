#include "org/model.hpp"

#include <algorithm>

namespace varde::org {

const std::vector<std::string>& kinds() {
  static const std::vector<std::string> all = {"nation", "region", "trust", "division", "unit"};
  return all;
}

bool is_kind(std::string_view kind) {
  return std::find(kinds().begin(), kinds().end(), kind) != kinds().end();
}

namespace {

int rank(std::string_view kind) {
  const auto& all = kinds();
  return static_cast<int>(std::find(all.begin(), all.end(), kind) - all.begin());
}

bool starts_with_upper_letter(std::string_view s) {
  if (s.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(s[0]);
  return (c >= 'A' && c <= 'Z') || s.substr(0, 2) == "Æ" || s.substr(0, 2) == "Ø" || s.substr(0, 2) == "Å";
}

}  // namespace

std::optional<std::string> code_problem(std::string_view code) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < code.size();) {
    const unsigned char c = static_cast<unsigned char>(code[i]);
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
      ++i;
    } else if (code.substr(i, 2) == "Æ" || code.substr(i, 2) == "Ø" || code.substr(i, 2) == "Å") {
      i += 2;
    } else {
      return "Koden kan bare ha store bokstaver, sifre, - og _.";
    }
    ++chars;
  }
  if (chars < 2 || chars > 16) return "Koden må ha 2–16 tegn.";
  if (!starts_with_upper_letter(code)) return "Koden må begynne med en bokstav.";
  return std::nullopt;
}

std::string child_path(std::string_view parent_path, int64_t id) {
  std::string p = parent_path.empty() ? "/" : std::string(parent_path);
  return p + std::to_string(id) + "/";
}

int depth(std::string_view path) {
  return static_cast<int>(std::count(path.begin(), path.end(), '/')) - 1;
}

bool may_contain(std::string_view parent, std::string_view child) {
  const int p = rank(parent), c = rank(child);
  if (parent == "division" || parent == "unit") return c >= rank("division") && !(parent == "unit" && child == "division");
  return c > p;
}

}  // namespace varde::org
