#include "documents/model.hpp"

#include <array>
#include <algorithm>
#include <cctype>
#include <cstdio>

namespace varde::documents {

namespace {

struct TypeRow {
  DocType type;
  const char* code;
  const char* label_nb;
};
constexpr std::array<TypeRow, 6> kTypes = {{
    {DocType::overarching, "overarching", "Overordnet styrende dokument"},
    {DocType::topic, "topic", "Temaspesifikt dokument"},
    {DocType::guideline, "guideline", "Veiledning"},
    {DocType::template_, "template", "Mal"},
    {DocType::routine, "routine", "Rutine"},
    {DocType::procedure, "procedure", "Prosedyre"},
}};

constexpr std::array<const char*, 4> kStatusCodes = {"draft", "for_approval", "approved", "withdrawn"};
constexpr std::array<const char*, 4> kStatusLabels = {"Utkast", "Til godkjenning", "Godkjent", "Trukket tilbake"};
constexpr std::array<const char*, 4> kActionCodes = {"submit", "return", "approve", "withdraw"};
constexpr std::array<const char*, 4> kClassCodes = {"open", "internal", "confidential", "strictly_confidential"};
constexpr std::array<const char*, 4> kClassLabels = {"Åpen", "Intern", "Fortrolig", "Strengt fortrolig"};
constexpr std::array<const char*, 4> kReviewCodes = {"none", "ok", "due_soon", "overdue"};

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int month_days(int y, int m) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

struct Ymd {
  int y, m, d;
};
std::optional<Ymd> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
  Ymd out{std::stoi(std::string(s.substr(0, 4))), std::stoi(std::string(s.substr(5, 2))),
          std::stoi(std::string(s.substr(8, 2)))};
  if (out.m < 1 || out.m > 12 || out.d < 1 || out.d > month_days(out.y, out.m)) return std::nullopt;
  return out;
}

// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
long days_from_civil(Ymd v) {
  int y = v.y - (v.m <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (v.m + (v.m > 2 ? -3 : 9)) + 2) / 5 + v.d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097L + static_cast<long>(doe) - 719468L;
}

// The date of a day number (civil_from_days).
std::string civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const long y = static_cast<long>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", y, m, d);
  return buf;
}

bool ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; }

// Lower-cases ASCII and the three Norwegian letters, for label matching.
std::string fold(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 2, "Å") == 0) { out += "å"; ++i; continue; }
    if (s.compare(i, 2, "Æ") == 0) { out += "æ"; ++i; continue; }
    if (s.compare(i, 2, "Ø") == 0) { out += "ø"; ++i; continue; }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
  }
  return out;
}

}  // namespace

std::string_view type_code(DocType t) { return kTypes[static_cast<int>(t)].code; }
std::string_view type_label_nb(DocType t) { return kTypes[static_cast<int>(t)].label_nb; }
std::optional<DocType> type_from_code(std::string_view code) {
  for (const auto& row : kTypes)
    if (code == row.code) return row.type;
  return std::nullopt;
}
const std::vector<DocType>& all_types() {
  static const std::vector<DocType> all = {DocType::overarching, DocType::topic,   DocType::guideline,
                                           DocType::template_,   DocType::routine, DocType::procedure};
  return all;
}

std::string_view status_code(Status s) { return kStatusCodes[static_cast<int>(s)]; }
std::string_view status_label_nb(Status s) { return kStatusLabels[static_cast<int>(s)]; }
std::optional<Status> status_from_code(std::string_view code) {
  for (std::size_t i = 0; i < kStatusCodes.size(); ++i)
    if (code == kStatusCodes[i]) return static_cast<Status>(i);
  return std::nullopt;
}
std::string_view action_code(Action a) { return kActionCodes[static_cast<int>(a)]; }

std::optional<Status> next_status(Status from, Action action) {
  switch (action) {
    case Action::submit:
      if (from == Status::draft) return Status::for_approval;
      break;
    case Action::return_to_draft:
      if (from == Status::for_approval) return Status::draft;
      break;
    case Action::approve:
      if (from == Status::for_approval) return Status::approved;
      break;
    case Action::withdraw:
      if (from == Status::draft || from == Status::approved) return Status::withdrawn;
      break;
  }
  return std::nullopt;
}

std::string_view classification_code(Classification c) { return kClassCodes[static_cast<int>(c)]; }
std::string_view classification_label_nb(Classification c) { return kClassLabels[static_cast<int>(c)]; }
std::optional<Classification> classification_from_code(std::string_view code) {
  for (std::size_t i = 0; i < kClassCodes.size(); ++i)
    if (code == kClassCodes[i]) return static_cast<Classification>(i);
  return std::nullopt;
}
std::optional<Classification> classification_from_label(std::string_view label) {
  while (!label.empty() && label.front() == ' ') label.remove_prefix(1);
  while (!label.empty() && label.back() == ' ') label.remove_suffix(1);
  const auto folded = fold(label);
  for (std::size_t i = 0; i < kClassLabels.size(); ++i)
    if (folded == fold(kClassLabels[i])) return static_cast<Classification>(i);
  return std::nullopt;
}

