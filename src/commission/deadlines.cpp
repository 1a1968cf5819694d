#include "commission/deadlines.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/text.hpp"

namespace varde::commission {

namespace {

constexpr std::array<std::string_view, 12> kMonths = {"januar", "februar", "mars",     "april",
                                                      "mai",    "juni",    "juli",     "august",
                                                      "september", "oktober", "november", "desember"};

// A word of the folded text: a run of letters and digits (any byte of a UTF-8
// sequence counts as a letter), and whether a full stop follows right after it.
struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;  // one past the word, before the full stop
  std::string word;
  bool dot = false;
};

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || u >= 0x80;
}

std::vector<Token> tokenise(std::string_view folded) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < folded.size()) {
    if (!is_word_byte(folded[i])) { ++i; continue; }
    Token t;
    t.begin = i;
    while (i < folded.size() && is_word_byte(folded[i])) ++i;
    t.end = i;
    t.word = std::string(folded.substr(t.begin, t.end - t.begin));
    t.dot = i < folded.size() && folded[i] == '.';
    out.push_back(std::move(t));
  }
  return out;
}

std::optional<int> number(const Token& t, std::size_t max_digits) {
  if (t.word.empty() || t.word.size() > max_digits) return std::nullopt;
  int value = 0;
  for (char c : t.word) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int month, int year) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) return 29;
  return kDays[month - 1];
}

