#include "commission/model.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>

namespace varde::commission {

namespace {

constexpr std::array<std::string_view, 4> kPointCodes = {"T1", "T2", "ANNUAL", "BUSINESS"};
constexpr std::array<std::string_view, 4> kPointLabels = {"1. tertial", "2. tertial", "Årlig melding",
                                                          "Virksomhetsrapport"};
constexpr std::array<std::string_view, 3> kPeriodCodes = {"T1", "T2", "ANNUAL"};
constexpr std::array<std::string_view, 4> kStateCodes = {"draft", "submitted", "approved", "locked"};

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

std::string_view point_code(ReportingPoint p) { return kPointCodes[static_cast<int>(p)]; }
std::string_view point_label_nb(ReportingPoint p) { return kPointLabels[static_cast<int>(p)]; }

std::optional<ReportingPoint> point_from_code(std::string_view code) {
  for (std::size_t i = 0; i < kPointCodes.size(); ++i)
    if (kPointCodes[i] == code) return static_cast<ReportingPoint>(i);
  return std::nullopt;
}

std::string points_to_text(const std::set<ReportingPoint>& points) {
  std::string out;
  for (auto p : points) out += (out.empty() ? "" : ",") + std::string(point_code(p));
  return out;
}

std::set<ReportingPoint> points_from_text(std::string_view text) {
  std::set<ReportingPoint> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    auto code = text.substr(0, comma);
    if (auto p = point_from_code(code)) out.insert(*p);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::string points_phrase_nb(const std::set<ReportingPoint>& points) {
  using P = ReportingPoint;
  std::vector<std::string> parts;
  const bool t1 = points.count(P::tertial1), t2 = points.count(P::tertial2);
  if (points.count(P::business_report)) parts.emplace_back(parts.empty() ? "Virksomhetsrapport" : "virksomhetsrapport");
  if (t1 && t2) parts.emplace_back(parts.empty() ? "Tertialrapporter" : "tertialrapport");
  else if (t1) parts.emplace_back("1. tertial");
  else if (t2) parts.emplace_back("2. tertial");
  if (points.count(P::annual)) parts.emplace_back("Årlig melding");
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " og " : ", ";
    out += parts[i];
  }
  return out;
}

std::string_view period_code(PeriodKind k) { return kPeriodCodes[static_cast<int>(k)]; }

std::optional<PeriodKind> period_from_code(std::string_view code) {
  for (std::size_t i = 0; i < kPeriodCodes.size(); ++i)
    if (kPeriodCodes[i] == code) return static_cast<PeriodKind>(i);
  return std::nullopt;
}

std::string period_label_nb(PeriodKind k, int year) {
  switch (k) {
    case PeriodKind::tertial1: return "1. tertial " + std::to_string(year);
    case PeriodKind::tertial2: return "2. tertial " + std::to_string(year);
    case PeriodKind::annual: return "Årlig melding " + std::to_string(year);
  }
  return "";
}

std::string period_start(PeriodKind k, int year) {
  const int month = k == PeriodKind::tertial2 ? 5 : 1;
  return std::to_string(year) + "-" + two(month) + "-01";
}

std::string period_end(PeriodKind k, int year) {
  switch (k) {
    case PeriodKind::tertial1: return std::to_string(year) + "-04-30";
    case PeriodKind::tertial2: return std::to_string(year) + "-08-31";
    case PeriodKind::annual: return std::to_string(year) + "-12-31";
  }
  return "";
}

std::string default_due_date(PeriodKind k, int year) {
  switch (k) {
    case PeriodKind::tertial1: return std::to_string(year) + "-05-15";
    case PeriodKind::tertial2: return std::to_string(year) + "-09-15";
    case PeriodKind::annual: return std::to_string(year + 1) + "-03-01";
  }
  return "";
}

bool reported_in(const std::set<ReportingPoint>& points, PeriodKind k) {
  switch (k) {
    case PeriodKind::tertial1: return points.count(ReportingPoint::tertial1) > 0;
    case PeriodKind::tertial2: return points.count(ReportingPoint::tertial2) > 0;
    case PeriodKind::annual: return points.count(ReportingPoint::annual) > 0;
  }
  return false;
}

const AchievementScale& achievement_scale() {
  static const AchievementScale scale = {
      {"achieved", "Oppnådd", "Achieved", "#1b5e20"},
      {"partly", "Delvis oppnådd", "Partly achieved", "#8a5300"},
      {"not_achieved", "Ikke oppnådd", "Not achieved", "#b71c1c"},
      {"not_started", "Ikke startet", "Not started", "#4a4a4a"},
      {"not_relevant", "Ikke relevant", "Not relevant", "#37474f"},
  };
  return scale;
}

const AchievementLevel* find_level(const AchievementScale& scale, std::string_view code) {
  for (const auto& level : scale)
    if (code == level.code) return &level;
  return nullptr;
}

namespace {

std::optional<double> luminance(std::string_view c) {
  if (c.size() != 7 || c[0] != '#') return std::nullopt;
  double channel[3];
  for (int i = 0; i < 3; ++i) {
    int v = 0;
    for (int j = 0; j < 2; ++j) {
      const char h = c[1 + 2 * i + j];
      const int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
      if (d < 0) return std::nullopt;
      v = v * 16 + d;
    }
    const double s = v / 255.0;
    channel[i] = s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  }
  return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char ch : s)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

double contrast_ratio(std::string_view a, std::string_view b) {
  const auto la = luminance(a), lb = luminance(b);
  if (!la || !lb) return 0;
  const double hi = std::max(*la, *lb), lo = std::min(*la, *lb);
  return (hi + 0.05) / (lo + 0.05);
}

std::optional<ScaleProblem> validate_scale(const AchievementScale& scale) {
  if (scale.size() < 2 || scale.size() > 12)
    return ScaleProblem{"levels", "Skalaen må ha mellom 2 og 12 nivåer."};
  std::set<std::string> codes, labels_nb, labels_en;
  for (std::size_t i = 0; i < scale.size(); ++i) {
    const auto& l = scale[i];
    const std::string at = "levels[" + std::to_string(i) + "].";
    const bool code_ok = !l.code.empty() && l.code.size() <= 32 && l.code[0] >= 'a' && l.code[0] <= 'z' &&
                         std::all_of(l.code.begin(), l.code.end(), [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                         });
    if (!code_ok)
      return ScaleProblem{at + "code", "Koden «" + l.code + "» kan bare ha små bokstaver a–z, sifre og _, og må begynne med en bokstav (høyst 32 tegn)."};
    if (!codes.insert(l.code).second) return ScaleProblem{at + "code", "Koden «" + l.code + "» er brukt to ganger."};
    for (const auto& [label, field, seen] :
         {std::tuple{&l.label_nb, "label_nb", &labels_nb}, std::tuple{&l.label_en, "label_en", &labels_en}}) {
      const auto n = code_points(*label);
      if (n == 0 || n > 60 || label->find_first_not_of(' ') == std::string::npos)
        return ScaleProblem{at + field, "Navnet må ha 1–60 tegn."};
      if (!seen->insert(*label).second)
        return ScaleProblem{at + field, "Navnet «" + *label + "» er brukt to ganger."};
    }
    if (!luminance(l.colour))
      return ScaleProblem{at + "colour", "Fargen «" + l.colour + "» må skrives som #rrggbb, f.eks. #1b5e20."};
    if (const double ratio = contrast_ratio(l.colour, "#ffffff"); ratio < kMinBadgeContrast) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%.1f", ratio);
      return ScaleProblem{at + "colour", "Fargen " + l.colour + " gir for lite kontrast mot hvit tekst (" + buf +
                                             ":1; minst 4,5:1 trengs). Velg en mørkere farge."};
    }
  }
  return std::nullopt;
}

const AchievementLevel* achievement(std::string_view code) {
  for (const auto& level : achievement_scale())
    if (code == level.code) return &level;
  return nullptr;
}

std::string_view state_code(EntryState s) { return kStateCodes[static_cast<int>(s)]; }

std::optional<EntryState> state_from_code(std::string_view code) {
  for (std::size_t i = 0; i < kStateCodes.size(); ++i)
    if (kStateCodes[i] == code) return static_cast<EntryState>(i);
  return std::nullopt;
}

std::optional<EntryState> next_state(EntryState from, EntryAction action) {
  using S = EntryState;
  using A = EntryAction;
  switch (action) {
    case A::edit:  // editing a submitted text takes it back to draft: it must be submitted again
      return from == S::draft || from == S::submitted ? std::optional(S::draft) : std::nullopt;
    case A::submit: return from == S::draft ? std::optional(S::submitted) : std::nullopt;
    case A::approve: return from == S::submitted ? std::optional(S::approved) : std::nullopt;
    case A::return_to_draft:
      return from == S::submitted || from == S::approved ? std::optional(S::draft) : std::nullopt;
    case A::lock: return from == S::locked ? std::nullopt : std::optional(S::locked);
    case A::reopen: return from == S::locked ? std::optional(S::draft) : std::nullopt;
  }
  return std::nullopt;
}

bool period_past_due(std::string_view due_on, std::string_view status, std::string_view today) {
  return status == "open" && !due_on.empty() && today > due_on;
}

bool is_document_status(std::string_view status) { return status == "draft" || status == "published"; }

}  // namespace varde::commission
