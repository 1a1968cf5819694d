// The region's overview of a period: requirements × trusts, each cell the
// trust's entry (achievement and workflow state), or missing, or not
// applicable, with what is overdue worked out here so every client shows
// the same. One value feeds the JSON answer and the .xlsx download.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commission/store.hpp"
#include "org/model.hpp"
#include "reports/document.hpp"

namespace varde::commission {

struct MatrixCell {
  int64_t org_id = 0;
  bool applies = false;        // the requirement names this trust, or all
  std::optional<Entry> entry;  // nullopt: nothing written yet
  bool overdue = false;        // applies, past due, and missing or a draft
};

struct MatrixRow {
  Requirement requirement;
  std::vector<MatrixCell> cells;  // in the order of Matrix::trusts
};

struct Matrix {
  Period period;
  org::Node region;
  std::vector<org::Node> trusts;  // the region's trusts, by code
  std::vector<MatrixRow> rows;    // the requirements reported in the period, in document order
  AchievementScale scale;         // the region's
  bool past_due = false;          // see period_past_due()
  int64_t missing = 0;            // cells that apply and have no entry
  int64_t overdue = 0;            // cells that are overdue
};

// The matrix of `period` as it stands; `today` is "YYYY-MM-DD" (Norway).
Matrix build_matrix(store::Tx& tx, const Period& period, const std::string& today);

// The matrix as a report: a legend, then one table with a row per
// requirement and a column per trust; each cell says its achievement and
// state in words ("Oppnådd (godkjent)", "Mangler", "Mangler – forsinket",
// "Gjelder ikke"), coloured by the scale's colour when there is one.
reports::Document matrix_document(const Matrix& m, const std::string& generated_at);

}  // namespace varde::commission
