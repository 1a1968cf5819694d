#include "importers/pdf_text.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>

namespace varde::importers {

namespace {

// ---------------------------------------------------------------------------
// Characters

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Removes and replaces the characters a PDF export sprinkles into text: the
// no-break spaces become spaces (a reader sees a space), the invisible ones go.
std::string clean_characters(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const auto at = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0; };
    if (c == 0xC2 && at(1) == 0xA0) { out += ' '; ++i; continue; }   // U+00A0 no-break space
    if (c == 0xC2 && at(1) == 0xAD) { ++i; continue; }               // U+00AD soft hyphen
    if (c == 0xE2 && at(1) == 0x80) {
      const auto third = at(2);
      if (third == 0xAF || third == 0x87) { out += ' '; i += 2; continue; }  // U+202F, U+2007
      if (third >= 0x8B && third <= 0x8D) { i += 2; continue; }              // zero-width space/joiners
    }
    if (c == 0xEF && at(1) == 0xBB && at(2) == 0xBF) { i += 2; continue; }  // byte-order mark
    if ((c < 0x20 && c != '\t') || c == 0x7F) continue;                   // other control characters
    out += static_cast<char>(c);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Splitting into lines and pages

// A line as split from the raw text, before page furniture is judged.
struct RawLine {
  Line line;
  int page = 0;
};

// Cleans one piece of a line: characters, trailing space, one stray leading space.
Line make_line(int number, std::string_view piece) {
  Line line;
  line.number = number;
  std::string text = clean_characters(piece);
  std::string_view view = text;
  while (!view.empty() && is_space(view.back())) view.remove_suffix(1);
  if (trim(view).empty()) return line;
  // One space before the text is an export artefact; more may be indentation.
  if (view.size() >= 2 && view[0] == ' ' && !is_space(view[1])) {
    view.remove_prefix(1);
    line.leading_space = true;
  }
  line.text = std::string(view);
  return line;
}

// Splits the raw text into lines numbered as an editor numbers them (after
// \n, after \r\n, after a lone \r). A form feed starts a new page inside a
// line: the pieces on either side keep that line's number, and a piece that
// is blank beside a form feed is no line of the text.
std::vector<RawLine> split_lines(std::string_view raw) {
  std::vector<RawLine> out;
  int number = 1;
  int page = 0;
  std::size_t start = 0;
  auto emit_physical = [&](std::string_view physical) {
    if (physical.find('\f') == std::string_view::npos) {
      out.push_back({make_line(number, physical), page});
      return;
    }
    std::size_t from = 0;
    while (true) {
      const auto ff = physical.find('\f', from);
      const auto piece = physical.substr(from, ff == std::string_view::npos ? std::string_view::npos : ff - from);
      Line line = make_line(number, piece);
      if (!line.text.empty()) out.push_back({std::move(line), page});
      if (ff == std::string_view::npos) break;
      ++page;
      from = ff + 1;
    }
  };
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\n' && raw[i] != '\r') continue;
    emit_physical(raw.substr(start, i - start));
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
    start = i + 1;
    ++number;
  }
  // The last line has no line end after it; an empty one is no line at all.
  if (start < raw.size()) emit_physical(raw.substr(start));
  return out;
}

// ---------------------------------------------------------------------------
// Page furniture

bool is_bare_number(std::string_view text) {
  text = trim(text);
  return !text.empty() && text.size() <= 4 && std::all_of(text.begin(), text.end(), is_digit);
}

std::string fold_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

// Skips a run of digits from `i`; returns false when there is none.
bool skip_digits(std::string_view s, std::size_t& i) {
  const std::size_t from = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  return i > from;
}

bool skip_literal(std::string_view s, std::size_t& i, std::string_view word) {
  if (s.substr(i, word.size()) != word) return false;
  i += word.size();
  return true;
}

void skip_spaces(std::string_view s, std::size_t& i) {
  while (i < s.size() && is_space(s[i])) ++i;
}

// Skips one dash: '-', en dash or em dash.
bool skip_dash(std::string_view s, std::size_t& i) {
  return skip_literal(s, i, "-") || skip_literal(s, i, "\xE2\x80\x93") || skip_literal(s, i, "\xE2\x80\x94");
}

// "av 9", "of 9", "/ 9" after a page number.
bool skip_page_total(std::string_view s, std::size_t& i) {
  std::size_t j = i;
  skip_spaces(s, j);
  if (!(skip_literal(s, j, "av") || skip_literal(s, j, "of") || skip_literal(s, j, "/"))) return false;
  skip_spaces(s, j);
  if (!skip_digits(s, j)) return false;
  i = j;
  return true;
}

// A page number that says it is one: "Side 3", "Side 3 av 9", "Page 3 of 9",
// "3 av 9", "3/9", "- 3 -".
bool is_decorated_page_number(std::string_view text) {
  const std::string s = fold_ascii(trim(text));
  std::size_t i = 0;
  if (skip_literal(s, i, "side") || skip_literal(s, i, "page")) {
    skip_spaces(s, i);
    if (!skip_digits(s, i)) return false;
    skip_page_total(s, i);
    return i == s.size();
  }
  if (skip_dash(s, i)) {
    skip_spaces(s, i);
    if (!skip_digits(s, i)) return false;
    skip_spaces(s, i);
    return skip_dash(s, i) && i == s.size();
  }
  if (!skip_digits(s, i)) return false;
  return skip_page_total(s, i) && i == s.size();
}

// What a running header or footer has in common from page to page: the words,
// with every number (the page number, usually) made the same.
std::string furniture_key(std::string_view text) {
  std::string key;
  const std::string collapsed = collapse_spaces(text);
  for (std::size_t i = 0; i < collapsed.size(); ++i) {
    if (is_digit(collapsed[i])) {
      key += '#';
      while (i + 1 < collapsed.size() && is_digit(collapsed[i + 1])) ++i;
    } else {
      key += collapsed[i];
    }
  }
  return key;
}

std::vector<int> numbers_in(std::string_view text) {
  std::vector<int> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_digit(text[i])) continue;
    int value = 0;
    for (; i < text.size() && is_digit(text[i]); ++i) value = value < 100000 ? value * 10 + (text[i] - '0') : value;
    out.push_back(value);
  }
  return out;
}

