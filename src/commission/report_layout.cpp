#include "commission/report_layout.hpp"

#include <map>

namespace varde::commission {

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
      doc.long_field("Rapporteringstekst", e ? e->text : "");
    }
  }
  return doc;
}

}  // namespace varde::commission
