// Writes an import plan into the store, all of it in the caller's
// transaction: a failed import writes nothing.
#pragma once

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

void write_json(core::JsonWriter& w, const ImportProblem& p);
void write_json(core::JsonWriter& w, const ImportSummary& s);

}  // namespace varde::commission