Classification default_clearance(std::string_view role) {
  if (role == "admin" || role == "security_officer" || role == "privacy_officer" || role == "leader" ||
      role == "auditor")
    return Classification::confidential;
  return Classification::internal;
}

std::string_view review_code(ReviewState r) { return kReviewCodes[static_cast<int>(r)]; }

std::optional<std::string> add_months(std::string_view date, int months) {
  auto d = parse_date(date);
  if (!d) return std::nullopt;
  int total = d->y * 12 + (d->m - 1) + months;
  int y = total / 12, m = total % 12 + 1;
  int day = std::min(d->d, month_days(y, m));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, day);
  return std::string(buf);
}

std::optional<int> days_between(std::string_view from, std::string_view to) {
  auto a = parse_date(from), b = parse_date(to);
  if (!a || !b) return std::nullopt;
  return static_cast<int>(days_from_civil(*b) - days_from_civil(*a));
}

std::optional<std::string> add_days(std::string_view date, int days) {
  auto d = parse_date(date);
  if (!d) return std::nullopt;
  return civil_from_days(days_from_civil(*d) + days);
}

ReviewState review_state(const std::optional<std::string>& next_review, std::string_view today, int soon_days) {
  if (!next_review) return ReviewState::none;
  auto left = days_between(today.substr(0, 10), *next_review);
  if (!left) return ReviewState::none;
  if (*left < 0) return ReviewState::overdue;
  if (*left <= soon_days) return ReviewState::due_soon;
  return ReviewState::ok;
}

std::optional<std::string> normalise_code(std::string_view code) {
  std::size_t i = 0;
  while (i < code.size() && code[i] == ' ') ++i;
  std::string letters;
  while (i < code.size() && std::isalpha(static_cast<unsigned char>(code[i])))
    letters += static_cast<char>(std::toupper(static_cast<unsigned char>(code[i++])));
  if (letters.empty() || letters.size() > 6) return std::nullopt;
  while (i < code.size() && code[i] == ' ') ++i;
  std::string number;
  while (i < code.size() && (ascii_digit(code[i]) || (code[i] == '.' && !number.empty() && i + 1 < code.size() &&
                                                      ascii_digit(code[i + 1]))))
    number += code[i++];
  while (i < code.size() && code[i] == ' ') ++i;
  if (number.empty() || i != code.size() || number.size() > 10) return std::nullopt;
  return letters + " " + number;
}

std::optional<SectionProblem> check_sections(const std::vector<Section>& sections) {
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const auto& s = sections[i];
    bool blank = true;
    for (char c : s.heading)
      if (c != ' ' && c != '\t') blank = false;
    if (blank) return SectionProblem{i, "heading", "Avsnittet må ha en overskrift."};
    if (s.heading.size() > 300) return SectionProblem{i, "heading", "Overskriften er lengre enn 300 tegn."};
    if (s.heading.find('\n') != std::string::npos)
      return SectionProblem{i, "heading", "Overskriften må stå på én linje."};
    if (s.body.size() > 200000) return SectionProblem{i, "body", "Avsnittet er lengre enn 200 000 tegn."};
  }
  return std::nullopt;
}

// A code is 2–4 capital letters at the start of a word, one optional space
// and 2–3 digits (with an optional ".n"), not followed by more of a word:
// "NO 04", "TS12". "ISO 27001" is not one (five digits).
std::vector<std::string> referenced_codes(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!ascii_upper(text[i]) || (i > 0 && word_char(text[i - 1]))) continue;
    std::size_t j = i;
    while (j < text.size() && ascii_upper(text[j])) ++j;
    const std::size_t letters = j - i;
    if (letters < 2 || letters > 4) { i = j; continue; }
    std::size_t k = j;
    if (k < text.size() && text[k] == ' ') ++k;
    const std::size_t digits_start = k;
    while (k < text.size() && ascii_digit(text[k])) ++k;
    const std::size_t digits = k - digits_start;
    if (digits < 2 || digits > 3) { i = j; continue; }
    if (k + 1 < text.size() && text[k] == '.' && ascii_digit(text[k + 1])) {
      ++k;
      while (k < text.size() && ascii_digit(text[k])) ++k;
    }
    if (k < text.size() && word_char(text[k])) { i = k; continue; }
    std::string code = std::string(text.substr(i, letters)) + " " + std::string(text.substr(digits_start, k - digits_start));
    bool seen = false;
    for (const auto& c : out) seen = seen || c == code;
    if (!seen) out.push_back(code);
    i = k;
  }
  return out;
}

}  // namespace varde::documents
