#include "commission/model.hpp"

#include <array>

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

const std::vector<AchievementLevel>& achievement_scale() {
  static const std::vector<AchievementLevel> scale = {
      {"achieved", "Oppnådd", "Achieved", "#1b5e20"},
      {"partly", "Delvis oppnådd", "Partly achieved", "#8a5300"},
      {"not_achieved", "Ikke oppnådd", "Not achieved", "#b71c1c"},
      {"not_started", "Ikke startet", "Not started", "#4a4a4a"},
      {"not_relevant", "Ikke relevant", "Not relevant", "#37474f"},
  };
  return scale;
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

bool is_document_status(std::string_view status) { return status == "draft" || status == "published"; }

}  // namespace varde::commission
