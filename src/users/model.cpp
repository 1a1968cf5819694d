#include "users/model.hpp"

namespace varde::users {

std::optional<std::string> username_problem(std::string_view name) {
  if (name.size() < 2 || name.size() > 64) return "Brukernavnet må ha 2–64 tegn.";
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    if (!ok) return "Brukernavnet kan bare ha små bokstaver a–z, sifre, punktum, - og _.";
  }
  return std::nullopt;
}

std::optional<std::string> password_problem(std::string_view password) {
  std::size_t chars = 0;
  for (unsigned char c : password)
    if ((c & 0xC0) != 0x80) ++chars;
  if (chars < 10) return "Passordet må ha minst 10 tegn.";
  if (password.size() > 1024) return "Passordet er for langt.";
  return std::nullopt;
}

}  // namespace varde::users
