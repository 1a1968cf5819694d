#include "commission/importer.hpp"

#include "api/problem.hpp"

namespace varde::commission {

ImportSummary apply_requirements(store::Tx& tx, const audit::Actor& actor, int64_t document_id,
                                 const RequirementsPlan& plan) {
  if (!plan.errors.empty()) {
    const auto& e = plan.errors.front();
    throw api::Problem(400, "Importen kan ikke leses", "Linje " + std::to_string(e.line) + ": " + e.message, e.field);
  }
  ImportSummary summary;
  summary.warnings = plan.warnings;
  for (const auto& c : plan.chapters) {
    if (tx.scalar_integer("SELECT 1 FROM commission_chapter WHERE document_id = ? AND code = ?", {document_id, c.code}))
      continue;
    add_chapter(tx, actor, document_id, c);
    ++summary.chapters_created;
  }
  for (const auto& [line, r] : plan.requirements) {
    if (r.number && tx.scalar_integer(
                        "SELECT 1 FROM requirement q JOIN commission_chapter c ON c.id = q.chapter_id "
                        "WHERE q.document_id = ? AND c.code = ? AND q.number = ?",
                        {document_id, r.chapter_code, *r.number})) {
      ++summary.requirements_skipped;
      summary.warnings.push_back({line, "Nummer", "Krav " + *r.number + " i kapittel " + r.chapter_code +
                                                      " finnes allerede; hoppet over."});
      continue;
    }
    add_requirement(tx, actor, document_id, r);
    ++summary.requirements_created;
  }
  return summary;
}

void write_json(core::JsonWriter& w, const ImportProblem& p) {
  w.begin_object().field("line", p.line).field("field", p.field).field("message", p.message).end_object();
}

void write_json(core::JsonWriter& w, const ImportSummary& s) {
  w.begin_object();
  w.field("chapters_created", s.chapters_created).field("requirements_created", s.requirements_created);
  w.field("requirements_skipped", s.requirements_skipped);
  w.key("warnings").begin_array();
  for (const auto& p : s.warnings) write_json(w, p);
  w.end_array();
  w.end_object();
}

}  // namespace varde::commission
