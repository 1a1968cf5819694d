#include "commission/importer.hpp"

#include "api/problem.hpp"

namespace varde::commission {

ImportSummary apply_requirements(store::Tx& tx, const audit::Actor& actor, int64_t document_id,
                                 const RequirementsPlan& plan) {
  if (!plan.errors.empty()) {
    const auto& e = plan.errors.front();
    throw api::Problem(400, "Importen kan ikke leses", plan.line_word + " " + std::to_string(e.line) + ": " + e.message, e.field);
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

namespace {

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const auto& p : paragraphs) out += (out.empty() ? "" : "\n\n") + p;
  return out;
}

}  // namespace

ReportImportSummary apply_report_import(store::Tx& tx, const audit::Actor& actor, int64_t trust_id, int year,
                                        PeriodKind period_kind, const ParsedReport& report) {
  for (const auto& w : report.warnings)
    if (w.severity == Severity::error)
      throw api::Problem(400, "Importen kan ikke leses",
                         (w.line > 0 ? "Linje " + std::to_string(w.line) + ": " : std::string()) + w.message, "text");
  ReportImportSummary summary;
  summary.warnings = report.warnings;
  auto trust = tx.query("SELECT o.kind, p.id, p.kind, p.path, p.name FROM org o LEFT JOIN org p ON p.id = o.parent_id WHERE o.id = ?",
                        {trust_id});
  if (!trust.next()) throw api::not_found();
  if (trust.text(0) != "trust" || trust.is_null(1) || trust.text(2) != "region")
    throw api::bad_request("org", "En rapport importeres for et foretak (HF) som ligger under en region.");
  const int64_t region_id = trust.integer(1);
  const std::string region_path = trust.str(3);

  auto doc = find_document_for(tx, region_id, year, false);
  if (!doc) {
    const auto title = report.title.empty() ? "Krav i oppdragsdokument " + std::to_string(year) : report.title;
    doc = create_document(tx, actor, region_id, year, title);
    summary.document_created = true;
  }
  summary.document_id = doc->id;

  for (const auto& c : report.chapters) {
    if (tx.scalar_integer("SELECT 1 FROM commission_chapter WHERE document_id = ? AND code = ?", {doc->id, c.code}))
      continue;
    add_chapter(tx, actor, doc->id, {0, c.code, c.title, join_paragraphs(c.general_text), 0});
    ++summary.chapters_created;
  }

  auto period = ensure_period(tx, actor, region_id, year, period_kind);
  summary.period_id = period.id;

  for (const auto& r : report.requirements) {
    const auto text = r.full_text();
    std::optional<int64_t> id;
    if (r.number)
      id = tx.scalar_integer(
          "SELECT q.id FROM requirement q JOIN commission_chapter c ON c.id = q.chapter_id "
          "WHERE q.document_id = ? AND c.code = ? AND q.number = ?",
          {doc->id, r.chapter_code, *r.number});
    if (!id) id = tx.scalar_integer("SELECT id FROM requirement WHERE document_id = ? AND text = ?", {doc->id, text});
    if (id) {
      ++summary.requirements_matched;
    } else {
      NewRequirement nr;
      nr.chapter_code = r.chapter_code;
      nr.number = r.number;
      nr.text = text;
      nr.points = r.reporting_points;
      for (const auto& code : r.applies_to) {
        if (tx.scalar_integer("SELECT 1 FROM org WHERE code = ? AND kind = 'trust' AND path LIKE ?", {code, region_path + "%"}))
          nr.target_codes.push_back(code);
        else
          summary.warnings.push_back({r.line, Severity::warning,
                                      "«" + code + "» er ikke et foretak i regionen; kravet gjelder derfor alle til noen retter det."});
      }
      for (const auto& d : r.deadlines) nr.deadlines.push_back({0, d.phrase, d.proposed_date(year), d.yearly});
      id = add_requirement(tx, actor, doc->id, nr).id;
      ++summary.requirements_created;
    }
    if (!r.has_reporting_label) continue;
    const auto reporting_text = join_paragraphs(r.reporting_text);
    auto existing = find_entry(tx, *id, trust_id, period.id);
    save_entry(tx, actor, *id, trust_id, period.id, existing ? std::optional(existing->version) : std::nullopt,
               existing ? existing->achievement : std::nullopt, reporting_text);
    ++summary.entries_written;
  }
  return summary;
}

void write_json(core::JsonWriter& w, const ImportWarning& p) {
  w.begin_object().field("line", p.line).field("severity", p.severity == Severity::error ? "error" : "warning");
  w.field("message", p.message).end_object();
}

void write_json(core::JsonWriter& w, const ReportImportSummary& s) {
  w.begin_object();
  w.field("document_id", s.document_id).field("period_id", s.period_id).field("document_created", s.document_created);
  w.field("chapters_created", s.chapters_created).field("requirements_created", s.requirements_created);
  w.field("requirements_matched", s.requirements_matched).field("entries_written", s.entries_written);
  w.key("warnings").begin_array();
  for (const auto& p : s.warnings) write_json(w, p);
  w.end_array();
  w.end_object();
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
