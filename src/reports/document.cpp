// The report model's appenders and the text and colour rules the renderers
// share (see document.hpp).
#include "reports/document.hpp"

#include <algorithm>
#include <cmath>

namespace varde::reports {

std::vector<std::pair<std::string, std::string>> Metadata::fields() const {
  std::vector<std::pair<std::string, std::string>> out;
  if (!organisation.empty()) out.emplace_back("Virksomhet", organisation);
  if (!period.empty()) out.emplace_back("Periode", period);
  if (!generated_at.empty()) out.emplace_back("Generert", generated_at);
  if (!classification.empty()) out.emplace_back("Klassifisering", classification);
  return out;
}

Document& Document::heading(int level, std::string text) {
  blocks.emplace_back(Heading{level, std::move(text)});
  return *this;
}

Document& Document::paragraph(std::string text) {
  blocks.emplace_back(Paragraph{std::move(text)});
  return *this;
}

Document& Document::field(std::string label, std::string value) {
  blocks.emplace_back(Field{std::move(label), std::move(value), std::nullopt, false});
  return *this;
}

Document& Document::field(std::string label, std::string value, Status status) {
  blocks.emplace_back(Field{std::move(label), std::move(value), std::move(status), false});
  return *this;
}

Document& Document::long_field(std::string label, std::string value) {
  blocks.emplace_back(Field{std::move(label), std::move(value), std::nullopt, true});
  return *this;
}

Document& Document::table(Table t) {
  blocks.emplace_back(std::move(t));
  return *this;
}

Document& Document::page_break() {
  blocks.emplace_back(PageBreak{});
  return *this;
}

Document& Document::figure(std::string svg, std::string caption) {
  blocks.emplace_back(Figure{std::move(svg), std::move(caption)});
  return *this;
}

namespace {

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes one UTF-8 sequence at text[i]. Returns the code point and sets
// `len`; returns U+FFFD with len 1 for a byte that starts no valid sequence
// (overlong forms, surrogates and values above U+10FFFF included).
char32_t decode_utf8(std::string_view text, std::size_t i, std::size_t& len) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  len = 1;
  if (b0 < 0x80) return b0;
  int extra = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    extra = 1, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0xFFFD;
  }
  if (i + extra >= text.size()) return 0xFFFD;
  for (int k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
  len = static_cast<std::size_t>(extra) + 1;
  return cp;
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

std::string_view trim_right(std::string_view s) {
  const auto end = s.find_last_not_of(" \t");
  return end == std::string_view::npos ? std::string_view{} : s.substr(0, end + 1);
}

double linear(std::uint8_t channel) {
  const double c = channel / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(Rgb c) {
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 1;
    const char32_t cp = decode_utf8(text, i, len);
    if (cp == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++len;
    } else if (cp == '\n' || cp == '\t') {
      out += static_cast<char>(cp);
    } else if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) {
      // dropped: not printable, and not allowed in XML
    } else if (cp == 0xFFFD && len == 1) {
      append_utf8(out, 0xFFFD);
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::vector<std::string> split_paragraphs(std::string_view text) {
  const std::string clean = clean_text(text);
  std::vector<std::string> out;
  std::string current;
  bool open = false;
  std::size_t start = 0;
  while (start <= clean.size()) {
    auto end = clean.find('\n', start);
    if (end == std::string::npos) end = clean.size();
    const std::string_view line(clean.data() + start, end - start);
    if (is_blank(line)) {
      if (open) out.push_back(std::move(current));
      current.clear();
      open = false;
    } else {
      if (open) current += '\n';
      current += trim_right(line);
      open = true;
    }
    start = end + 1;
  }
  if (open) out.push_back(std::move(current));
  return out;
}

std::vector<std::string> split_lines(std::string_view paragraph) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto end = paragraph.find('\n', start);
    if (end == std::string_view::npos) {
      out.emplace_back(paragraph.substr(start));
      return out;
    }
    out.emplace_back(paragraph.substr(start, end - start));
    start = end + 1;
  }
}

std::string label_with_colon(std::string_view label) {
  std::string_view core = trim_right(label);
  while (!core.empty() && core.back() == ':') core = trim_right(core.substr(0, core.size() - 1));
  return std::string(core) + ":";
}

int heading_level(int level) { return std::clamp(level, 1, 3); }

std::optional<Rgb> parse_colour(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  text = trim_right(text);
  if (text.empty() || text.front() != '#') return std::nullopt;
  text.remove_prefix(1);
  int d[6];
  if (text.size() == 3) {
    for (int i = 0; i < 3; ++i) {
      d[2 * i] = d[2 * i + 1] = hex_digit(text[i]);
    }
  } else if (text.size() == 6) {
    for (int i = 0; i < 6; ++i) d[i] = hex_digit(text[i]);
  } else {
    return std::nullopt;
  }
  for (int v : d)
    if (v < 0) return std::nullopt;
  return Rgb{static_cast<std::uint8_t>(d[0] * 16 + d[1]), static_cast<std::uint8_t>(d[2] * 16 + d[3]),
             static_cast<std::uint8_t>(d[4] * 16 + d[5])};
}

std::string to_hex(Rgb c) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (std::uint8_t v : {c.r, c.g, c.b}) {
    out += digits[v >> 4];
    out += digits[v & 0xF];
  }
  return out;
}

double contrast_ratio(Rgb a, Rgb b) {
  double la = luminance(a), lb = luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

Rgb text_colour_on(Rgb fill) {
  constexpr Rgb black{0, 0, 0}, white{255, 255, 255};
  return contrast_ratio(fill, black) >= contrast_ratio(fill, white) ? black : white;
}

}  // namespace varde::reports
