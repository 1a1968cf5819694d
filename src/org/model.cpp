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

std::vector<std::string> visible_part(const std::string& under, const std::vector<std::string>& subtrees) {
  auto lies_in = [](const std::string& path, const std::string& subtree) { return path.starts_with(subtree); };
  for (const auto& s : subtrees)
    if (lies_in(under, s)) return {under};
  std::vector<std::string> inside;
  for (const auto& s : subtrees)
    if (lies_in(s, under)) inside.push_back(s);
  // Shortest first, so that a subtree is kept only when no kept one holds it.
  std::sort(inside.begin(), inside.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
  std::vector<std::string> outermost;
  for (const auto& s : inside) {
    const bool held = std::any_of(outermost.begin(), outermost.end(), [&](const auto& o) { return lies_in(s, o); });
    if (!held) outermost.push_back(s);
  }
  return outermost;
}

}  // namespace varde::org
