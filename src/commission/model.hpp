// The commissioning document (oppdragsdokument) and the reporting on it:
// plain values and rules, no I/O.
//
// A region publishes a document per year, in chapters of numbered
// requirements. Each trust reports on the requirements that apply to it, per
// reporting period: a goal-achievement status and a text, moved through
// draft → submitted → approved, and locked when the region closes the period.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace varde::commission {

// When a requirement is reported on.
enum class ReportingPoint { tertial1, tertial2, annual, business_report };

std::string_view point_code(ReportingPoint p);               // "T1", "T2", "ANNUAL", "BUSINESS"
std::optional<ReportingPoint> point_from_code(std::string_view code);
std::string_view point_label_nb(ReportingPoint p);           // "1. tertial", ...

// Reporting points as stored: "T1,T2,ANNUAL".
std::string points_to_text(const std::set<ReportingPoint>& points);
std::set<ReportingPoint> points_from_text(std::string_view text);

// The seed's wording of a requirement's reporting points, e.g.
// "Tertialrapporter og Årlig melding".
std::string points_phrase_nb(const std::set<ReportingPoint>& points);

// A reporting period of a year: 1st tertial (January–April), 2nd tertial
// (May–August) or the annual report (the whole year).
enum class PeriodKind { tertial1, tertial2, annual };

std::string_view period_code(PeriodKind k);  // "T1", "T2", "ANNUAL"
std::optional<PeriodKind> period_from_code(std::string_view code);
std::string period_label_nb(PeriodKind k, int year);  // "1. tertial 2023"
std::string period_start(PeriodKind k, int year);      // "2023-01-01"
std::string period_end(PeriodKind k, int year);        // "2023-04-30" (inclusive)
// The region's default due date: 15 days after the period ends (the annual
// report: 1 March the year after).
std::string default_due_date(PeriodKind k, int year);
// Whether a requirement with these points is reported in a period of kind k.
bool reported_in(const std::set<ReportingPoint>& points, PeriodKind k);

// Goal achievement (måloppnåelse): a scale of levels, each with a code (what
// an entry stores), labels in both languages and a badge colour that white
// text is read on. Each region may set its own scale; this is the default.
struct AchievementLevel {
  std::string code;
  std::string label_nb;
  std::string label_en;
  std::string colour;  // "#1b5e20"
};
using AchievementScale = std::vector<AchievementLevel>;
const AchievementScale& achievement_scale();  // the default
const AchievementLevel* achievement(std::string_view code);  // in the default scale
const AchievementLevel* find_level(const AchievementScale& scale, std::string_view code);

// WCAG 2.1 contrast ratio of two "#rrggbb" colours (1 to 21); 0 when either
// does not parse.
double contrast_ratio(std::string_view a, std::string_view b);
// The least contrast a level's colour must have against white text (WCAG AA
// for normal text).
constexpr double kMinBadgeContrast = 4.5;

struct ScaleProblem {
  std::string field;    // "levels[2].colour"
  std::string message;  // Norwegian, for a person
};
// What is wrong with a scale a region wants, or nullopt: 2 to 12 levels;
// codes of a–z, 0–9 and _ (starting with a letter), unique; labels in both
// languages, 1–60 characters, unique per language; colours "#rrggbb" with
// white text at kMinBadgeContrast or more.
std::optional<ScaleProblem> validate_scale(const AchievementScale& scale);

// A period is past due when it is still open on a day after its due date
// (`today` and `due_on` as "YYYY-MM-DD"). In a period past due, a trust's
// entry for a requirement that applies to it is overdue when it is missing or
// still a draft (not yet submitted).
bool period_past_due(std::string_view due_on, std::string_view status, std::string_view today);

// The life of one trust's report entry.
enum class EntryState { draft, submitted, approved, locked };
std::string_view state_code(EntryState s);
std::optional<EntryState> state_from_code(std::string_view code);

enum class EntryAction { edit, submit, approve, return_to_draft, lock, reopen };

// The state an action leads to, or nullopt when the action is not allowed
// from `from` (e.g. approving a draft, editing a locked entry).
std::optional<EntryState> next_state(EntryState from, EntryAction action);

// The document's life: draft → published; a published one may be revised.
bool is_document_status(std::string_view status);

}  // namespace varde::commission