std::string iso_date(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string collapse_white_space(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { space = true; continue; }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// Reads the deadline grammar over the tokens of one text. Each read_* method
// looks at the tokens from position `at`; on a match it fills `found`, moves
// `at` past what it used and returns true; otherwise it changes nothing.
class Reader {
 public:
  explicit Reader(const std::vector<Token>& tokens) : tokens_(tokens) {}

  // Tries every form that may start at token `start`; the last token used is
  // reported through `last`.
  std::optional<RecognisedDeadline> read_at(std::size_t start, std::size_t& last) {
    std::size_t at = start;
    RecognisedDeadline found;
    const bool yearly_before = read_yearly(at);
    bool matched = false;
    if (is("innen", at) || is("senest", at)) {
      ++at;
      if (is("den", at)) ++at;
      matched = read_day_month(at, found) || read_numeric_date(at, found) || read_tertial(at, found) ||
                read_end_of(at, found) || read_years_end(at, found);
    } else if (!yearly_before && is("i", at)) {
      ++at;
      if (is("løpet", at) && is("av", at + 1)) {
        at += 2;
        matched = read_after_av(at, found);
      } else {
        matched = read_month_and_year(at, found);
      }
    }
    if (!matched) return std::nullopt;
    last = at - 1;
    found.yearly = yearly_before || read_yearly_after(last);
    return found;
  }

 private:
  bool is(std::string_view word, std::size_t at) const { return at < tokens_.size() && tokens_[at].word == word; }
  bool has(std::size_t at) const { return at < tokens_.size(); }
  // A full stop after the token ends the phrase (the sentence ends there).
  bool stops(std::size_t at) const { return tokens_[at].dot; }

  // "hvert år innen …", "årlig innen …"
  bool read_yearly(std::size_t& at) const {
    if (is("hvert", at) && is("år", at + 1) && !stops(at + 1) && (is("innen", at + 2) || is("senest", at + 2))) {
      at += 2;
      return true;
    }
    if (is("årlig", at) && !stops(at) && (is("innen", at + 1) || is("senest", at + 1))) {
      at += 1;
      return true;
    }
    return false;
  }

  // "… hvert år", "… årlig" after the date; moves `last` onto the last word used.
  bool read_yearly_after(std::size_t& last) const {
    if (stops(last)) return false;
    if (is("hvert", last + 1) && is("år", last + 2)) { last += 2; return true; }
    if (is("årlig", last + 1)) { last += 1; return true; }
    return false;
  }

  // An optional four-digit year after `at - 1`, when no full stop comes between.
  void read_year(std::size_t& at, RecognisedDeadline& found) const {
    if (!has(at) || stops(at - 1)) return;
    const auto y = number(tokens_[at], 4);
    if (y && tokens_[at].word.size() == 4 && *y >= 1900 && *y <= 2199) {
      found.year = *y;
      ++at;
    }
  }

  std::optional<int> month_at(std::size_t at) const {
    if (!has(at)) return std::nullopt;
    const int m = norwegian_month(tokens_[at].word);
    if (m == 0) return std::nullopt;
    return m;
  }

  // "3. april [2023]"
  bool read_day_month(std::size_t& at, RecognisedDeadline& found) const {
    if (!has(at + 1) || !stops(at)) return false;
    const auto day = number(tokens_[at], 2);
    const auto month = month_at(at + 1);
    if (!day || !month) return false;
    RecognisedDeadline d;
    d.kind = DeadlineKind::date;
    d.day = *day;
    d.month = *month;
    std::size_t next = at + 2;
    read_year(next, d);
    if (*day < 1 || *day > days_in_month(*month, d.year.value_or(2024))) return false;
    found = d;
    at = next;
    return true;
  }

  // "01.06.2023", "1.6.23", "1.6"
  bool read_numeric_date(std::size_t& at, RecognisedDeadline& found) const {
    if (!has(at + 1) || !stops(at) || tokens_[at + 1].begin != tokens_[at].end + 1) return false;
    const auto day = number(tokens_[at], 2);
    const auto month = number(tokens_[at + 1], 2);
    if (!day || !month || *month < 1 || *month > 12) return false;
    RecognisedDeadline d;
    d.kind = DeadlineKind::date;
    d.day = *day;
    d.month = *month;
    std::size_t next = at + 2;
    if (has(next) && stops(at + 1) && tokens_[next].begin == tokens_[at + 1].end + 1) {
      const auto y = number(tokens_[next], 4);
      if (!y || (tokens_[next].word.size() != 2 && tokens_[next].word.size() != 4)) return false;
      d.year = tokens_[next].word.size() == 2 ? 2000 + *y : *y;
      ++next;
    }
    if (*day < 1 || *day > days_in_month(*month, d.year.value_or(2024))) return false;
    found = d;
    at = next;
    return true;
  }

  // "1. tertial [2023]", "første tertial"
  bool read_tertial(std::size_t& at, RecognisedDeadline& found) const {
    if (!has(at + 1) || !is("tertial", at + 1)) return false;
    int which = 0;
    if (const auto n = number(tokens_[at], 1); n && stops(at)) which = *n;
    else if (is("første", at)) which = 1;
    else if (is("andre", at)) which = 2;
    else if (is("tredje", at)) which = 3;
    if (which < 1 || which > 3) return false;
    RecognisedDeadline d;
    d.kind = DeadlineKind::end_of_tertial;
    d.tertial = which;
    std::size_t next = at + 2;
    read_year(next, d);
    found = d;
    at = next;
    return true;
  }

  // "utgangen av …", "slutten av …"
  bool read_end_of(std::size_t& at, RecognisedDeadline& found) const {
    if (!(is("utgangen", at) || is("slutten", at)) || !is("av", at + 1)) return false;
    std::size_t next = at + 2;
    if (!read_after_av(next, found)) return false;
    if (found.kind == DeadlineKind::during_month) found.kind = DeadlineKind::end_of_month;
    found.approximate = false;
    at = next;
    return true;
  }

  // What may follow "utgangen av" or "i løpet av": a year, "året", a tertial, a month.
  bool read_after_av(std::size_t& at, RecognisedDeadline& found) const {
    if (!has(at)) return false;
    if (const auto y = number(tokens_[at], 4); y && tokens_[at].word.size() == 4 && *y >= 1900 && *y <= 2199) {
      found = {};
      found.kind = DeadlineKind::end_of_year;
      found.year = *y;
      ++at;
      return true;
    }
    if (is("året", at)) {
      found = {};
      found.kind = DeadlineKind::end_of_year;
      ++at;
      return true;
    }
    if (read_tertial(at, found)) return true;
    if (const auto m = month_at(at)) {
      RecognisedDeadline d;
      d.kind = DeadlineKind::end_of_month;
      d.month = *m;
      std::size_t next = at + 1;
      read_year(next, d);
      found = d;
      at = next;
      return true;
    }
    return false;
  }

  // "årets utgang", "årets slutt"
  bool read_years_end(std::size_t& at, RecognisedDeadline& found) const {
    if (!is("årets", at) || !(is("utgang", at + 1) || is("slutt", at + 1))) return false;
    found = {};
    found.kind = DeadlineKind::end_of_year;
    at += 2;
    return true;
  }

  // "juni 2023" after "i": only with a year, since "i juni" alone is too vague.
  bool read_month_and_year(std::size_t& at, RecognisedDeadline& found) const {
    const auto m = month_at(at);
    if (!m) return false;
    RecognisedDeadline d;
    d.kind = DeadlineKind::during_month;
    d.month = *m;
    d.approximate = true;
    std::size_t next = at + 1;
    read_year(next, d);
    if (!d.year) return false;
    found = d;
    at = next;
    return true;
  }

  const std::vector<Token>& tokens_;
};

}  // namespace

int norwegian_month(std::string_view name) {
  const std::string folded = core::fold_for_search(name);
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (kMonths[i] == folded) return static_cast<int>(i) + 1;
  return 0;
}

std::string RecognisedDeadline::proposed_date(int document_year) const {
  const int y = (year && !yearly) ? *year : document_year;
  switch (kind) {
    case DeadlineKind::date: return iso_date(y, month, std::min(day, days_in_month(month, y)));
    case DeadlineKind::end_of_month: return iso_date(y, month, days_in_month(month, y));
    case DeadlineKind::end_of_tertial: {
      const int end_month = tertial * 4;
      return iso_date(y, end_month, days_in_month(end_month, y));
    }
    case DeadlineKind::end_of_year: return iso_date(y, 12, 31);
    case DeadlineKind::during_month: return iso_date(y, month, 1);
  }
  return "";
}

std::vector<RecognisedDeadline> recognise_deadlines(std::string_view text) {
  // Folding keeps every byte where it was, so offsets in the folded text are
  // offsets in the original.
  const std::string folded = core::fold_for_search(text);
  const std::vector<Token> tokens = tokenise(folded);
  Reader reader(tokens);
  std::vector<RecognisedDeadline> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::size_t last = i;
    auto found = reader.read_at(i, last);
    if (!found) continue;
    const std::size_t begin = tokens[i].begin;
    const std::size_t end = tokens[last].end;
    found->offset = begin;
    found->phrase = collapse_white_space(text.substr(begin, end - begin));
    out.push_back(std::move(*found));
    i = last;  // phrases do not overlap
  }
  return out;
}

}  // namespace varde::commission
