#include "risk/overview.hpp"

#include <map>

#include "core/time.hpp"
#include "risk/store.hpp"

namespace varde::risk {

namespace {

reports::Cell level_cell(const std::optional<int>& level, const std::optional<int>& l, const std::optional<int>& c,
                         const Matrix& m) {
  if (!level || *level < 0 || *level >= static_cast<int>(m.risk_levels.size())) return reports::Cell("Ikke vurdert");
  const auto& rl = m.risk_levels[*level];
  return reports::Cell(rl.label.nb + " (S" + std::to_string(*l) + " × K" + std::to_string(*c) + ")", rl.colour);
}

std::string treatment_text(const Risk& r, const std::string& today) {
  std::string out = r.treatment ? std::string(treatment_label_nb(*treatment_from_code(*r.treatment))) : "Ikke bestemt";
  const auto state = acceptance_state(r.accepted_until, today);
  if (state == "accepted") out += "; akseptert av " + r.accepted_by.value_or("") + " til " + r.accepted_until.value_or("");
  else if (state == "expired") out += "; aksepten utløp " + r.accepted_until.value_or("");
  return out;
}

reports::Table risk_table(const std::vector<const Risk*>& risks, std::map<int64_t, StoredMatrix>& matrices,
                          const std::string& today) {
  reports::Table t;
  t.header = {"Risikovurdering", "Risiko", "Iboende risiko", "Restrisiko", "Behandling og aksept", "Eier"};
  t.widths = {3, 4, 2, 2, 3, 2};
  for (const auto* r : risks) {
    const auto& m = matrices.at(r->matrix_id).matrix;
    t.rows.push_back({r->assessment_title, r->title, level_cell(r->inherent_level, r->likelihood, r->consequence, m),
                      level_cell(r->residual_level, r->residual_likelihood, r->residual_consequence, m),
                      treatment_text(*r, today), r->owner_name.value_or("Ingen eier")});
  }
  return t;
}

}  // namespace

reports::Document risk_overview_document(store::Tx& tx, const org::Node& node, const std::string& generated_at) {
  const auto today = core::now_iso().substr(0, 10);
  reports::Document doc;
  doc.title = "Risikooversikt";
  doc.subtitle = "Risikovurderinger knyttet til kravene i oppdragsdokumentet";
  doc.metadata.organisation = node.name;
  doc.metadata.generated_at = generated_at;
  doc.metadata.classification = "Intern";

  RiskQuery q;
  q.subtrees = {node.path};
  q.today = today;
  q.limit = 100000;
  q.order_by = "a.title, r.id";
  auto risks = list_risks(tx, q).first;
  std::map<int64_t, StoredMatrix> matrices;
  for (const auto& r : risks)
    if (!matrices.count(r.matrix_id)) matrices.emplace(r.matrix_id, *find_matrix(tx, r.matrix_id));

  // The requirements the risks are tied to, in the document's order.
  std::map<int64_t, std::vector<const Risk*>> by_requirement;
  std::vector<const Risk*> untied;
  for (const auto& r : risks) {
    if (r.requirement_ids.empty()) untied.push_back(&r);
    for (auto id : r.requirement_ids) by_requirement[id].push_back(&r);
  }
  struct Req {
    int64_t id;
    std::string number, chapter, text;
    int year;
  };
  std::vector<Req> reqs;
  if (!by_requirement.empty()) {
    auto rows = tx.query(
        "SELECT q.id, COALESCE(q.number, ''), c.code, q.text, d.year FROM requirement q "
        "JOIN commission_chapter c ON c.id = q.chapter_id JOIN commission_document d ON d.id = q.document_id "
        "WHERE q.id IN (SELECT requirement_id FROM risk_requirement) ORDER BY d.year DESC, q.position");
    while (rows.next())
      if (by_requirement.count(rows.integer(0)))
        reqs.push_back({rows.integer(0), rows.str(1), rows.str(2), rows.str(3), static_cast<int>(rows.integer(4))});
  }
  doc.heading(1, "Risikovurderinger per krav");
  if (reqs.empty()) doc.paragraph("Ingen risikoer er knyttet til krav i oppdragsdokumentet.");
  for (const auto& q : reqs) {
    doc.heading(2, "Krav " + (q.number.empty() ? "uten nummer" : q.number) + " (" + q.chapter + ", " +
                       std::to_string(q.year) + ")");
    doc.paragraph(q.text);
    doc.table(risk_table(by_requirement[q.id], matrices, today));
  }
  if (!untied.empty()) {
    doc.heading(1, "Risikoer som ikke er knyttet til krav");
    doc.table(risk_table(untied, matrices, today));
  }

  // The heat map of the region's default matrix: rows from the most likely
  // down, as a risk matrix is read; each cell "iboende / rest".
  if (auto region = region_of(tx, node.id))
    if (auto m = default_matrix_of(tx, *region)) {
      const auto h = heat_map(tx, *m, node.path, {node.path});
      doc.heading(1, "Varmekart");
      doc.paragraph("Antall risikoer per rute i " + m->matrix.name.nb +
                    ": iboende risiko før tiltak / restrisiko etter tiltak.");
      reports::Table t;
      t.caption = "Sannsynlighet (rader) mot konsekvens (kolonner)";
      t.header.push_back("Sannsynlighet");
      for (const auto& c : m->matrix.consequence) t.header.push_back(c.label.nb);
      for (int l = static_cast<int>(m->matrix.likelihood.size()) - 1; l >= 0; --l) {
        std::vector<reports::Cell> row{reports::Cell(m->matrix.likelihood[l].label.nb)};
        for (std::size_t c = 0; c < m->matrix.consequence.size(); ++c) {
          const auto& cell = m->matrix.cells[l][c];
          const auto& rl = m->matrix.risk_levels[cell.risk_level];
          row.push_back(reports::Cell(std::to_string(h.inherent[l][c]) + " / " + std::to_string(h.residual[l][c]) +
                                          " (" + rl.label.nb + ")",
                                      rl.colour));
        }
        t.rows.push_back(std::move(row));
      }
      doc.table(t);
    }
  return doc;
}

}  // namespace varde::risk
