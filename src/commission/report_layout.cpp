#include "commission/report_layout.hpp"

#include <map>

#include "risk/model.hpp"

namespace varde::commission {

namespace {

// "2023-03-12" → "12.03.2023", as a Norwegian reader writes a date.
std::string date_nb(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

// One paragraph per assessment: its title, node, status and date, then a line
// per risk tied to the requirement with its levels and treatment.
std::string assessments_text(const std::vector<risk::LinkedAssessment>& list) {
  std::string out;
  for (const auto& a : list) {
    if (!out.empty()) out += "\n\n";
    out += a.title + " (" + a.org_code + ", " + std::string(risk::assessment_status_label_nb(a.status));
    if (a.assessed_on) out += ", vurdert " + date_nb(*a.assessed_on);
    out += ")";
    for (const auto& r : a.risks)
      out += "\n– " + r.title + ": iboende risiko " + risk::level_text_nb(r.inherent) + ", restrisiko " +
             risk::level_text_nb(r.residual) + "; " + risk::treatment_text_nb(r);
  }
  return out;
}

}  // namespace

reports::Document trust_report_document(const TrustReport& report, const Period& period, const std::string& trust_name,
                                        const std::string& generated_at) {
  reports::Document doc;
  doc.title = report.document ? report.document->title : "Krav i oppdragsdokument " + std::to_string(period.year);
  doc.metadata.organisation = trust_name;
  doc.metadata.period = period_label_nb(period.kind, period.year);
  doc.metadata.generated_at = generated_at;
  doc.metadata.classification = "Intern";
  if (!report.document) {
    doc.paragraph("Regionen har ikke noe oppdragsdokument for " + std::to_string(period.year) + ".");
    return doc;
  }
  std::map<int64_t, const Entry*> entries;
  for (const auto& e : report.entries) entries[e.requirement_id] = &e;

  for (const auto& chapter : report.document->chapters) {
    std::vector<const Requirement*> in_chapter;
    for (const auto& r : report.document->requirements)
      if (r.chapter_code == chapter.code) in_chapter.push_back(&r);
    if (in_chapter.empty() && chapter.general_text.empty()) continue;
    doc.heading(1, chapter.code + " " + chapter.title);
    if (!chapter.general_text.empty()) doc.paragraph(chapter.general_text);
    for (const auto* r : in_chapter) {
      // "(uten nummer)" stands where the number would: the importer reads it
      // as a requirement still to be numbered, so the report reads back the same.
      doc.heading(2, r->number.value_or("(uten nummer)"));
      doc.paragraph(r->text);
      doc.paragraph(r->applies_to_text + " " + points_phrase_nb(r->points));
      const auto it = entries.find(r->id);
      const Entry* e = it == entries.end() ? nullptr : it->second;
      if (e && e->achievement)
        if (const auto* level = find_level(report.scale, *e->achievement))
          doc.field("Måloppnåelse", "", reports::Status{level->colour, level->label_nb});
      // Only where there are any, so a report without risk links reads as the
      // seed does. The importer skips this field (the risks live in the register).
      if (auto a = report.assessments.find(r->id); a != report.assessments.end() && !a->second.empty())
        doc.long_field("Risikovurderinger", assessments_text(a->second));
      doc.long_field("Rapporteringstekst", e ? e->text : "");
    }
  }
  return doc;
}

}  // namespace varde::commission