// Where a header or footer has numbers, each is either the same on every page
// (a year) or counts the pages (a page number). Lines whose numbers do
// neither are content that happens to open pages alike: "Krav 27", "Krav 32".
bool numbers_fit_furniture(const std::vector<std::pair<int, std::vector<int>>>& page_and_numbers) {
  const std::size_t count = page_and_numbers.front().second.size();
  for (std::size_t n = 0; n < count; ++n) {
    bool constant = true;
    int pairs = 0, counting = 0;
    for (std::size_t k = 1; k < page_and_numbers.size(); ++k) {
      const auto& [page, numbers] = page_and_numbers[k];
      const auto& [prev_page, prev_numbers] = page_and_numbers[k - 1];
      if (numbers.size() != count || prev_numbers.size() != count) return false;
      constant = constant && numbers[n] == prev_numbers[n];
      ++pairs;
      if (numbers[n] - prev_numbers[n] == page - prev_page) ++counting;
    }
    if (!constant && counting * 2 < pairs) return false;
  }
  return true;
}

// Judges the lines in one slot of the pages (the first line of each page, say):
// the same words on at least three pages, and on at least half of them, make
// a running header or footer. Marks them and returns the pages where it did.
std::vector<bool> judge_slot(const std::vector<RawLine>& lines, const std::vector<std::optional<std::size_t>>& slot,
                             int pages, std::vector<bool>& drop) {
  std::map<std::string, std::vector<std::size_t>> by_key;
  for (const auto& idx : slot)
    if (idx) by_key[furniture_key(lines[*idx].line.text)].push_back(*idx);
  std::vector<bool> dropped_on(static_cast<std::size_t>(pages), false);
  for (const auto& [key, where] : by_key) {
    const int count = static_cast<int>(where.size());
    if (count < 3 || count * 2 < pages) continue;
    std::vector<std::pair<int, std::vector<int>>> page_and_numbers;
    for (std::size_t idx : where) page_and_numbers.push_back({lines[idx].page, numbers_in(lines[idx].line.text)});
    if (!numbers_fit_furniture(page_and_numbers)) continue;
    for (std::size_t idx : where) {
      drop[idx] = true;
      dropped_on[static_cast<std::size_t>(lines[idx].page)] = true;
    }
  }
  return dropped_on;
}

