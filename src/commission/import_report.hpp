// Import of a trust's report on the requirements of a commissioning document
// ("Krav i oppdragsdokument 2023"), from the text of its PDF export.
//
// The parser is pure: it turns the text into a plain result of what would be
// created (the document's title and year, its chapters, its requirements with
// their reporting texts) plus warnings that point at lines of the text given.
// It reads nothing and writes nothing; storing the result is the caller's job.
//
// The layout it reads, per requirement (the seed's, and the report renderer's):
//
//   4.2 Informasjonssikkerhet og personvern      chapter heading: code and title
//   27                                            number, alone or before the text
//   Oppdatere de lokale handlingsplanene ...      the requirement's text
//   Alle Tertialrapporter og Årlig melding        applies to, then reporting points
//   Måloppnåelse: Delvis oppnådd                  optional "Label: value" lines
//   Risikovurderinger:                            optional (Varde's export): the
//   ROS … (UNN, Fullført) / – Risiko: …           assessments; skipped, no warning
//   Rapporteringstekst:                           the trust's text for the period
//   Handlingsplan er fulgt opp ...
//
// Chapters with prose and no requirements ("11 Risikostyring") keep that prose
// as general text. The text ends at a line "Vedlegg: Risikooversikt" (the
// appendix of Varde's 1st and 2nd tertial exports), with a warning that says
// where: the risk overview is not read into the last chapter.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "commission/deadlines.hpp"
#include "commission/model.hpp"

namespace varde::commission {

// A "Label: value" line, such as "Måloppnåelse: Delvis oppnådd" under a
// requirement or "Periode: 1. tertial 2023" under the title (the report
// renderer writes both).
struct ParsedField {
  std::string label;  // "Måloppnåelse"
  std::string value;  // "Delvis oppnådd"
  int line = 0;
};

// A chapter of the document, in the order it appears.
struct ParsedChapter {
  std::string code;                       // "3.0", "4.2", "11"
  std::string title;                      // "Informasjonssikkerhet og personvern"
  int line = 0;                           // line of the heading in the original text
  std::vector<std::string> general_text;  // paragraphs that belong to no requirement
};

// A requirement, in the order it appears.
struct ParsedRequirement {
  std::optional<std::string> number;   // "27"; nullopt when the export lost it (see warnings)
  std::string chapter_code;            // code of the chapter it stands in; "" before any chapter
  std::vector<std::string> text;       // paragraphs, with lines broken by the export mended
  std::string applies_to_raw;          // as written: "Alle", "HNIKT", "UNN, NLSH og FH"
  bool applies_to_all = false;         // "Alle": every trust
  std::vector<std::string> applies_to; // trust codes when not all: {"HNIKT"}
  std::string reporting_points_raw;    // as written: "Tertialrapporter og Årlig melding"
  std::set<ReportingPoint> reporting_points;
  std::vector<ParsedField> fields;     // between the reporting points and "Rapporteringstekst:"
  bool has_reporting_label = false;    // "Rapporteringstekst:" was there (its text may be empty)
  std::vector<std::string> reporting_text;  // paragraphs after "Rapporteringstekst:"
  int line = 0;                        // where the requirement starts in the original text
  std::vector<RecognisedDeadline> deadlines;  // found in `text`

  // The paragraphs of `text` separated by blank lines.
  std::string full_text() const;
};

enum class Severity { warning, error };

// Something the user should look at, in Norwegian, with the line it concerns
// (1-based, in the original text; 0 when it concerns the whole text).
struct ImportWarning {
  int line = 0;
  Severity severity = Severity::warning;
  std::string message;
};

// What an import would create. With an error in `warnings`, nothing should be
// created: `chapters` and `requirements` are then empty.
struct ParsedReport {
  std::string title;       // "Krav i oppdragsdokument 2023"
  std::optional<int> year; // 2023, from the title
  std::vector<ParsedField> metadata;  // "Label: value" lines between the title and the first chapter
  std::vector<ParsedChapter> chapters;
  std::vector<ParsedRequirement> requirements;
  std::vector<ImportWarning> warnings;

  bool has_errors() const;
};

// Parses the text of a report (a PDF export or a clean rendering of the same
// layout). Never throws on bad input: text that is empty or not such a report
// gives an error in `warnings` and no chapters or requirements.
ParsedReport parse_commission_report(std::string_view text);

// Reads a reporting-points phrase such as "Tertialrapporter og Årlig melding",
// "1. tertial og Årlig melding" or "Virksomhetsrapport, tertialrapport og Årlig
// melding" (any case). "Tertialrapporter" means both tertials. Returns nullopt
// for a phrase with other words or one that is cut off ("Tertialrapporter og").
std::optional<std::set<ReportingPoint>> parse_reporting_points(std::string_view phrase);

}  // namespace varde::commission
