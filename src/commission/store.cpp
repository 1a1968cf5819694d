#include "commission/store.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "api/problem.hpp"
#include "commission/scale_store.hpp"
#include "core/json_read.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "org/store.hpp"
#include "reports/document_json.hpp"
#include "risk/overview.hpp"

namespace varde::commission {

namespace {

bool is_date(const std::string& s) { return s.size() == 10 && core::is_iso_date_or_instant(s); }

void check_deadlines(const std::vector<Deadline>& ds) {
  for (std::size_t i = 0; i < ds.size(); ++i)
    if (!is_date(ds[i].due_date))
      throw api::bad_request("deadlines[" + std::to_string(i) + "].due_date", "Fristen «" + ds[i].due_date + "» er ingen gyldig dato (2026-03-15).");
}

const char* kDocumentSelect =
    "SELECT d.id, d.region_id, o.code, o.name, o.path, d.year, d.title, d.status, d.revision, d.published_at, "
    "d.version FROM commission_document d JOIN org o ON o.id = d.region_id";

Document read_document(const store::Rows& r) {
  Document d;
  d.id = r.integer(0);
  d.region_id = r.integer(1);
  d.region_code = r.str(2);
  d.region_name = r.str(3);
  d.region_path = r.str(4);
  d.year = static_cast<int>(r.integer(5));
  d.title = r.str(6);
  d.status = r.str(7);
  d.revision = static_cast<int>(r.integer(8));
  d.published_at = r.opt_str(9);
  d.version = r.integer(10);
  return d;
}

const char* kRequirementSelect =
    "SELECT r.id, r.document_id, r.chapter_id, c.code, r.number, r.text, r.applies_to_all, r.applies_to_text, "
    "r.reporting_points, r.carried_over, r.needs_number, r.position, r.version "
    "FROM requirement r JOIN commission_chapter c ON c.id = r.chapter_id";

Requirement read_requirement(const store::Rows& r) {
  Requirement q;
  q.id = r.integer(0);
  q.document_id = r.integer(1);
  q.chapter_id = r.integer(2);
  q.chapter_code = r.str(3);
  q.number = r.opt_str(4);
  q.text = r.str(5);
  q.applies_to_all = r.boolean(6);
  q.applies_to_text = r.str(7);
  q.points = points_from_text(r.text(8));
  q.carried_over = r.boolean(9);
  q.needs_number = r.boolean(10);
  q.position = static_cast<int>(r.integer(11));
  q.version = r.integer(12);
  return q;
}

// A document's requirements, or those that apply to one trust.
store::Query requirements_query(int64_t document_id, std::optional<int64_t> trust_id = std::nullopt) {
  if (!trust_id) return {std::string(kRequirementSelect) + " WHERE r.document_id = ? ORDER BY r.position", {document_id}};
  return {std::string(kRequirementSelect) +
              " WHERE r.document_id = ? AND (r.applies_to_all = 1 OR EXISTS (SELECT 1 FROM "
              "requirement_target t WHERE t.requirement_id = r.id AND t.org_id = ?)) ORDER BY r.position",
          {document_id, *trust_id}};
}

std::vector<Requirement> read_requirements(store::Rows& rows) {
  std::vector<Requirement> out;
  while (rows.next()) out.push_back(read_requirement(rows));
  return out;
}

// The targets and deadlines of a document's requirements: two queries in
// all, not two per requirement.
store::Query targets_query(int64_t document_id) {
  return {"SELECT t.requirement_id, o.code FROM requirement_target t JOIN org o ON o.id = t.org_id "
          "JOIN requirement r ON r.id = t.requirement_id WHERE r.document_id = ? ORDER BY o.code",
          {document_id}};
}

store::Query deadlines_query(int64_t document_id) {
  return {"SELECT d.requirement_id, d.id, d.phrase, d.due_date, d.yearly FROM requirement_deadline d "
          "JOIN requirement r ON r.id = d.requirement_id WHERE r.document_id = ? ORDER BY d.due_date",
          {document_id}};
}

void attach_details(store::Rows& targets, store::Rows& deadlines, std::vector<Requirement>& reqs) {
  std::map<int64_t, Requirement*> by_id;
  for (auto& r : reqs) by_id[r.id] = &r;
  while (targets.next())
    if (auto it = by_id.find(targets.integer(0)); it != by_id.end()) it->second->target_codes.push_back(targets.str(1));
  while (deadlines.next())
    if (auto it = by_id.find(deadlines.integer(0)); it != by_id.end())
      it->second->deadlines.push_back({deadlines.integer(1), deadlines.str(2), deadlines.str(3), deadlines.boolean(4)});
}

void attach_details(store::Tx& tx, std::vector<Requirement>& reqs, int64_t document_id) {
  auto rows = tx.query_all({targets_query(document_id), deadlines_query(document_id)});
  attach_details(rows[0], rows[1], reqs);
}

store::Query chapters_query(int64_t document_id) {
  return {"SELECT id, code, title, general_text, position FROM commission_chapter WHERE document_id = ? ORDER BY position",
          {document_id}};
}

void read_chapters(store::Rows& chapters, Document& d) {
  while (chapters.next())
    d.chapters.push_back({chapters.integer(0), chapters.str(1), chapters.str(2), chapters.str(3),
                          static_cast<int>(chapters.integer(4))});
}

void load_content(store::Tx& tx, Document& d) {
  auto rows = tx.query_all({chapters_query(d.id), requirements_query(d.id), targets_query(d.id), deadlines_query(d.id)});
  read_chapters(rows[0], d);
  d.requirements = read_requirements(rows[1]);
  attach_details(rows[2], rows[3], d.requirements);
}

const char* kPeriodSelect =
    "SELECT id, region_id, year, kind, starts_on, ends_on, due_on, status, closed_at, version FROM reporting_period";

Period read_period(const store::Rows& r) {
  Period p;
  p.id = r.integer(0);
  p.region_id = r.integer(1);
  p.year = static_cast<int>(r.integer(2));
  p.kind = period_from_code(r.text(3)).value_or(PeriodKind::tertial1);
  p.starts_on = r.str(4);
  p.ends_on = r.str(5);
  p.due_on = r.str(6);
  p.status = r.str(7);
  p.closed_at = r.opt_str(8);
  p.version = r.integer(9);
  return p;
}

const char* kEntrySelect =
    // The author as people read it: the user's display name now, else the name stored with the entry.
    "SELECT id, requirement_id, org_id, period_id, achievement, text, state, "
    "COALESCE((SELECT u.display_name FROM app_user u WHERE u.id = report_entry.author_id), author), updated_at, submitted_at, "
    "approved_by, approved_at, version FROM report_entry";

Entry read_entry(const store::Rows& r) {
  Entry e;
  e.id = r.integer(0);
  e.requirement_id = r.integer(1);
  e.org_id = r.integer(2);
  e.period_id = r.integer(3);
  e.achievement = r.opt_str(4);
  e.text = r.str(5);
  e.state = state_from_code(r.text(6)).value_or(EntryState::draft);
  e.author = r.opt_str(7);
  e.updated_at = r.str(8);
  e.submitted_at = r.opt_str(9);
  e.approved_by = r.opt_str(10);
  e.approved_at = r.opt_str(11);
  e.version = r.integer(12);
  return e;
}

store::Query entries_query(int64_t org_id, int64_t period_id) {
  return {std::string(kEntrySelect) + " WHERE org_id = ? AND period_id = ?", {org_id, period_id}};
}

std::vector<Entry> read_entries(store::Rows& rows) {
  std::vector<Entry> out;
  while (rows.next()) out.push_back(read_entry(rows));
  return out;
}

std::optional<Entry> find_entry_by_id(store::Tx& tx, int64_t id) {
  auto rows = tx.query(std::string(kEntrySelect) + " WHERE id = ?", {id});
  if (!rows.next()) return std::nullopt;
  return read_entry(rows);
}

// The risk assessments of the trust's subtree that the requirements rest on.
risk::AssessmentsByRequirement linked_assessments(store::Tx& tx, const std::vector<int64_t>& requirement_ids,
                                                  int64_t trust_id, const std::string& today) {
  auto trust = org::find(tx, trust_id);
  if (!trust) return {};
  return risk::assessments_for_requirements(tx, requirement_ids, trust->path, today);
}

}  // namespace

namespace {

std::optional<Document> find_document_where(store::Tx& tx, const std::string& where, const store::Params& params,
                                            bool with_content) {
  auto rows = tx.query(std::string(kDocumentSelect) + " WHERE " + where, params);
  return read_document_found(tx, rows, with_content);
}

}  // namespace

std::optional<Document> read_document_found(store::Tx& tx, store::Rows& rows, bool with_content) {
  if (!rows.next()) return std::nullopt;
  Document d = read_document(rows);
  if (with_content) load_content(tx, d);
  return d;
}

store::Query document_for_query(int64_t region_id, int year) {
  return {std::string(kDocumentSelect) + " WHERE d.region_id = ? AND d.year = ?", {region_id, year}};
}

std::optional<Document> find_document(store::Tx& tx, int64_t id, bool with_content) {
  return find_document_where(tx, "d.id = ?", {id}, with_content);
}

std::optional<Document> find_document_for(store::Tx& tx, int64_t region_id, int year, bool with_content) {
  auto rows = tx.query(document_for_query(region_id, year));
  return read_document_found(tx, rows, with_content);
}

std::vector<Document> list_documents(store::Tx& tx, const std::vector<std::string>& region_paths) {
  std::vector<Document> out;
  if (region_paths.empty()) return out;
  std::string where = " WHERE (";
  store::Params params;
  for (std::size_t i = 0; i < region_paths.size(); ++i) {
    where += i ? " OR o.path = ?" : "o.path = ?";
    params.emplace_back(region_paths[i]);
  }
  where += ")";
  auto rows = tx.query(std::string(kDocumentSelect) + where + " ORDER BY d.year DESC, o.code", params);
  while (rows.next()) out.push_back(read_document(rows));
  return out;
}

Document create_document(store::Tx& tx, const audit::Actor& actor, int64_t region_id, int year,
                         const std::string& title) {
  if (year < 2000 || year > 2100) throw api::bad_request("year", "Året må være mellom 2000 og 2100.");
  if (title.empty()) throw api::bad_request("title", "Tittelen må fylles ut.");
  if (find_document_for(tx, region_id, year, false))
    throw api::conflict("year", "Regionen har allerede et oppdragsdokument for " + std::to_string(year) + ".");
  const auto now = core::now_iso();
  const auto id = tx.scalar_integer(
      "INSERT INTO commission_document (region_id, year, title, status, revision, version, created_at, updated_at) "
      "VALUES (?, ?, ?, 'draft', 1, 1, ?, ?) RETURNING id",
      {region_id, year, title, now, now});
  auto d = *find_document(tx, *id, false);
  audit::record(tx, actor, "commission.create", "commission_document", std::to_string(d.id), region_id, "null",
                to_json(d));
  return d;
}

Document publish_document(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version) {
  auto before = find_document(tx, id, false);
  if (!before) throw api::not_found();
  if (before->version != expected_version) {
    throw api::stale_version("Dokumentet er endret i mellomtiden.", to_json(*before));
  }
  const bool revise = before->status == "published";
  tx.exec(
      "UPDATE commission_document SET status = 'published', published_at = ?, revision = revision + ?, "
      "version = version + 1, updated_at = ? WHERE id = ?",
      {core::now_iso(), revise ? 1 : 0, core::now_iso(), id});
  // Each published revision is kept as it was published.
  auto after = *find_document(tx, id, true);
  tx.exec("INSERT INTO commission_revision (document_id, revision, published_at, published_by, content) "
          "VALUES (?, ?, ?, ?, ?)",
          {id, after.revision, *after.published_at, actor.name, to_json(after)});
  after.chapters.clear();
  after.requirements.clear();
  audit::record(tx, actor, revise ? "commission.revise" : "commission.publish", "commission_document",
                std::to_string(id), after.region_id, to_json(*before), to_json(after));
  return after;
}

std::vector<Revision> revisions(store::Tx& tx, int64_t document_id) {
  std::vector<Revision> out;
  auto rows = tx.query(
      "SELECT revision, published_at, published_by FROM commission_revision WHERE document_id = ? ORDER BY revision",
      {document_id});
  while (rows.next()) out.push_back({static_cast<int>(rows.integer(0)), rows.str(1), rows.str(2)});
  return out;
}

std::optional<std::string> revision_content(store::Tx& tx, int64_t document_id, int revision) {
  return tx.scalar_text("SELECT content FROM commission_revision WHERE document_id = ? AND revision = ?",
                        {document_id, revision});
}

Chapter add_chapter(store::Tx& tx, const audit::Actor& actor, int64_t document_id, const Chapter& c) {
  auto doc = find_document(tx, document_id, false);
  if (!doc) throw api::not_found();
  if (c.code.empty()) throw api::bad_request("code", "Kapittelet må ha et nummer, f.eks. «4.2».");
  if (tx.scalar_integer("SELECT 1 FROM commission_chapter WHERE document_id = ? AND code = ?", {document_id, c.code}))
    throw api::conflict("code", "Dokumentet har allerede kapittel " + c.code + ".");
  const auto position =
      tx.scalar_integer("SELECT COALESCE(MAX(position), 0) + 1 FROM commission_chapter WHERE document_id = ?",
                        {document_id})
          .value_or(1);
  const auto id = tx.scalar_integer(
      "INSERT INTO commission_chapter (document_id, code, title, general_text, position) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id",
      {document_id, c.code, c.title, c.general_text, position});
  Chapter out = c;
  out.id = *id;
  out.position = static_cast<int>(position);
  core::JsonWriter w;
  w.begin_object().field("id", out.id).field("code", out.code).field("title", out.title).end_object();
  audit::record(tx, actor, "commission.chapter.create", "commission_chapter", std::to_string(out.id), doc->region_id,
                "null", w.take());
  return out;
}

Requirement add_requirement(store::Tx& tx, const audit::Actor& actor, int64_t document_id, const NewRequirement& r) {
  auto doc = find_document(tx, document_id, false);
  if (!doc) throw api::not_found();
  auto chapter_id = tx.scalar_integer("SELECT id FROM commission_chapter WHERE document_id = ? AND code = ?",
                                      {document_id, r.chapter_code});
  if (!chapter_id) throw api::bad_request("chapter", "Kapittel «" + r.chapter_code + "» finnes ikke i dokumentet.");
  if (r.text.empty()) throw api::bad_request("text", "Kravet må ha en tekst.");
  if (r.points.empty()) throw api::bad_request("reporting_points", "Velg når kravet skal rapporteres.");
  check_deadlines(r.deadlines);
  std::vector<int64_t> target_ids;
  for (const auto& code : r.target_codes) {
    auto id = tx.scalar_integer("SELECT id FROM org WHERE code = ? AND kind = 'trust' AND path LIKE ?",
                                {code, doc->region_path + "%"});
    if (!id) throw api::bad_request("applies_to", "«" + code + "» er ikke et foretak i " + doc->region_name + ".");
    target_ids.push_back(*id);
  }
  const auto position =
      tx.scalar_integer("SELECT COALESCE(MAX(position), 0) + 1 FROM requirement WHERE document_id = ?", {document_id})
          .value_or(1);
  std::string applies_text = "Alle";
  if (!r.target_codes.empty()) {
    applies_text.clear();
    for (const auto& c : r.target_codes) applies_text += (applies_text.empty() ? "" : ", ") + c;
  }
  const auto now = core::now_iso();
  const auto id = tx.scalar_integer(
      "INSERT INTO requirement (document_id, chapter_id, number, text, applies_to_all, applies_to_text, "
      "reporting_points, carried_over, needs_number, position, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 1, ?, ?) RETURNING id",
      {document_id, *chapter_id, r.number, r.text, r.target_codes.empty(), applies_text, points_to_text(r.points),
       r.needs_number || !r.number, position, now, now});
  for (auto t : target_ids) tx.exec("INSERT INTO requirement_target (requirement_id, org_id) VALUES (?, ?)", {*id, t});
  for (const auto& d : r.deadlines)
    tx.exec("INSERT INTO requirement_deadline (requirement_id, phrase, due_date, yearly) VALUES (?, ?, ?, ?)",
            {*id, d.phrase, d.due_date, d.yearly});
  auto rows = tx.query(std::string(kRequirementSelect) + " WHERE r.id = ?", {*id});
  rows.next();
  std::vector<Requirement> one = {read_requirement(rows)};
  attach_details(tx, one, document_id);
  audit::record(tx, actor, "requirement.create", "requirement", std::to_string(*id), doc->region_id, "null",
                to_json(one[0]));
  return one[0];
}

std::optional<Requirement> find_requirement(store::Tx& tx, int64_t id) {
  std::vector<Requirement> one;
  {
    auto rows = tx.query(std::string(kRequirementSelect) + " WHERE r.id = ?", {id});
    if (!rows.next()) return std::nullopt;
    one.push_back(read_requirement(rows));
  }
  attach_details(tx, one, one[0].document_id);
  return one[0];
}

Requirement update_requirement(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version,
                               const RequirementPatch& p) {
  auto before = find_requirement(tx, id);
  if (!before) throw api::not_found();
  if (before->version != expected_version) {
    throw api::stale_version("Kravet er endret i mellomtiden.", to_json(*before));
  }
  auto doc = find_document(tx, before->document_id, false);
  Requirement after = *before;
  if (p.number) after.number = *p.number;
  if (p.text) {
    if (p.text->empty()) throw api::bad_request("text", "Kravet må ha en tekst.");
    after.text = *p.text;
  }
  if (p.points) after.points = *p.points;
  std::vector<int64_t> target_ids;
  if (p.target_codes) {
    for (const auto& code : *p.target_codes) {
      auto tid = tx.scalar_integer("SELECT id FROM org WHERE code = ? AND kind = 'trust' AND path LIKE ?",
                                   {code, doc->region_path + "%"});
      if (!tid) throw api::bad_request("applies_to", "«" + code + "» er ikke et foretak i " + doc->region_name + ".");
      target_ids.push_back(*tid);
    }
    after.target_codes = *p.target_codes;
    after.applies_to_all = p.target_codes->empty();
    after.applies_to_text = "Alle";
    if (!after.applies_to_all) {
      after.applies_to_text.clear();
      for (const auto& c : after.target_codes) after.applies_to_text += (after.applies_to_text.empty() ? "" : ", ") + c;
    }
    tx.exec("DELETE FROM requirement_target WHERE requirement_id = ?", {id});
    for (auto t : target_ids) tx.exec("INSERT INTO requirement_target (requirement_id, org_id) VALUES (?, ?)", {id, t});
  }
  if (p.points && p.points->empty()) throw api::bad_request("reporting_points", "Velg når kravet skal rapporteres.");
  if (p.deadlines) {
    check_deadlines(*p.deadlines);
    tx.exec("DELETE FROM requirement_deadline WHERE requirement_id = ?", {id});
    for (const auto& d : *p.deadlines)
      tx.exec("INSERT INTO requirement_deadline (requirement_id, phrase, due_date, yearly) VALUES (?, ?, ?, ?)",
              {id, d.phrase, d.due_date, d.yearly});
  }
  after.needs_number = !after.number.has_value();
  tx.exec(
      "UPDATE requirement SET number = ?, text = ?, applies_to_all = ?, applies_to_text = ?, reporting_points = ?, "
      "needs_number = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
      {after.number, after.text, after.applies_to_all, after.applies_to_text, points_to_text(after.points),
       after.needs_number, core::now_iso(), id, expected_version});
  auto saved = *find_requirement(tx, id);
  audit::record(tx, actor, "requirement.update", "requirement", std::to_string(id), doc->region_id, to_json(*before),
                to_json(saved));
  return saved;
}

std::vector<Requirement> requirements_for(store::Tx& tx, int64_t document_id, int64_t trust_id) {
  auto rows = tx.query_all({requirements_query(document_id, trust_id), targets_query(document_id), deadlines_query(document_id)});
  auto out = read_requirements(rows[0]);
  attach_details(rows[1], rows[2], out);
  return out;
}

std::optional<Period> find_period(store::Tx& tx, int64_t id) {
  // The access check finds the period's region, and the route reads it again.
  return tx.once<std::optional<Period>>("commission.period " + std::to_string(id), [&]() -> std::optional<Period> {
    auto rows = tx.query(std::string(kPeriodSelect) + " WHERE id = ?", {id});
    if (!rows.next()) return std::nullopt;
    return read_period(rows);
  });
}

std::optional<Period> find_period_for(store::Tx& tx, int64_t region_id, int year, PeriodKind kind) {
  auto rows = tx.query(std::string(kPeriodSelect) + " WHERE region_id = ? AND year = ? AND kind = ?",
                       {region_id, year, period_code(kind)});
  if (!rows.next()) return std::nullopt;
  return read_period(rows);
}

std::vector<Period> list_periods(store::Tx& tx, int64_t region_id) {
  std::vector<Period> out;
  auto rows = tx.query(std::string(kPeriodSelect) + " WHERE region_id = ? ORDER BY year DESC, ends_on",
                       {region_id});
  while (rows.next()) out.push_back(read_period(rows));
  return out;
}

Period ensure_period(store::Tx& tx, const audit::Actor& actor, int64_t region_id, int year, PeriodKind kind) {
  if (auto p = find_period_for(tx, region_id, year, kind)) return *p;
  return create_period(tx, actor, region_id, year, kind, std::nullopt);
}

Period create_period(store::Tx& tx, const audit::Actor& actor, int64_t region_id, int year, PeriodKind kind,
                     const std::optional<std::string>& due_on) {
  if (due_on && !is_date(*due_on)) throw api::bad_request("due_on", "Fristen må være en dato (2026-05-15).");
  const auto id = tx.scalar_integer(
      "INSERT INTO reporting_period (region_id, year, kind, starts_on, ends_on, due_on, status, version) "
      "VALUES (?, ?, ?, ?, ?, ?, 'open', 1) RETURNING id",
      {region_id, year, period_code(kind), period_start(kind, year), period_end(kind, year),
       due_on.value_or(default_due_date(kind, year))});
  auto p = *find_period(tx, *id);
  audit::record(tx, actor, "period.create", "reporting_period", std::to_string(p.id), region_id, "null", to_json(p));
  return p;
}

std::optional<Entry> find_entry(store::Tx& tx, int64_t requirement_id, int64_t org_id, int64_t period_id) {
  auto rows = tx.query(std::string(kEntrySelect) + " WHERE requirement_id = ? AND org_id = ? AND period_id = ?",
                       {requirement_id, org_id, period_id});
  if (!rows.next()) return std::nullopt;
  return read_entry(rows);
}

std::vector<Entry> entries_for(store::Tx& tx, int64_t org_id, int64_t period_id) {
  auto rows = tx.query(entries_query(org_id, period_id));
  return read_entries(rows);
}

std::vector<Entry> entries_in_period(store::Tx& tx, int64_t period_id) {
  auto rows = tx.query(std::string(kEntrySelect) + " WHERE period_id = ?", {period_id});
  return read_entries(rows);
}

store::Query entry_states_query(int64_t period_id) {
  return {"SELECT id, requirement_id, org_id, achievement, state, version FROM report_entry WHERE period_id = ? "
          "ORDER BY requirement_id, org_id",
          {period_id}};
}

std::vector<Entry> entry_states_in_period(store::Tx& tx, int64_t period_id) {
  auto rows = tx.query(entry_states_query(period_id));
  return read_entry_states(rows, period_id);
}

std::vector<Entry> read_entry_states(store::Rows& rows, int64_t period_id) {
  std::vector<Entry> out;
  while (rows.next()) {
    Entry e;
    e.id = rows.integer(0);
    e.requirement_id = rows.integer(1);
    e.org_id = rows.integer(2);
    e.period_id = period_id;
    e.achievement = rows.opt_str(3);
    e.state = state_from_code(rows.text(4)).value_or(EntryState::draft);
    e.version = rows.integer(5);
    out.push_back(std::move(e));
  }
  return out;
}

Entry save_entry(store::Tx& tx, const audit::Actor& actor, int64_t requirement_id, int64_t org_id, int64_t period_id,
                 std::optional<int64_t> expected_version, const std::optional<std::string>& achievement_code,
                 const std::string& text) {
  auto period = find_period(tx, period_id);
  if (!period) throw api::not_found();
  if (achievement_code && !find_level(region_scale(tx, period->region_id), *achievement_code))
    throw api::bad_request("achievement", "Ukjent måloppnåelse «" + *achievement_code + "» i regionens skala.");
  if (period->status == "closed")
    throw api::conflict("period", "Perioden er avsluttet og rapporten låst. Regionen må gjenåpne den først.");
  const auto now = core::now_iso();
  auto before = find_entry(tx, requirement_id, org_id, period_id);
  if (!before) {
    const auto id = tx.scalar_integer(
        "INSERT INTO report_entry (requirement_id, org_id, period_id, achievement, text, state, author_id, author, "
        "updated_at, version) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, 1) RETURNING id",
        {requirement_id, org_id, period_id, achievement_code, text, actor.id, actor.name, now});
    auto e = *find_entry_by_id(tx, *id);
    audit::record(tx, actor, "report.create", "report_entry", std::to_string(e.id), org_id, "null", to_json(e));
    return e;
  }
  if (!expected_version) {
    api::Problem p(428, "Versjon mangler", "Teksten finnes allerede; send versjonen du endrer (If-Match).", "version");
    p.extra_json = "\"current\":" + to_json(*before);
    throw p;
  }
  if (before->version != *expected_version) {
    throw api::stale_version("Noen andre har endret denne teksten i mellomtiden. Teksten din er ikke lagret; se den "
                       "nåværende teksten og flett inn endringene dine.", to_json(*before));
  }
  auto next = next_state(before->state, EntryAction::edit);
  if (!next)
    throw api::conflict("state", "Rapporteringen er " + std::string(state_code(before->state)) +
                                     " og kan ikke endres. Send den tilbake til utkast først.");
  tx.exec(
      "UPDATE report_entry SET achievement = ?, text = ?, state = ?, author_id = ?, author = ?, updated_at = ?, "
      "version = version + 1 WHERE id = ? AND version = ?",
      {achievement_code, text, state_code(*next), actor.id, actor.name, now, before->id, *expected_version});
  auto after = *find_entry_by_id(tx, before->id);
  audit::record(tx, actor, "report.update", "report_entry", std::to_string(after.id), org_id, to_json(*before),
                to_json(after));
  return after;
}

Entry act_on_entry(store::Tx& tx, const audit::Actor& actor, int64_t entry_id, EntryAction action) {
  auto before = find_entry_by_id(tx, entry_id);
  if (!before) throw api::not_found();
  auto next = next_state(before->state, action);
  if (!next)
    throw api::conflict("state", "Det går ikke fra «" + std::string(state_code(before->state)) + "».");
  const auto now = core::now_iso();
  if (action == EntryAction::submit) {
    if (!before->achievement) throw api::bad_request("achievement", "Velg måloppnåelse før du sender inn.");
    tx.exec("UPDATE report_entry SET state = ?, submitted_at = ?, version = version + 1 WHERE id = ?",
            {state_code(*next), now, entry_id});
  } else if (action == EntryAction::approve) {
    tx.exec("UPDATE report_entry SET state = ?, approved_by = ?, approved_at = ?, version = version + 1 WHERE id = ?",
            {state_code(*next), actor.name, now, entry_id});
  } else {
    tx.exec("UPDATE report_entry SET state = ?, version = version + 1 WHERE id = ?", {state_code(*next), entry_id});
  }
  auto after = *find_entry_by_id(tx, entry_id);
  const char* name = action == EntryAction::submit    ? "report.submit"
                     : action == EntryAction::approve ? "report.approve"
                                                      : "report.return";
  audit::record(tx, actor, name, "report_entry", std::to_string(entry_id), before->org_id, to_json(*before),
                to_json(after));
  return after;
}

Period close_period(store::Tx& tx, const audit::Actor& actor, int64_t period_id) {
  auto before = find_period(tx, period_id);
  if (!before) throw api::not_found();
  if (before->status == "closed") throw api::conflict("status", "Perioden er allerede avsluttet.");
  const auto now = core::now_iso();
  // The snapshot: each trust's requirements and entries as they stand, so
  // the report of a closed period comes out the same whatever changes later.
  auto doc = find_document_for(tx, before->region_id, before->year, true);
  const auto scale = region_scale(tx, before->region_id);
  std::map<int64_t, std::vector<Entry>> by_trust;
  // Every trust of the region gets a snapshot, also one that has written nothing.
  auto trusts = tx.query("SELECT t.id FROM org t JOIN org r ON t.path LIKE r.path || '%' WHERE r.id = ? AND t.kind = 'trust'",
                         {before->region_id});
  while (trusts.next()) by_trust[trusts.integer(0)];
  for (auto& e : entries_in_period(tx, period_id)) by_trust[e.org_id].push_back(e);
  std::vector<int64_t> requirement_ids;
  if (doc)
    for (const auto& r : doc->requirements) requirement_ids.push_back(r.id);
  for (const auto& [trust_id, entries] : by_trust) {
    core::JsonWriter w;
    w.begin_object();
    w.key("document");
    if (doc) write_json(w, *doc); else w.null();
    w.key("entries").begin_array();
    for (const auto& e : entries) write_json(w, e);
    w.end_array();
    w.key("scale");  // the labels and colours as they were, should the region change its scale later
    write_json(w, scale);
    // The risk assessments each requirement rests on, with the levels and
    // acceptance as they stand now: risks are rescored and unlinked later.
    w.key("risk_assessments").begin_object();
    for (const auto& [requirement_id, list] : linked_assessments(tx, requirement_ids, trust_id, now.substr(0, 10))) {
      w.key(std::to_string(requirement_id)).begin_array();
      for (const auto& a : list) risk::write_json(w, a);
      w.end_array();
    }
    w.end_object();
    // The appendix of a tertial report as it was sent (see report_export.hpp).
    if (before->kind == PeriodKind::tertial1 || before->kind == PeriodKind::tertial2)
      if (auto trust = org::find(tx, trust_id)) {
        w.key("risk_overview");
        reports::write_json(w, risk::risk_overview_document(tx, *trust, core::local_time_text()));
      }
    w.end_object();
    tx.exec("INSERT INTO report_snapshot (period_id, org_id, taken_at, content) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (period_id, org_id) DO UPDATE SET taken_at = excluded.taken_at, content = excluded.content",
            {period_id, trust_id, now, w.take()});
  }
  tx.exec("UPDATE report_entry SET state = 'locked', version = version + 1 WHERE period_id = ?", {period_id});
  tx.exec("UPDATE reporting_period SET status = 'closed', closed_at = ?, version = version + 1 WHERE id = ?",
          {now, period_id});
  auto after = *find_period(tx, period_id);
  audit::record(tx, actor, "period.close", "reporting_period", std::to_string(period_id), before->region_id,
                to_json(*before), to_json(after));
  return after;
}

Period reopen_period(store::Tx& tx, const audit::Actor& actor, int64_t period_id, const std::string& reason) {
  auto before = find_period(tx, period_id);
  if (!before) throw api::not_found();
  if (before->status != "closed") throw api::conflict("status", "Perioden er ikke avsluttet.");
  if (core::is_blank(reason) || reason.size() < 5)
    throw api::bad_request("reason", "Oppgi en begrunnelse for å gjenåpne perioden.");
  tx.exec("UPDATE report_entry SET state = 'draft', version = version + 1 WHERE period_id = ?", {period_id});
  tx.exec("UPDATE reporting_period SET status = 'open', closed_at = NULL, version = version + 1 WHERE id = ?",
          {period_id});
  auto after = *find_period(tx, period_id);
  core::JsonWriter w;
  w.begin_object().field("reason", reason).key("period").raw(to_json(after)).end_object();
  audit::record(tx, actor, "period.reopen", "reporting_period", std::to_string(period_id), before->region_id,
                to_json(*before), w.take());
  return after;
}

std::optional<std::string> snapshot(store::Tx& tx, int64_t period_id, int64_t org_id) {
  return tx.scalar_text("SELECT content FROM report_snapshot WHERE period_id = ? AND org_id = ?", {period_id, org_id});
}

namespace {

// A closed period's snapshot, as close_period wrote it.
Requirement requirement_from_json(const core::JsonValue& j) {
  Requirement r;
  r.id = core::integer(j, "id");
  r.document_id = core::integer(j, "document_id");
  r.chapter_code = core::text(j, "chapter");
  r.number = core::optional_text(j, "number");
  r.text = core::text(j, "text");
  r.applies_to_all = core::boolean(j, "applies_to_all");
  r.applies_to_text = core::text(j, "applies_to");
  r.target_codes = core::texts(j, "targets");
  for (const auto& p : core::array(j, "reporting_points").GetArray())
    if (auto point = point_from_code(core::as_text(p))) r.points.insert(*point);
  r.needs_number = core::boolean_or(j, "needs_number", false);
  r.position = static_cast<int>(core::integer_or(j, "position", 0));
  r.version = core::integer_or(j, "version", 1);
  for (const auto& d : core::array(j, "deadlines").GetArray())
    r.deadlines.push_back({core::integer(d, "id"), core::text(d, "phrase"), core::text(d, "due_date"), core::boolean(d, "yearly")});
  return r;
}

Entry entry_from_json(const core::JsonValue& j) {
  Entry e;
  e.id = core::integer(j, "id");
  e.requirement_id = core::integer(j, "requirement_id");
  e.org_id = core::integer(j, "org_id");
  e.period_id = core::integer(j, "period_id");
  e.achievement = core::optional_text(j, "achievement");
  e.text = core::text(j, "text");
  e.state = EntryState::locked;
  e.author = core::optional_text(j, "author");
  e.updated_at = core::text(j, "updated_at");
  e.approved_by = core::optional_text(j, "approved_by");
  e.version = core::integer(j, "version");
  return e;
}

}  // namespace

namespace {

store::Query previous_texts_query(const Period& period, int64_t trust_id) {
  return {"SELECT e.requirement_id, e.text FROM report_entry e JOIN reporting_period p ON p.id = e.period_id "
          "WHERE e.org_id = ? AND p.region_id = ? AND p.year = ? AND p.ends_on < ? ORDER BY p.ends_on",
          {trust_id, period.region_id, period.year, period.ends_on}};
}

// The latest period's text wins: the rows come in period order.
std::map<int64_t, std::string> read_previous_texts(store::Rows& rows) {
  std::map<int64_t, std::string> out;
  while (rows.next()) out[rows.integer(0)] = rows.str(1);
  return out;
}

}  // namespace

TrustReport trust_report(store::Tx& tx, const Period& period, int64_t trust_id, bool with_previous_texts) {
  TrustReport out;
  if (period.status == "closed") {
    if (auto text = snapshot(tx, period.id, trust_id)) {
      const auto j = core::parse_json(*text);
      out.from_snapshot = true;
      const auto* document = core::find_member(j, "document");
      if (document && !document->IsNull()) {
        const auto& jd = *document;
        Document d;
        d.id = core::integer(jd, "id");
        d.year = static_cast<int>(core::integer(jd, "year"));
        d.title = core::text(jd, "title");
        d.status = core::text(jd, "status");
        d.revision = static_cast<int>(core::integer(jd, "revision"));
        const auto& region = core::member(jd, "region");
        d.region_id = core::integer(region, "id");
        d.region_code = core::text(region, "code");
        d.region_name = core::text(region, "name");
        for (const auto& c : core::array(jd, "chapters").GetArray())
          d.chapters.push_back({core::integer(c, "id"), core::text(c, "code"), core::text(c, "title"),
                                core::text(c, "general_text"), static_cast<int>(core::integer(c, "position"))});
        const auto trust = org::find(tx, trust_id);
        for (const auto& r : core::array(jd, "requirements").GetArray()) {
          auto req = requirement_from_json(r);
          const bool applies = req.applies_to_all || (trust && std::find(req.target_codes.begin(), req.target_codes.end(),
                                                                         trust->code) != req.target_codes.end());
          if (applies && reported_in(req.points, period.kind)) d.requirements.push_back(std::move(req));
        }
        out.document = std::move(d);
      }
      for (const auto& e : core::array(j, "entries").GetArray()) out.entries.push_back(entry_from_json(e));
      if (const auto* scale = core::find_member(j, "scale"))
        for (const auto& l : scale->GetArray())
          out.scale.push_back({core::text(l, "code"), core::text(l, "label_nb"), core::text(l, "label_en"), core::text(l, "colour")});
      else  // taken before scales were kept in snapshots
        out.scale = region_scale(tx, period.region_id);
      // A snapshot taken before the links were kept has none: the closed
      // report stays as it was then. These small parts are read by the
      // readers of their own areas, which take nlohmann::json.
      if (const auto* linked = core::find_member(j, "risk_assessments"); linked && !linked->IsNull()) {
        const auto by_requirement = nlohmann::json::parse(core::to_json_text(*linked));
        for (const auto& [id, list] : by_requirement.items())
          for (const auto& a : list) out.assessments[std::stoll(id)].push_back(risk::linked_assessment_from_json(a));
      }
      if (const auto* overview = core::find_member(j, "risk_overview"); overview && !overview->IsNull())
        out.risk_overview = reports::document_from_json(nlohmann::json::parse(core::to_json_text(*overview)));
      if (with_previous_texts) {
        auto rows = tx.query(previous_texts_query(period, trust_id));
        out.previous_texts = read_previous_texts(rows);
      }
      return out;
    }
  }
  // The entries, the scale, the chapters and only the requirements that
  // apply to the trust (not the whole document's, read and then dropped):
  // they depend only on the document, the trust and the period, so on
  // PostgreSQL they take one round trip.
  out.document = find_document_for(tx, period.region_id, period.year, false);
  std::vector<store::Query> reads = {entries_query(trust_id, period.id), region_scale_query(period.region_id)};
  if (out.document) {
    const auto id = out.document->id;
    reads.insert(reads.end(), {chapters_query(id), requirements_query(id, trust_id), targets_query(id), deadlines_query(id)});
  }
  if (with_previous_texts) reads.push_back(previous_texts_query(period, trust_id));
  auto rows = tx.query_all(reads);
  out.entries = read_entries(rows[0]);
  out.scale = read_region_scale(rows[1], period.region_id).levels;
  if (with_previous_texts) out.previous_texts = read_previous_texts(rows.back());
  if (out.document) {
    read_chapters(rows[2], *out.document);
    auto applying = read_requirements(rows[3]);
    attach_details(rows[4], rows[5], applying);
    for (auto& r : applying)
      if (reported_in(r.points, period.kind)) out.document->requirements.push_back(std::move(r));
    std::vector<int64_t> ids;
    for (const auto& r : out.document->requirements) ids.push_back(r.id);
    out.assessments = linked_assessments(tx, ids, trust_id, core::now_iso().substr(0, 10));
  }
  return out;
}

void write_json(core::JsonWriter& w, const Requirement& r) {
  w.begin_object();
  w.field("id", r.id).field("document_id", r.document_id).field("chapter", r.chapter_code);
  w.key("number").value(r.number);
  w.field("text", r.text).field("applies_to_all", r.applies_to_all).field("applies_to", r.applies_to_text);
  w.key("targets").begin_array();
  for (const auto& c : r.target_codes) w.value(c);
  w.end_array();
  w.key("reporting_points").begin_array();
  for (auto p : r.points) w.value(point_code(p));
  w.end_array();
  w.field("reporting_phrase", points_phrase_nb(r.points));
  w.field("carried_over", r.carried_over).field("needs_number", r.needs_number).field("position", r.position);
  w.field("version", r.version);
  w.key("deadlines").begin_array();
  for (const auto& d : r.deadlines)
    w.begin_object().field("id", d.id).field("phrase", d.phrase).field("due_date", d.due_date).field("yearly", d.yearly).end_object();
  w.end_array();
  w.end_object();
}

void write_json(core::JsonWriter& w, const Document& d) {
  w.begin_object();
  w.field("id", d.id).field("year", d.year).field("title", d.title).field("status", d.status);
  w.field("revision", d.revision);
  w.key("published_at").value(d.published_at);
  w.field("version", d.version);
  w.key("region").begin_object().field("id", d.region_id).field("code", d.region_code).field("name", d.region_name).end_object();
  w.key("chapters").begin_array();
  for (const auto& c : d.chapters)
    w.begin_object().field("id", c.id).field("code", c.code).field("title", c.title).field("general_text", c.general_text).field("position", c.position).end_object();
  w.end_array();
  w.key("requirements").begin_array();
  for (const auto& r : d.requirements) write_json(w, r);
  w.end_array();
  w.end_object();
}

void write_json(core::JsonWriter& w, const Period& p) {
  w.begin_object();
  w.field("id", p.id).field("region_id", p.region_id).field("year", p.year).field("kind", period_code(p.kind));
  w.field("label", period_label_nb(p.kind, p.year)).field("starts_on", p.starts_on).field("ends_on", p.ends_on);
  w.field("due_on", p.due_on).field("status", p.status);
  w.key("closed_at").value(p.closed_at);
  w.field("version", p.version);
  w.end_object();
}

void write_json(core::JsonWriter& w, const Entry& e) {
  w.begin_object();
  w.field("id", e.id).field("requirement_id", e.requirement_id).field("org_id", e.org_id).field("period_id", e.period_id);
  w.key("achievement").value(e.achievement);
  w.field("text", e.text).field("state", state_code(e.state));
  w.key("author").value(e.author);
  w.field("updated_at", e.updated_at);
  w.key("submitted_at").value(e.submitted_at);
  w.key("approved_by").value(e.approved_by);
  w.key("approved_at").value(e.approved_at);
  w.field("version", e.version);
  w.end_object();
}

}  // namespace varde::commission
