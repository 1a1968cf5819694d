// The requirements template: a CSV or .xlsx that Varde exports and
// takes back, so a region can write its commissioning document in a
// spreadsheet. Parsing is pure; writing the result is the store's job.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "commission/store.hpp"

namespace varde::commission {

// The header row of the template, in column order.
const std::vector<std::string>& template_columns();

// The document's requirements as template rows (header first).
std::vector<std::vector<std::string>> template_rows(const Document& d);

struct ImportProblem {
  int line = 0;
  std::string field;    // a column name of the template
  std::string message;  // Norwegian, for a person
};

struct RequirementsPlan {
  std::vector<Chapter> chapters;  // in order of first appearance
  std::vector<std::pair<int, NewRequirement>> requirements;  // with their lines
  std::vector<ImportProblem> errors;    // any error: nothing is written
  std::vector<ImportProblem> warnings;  // written, but a person should look
  // What `line` counts, for messages: "Linje" in a CSV file, "Rad" (the sheet's row) in an .xlsx.
  std::string line_word = "Linje";
};

// Reads template CSV text into what would be created.
RequirementsPlan plan_requirements_import(std::string_view csv_text);

// Reads the first sheet of a template .xlsx into what would be created; the
// problems' lines are the sheet's row numbers.
RequirementsPlan plan_requirements_import_xlsx(std::string_view xlsx_bytes);

// The template as an .xlsx workbook (the same columns and rows as the CSV).
std::string template_xlsx(const Document& d);

// Reads "1. tertial og Årlig melding", "Tertialrapporter", "T1, ANNUAL" …
// into reporting points; unknown words are left out.
std::set<ReportingPoint> points_from_words(std::string_view text);

}  // namespace varde::commission