// Marks running headers and footers: the first (last) line of most pages,
// and the second (second-last) where the first (last) was one, since headers
// run to two lines but content next to a page's edge must not go. Pages are
// only known from form feeds; without them a recurring line is content (a
// report repeats "Årlig melding" on purpose).
void mark_running_lines(const std::vector<RawLine>& lines, std::vector<bool>& drop) {
  const int pages = lines.empty() ? 0 : lines.back().page + 1;
  if (pages < 3) return;
  std::vector<std::vector<std::size_t>> filled(static_cast<std::size_t>(pages));
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (!lines[i].line.text.empty()) filled[static_cast<std::size_t>(lines[i].page)].push_back(i);
  for (const bool top : {true, false}) {
    auto nth = [&](std::size_t page, std::size_t n) -> std::optional<std::size_t> {
      const auto& f = filled[page];
      if (n >= f.size()) return std::nullopt;
      return top ? f[n] : f[f.size() - 1 - n];
    };
    std::vector<std::optional<std::size_t>> outer, inner;
    for (std::size_t p = 0; p < filled.size(); ++p) outer.push_back(nth(p, 0));
    const auto dropped_on = judge_slot(lines, outer, pages, drop);
    for (std::size_t p = 0; p < filled.size(); ++p) inner.push_back(dropped_on[p] ? nth(p, 1) : std::nullopt);
    judge_slot(lines, inner, pages, drop);
  }
}

bool last_filled_line_of_page(const std::vector<RawLine>& lines, std::size_t i) {
  for (std::size_t k = i + 1; k < lines.size(); ++k) {
    if (lines[k].page != lines[i].page) return true;
    if (!lines[k].line.text.empty()) return false;
  }
  return false;  // the end of the text is judged on its own
}

// Marks page numbers alone on a line. A bare number is a page number only when
// its context says so; otherwise it is kept, because documents put their own
// numbers (of sections, of requirements) alone on a line too. One pass each
// way, so that the work grows with the length of the text and no faster.
void mark_page_numbers(const std::vector<RawLine>& lines, std::vector<bool>& drop) {
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (!drop[i] && !lines[i].line.text.empty() && is_decorated_page_number(lines[i].line.text)) drop[i] = true;
  const auto kept = [&](std::size_t k) { return !drop[k] && !lines[k].line.text.empty(); };
  // next_kept[i]: the first line after i with text that stays.
  std::vector<std::optional<std::size_t>> next_kept(lines.size());
  for (std::size_t i = lines.size(); i-- > 1;) next_kept[i - 1] = kept(i) ? std::optional(i) : next_kept[i];
  const bool has_pages = !lines.empty() && lines.back().page > 0;
  std::optional<std::size_t> prev;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!kept(i)) continue;
    if (is_bare_number(lines[i].line.text)) {
      const auto next = next_kept[i];
      const bool ends_text = prev && !next;
      const bool splits_sentence = prev && next && !ends_sentence(lines[*prev].line.text) &&
                                   starts_lower(lines[*next].line.text);
      const bool closes_page = has_pages && last_filled_line_of_page(lines, i);
      if (ends_text || splits_sentence || closes_page) {
        drop[i] = true;
        continue;
      }
    }
    prev = i;
  }
}

// Builds the result without the dropped lines. Around a dropped line the blank
// lines were page-break spacing: they go where the sentence runs on, else one
// stays as a paragraph break.
std::vector<Line> without_dropped(std::vector<RawLine>& lines, const std::vector<bool>& drop) {
  std::vector<Line> out;
  std::size_t i = 0;
  while (i < lines.size()) {
    const bool gap = drop[i] || lines[i].line.text.empty();
    if (!gap) { out.push_back(std::move(lines[i].line)); ++i; continue; }
    std::size_t end = i;
    bool any_dropped = false;
    while (end < lines.size() && (drop[end] || lines[end].line.text.empty())) any_dropped |= drop[end++];
    if (!any_dropped) {
      for (; i < end; ++i) out.push_back(std::move(lines[i].line));
      continue;
    }
    const bool runs_on = i > 0 && end < lines.size() && !ends_sentence(lines[i - 1].line.text) &&
                         starts_lower(lines[end].line.text);
    if (!runs_on) {
      for (std::size_t k = i; k < end; ++k)
        if (!drop[k]) { out.push_back(std::move(lines[k].line)); break; }
    }
    i = end;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Letters

// Skips opening punctuation, so «Tekst» and (tekst) start with their letter.
std::string_view skip_openers(std::string_view s) {
  s = trim(s);
  while (!s.empty()) {
    if (s[0] == '(' || s[0] == '[' || s[0] == '"' || s[0] == '\'') { s.remove_prefix(1); continue; }
    if (s.substr(0, 2) == "\xC2\xAB") { s.remove_prefix(2); continue; }                                 // «
    if (s.substr(0, 3) == "\xE2\x80\x9C" || s.substr(0, 3) == "\xE2\x80\x98") { s.remove_prefix(3); continue; }  // “ ‘
    break;
  }
  return s;
}

// The Latin-1 code point of the first character, or -1 when it is outside.
int first_latin1(std::string_view s) {
  if (s.empty()) return -1;
  const auto c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) return c;
  if ((c == 0xC2 || c == 0xC3) && s.size() >= 2) {
    const auto next = static_cast<unsigned char>(s[1]);
    return ((c & 0x1F) << 6) | (next & 0x3F);
  }
  return -1;
}

bool is_word_conjunction(std::string_view word) {
  static constexpr std::array<std::string_view, 5> kWords = {"og", "eller", "samt", "and", "or"};
  return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
}

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || u >= 0x80;
}

}  // namespace

