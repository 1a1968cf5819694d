// Writes a parsed action plan into the store, all of it in the caller's
// transaction: a failed import writes nothing.
#pragma once

#include <functional>

#include "actions/import_plan.hpp"
#include "actions/store.hpp"

namespace varde::actions {

struct PlanImportSummary {
  int64_t plan_id = 0;
  int areas_created = 0;
  int measures_created = 0;
  std::vector<PlanWarning> warnings;
};

// Creates the plan for the node `org_id` with its areas and measures; each
// measure's status text becomes its first progress update. `title` replaces
// the parsed title when given. Throws Problem 400 when the parse has errors
// (naming the first, with its line), 409 naming `title` when the node already
// has a plan with that title. `as_of` dates the first updates (when the
// plan's status texts were written; default now). `progress`, when given, is
// called after each measure (the CLI shows it).
PlanImportSummary apply_plan_import(store::Tx& tx, const audit::Actor& actor, int64_t org_id, ParsedPlan parsed,
                                    const std::optional<std::string>& title,
                                    const std::optional<std::string>& as_of = std::nullopt,
                                    const std::function<void(int done, int total)>& progress = nullptr);

// Parses and reviews the text for the node: what a dry run shows.
struct PlanPreview {
  ParsedPlan plan;
  std::vector<ReviewedMeasure> measures;  // point into plan.measures
};
PlanPreview preview_plan_import(store::Tx& tx, int64_t org_id, std::string_view text);

void write_json(core::JsonWriter& w, const PlanPreview& p, const Scale& scale);
void write_json(core::JsonWriter& w, const PlanImportSummary& s);
void write_json(core::JsonWriter& w, const PlanWarning& p);

}  // namespace varde::actions
