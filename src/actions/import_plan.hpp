// Import of an action plan written as a document ("Regional handlingsplan
// for informasjonssikkerhet og personvern"), from the text of its PDF export,
// from Varde's own export (.md, or the .docx as text), or from a file that
// holds another document before the plan (the seed holds "Mål og strategi"
// first).
//
// The parser is pure: text in, a plain result out, with warnings that point
// at lines of the text given. The layout it reads:
//
//   1 Innledning                             numbered sections before the areas:
//   …                                        the plan's introduction
//   3.1 Videreutvikling av regionalt …       an area: code and title (may wrap)
//   En første versjon av …                   the area's introduction
//   Etablere dokumentstruktur i …            a measure's title (the lines before "Beskrivelse:")
//   Beskrivelse: Etablere struktur for …     the fields, each until the next label;
//   Status: Forslag til referansemodell …    values run over lines, paragraphs and
//   Tidsperiode: 2021                        page breaks
//   Ansvarlig: Helse Midt-Norge RHF
//
// Varde's export adds "Fremdrift:" (the status on the scale), "Ansvarlig
// person:" and "Frist:", and a history appendix ("Vedlegg …") that the
// parser stops at.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actions/model.hpp"

namespace varde::actions {

struct PlanWarning {
  int line = 0;  // 1-based in the text given; 0 for the whole text
  bool error = false;
  std::string message;  // Norwegian
};

struct ParsedArea {
  std::string code;   // "3.1"
  std::string title;
  std::string intro;  // paragraphs separated by blank lines
  int line = 0;
};

struct ParsedMeasure {
  std::string area_code;
  std::string title;
  std::string description;
  std::string status_text;
  std::string progress;  // "Fremdrift:" as written (Varde's export), else ""
  std::string period;
  std::string responsible;
  std::string responsible_person;
  std::string due_date;
  int line = 0;  // the title's first line
};

struct ParsedPlan {
  std::string title;
  std::string period_text;  // "2021–2022"
  std::string intro;        // the sections before the areas, headings as their own paragraphs
  std::vector<ParsedArea> areas;
  std::vector<ParsedMeasure> measures;
  std::vector<PlanWarning> warnings;
  int first_line = 0;  // where the plan starts in the text

  bool has_errors() const;
};

// Parses the plan. Never throws on bad input: text with no measures gives an
// error in `warnings`.
ParsedPlan parse_action_plan(std::string_view text);

// What the import would make of each measure, given the organisations of
// the plan's region and the status scale: the status (from "Fremdrift:",
// else read from the status text), the period and the responsible parties.
struct ReviewedMeasure {
  const ParsedMeasure* parsed = nullptr;
  InferredStatus status;
  Period period;
  std::vector<Responsible> responsible;
};

// Reviews a parse: adds warnings (with the measure's line) for a status that
// had to be read from its text, a period that is not one, and responsible
// parties that match no organisation (they are kept as text).
std::vector<ReviewedMeasure> review_plan(ParsedPlan& plan, const std::vector<OrgName>& orgs, const Scale& scale);

}  // namespace varde::actions
