// Risks as a spreadsheet (CSV, ';' and UTF-8 with BOM for Norwegian Excel):
// the export, and an import that takes the same file back. A row with an id
// updates that risk; a row without one adds a risk to the assessment named
// in the row (created under the node when there is none with that title).
// Exporting and importing the same file changes nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "risk/import_matrix.hpp"
#include "risk/store.hpp"

namespace varde::risk {

// The header of the file, in column order.
const std::vector<std::string>& csv_header();

std::string risks_to_csv(store::Tx& tx, const std::vector<Risk>& risks);

struct RiskRow {
  int line = 0;
  std::optional<int64_t> id;
  std::string assessment_title;
  RiskFields fields;
  std::vector<std::string> cells;  // as read, to tell an unchanged row
};

struct RiskImportPlan {
  int64_t org_id = 0;
  std::vector<RiskRow> rows;
  std::vector<ImportNote> errors;
  std::vector<ImportNote> warnings;
};

// Reads the file into rows for the node `org_id`. Only reads the store (to
// find owners by user name and check that ids are risks under the node);
// every problem is an error with its line and column name.
RiskImportPlan plan_risk_import(store::Tx& tx, int64_t org_id, std::string_view csv);

struct RiskImportSummary {
  int assessments_created = 0;
  int risks_created = 0;
  int risks_updated = 0;
};

// Writes the plan in the caller's transaction; a row the store refuses
// throws api::Problem 400 naming its line, so nothing is written.
RiskImportSummary apply_risk_import(store::Tx& tx, const audit::Actor& actor, const RiskImportPlan& plan);

void write_json(core::JsonWriter& w, const RiskImportPlan& plan, bool dry_run);

}  // namespace varde::risk
