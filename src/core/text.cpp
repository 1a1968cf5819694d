#include "core/text.hpp"

#include <charconv>

namespace varde::core {

std::string fold_for_search(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < text.size()) {
      // U+00C0..U+00DE (except × at U+00D7) are upper case; their lower-case
      // forms are 0x20 higher, which in UTF-8 is the second byte + 0x20.
      unsigned char next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) next += 0x20;
      out += static_cast<char>(c);
      out += static_cast<char>(next);
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string sort_key(std::string_view text) {
  const std::string folded = fold_for_search(text);
  std::string out;
  out.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size(); ++i) {
    if (static_cast<unsigned char>(folded[i]) == 0xC3 && i + 1 < folded.size()) {
      const unsigned char next = static_cast<unsigned char>(folded[i + 1]);
      // '{', '|' and '}' follow 'z' in ASCII.
      if (next == 0xA6) { out += "z{"; ++i; continue; }  // æ
      if (next == 0xB8) { out += "z|"; ++i; continue; }  // ø
      if (next == 0xA5) { out += "z}"; ++i; continue; }  // å
    }
    out += folded[i];
  }
  return out;
}

std::string contains_pattern(std::string_view term) {
  std::string p = "%";
  for (char c : term) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  p += '%';
  return p;
}

std::optional<long long> parse_id(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  for (char c : text)
    if (c < '0' || c > '9') return std::nullopt;
  long long v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  if (v <= 0) return std::nullopt;
  return v;
}

bool is_iso_date_or_instant(std::string_view t) {
  if (t.size() < 10) return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (t[i] < '0' || t[i] > '9') return false;
  if (t[4] != '-' || t[7] != '-') return false;
  const int year = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  const int month = (t[5] - '0') * 10 + (t[6] - '0');
  const int day = (t[8] - '0') * 10 + (t[9] - '0');
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kDays[month - 1] + (month == 2 && leap ? 1 : 0)) return false;
  if (t.size() == 10) return true;
  if (t[10] != 'T' || t.size() < 16) return false;
  for (char c : t.substr(11))
    if (!((c >= '0' && c <= '9') || c == ':' || c == '.' || c == 'Z' || c == '+' || c == '-')) return false;
  return true;
}

std::string shorten(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars == max_chars) return std::string(text.substr(0, i)) + "…";
    ++chars;
  }
  return std::string(text);
}

bool is_blank(std::string_view t) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(t[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xA0) {
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

bool is_plausible_email(std::string_view t) {
  const auto at = t.find('@');
  if (at == std::string_view::npos || at == 0 || t.find('@', at + 1) != std::string_view::npos) return false;
  const auto dot = t.find('.', at);
  if (dot == std::string_view::npos || dot == at + 1 || dot + 1 >= t.size()) return false;
  for (char c : t)
    if (c == ' ' || c == '\t' || c == '\n' || c == '<' || c == '>') return false;
  return t.size() <= 200;
}

}  // namespace varde::core
