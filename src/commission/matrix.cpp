#include "commission/matrix.hpp"

#include <algorithm>

#include "api/problem.hpp"
#include "commission/scale_store.hpp"
#include "core/text.hpp"
#include "org/store.hpp"

namespace varde::commission {

namespace {

std::string_view state_label_nb(EntryState s) {
  switch (s) {
    case EntryState::draft: return "utkast";
    case EntryState::submitted: return "sendt inn";
    case EntryState::approved: return "godkjent";
    case EntryState::locked: return "låst";
  }
  return "";
}

// Colours for the cells without an achievement: light fills with black text,
// so they are told apart from the scale's dark badges; the words say it too.
constexpr const char* kMissingFill = "#fde2e1";
constexpr const char* kOverdueFill = "#f4b6b3";
constexpr const char* kNotApplicableFill = "#eeeeee";

}  // namespace

Matrix build_matrix(store::Tx& tx, const Period& period, const std::string& today) {
  Matrix m;
  m.period = period;
  auto region = org::find(tx, period.region_id);
  if (!region) throw api::not_found();
  m.region = *region;
  m.past_due = period_past_due(period.due_on, period.status, today);

  org::ListQuery q;
  q.subtrees = {region->path};
  q.kind = "trust";
  q.order_by = "code, id";
  q.limit = 1000;
  // None needs another's answer: on PostgreSQL one round trip for all.
  auto reads = tx.query_all({region_scale_query(period.region_id), org::list_items_query(tx, q),
                             entry_states_query(period.id), document_for_query(period.region_id, period.year)});
  m.scale = read_region_scale(reads[0], period.region_id).levels;
  m.trusts = org::read_nodes(reads[1]);
  // In (requirement, trust) order: found by halving, not kept in a map.
  auto entries = read_entry_states(reads[2], period.id);
  const auto key = [](const Entry& e) { return std::make_pair(e.requirement_id, e.org_id); };
  auto entry_of = [&](int64_t requirement_id, int64_t org_id) -> Entry* {
    const auto want = std::make_pair(requirement_id, org_id);
    auto it = std::lower_bound(entries.begin(), entries.end(), want, [&](const Entry& e, const auto& k) { return key(e) < k; });
    return it != entries.end() && key(*it) == want ? &*it : nullptr;
  };

  const auto doc = read_document_found(tx, reads[3], true);
  if (!doc) return m;
  for (const auto& r : doc->requirements) {
    if (!reported_in(r.points, period.kind)) continue;
    MatrixRow row;
    row.requirement = r;
    for (const auto& t : m.trusts) {
      MatrixCell cell;
      cell.org_id = t.id;
      cell.applies = r.applies_to_all || std::find(r.target_codes.begin(), r.target_codes.end(), t.code) != r.target_codes.end();
      // Each (requirement, trust) is one cell: its entry moves there.
      if (auto* e = entry_of(r.id, t.id)) cell.entry = std::move(*e);
      if (cell.applies && !cell.entry) ++m.missing;
      cell.overdue = cell.applies && m.past_due && (!cell.entry || cell.entry->state == EntryState::draft);
      if (cell.overdue) ++m.overdue;
      row.cells.push_back(std::move(cell));
    }
    m.rows.push_back(std::move(row));
  }
  return m;
}

reports::Document matrix_document(const Matrix& m, const std::string& generated_at) {
  reports::Document doc;
  doc.title = "Oversikt over rapporteringen – " + period_label_nb(m.period.kind, m.period.year);
  doc.subtitle = "Krav i oppdragsdokumentet × foretak";
  doc.metadata.organisation = m.region.name;
  doc.metadata.period = period_label_nb(m.period.kind, m.period.year);
  doc.metadata.generated_at = generated_at;
  doc.metadata.classification = "Intern";

  std::string status = "Frist " + m.period.due_on + ". ";
  if (m.period.status == "closed") status += "Perioden er avsluttet og rapportene låst. ";
  else if (m.past_due) status += "Fristen er passert. ";
  status += std::to_string(m.missing) + " rapportering(er) mangler";
  if (m.overdue) status += ", " + std::to_string(m.overdue) + " er forsinket (mangler eller er ikke sendt inn)";
  doc.paragraph(status + ".");

  reports::Table legend;
  legend.caption = "Tegnforklaring";
  legend.header = {"Merking", "Betydning"};
  for (const auto& l : m.scale)
    legend.rows.push_back({reports::Cell(l.label_nb, l.colour), "Måloppnåelse som foretaket har vurdert den (" + l.label_en + ")"});
  legend.rows.push_back({reports::Cell("Mangler", kMissingFill), "Foretaket har ikke skrevet noe ennå"});
  legend.rows.push_back({reports::Cell("Mangler – forsinket", kOverdueFill), "Fristen er passert, og rapporteringen mangler eller er ikke sendt inn"});
  legend.rows.push_back({reports::Cell("Gjelder ikke", kNotApplicableFill), "Kravet gjelder ikke foretaket"});
  legend.widths = {1, 3};
  doc.table(legend);

  reports::Table t;
  t.caption = "Krav × foretak";
  t.header = {"Kapittel", "Krav", "Tekst"};
  for (const auto& trust : m.trusts) t.header.push_back(trust.code);
  t.widths = {1, 1, 4};
  for (std::size_t i = 0; i < m.trusts.size(); ++i) t.widths.push_back(1.6);
  for (const auto& row : m.rows) {
    const auto& r = row.requirement;
    const std::string text = core::shorten(r.text, 200);
    std::vector<reports::Cell> cells = {r.chapter_code, r.number.value_or("(uten nummer)"), text};
    for (const auto& c : row.cells) {
      if (!c.applies) {
        cells.emplace_back("Gjelder ikke", kNotApplicableFill);
      } else if (!c.entry) {
        cells.emplace_back(c.overdue ? "Mangler – forsinket" : "Mangler", c.overdue ? kOverdueFill : kMissingFill);
      } else {
        const auto* level = c.entry->achievement ? find_level(m.scale, *c.entry->achievement) : nullptr;
        std::string label = level ? level->label_nb : "Ikke vurdert";
        label += " (" + std::string(state_label_nb(c.entry->state)) + ")";
        if (c.overdue) label += " – forsinket";
        cells.emplace_back(label, level ? level->colour : (c.overdue ? kOverdueFill : ""));
      }
    }
    t.rows.push_back(std::move(cells));
  }
  doc.table(t);
  return doc;
}

}  // namespace varde::commission