namespace {

// Without form feeds, lines such as "Side 3 av 9" still say where pages end.
void pages_from_page_numbers(std::vector<RawLine>& lines) {
  if (lines.empty() || lines.back().page > 0) return;
  int page = 0;
  for (auto& l : lines) {
    l.page = page;
    if (!l.line.text.empty() && is_decorated_page_number(l.line.text)) ++page;
  }
  // Blank lines after the last page number are no page of their own.
  bool last_page_blank = true;
  for (const auto& l : lines)
    if (l.page == page && !l.line.text.empty()) last_page_blank = false;
  if (page > 0 && last_page_blank)
    for (auto& l : lines)
      if (l.page == page) l.page = page - 1;
}

}  // namespace

std::vector<Line> normalise_pdf_text(std::string_view raw) {
  std::vector<RawLine> lines = split_lines(raw);
  pages_from_page_numbers(lines);
  std::vector<bool> drop(lines.size(), false);
  mark_running_lines(lines, drop);
  mark_page_numbers(lines, drop);
  return without_dropped(lines, drop);
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : trim(text)) {
    if (is_space(c)) { pending_space = true; continue; }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

namespace {

// Appends in place, so that a paragraph of many lines costs its length and
// not its length squared. `paragraph` is already collapsed.
void append_broken_line(std::string& paragraph, std::string_view line) {
  const std::string next = collapse_spaces(line);
  if (next.empty()) return;
  if (paragraph.empty()) {
    paragraph = next;
    return;
  }
  const std::size_t n = paragraph.size();
  const bool hyphenated = n >= 2 && paragraph[n - 1] == '-' && is_word_byte(paragraph[n - 2]);
  if (!hyphenated || is_word_conjunction(fold_ascii(next.substr(0, next.find(' '))))) paragraph += ' ';
  paragraph += next;
}

}  // namespace

std::string join_broken_lines(std::string_view first, std::string_view second) {
  std::string joined = collapse_spaces(first);
  append_broken_line(joined, second);
  return joined;
}

bool ends_sentence(std::string_view text) {
  text = trim(text);
  // Closing quotes and parentheses after the full stop: ...slik.» or ...(se over).
  while (!text.empty()) {
    if (text.back() == ')' || text.back() == ']' || text.back() == '"' || text.back() == '\'') {
      text.remove_suffix(1);
    } else if (text.size() >= 2 && text.substr(text.size() - 2) == "\xC2\xBB") {  // »
      text.remove_suffix(2);
    } else if (text.size() >= 3 && (text.substr(text.size() - 3) == "\xE2\x80\x9D" ||
                                    text.substr(text.size() - 3) == "\xE2\x80\x99")) {  // ” ’
      text.remove_suffix(3);
    } else {
      break;
    }
  }
  if (text.empty()) return false;
  const char last = text.back();
  return last == '.' || last == '!' || last == '?' || last == ':';
}

bool starts_lower(std::string_view text) {
  const int cp = first_latin1(skip_openers(text));
  if (cp >= 'a' && cp <= 'z') return true;
  return cp >= 0xDF && cp <= 0xFF && cp != 0xF7;
}

bool starts_upper(std::string_view text) {
  const int cp = first_latin1(skip_openers(text));
  if (cp >= 'A' && cp <= 'Z') return true;
  return cp >= 0xC0 && cp <= 0xDE && cp != 0xD7;
}

std::vector<Paragraph> join_paragraphs(std::span<const Line> lines) {
  std::vector<Paragraph> out;
  bool open = false;  // whether the last paragraph still takes lines
  for (const Line& line : lines) {
    if (line.text.empty()) { open = false; continue; }
    // A blank line inside a sentence is the export's, not the author's.
    const bool mend = !open && !out.empty() && !ends_sentence(out.back().text) && starts_lower(line.text);
    if (open || mend) {
      append_broken_line(out.back().text, line.text);
    } else {
      out.push_back({line.number, collapse_spaces(line.text)});
    }
    open = true;
  }
  return out;
}

std::vector<std::string> paragraph_texts(std::span<const Line> lines) {
  std::vector<std::string> out;
  for (auto& p : join_paragraphs(lines)) out.push_back(std::move(p.text));
  return out;
}

}  // namespace varde::importers
