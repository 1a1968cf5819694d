// Writes an import plan into the store, all of it in the caller's
// transaction: a failed import writes nothing.
#pragma once

#include "commission/import_report.hpp"
#include "commission/requirements_csv.hpp"

namespace varde::commission {

struct ImportSummary {
  int chapters_created = 0;
  int requirements_created = 0;
  int requirements_skipped = 0;  // already in the document (same chapter and number)
  std::vector<ImportProblem> warnings;
};

// Adds the plan's chapters and requirements to the document. Chapters that
// exist are reused; a numbered requirement that exists in the same chapter
// is skipped with a warning, so importing the same file twice adds nothing.
ImportSummary apply_requirements(store::Tx& tx, const audit::Actor& actor, int64_t document_id,
                                 const RequirementsPlan& plan);

struct ReportImportSummary {
  int64_t document_id = 0;
  int64_t period_id = 0;
  bool document_created = false;
  int chapters_created = 0;
  int requirements_created = 0;
  int requirements_matched = 0;  // already in the document: the text is attached to them
  int entries_written = 0;
  std::vector<ImportWarning> warnings;
};

// Takes in a trust's report for a period (parsed from the layout of the
// seed): the region's document for the year (created when missing), its
// chapters and requirements (matched by chapter and number, else by text),
// the period, and the trust's reporting text per requirement. Throws
// Problem 400 when the parse has errors, naming the first with its line.
ReportImportSummary apply_report_import(store::Tx& tx, const audit::Actor& actor, int64_t trust_id, int year,
                                        PeriodKind period, const ParsedReport& report);

void write_json(core::JsonWriter& w, const ReportImportSummary& s);
void write_json(core::JsonWriter& w, const ImportWarning& p);

void write_json(core::JsonWriter& w, const ImportProblem& p);
void write_json(core::JsonWriter& w, const ImportSummary& s);

}  // namespace varde::commission
