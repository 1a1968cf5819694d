// Measures as a spreadsheet (CSV as Excel saves it, or .xlsx): the columns of
// measure_rows() in plan_layout.hpp. Parsing is pure; applying writes the
// measures into an existing plan in the caller's transaction.
#pragma once

#include "actions/import_plan.hpp"
#include "actions/store.hpp"
#include "importers/csv.hpp"

namespace varde::actions {

struct CsvMeasure {
  int line = 0;
  NewMeasure measure;
};

struct MeasuresCsv {
  std::vector<CsvMeasure> rows;
  std::vector<PlanWarning> warnings;
  bool has_errors() const;
};

// Reads the template: a header row naming at least "Område" and "Tiltak"
// (columns found by name, any order); "Fremdrift" is a status label on the
// scale (default the first). Errors name the line and the column.
MeasuresCsv parse_measures_csv(std::string_view text, const Scale& scale);
// The same from an .xlsx workbook (its first sheet); lines are sheet rows.
MeasuresCsv parse_measures_xlsx(std::string_view bytes, const Scale& scale);
// The same from rows already read (the header first).
MeasuresCsv parse_measures_rows(const std::vector<importers::CsvRow>& rows, const Scale& scale);

// Adds the rows' measures to the plan (Problem 400 when the parse has
// errors; the areas must exist). Returns how many were created.
int apply_measures_csv(store::Tx& tx, const audit::Actor& actor, int64_t plan_id, const MeasuresCsv& csv);

}  // namespace varde::actions
