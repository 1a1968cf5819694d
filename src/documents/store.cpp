#include "documents/store.hpp"

#include <ctime>
#include <functional>
#include <map>

#include "api/problem.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "store/sql.hpp"

namespace varde::documents {

namespace {

const char* kDocumentSelect =
    "SELECT d.id, d.org_id, o.code, o.name, o.path, d.code, d.title, d.doc_type, d.owner_id, "
    "COALESCE(u.display_name, ''), d.owner_role, d.approver, d.classification, d.exemption, "
    "d.review_interval_months, d.next_review_on, d.structure_id, d.current_number, d.status, d.approved_number, "
    "d.approved_on, d.version, d.updated_at "
    "FROM governing_document d JOIN org o ON o.id = d.org_id LEFT JOIN app_user u ON u.id = d.owner_id";

Document read_document(const store::Rows& r) {
  Document d;
  d.id = r.integer(0);
  d.org_id = r.integer(1);
  d.org_code = r.str(2);
  d.org_name = r.str(3);
  d.org_path = r.str(4);
  d.code = r.str(5);
  d.title = r.str(6);
  d.type = type_from_code(r.text(7)).value_or(DocType::topic);
  d.owner_id = r.opt_integer(8);
  d.owner_name = r.str(9);
  d.owner_role = r.str(10);
  d.approver = r.str(11);
  d.classification = classification_from_code(r.text(12)).value_or(Classification::internal);
  d.exemption = r.opt_str(13);
  d.review_interval_months = static_cast<int>(r.integer(14));
  d.next_review_on = r.opt_str(15);
  d.structure_id = r.opt_integer(16);
  d.current_number = static_cast<int>(r.integer(17));
  d.status = status_from_code(r.text(18)).value_or(Status::draft);
  if (auto n = r.opt_integer(19)) d.approved_number = static_cast<int>(*n);
  d.approved_on = r.opt_str(20);
  d.version = r.integer(21);
  d.updated_at = r.str(22);
  return d;
}

const char* kVersionSelect =
    "SELECT id, document_id, number, status, change_note, created_at, created_by, submitted_at, submitted_by, "
    "approved_at, approved_by, withdrawn_at, withdrawn_by, version FROM governing_document_version";

Version read_version(const store::Rows& r) {
  Version v;
  v.id = r.integer(0);
  v.document_id = r.integer(1);
  v.number = static_cast<int>(r.integer(2));
  v.status = status_from_code(r.text(3)).value_or(Status::draft);
  v.change_note = r.str(4);
  v.created_at = r.str(5);
  v.created_by = r.str(6);
  v.submitted_at = r.opt_str(7);
  v.submitted_by = r.opt_str(8);
  v.approved_at = r.opt_str(9);
  v.approved_by = r.opt_str(10);
  v.withdrawn_at = r.opt_str(11);
  v.withdrawn_by = r.opt_str(12);
  v.version = r.integer(13);
  return v;
}

std::string doc_json(const Document& d) {
  core::JsonWriter w;
  write_json(w, d, today());
  return w.take();
}

std::string version_json(const Version& v) {
  core::JsonWriter w;
  write_json(w, v, true);
  return w.take();
}

bool is_date(const std::string& s) { return s.size() == 10 && add_days(s, 0).has_value(); }

void check_fields(const std::string& code, const std::string& title, int interval,
                  const std::optional<std::string>& next_review) {
  if (!normalise_code(code)) throw api::bad_request("code", "Koden «" + code + "» er ingen dokumentkode (f.eks. «NO 04»).");
  if (title.empty()) throw api::bad_request("title", "Tittelen må fylles ut.");
  if (interval < 1 || interval > 120) throw api::bad_request("review_interval_months", "Revisjonsintervallet må være 1–120 måneder.");
  if (next_review && !is_date(*next_review))
    throw api::bad_request("next_review_on", "«" + *next_review + "» er ingen gyldig dato (2027-03-31).");
}

void check_owner(store::Tx& tx, const std::optional<int64_t>& owner) {
  if (owner && !tx.scalar_integer("SELECT 1 FROM app_user WHERE id = ?", {*owner}))
    throw api::bad_request("owner_id", "Eieren finnes ikke som bruker.");
}

void check_structure(store::Tx& tx, const std::optional<int64_t>& id, const std::string& org_path) {
  if (!id) return;
  auto path = tx.scalar_text("SELECT o.path FROM doc_structure_node s JOIN org o ON o.id = s.org_id WHERE s.id = ?", {*id});
  // The structure of the document's own node or of one above it.
  if (!path || org_path.substr(0, path->size()) != *path)
    throw api::bad_request("structure_id", "Plassen i dokumentstrukturen finnes ikke for denne virksomheten.");
}

void check_section_list(const std::vector<Section>& sections) {
  if (auto p = check_sections(sections))
    throw api::bad_request("sections[" + std::to_string(p->index) + "]." + p->field, p->message);
}

void write_sections(store::Tx& tx, int64_t version_id, const std::vector<Section>& sections) {
  tx.exec("DELETE FROM governing_document_section WHERE version_id = ?", {version_id});
  int position = 0;
  for (const auto& s : sections)
    tx.exec("INSERT INTO governing_document_section (version_id, position, heading, body) VALUES (?, ?, ?, ?)",
            {version_id, ++position, s.heading, s.body});
}

std::vector<Section> read_sections(store::Tx& tx, int64_t version_id) {
  std::vector<Section> out;
  auto rows = tx.query("SELECT heading, body FROM governing_document_section WHERE version_id = ? ORDER BY position",
                       {version_id});
  while (rows.next()) out.push_back({rows.str(0), rows.str(1)});
  return out;
}

std::string search_text_of(const std::string& code, const std::string& title) {
  return core::fold_for_search(code + " " + title);
}

// Keeps the register row's summary of its versions in step.
void refresh_summary(store::Tx& tx, int64_t document_id) {
  auto newest = tx.query("SELECT number, status FROM governing_document_version WHERE document_id = ? ORDER BY number DESC",
                         {document_id});
  int number = 0;
  std::string status = "draft";
  if (newest.next()) {
    number = static_cast<int>(newest.integer(0));
    status = newest.str(1);
  }
  auto in_force = tx.query(
      "SELECT number, approved_at FROM governing_document_version WHERE document_id = ? AND status = 'approved' "
      "ORDER BY number DESC",
      {document_id});
  std::optional<int64_t> approved;
  std::optional<std::string> approved_on;
  if (in_force.next()) {
    approved = in_force.integer(0);
    approved_on = in_force.str(1).substr(0, 10);
  }
  tx.exec("UPDATE governing_document SET current_number = ?, status = ?, approved_number = ?, approved_on = ? WHERE id = ?",
          {number, status, approved, approved_on, document_id});
}

Version version_or_404(store::Tx& tx, int64_t document_id, int number) {
  auto v = find_version(tx, document_id, number);
  if (!v) throw api::Problem(404, "Finnes ikke", "Dokumentet har ingen versjon " + std::to_string(number) + ".", "number");
  return *v;
}

Document document_or_404(store::Tx& tx, int64_t id) {
  auto d = find(tx, id);
  if (!d) throw api::not_found();
  return *d;
}

}  // namespace

std::string today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

Document create(store::Tx& tx, const audit::Actor& actor, const NewDocument& in) {
  const auto code = normalise_code(in.code).value_or(in.code);
  check_fields(in.code, in.title, in.review_interval_months, in.next_review_on);
  check_owner(tx, in.owner_id);
  auto org_path = tx.scalar_text("SELECT path FROM org WHERE id = ?", {in.org_id});
  if (!org_path) throw api::bad_request("org_id", "Virksomheten finnes ikke.");
  check_structure(tx, in.structure_id, *org_path);
  check_section_list(in.sections);
  if (find_by_code(tx, in.org_id, code))
    throw api::conflict("code", "Virksomheten har allerede et styrende dokument med koden «" + code + "».");
  const auto now = core::now_iso();
  const auto id = tx.scalar_integer(
      "INSERT INTO governing_document (org_id, code, title, doc_type, owner_id, owner_role, approver, classification, "
      "exemption, review_interval_months, next_review_on, structure_id, search_text, current_number, status, version, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'draft', 1, ?, ?) RETURNING id",
      {in.org_id, code, in.title, type_code(in.type), in.owner_id, in.owner_role, in.approver,
       classification_code(in.classification), in.exemption, in.review_interval_months, in.next_review_on,
       in.structure_id, search_text_of(code, in.title), now, now});
  const auto vid = tx.scalar_integer(
      "INSERT INTO governing_document_version (document_id, number, status, change_note, created_at, created_by, version) "
      "VALUES (?, 1, 'draft', ?, ?, ?, 1) RETURNING id",
      {*id, in.change_note, now, actor.name});
  write_sections(tx, *vid, in.sections);
  auto d = *find(tx, *id);
  audit::record(tx, actor, "document.create", "governing_document", std::to_string(d.id), d.org_id, "null", doc_json(d));
  return d;
}

std::optional<Document> find(store::Tx& tx, int64_t id) {
  auto rows = tx.query(std::string(kDocumentSelect) + " WHERE d.id = ?", {id});
  if (!rows.next()) return std::nullopt;
  return read_document(rows);
}

std::optional<Document> find_by_code(store::Tx& tx, int64_t org_id, const std::string& code) {
  auto rows = tx.query(std::string(kDocumentSelect) + " WHERE d.org_id = ? AND d.code = ?",
                       {org_id, normalise_code(code).value_or(code)});
  if (!rows.next()) return std::nullopt;
  return read_document(rows);
}

Page list(store::Tx& tx, const ListQuery& q) {
  Page page;
  if (q.subtrees.empty() && q.ancestors.empty()) return page;
  store::Params params;
  std::string where = " WHERE (";
  if (!q.subtrees.empty()) where += store::under_any(tx.dialect(), "o.path", q.subtrees, params);
  for (std::size_t i = 0; i < q.ancestors.size(); ++i) {
    where += (i == 0 && q.subtrees.empty()) ? "o.path = ?" : " OR o.path = ?";
    params.emplace_back(q.ancestors[i]);
  }
  where += ")";
  if (q.org_id) { where += " AND d.org_id = ?"; params.emplace_back(*q.org_id); }
  if (q.type) { where += " AND d.doc_type = ?"; params.emplace_back(std::string(type_code(*q.type))); }
  if (q.status) { where += " AND d.status = ?"; params.emplace_back(std::string(status_code(*q.status))); }
  if (q.classification) {
    where += " AND d.classification = ?";
    params.emplace_back(std::string(classification_code(*q.classification)));
  }
  if (q.owner_id) { where += " AND d.owner_id = ?"; params.emplace_back(*q.owner_id); }
  if (q.review) {
    // Reviews concern the version in force.
    where += " AND d.approved_number IS NOT NULL AND d.next_review_on IS NOT NULL";
    if (*q.review == ReviewState::overdue) {
      where += " AND d.next_review_on < ?";
      params.emplace_back(q.today);
    } else if (*q.review == ReviewState::due_soon) {
      where += " AND d.next_review_on >= ? AND d.next_review_on <= ?";
      params.emplace_back(q.today);
      params.emplace_back(add_days(q.today, kDefaultSoonDays).value_or(q.today));
    } else if (*q.review == ReviewState::ok) {
      where += " AND d.next_review_on > ?";
      params.emplace_back(add_days(q.today, kDefaultSoonDays).value_or(q.today));
    }
  }
  if (q.q && !q.q->empty()) {
    where += " AND d.search_text LIKE ? ESCAPE '\\'";
    params.emplace_back(core::contains_pattern(core::fold_for_search(*q.q)));
  }
  const std::string from = " FROM governing_document d JOIN org o ON o.id = d.org_id";
  auto list_params = params;
  list_params.emplace_back(q.limit);
  list_params.emplace_back(q.offset);
  // The count and the page in one round trip on PostgreSQL.
  auto answers = tx.query_all({{"SELECT COUNT(*)" + from + where, params},
                               {std::string(kDocumentSelect) + where + " ORDER BY " + q.order_by + " LIMIT ? OFFSET ?",
                                list_params}});
  page.total = answers[0].first_integer().value_or(0);
  while (answers[1].next()) page.items.push_back(read_document(answers[1]));
  return page;
}

Document update(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version, const Patch& p) {
  auto before = document_or_404(tx, id);
  if (before.version != expected_version)
    throw api::stale_version("Dokumentet er endret i mellomtiden.", doc_json(before));
  auto after = before;
  if (p.code) after.code = normalise_code(*p.code).value_or(*p.code);
  if (p.title) after.title = *p.title;
  if (p.type) after.type = *p.type;
  if (p.owner_id) after.owner_id = *p.owner_id;
  if (p.owner_role) after.owner_role = *p.owner_role;
  if (p.approver) after.approver = *p.approver;
  if (p.classification) after.classification = *p.classification;
  if (p.exemption) after.exemption = *p.exemption;
  if (p.review_interval_months) after.review_interval_months = *p.review_interval_months;
  if (p.next_review_on) after.next_review_on = *p.next_review_on;
  if (p.structure_id) after.structure_id = *p.structure_id;
  check_fields(p.code.value_or(after.code), after.title, after.review_interval_months, after.next_review_on);
  check_owner(tx, after.owner_id);
  check_structure(tx, after.structure_id, before.org_path);
  if (after.code != before.code && find_by_code(tx, before.org_id, after.code))
    throw api::conflict("code", "Virksomheten har allerede et styrende dokument med koden «" + after.code + "».");
  tx.exec(
      "UPDATE governing_document SET code = ?, title = ?, doc_type = ?, owner_id = ?, owner_role = ?, approver = ?, "
      "classification = ?, exemption = ?, review_interval_months = ?, next_review_on = ?, structure_id = ?, "
      "search_text = ?, version = version + 1, updated_at = ? WHERE id = ?",
      {after.code, after.title, type_code(after.type), after.owner_id, after.owner_role, after.approver,
       classification_code(after.classification), after.exemption, after.review_interval_months, after.next_review_on,
       after.structure_id, search_text_of(after.code, after.title), core::now_iso(), id});
  auto out = *find(tx, id);
  audit::record(tx, actor, "document.update", "governing_document", std::to_string(id), out.org_id, doc_json(before),
                doc_json(out));
  return out;
}

std::vector<Version> versions(store::Tx& tx, int64_t document_id) {
  std::vector<Version> out;
  auto rows = tx.query(std::string(kVersionSelect) + " WHERE document_id = ? ORDER BY number", {document_id});
  while (rows.next()) out.push_back(read_version(rows));
  return out;
}

std::optional<Version> find_version(store::Tx& tx, int64_t document_id, int number) {
  auto rows = tx.query(std::string(kVersionSelect) + " WHERE document_id = ? AND number = ?", {document_id, number});
  if (!rows.next()) return std::nullopt;
  auto v = read_version(rows);
  v.sections = read_sections(tx, v.id);
  return v;
}

Version new_version(store::Tx& tx, const audit::Actor& actor, int64_t document_id, const std::string& change_note) {
  auto d = document_or_404(tx, document_id);
  for (const auto& v : versions(tx, document_id))
    if (v.status == Status::draft || v.status == Status::for_approval)
      throw api::conflict("number", "Versjon " + std::to_string(v.number) + " er fortsatt " +
                                        std::string(status_label_nb(v.status)) + "; gjør den ferdig først.");
  const auto from = find_version(tx, document_id, d.current_number);
  const int number = d.current_number + 1;
  const auto now = core::now_iso();
  const auto vid = tx.scalar_integer(
      "INSERT INTO governing_document_version (document_id, number, status, change_note, created_at, created_by, version) "
      "VALUES (?, ?, 'draft', ?, ?, ?, 1) RETURNING id",
      {document_id, number, change_note, now, actor.name});
  write_sections(tx, *vid, from ? from->sections : std::vector<Section>{});
  refresh_summary(tx, document_id);
  tx.exec("UPDATE governing_document SET version = version + 1, updated_at = ? WHERE id = ?", {now, document_id});
  auto v = *find_version(tx, document_id, number);
  audit::record(tx, actor, "document.version.create", "governing_document", std::to_string(document_id), d.org_id,
                "null", version_json(v));
  return v;
}

Version save_sections(store::Tx& tx, const audit::Actor& actor, int64_t document_id, int number,
                      int64_t expected_version, const std::vector<Section>& sections,
                      const std::optional<std::string>& change_note) {
  auto d = document_or_404(tx, document_id);
  auto before = version_or_404(tx, document_id, number);
  if (!editable(before.status))
    throw api::conflict("number", "Versjon " + std::to_string(number) + " er " +
                                      std::string(status_label_nb(before.status)) + " og kan ikke endres.");
  if (before.version != expected_version) throw api::stale_version("Versjonen er endret i mellomtiden.", version_json(before));
  check_section_list(sections);
  write_sections(tx, before.id, sections);
  tx.exec("UPDATE governing_document_version SET change_note = ?, version = version + 1 WHERE id = ?",
          {change_note.value_or(before.change_note), before.id});
  tx.exec("UPDATE governing_document SET updated_at = ? WHERE id = ?", {core::now_iso(), document_id});
  auto after = *find_version(tx, document_id, number);
  audit::record(tx, actor, "document.version.edit", "governing_document", std::to_string(document_id), d.org_id,
                version_json(before), version_json(after));
  return after;
}

Version act(store::Tx& tx, const audit::Actor& actor, int64_t document_id, int number, Action action) {
  auto d = document_or_404(tx, document_id);
  auto before = version_or_404(tx, document_id, number);
  auto next = next_status(before.status, action);
  if (!next)
    throw api::conflict("status", "Versjon " + std::to_string(number) + " er " +
                                      std::string(status_label_nb(before.status)) + "; det går ikke an å " +
                                      (action == Action::submit            ? "sende den til godkjenning"
                                       : action == Action::approve         ? "godkjenne den"
                                       : action == Action::return_to_draft ? "sende den tilbake til utkast"
                                                                           : "trekke den tilbake") +
                                      ".");
  if (action == Action::submit && before.sections.empty())
    throw api::conflict("sections", "Versjonen har ikke noe innhold ennå.");
  const auto now = core::now_iso();
  const std::string status(status_code(*next));
  switch (action) {
    case Action::submit:
      tx.exec("UPDATE governing_document_version SET status = ?, submitted_at = ?, submitted_by = ?, version = version + 1 WHERE id = ?",
              {status, now, actor.name, before.id});
      break;
    case Action::return_to_draft:
      tx.exec("UPDATE governing_document_version SET status = ?, version = version + 1 WHERE id = ?", {status, before.id});
      break;
    case Action::approve: {
      tx.exec("UPDATE governing_document_version SET status = ?, approved_at = ?, approved_by = ?, approved_by_id = ?, "
              "version = version + 1 WHERE id = ?",
              {status, now, actor.name, actor.id, before.id});
      // The next review runs from the day of approval.
      const auto next_review = add_months(today(), d.review_interval_months);
      tx.exec("UPDATE governing_document SET next_review_on = ? WHERE id = ?", {next_review, document_id});
      break;
    }
    case Action::withdraw:
      tx.exec("UPDATE governing_document_version SET status = ?, withdrawn_at = ?, withdrawn_by = ?, version = version + 1 WHERE id = ?",
              {status, now, actor.name, before.id});
      break;
  }
  refresh_summary(tx, document_id);
  tx.exec("UPDATE governing_document SET version = version + 1, updated_at = ? WHERE id = ?", {now, document_id});
  auto after = *find_version(tx, document_id, number);
  audit::record(tx, actor, "document.version." + std::string(action_code(action)), "governing_document",
                std::to_string(document_id), d.org_id, version_json(before), version_json(after));
  return after;
}

std::vector<StructureNode> structure(store::Tx& tx, const std::vector<int64_t>& org_ids) {
  std::vector<StructureNode> all;
  for (auto org : org_ids) {
    auto rows = tx.query("SELECT id, org_id, parent_id, title, position FROM doc_structure_node WHERE org_id = ? ORDER BY position, id",
                         {org});
    while (rows.next())
      all.push_back({rows.integer(0), rows.integer(1), rows.opt_integer(2), rows.str(3), static_cast<int>(rows.integer(4))});
  }
  // Tree order: each node after its parent, siblings by position.
  std::vector<StructureNode> out;
  std::function<void(std::optional<int64_t>)> walk = [&](std::optional<int64_t> parent) {
    for (const auto& n : all)
      if (n.parent_id == parent) {
        out.push_back(n);
        walk(n.id);
      }
  };
  walk(std::nullopt);
  return out;
}

StructureNode add_structure_node(store::Tx& tx, const audit::Actor& actor, int64_t org_id,
                                 std::optional<int64_t> parent_id, const std::string& title) {
  if (title.empty()) throw api::bad_request("title", "Noden må ha en tittel.");
  if (parent_id && !tx.scalar_integer("SELECT 1 FROM doc_structure_node WHERE id = ? AND org_id = ?", {*parent_id, org_id}))
    throw api::bad_request("parent_id", "Foreldrenoden finnes ikke i denne virksomhetens dokumentstruktur.");
  const auto position = tx.scalar_integer(
                              parent_id ? "SELECT COALESCE(MAX(position), 0) + 1 FROM doc_structure_node WHERE org_id = ? AND parent_id = ?"
                                        : "SELECT COALESCE(MAX(position), 0) + 1 FROM doc_structure_node WHERE org_id = ? AND parent_id IS NULL",
                              parent_id ? store::Params{org_id, *parent_id} : store::Params{org_id})
                            .value_or(1);
  const auto id = tx.scalar_integer(
      "INSERT INTO doc_structure_node (org_id, parent_id, title, position, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
      {org_id, parent_id, title, position, core::now_iso()});
  StructureNode n{*id, org_id, parent_id, title, static_cast<int>(position)};
  core::JsonWriter w;
  write_json(w, n);
  audit::record(tx, actor, "document.structure.create", "doc_structure_node", std::to_string(n.id), org_id, "null", w.take());
  return n;
}

std::optional<Classification> clearance_override(store::Tx& tx, int64_t grant_id) {
  auto level = tx.scalar_text("SELECT level FROM grant_clearance WHERE grant_id = ?", {grant_id});
  if (!level) return std::nullopt;
  return classification_from_code(*level);
}

Classification clearance_of_grant(store::Tx& tx, const auth::Grant& g) {
  return clearance_override(tx, g.id).value_or(default_clearance(g.role));
}

std::optional<Classification> clearance_for(store::Tx& tx, const auth::Principal& who, const std::string& org_path) {
  std::optional<Classification> best;
  for (const auto& g : who.grants) {
    if (!auth::in_subtree(org_path, g.org_path) && !auth::in_subtree(g.org_path, org_path)) continue;
    if (!auth::role_allows(g.role, auth::Permission::read)) continue;
    const auto c = clearance_of_grant(tx, g);
    if (!best || c > *best) best = c;
  }
  return best;
}

void set_clearance(store::Tx& tx, const audit::Actor& actor, int64_t grant_id, std::optional<Classification> level) {
  auto org = tx.scalar_integer("SELECT org_id FROM role_grant WHERE id = ?", {grant_id});
  if (!org) throw api::not_found();
  auto before = tx.scalar_text("SELECT level FROM grant_clearance WHERE grant_id = ?", {grant_id});
  tx.exec("DELETE FROM grant_clearance WHERE grant_id = ?", {grant_id});
  if (level)
    tx.exec("INSERT INTO grant_clearance (grant_id, level, set_at, set_by) VALUES (?, ?, ?, ?)",
            {grant_id, std::string(classification_code(*level)), core::now_iso(), actor.name});
  auto as_json = [](const std::optional<std::string>& l) { return l ? "{\"clearance\":\"" + *l + "\"}" : std::string("{\"clearance\":null}"); };
  audit::record(tx, actor, "grant.clearance", "grant", std::to_string(grant_id), *org, as_json(before),
                as_json(level ? std::optional<std::string>(std::string(classification_code(*level))) : std::nullopt));
}

std::vector<Document> reviews_owned_by(store::Tx& tx, int64_t owner_id) {
  std::vector<Document> out;
  auto rows = tx.query(std::string(kDocumentSelect) +
                           " WHERE d.owner_id = ? AND d.approved_number IS NOT NULL AND d.next_review_on IS NOT NULL "
                           "ORDER BY d.next_review_on, d.id",
                       {owner_id});
  while (rows.next()) out.push_back(read_document(rows));
  return out;
}

void write_json(core::JsonWriter& w, const Document& d, std::string_view today) {
  w.begin_object().field("id", d.id);
  w.key("org").begin_object().field("id", d.org_id).field("code", d.org_code).field("name", d.org_name).field("path", d.org_path).end_object();
  w.field("code", d.code).field("title", d.title).field("type", type_code(d.type));
  w.key("owner_id").value(d.owner_id);
  w.field("owner_name", d.owner_name).field("owner_role", d.owner_role).field("approver", d.approver);
  w.field("classification", classification_code(d.classification));
  w.key("exemption").value(d.exemption);
  w.field("review_interval_months", d.review_interval_months);
  w.key("next_review_on").value(d.next_review_on);
  // A review concerns the version in force; a document never approved has none.
  const auto review = d.approved_number ? review_state(d.next_review_on, today) : ReviewState::none;
  w.field("review", review_code(review));
  w.key("structure_id").value(d.structure_id);
  w.field("current_number", d.current_number).field("status", status_code(d.status));
  w.key("approved_number").value(d.approved_number);
  w.key("approved_on").value(d.approved_on);
  w.field("version", d.version).field("updated_at", d.updated_at).end_object();
}

void write_json(core::JsonWriter& w, const Version& v, bool with_sections) {
  w.begin_object().field("number", v.number).field("status", status_code(v.status)).field("change_note", v.change_note);
  w.field("created_at", v.created_at).field("created_by", v.created_by);
  w.key("submitted_at").value(v.submitted_at);
  w.key("submitted_by").value(v.submitted_by);
  w.key("approved_at").value(v.approved_at);
  w.key("approved_by").value(v.approved_by);
  w.key("withdrawn_at").value(v.withdrawn_at);
  w.key("withdrawn_by").value(v.withdrawn_by);
  w.field("version", v.version);
  if (with_sections) {
    w.key("sections").begin_array();
    for (const auto& s : v.sections) w.begin_object().field("heading", s.heading).field("body", s.body).end_object();
    w.end_array();
  }
  w.end_object();
}

void write_json(core::JsonWriter& w, const StructureNode& n) {
  w.begin_object().field("id", n.id).field("org_id", n.org_id);
  w.key("parent_id").value(n.parent_id);
  w.field("title", n.title).field("position", n.position).end_object();
}

}  // namespace varde::documents
