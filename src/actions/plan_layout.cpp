#include "actions/plan_layout.hpp"

#include "importers/pdf_text.hpp"

namespace varde::actions {

namespace {

// A section heading of the introduction ("1 Innledning"): a number, a short
// capitalised title that ends no sentence.
bool is_section_heading(const std::string& p) {
  std::size_t i = 0;
  while (i < p.size() && p[i] >= '0' && p[i] <= '9') ++i;
  return i > 0 && i <= 2 && i < p.size() && p[i] == ' ' && p.size() < 80 && p.find('\n') == std::string::npos &&
         importers::starts_upper(p.substr(i + 1)) && !importers::ends_sentence(p);
}

std::string status_label(const Scale& scale, const std::optional<std::string>& code) {
  if (!code) return "";
  const auto* l = find_status(scale, *code);
  return l ? l->label_nb : *code;
}

}  // namespace

reports::Document plan_document(const Plan& plan, const Scale& scale, const std::string& generated_at) {
  reports::Document doc;
  doc.title = plan.title;
  doc.metadata.organisation = plan.org_name;
  doc.metadata.generated_at = generated_at;
  doc.metadata.classification = "Intern";
  // "Planperiode" and "Versjon" are read back by the importer.
  if (!plan.period_text.empty()) doc.field("Planperiode", plan.period_text);
  doc.field("Versjon", std::to_string(plan.revision));
  for (const auto& p : reports::split_paragraphs(plan.intro)) {
    if (is_section_heading(p)) doc.heading(1, p); else doc.paragraph(p);
  }
  for (const auto& area : plan.areas) {
    doc.heading(2, area.code + " " + area.title);
    if (!area.intro.empty()) doc.paragraph(area.intro);
    for (const auto& m : plan.measures) {
      if (m.area_id != area.id) continue;
      doc.heading(3, m.title);
      doc.field("Beskrivelse", m.description);
      const auto* level = find_status(scale, m.status);
      if (level) doc.field("Fremdrift", "", reports::Status{level->colour, level->label_nb});
      doc.field("Status", m.status_text);
      doc.field("Tidsperiode", m.period.text);
      doc.field("Ansvarlig", m.responsible_text);
      if (!m.responsible_person.empty()) doc.field("Ansvarlig person", m.responsible_person);
      if (m.due_date) doc.field("Frist", *m.due_date);
    }
  }
  doc.page_break();
  doc.heading(1, "Vedlegg: Historikk for tiltakene");
  for (const auto& m : plan.measures) {
    if (m.updates.empty()) continue;
    reports::Table t;
    t.caption = m.title;
    t.header = {"Dato", "Av", "Status", "Kommentar"};
    t.widths = {1.2, 1.5, 1.2, 5};
    for (const auto& u : m.updates) {
      std::string status = status_label(scale, u.status_to);
      if (u.status_from) status = status_label(scale, u.status_from) + " → " + status;
      t.rows.push_back({u.at.substr(0, 10), u.author, status, u.comment});
    }
    doc.table(std::move(t));
  }
  return doc;
}

std::vector<std::vector<std::string>> measure_rows(const Plan& plan, const Scale& scale) {
  std::vector<std::vector<std::string>> rows = {
      {"Område", "Tiltak", "Beskrivelse", "Fremdrift", "Status", "Tidsperiode", "Ansvarlig", "Ansvarlig person", "Frist"}};
  for (const auto& m : plan.measures)
    rows.push_back({m.area_code, m.title, m.description, status_label(scale, m.status), m.status_text, m.period.text,
                    m.responsible_text, m.responsible_person, m.due_date.value_or("")});
  return rows;
}

}  // namespace varde::actions
