// Action plans of measures (handlingsplan, tiltak): plain values and rules,
// no I/O.
//
// An action plan belongs to an organisation node (the region or one trust),
// has a plan period and a revision per yearly revision, and holds areas
// ("3.1 Videreutvikling av regionalt styringssystem…") of measures. A measure
// has a status on a configurable scale, a period as the plan wrote it
// ("2021 - 2022", "Q4:2021", "Løpende"), one or several responsible
// organisations and a history of dated progress updates; its status is the
// latest update that set one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace varde::actions {

// ---- The status scale ---------------------------------------------------

// What a status means for the rules, whatever it is called on the scale.
enum class StatusKind {
  not_started,  // nothing done yet
  active,       // work going on
  continuous,   // a standing activity: never overdue, carried into every revision
  paused,       // put off for now (Utsatt)
  closed,       // finished or given up: stays in the revision it was closed in
};

std::string_view kind_code(StatusKind k);  // "not_started", "active", ...
std::optional<StatusKind> kind_from_code(std::string_view code);

struct StatusLevel {
  std::string code;      // "in_progress"
  std::string label_nb;  // "Pågår"
  std::string label_en;  // "In progress"
  std::string colour;    // "#1565c0": passes WCAG contrast with white text
  StatusKind kind = StatusKind::active;
};

// A scale is data (table action_status); this is the default one.
using Scale = std::vector<StatusLevel>;
const Scale& default_scale();
// The level with this code on the scale, or nullptr.
const StatusLevel* find_status(const Scale& scale, std::string_view code);
// The level whose Norwegian or English label is `label` (any case, trailing
// full stop ignored), or nullptr.
const StatusLevel* status_by_label(const Scale& scale, std::string_view label);

// Why a progress update may not move a measure from `from` to `to` (codes on
// the scale), or nullopt when it may. An update without a status change
// (to == nullopt) needs a comment. Rules: the new status must be on the
// scale; reopening a closed measure, postponing and cancelling need a comment
// saying why. Messages are Norwegian and name no field.
std::optional<std::string> transition_error(const Scale& scale, std::string_view from,
                                            const std::optional<std::string>& to, std::string_view comment);

// The status a plan's free status text says, for the import of a plan
// written as a document ("Status: Ikke startet", "Status: Pågår nasjonalt
// arbeid …", "Status: Det er gjennomført to møter …"). `exact` tells whether
// the text named a status outright (else it was inferred and the importer
// says so).
struct InferredStatus {
  std::string code;
  bool exact = false;
};
InferredStatus infer_status(const Scale& scale, std::string_view status_text, bool period_is_continuous);

// ---- Periods --------------------------------------------------------------

enum class PeriodKind {
  year,        // "2021"
  years,       // "2021 - 2022", "2019-2021"
  quarter,     // "Q4:2021"
  ongoing,     // "Løpende"
  continuous,  // "Kontinuerlig"
  unknown,     // anything else: kept as text
};

std::string_view period_kind_code(PeriodKind k);
std::optional<PeriodKind> period_kind_from_code(std::string_view code);

// A measure's period as structure, with the text it was read from.
struct Period {
  std::string text;  // as written: "2021 – 2022. Årshjul skal videreføres og kontinuerlig oppdateres"
  PeriodKind kind = PeriodKind::unknown;
  int from_year = 0;  // year, years, quarter
  int to_year = 0;    // years (= from_year for year and quarter)
  int quarter = 0;    // 1–4 for quarter
  std::string note;   // what followed the period: "Årshjul skal videreføres og kontinuerlig oppdateres"

  // The last day of the period ("2022-12-31", "2021-12-31" for Q4:2021), or
  // nullopt for ongoing, continuous and unknown periods.
  std::optional<std::string> end_date() const;
  // The period in its clean form: "2021–2022", "Q4 2021", "Løpende".
  std::string label() const;
  bool is_standing() const { return kind == PeriodKind::ongoing || kind == PeriodKind::continuous; }
};

// Reads a period as plans write it: a year, a range of years with any dash
// and spacing ("2021 - 2022", "2021- 2022.", "2021 -2022", "2021 – 2022"), a
// quarter ("Q4:2021", "Q4 2021", "4. kvartal 2021"), "Løpende" or
// "Kontinuerlig"; text after the period ("… . Årshjul skal …") is kept as
// the note. Anything else gives kind unknown with the text kept. Years
// outside 1990–2100 and ranges that run backwards are unknown.
Period parse_period(std::string_view text);

// ---- Responsible organisations -----------------------------------------

// An organisation a measure may name, as the store knows it.
struct OrgName {
  int64_t id = 0;
  std::string code;  // "HMN"
  std::string name;  // "Helse Midt-Norge RHF"
  std::string kind;  // "region", "trust", ...
};

// One responsible party read from an "Ansvarlig" text.
struct Responsible {
  std::string text;                // the part as written: "Helse Midt-Norge RHF", "de enkelte HF"
  std::optional<int64_t> org_id;   // the node it names, when it names one
  bool each_trust = false;         // "de enkelte HF", "hvert enkelt foretak": every trust of the plan's region
};

// Splits a responsibility text into its parties and matches each to an
// organisation: by name or code (case and a trailing "HF"/"RHF" ignored, so
// "Hemit" is "Hemit HF"), or as every trust ("de enkelte HF", "det enkelte
// HF", "hvert enkelt foretak", "de enkelte foretak …"). Sentences like
// "Helse Sør-Øst RHF er ansvarlig for innkalling og møteledelse." give their
// subject. A part that names nothing known is kept with org_id empty and
// each_trust false: the importer warns about those.
std::vector<Responsible> parse_responsible(std::string_view text, const std::vector<OrgName>& orgs);

// ---- Deadlines and follow-up ------------------------------------------

// Whole days from `from` to `to` (both "YYYY-MM-DD", or instants whose first
// ten characters are a date); nullopt when either is not a date.
std::optional<int> days_between(std::string_view from, std::string_view to);

// The date `days` days after `date` ("YYYY-MM-DD"; negative goes back), or
// nullopt when `date` is not a date.
std::optional<std::string> add_days(std::string_view date, int days);

// The date a measure is due: its own due date, else the end of its period.
std::optional<std::string> effective_due_date(const std::optional<std::string>& due_date, const Period& period);

// Overdue: not closed, not continuous, and due before today ("YYYY-MM-DD").
bool is_overdue(StatusKind kind, const std::optional<std::string>& due, std::string_view today);

// Stale ("no update for N days"): not closed, and the last update (or the
// creation, when there is none) lies more than `days` days before today.
bool is_stale(StatusKind kind, std::string_view last_update, std::string_view today, int days);

// Whether a measure in this status goes with the plan into its next yearly
// revision (everything not closed).
bool carries_over(StatusKind kind);

}  // namespace varde::actions
