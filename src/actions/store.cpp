#include "actions/store.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "api/problem.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "store/sql.hpp"

namespace varde::actions {

namespace {

const char* kPlanSelect =
    "SELECT p.id, p.org_id, o.code, o.name, o.path, p.title, p.period_text, p.intro, p.revision, p.previous_id, "
    "p.superseded, p.version, p.created_at, p.updated_at, "
    "(SELECT n.id FROM action_plan n WHERE n.previous_id = p.id) "
    "FROM action_plan p JOIN org o ON o.id = p.org_id";

Plan read_plan(const store::Rows& r) {
  Plan p;
  p.id = r.integer(0);
  p.org_id = r.integer(1);
  p.org_code = r.str(2);
  p.org_name = r.str(3);
  p.org_path = r.str(4);
  p.title = r.str(5);
  p.period_text = r.str(6);
  p.intro = r.str(7);
  p.revision = static_cast<int>(r.integer(8));
  p.previous_id = r.opt_integer(9);
  p.superseded = r.boolean(10);
  p.version = r.integer(11);
  p.created_at = r.str(12);
  p.updated_at = r.str(13);
  p.next_id = r.opt_integer(14);
  return p;
}

const char* kMeasureSelect =
    "SELECT m.id, m.plan_id, m.area_id, a.code, m.origin_id, m.carried_from_id, m.position, m.title, m.description, "
    "m.status, s.kind, m.status_text, m.period_text, m.period_kind, m.period_from, m.period_to, m.period_quarter, "
    "m.period_note, m.responsible_text, m.responsible_person, m.due_date, m.effective_due, m.last_update_at, "
    "m.version, m.created_at, m.updated_at "
    "FROM measure m JOIN action_area a ON a.id = m.area_id JOIN action_status s ON s.code = m.status "
    "JOIN action_plan p ON p.id = m.plan_id JOIN org po ON po.id = p.org_id";

Measure read_measure(const store::Rows& r) {
  Measure m;
  m.id = r.integer(0);
  m.plan_id = r.integer(1);
  m.area_id = r.integer(2);
  m.area_code = r.str(3);
  m.origin_id = r.integer(4);
  m.carried_from_id = r.opt_integer(5);
  m.position = static_cast<int>(r.integer(6));
  m.title = r.str(7);
  m.description = r.str(8);
  m.status = r.str(9);
  m.status_kind = kind_from_code(r.text(10)).value_or(StatusKind::active);
  m.status_text = r.str(11);
  m.period.text = r.str(12);
  m.period.kind = period_kind_from_code(r.text(13)).value_or(PeriodKind::unknown);
  m.period.from_year = static_cast<int>(r.opt_integer(14).value_or(0));
  m.period.to_year = static_cast<int>(r.opt_integer(15).value_or(0));
  m.period.quarter = static_cast<int>(r.opt_integer(16).value_or(0));
  m.period.note = r.str(17);
  m.responsible_text = r.str(18);
  m.responsible_person = r.str(19);
  m.due_date = r.opt_str(20);
  m.effective_due = r.opt_str(21);
  m.last_update_at = r.str(22);
  m.version = r.integer(23);
  m.created_at = r.str(24);
  m.updated_at = r.str(25);
  return m;
}

// The SQL condition "measure m is seen by someone reading `paths`": the
// plan's node is in one of the paths, or the measure names a node in one of
// them responsible, or it names every trust and one of the paths is a trust
// under the plan's node. Each of the three is a set of ids from an index (the
// org path range, action_plan_org, measure_responsible_org, the partial index
// on each_trust of migration 10), so the database unions three index lookups
// instead of testing a correlated EXISTS on every measure.
constexpr int kVisibleBranches = 3;

// One of the three ways into the visible set (see visible_sql), on its own.
std::string visible_branch(store::Dialect d, int branch, const std::vector<std::string>& paths, store::Params& params) {
  if (paths.empty()) return "(1 = 0)";
  if (branch == 0)
    return "m.plan_id IN (SELECT vp.id FROM action_plan vp JOIN org vo ON vo.id = vp.org_id WHERE " +
           store::under_any(d, "vo.path", paths, params) + ")";
  if (branch == 1)
    return "m.id IN (SELECT mr.measure_id FROM measure_responsible mr JOIN org ro ON ro.id = mr.org_id WHERE " +
           store::under_any(d, "ro.path", paths, params) + ")";
  // "De enkelte HF": every trust of the plan's region, so a reader of one of
  // those trusts (not of a unit inside it) sees the measure.
  std::string sql =
      "m.id IN (SELECT mr.measure_id FROM measure_responsible mr JOIN measure vm ON vm.id = mr.measure_id "
      "JOIN action_plan vp ON vp.id = vm.plan_id JOIN org vo ON vo.id = vp.org_id WHERE mr.each_trust = 1 AND "
      "EXISTS (SELECT 1 FROM org t WHERE t.kind = 'trust' AND t.path LIKE vo.path || '%' AND t.path IN (";
  for (std::size_t i = 0; i < paths.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.emplace_back(paths[i]);
  }
  return sql + ")))";
}

std::string visible_sql(store::Dialect d, const std::vector<std::string>& paths, store::Params& params) {
  if (paths.empty()) return "(1 = 0)";
  std::string sql = "(";
  for (int b = 0; b < kVisibleBranches; ++b) sql += (b ? " OR " : "") + visible_branch(d, b, paths, params);
  return sql + ")";
}

void attach_details(store::Tx& tx, std::vector<Measure>& ms, bool with_updates) {
  if (ms.empty()) return;
  std::map<int64_t, Measure*> by_id;
  std::string ids;
  store::Params params;
  for (auto& m : ms) {
    by_id[m.id] = &m;
    ids += ids.empty() ? "?" : ", ?";
    params.emplace_back(m.id);
  }
  // One round trip for all of them on PostgreSQL.
  std::vector<store::Query> reads = {
      {"SELECT mr.measure_id, mr.text, mr.org_id, o.code, o.name, mr.each_trust FROM measure_responsible mr "
       "LEFT JOIN org o ON o.id = mr.org_id WHERE mr.measure_id IN (" + ids + ") ORDER BY mr.measure_id, mr.position",
       params},
      {"SELECT l.measure_id, l.target_kind, l.target_id, "
       "CASE WHEN l.target_kind = 'requirement' THEN (SELECT COALESCE(c.code || ' ', '') || COALESCE('krav ' || r.number, '') "
       "FROM requirement r JOIN commission_chapter c ON c.id = r.chapter_id WHERE r.id = l.target_id) END "
       "FROM measure_link l WHERE l.measure_id IN (" + ids + ") ORDER BY l.measure_id, l.target_kind, l.target_id",
       params}};
  if (with_updates)
    reads.push_back({"SELECT id, measure_id, at, author, status_from, status_to, comment FROM measure_update WHERE measure_id IN (" +
                         ids + ") ORDER BY measure_id, at, id",
                     params});
  auto answers = tx.query_all(reads);
  auto& resp = answers[0];
  while (resp.next())
    by_id[resp.integer(0)]->responsible.push_back(
        {resp.str(1), resp.opt_integer(2), resp.opt_str(3).value_or(""), resp.opt_str(4).value_or(""), resp.boolean(5)});
  auto& links = answers[1];
  while (links.next())
    by_id[links.integer(0)]->links.push_back({links.str(1), links.integer(2), links.opt_str(3).value_or("")});
  if (!with_updates) return;
  auto& ups = answers[2];
  while (ups.next())
    by_id[ups.integer(1)]->updates.push_back(
        {ups.integer(0), ups.integer(1), ups.str(2), ups.str(3), ups.opt_str(4), ups.opt_str(5), ups.str(6)});
}

std::string measure_json(const Measure& m, const Scale& scale) {
  core::JsonWriter w;
  write_json(w, m, scale, "", 0);
  return w.take();
}

std::string plan_json(const Plan& p) {
  core::JsonWriter w;
  write_json(w, p);
  return w.take();
}

}  // namespace

std::vector<OrgName> orgs_for_matching(store::Tx& tx, const std::string& plan_path) {
  // The region: the plan's node if it is one, else the nearest region above.
  store::Params params;
  auto region_path = tx.scalar_text("SELECT path FROM org WHERE kind = 'region' AND " +
                                        store::one_of("path", store::path_and_ancestors(plan_path), params) +
                                        " ORDER BY length(path) DESC LIMIT 1",
                                    params);
  const auto root = region_path.value_or(plan_path);
  std::vector<OrgName> out;
  store::Params under;
  auto rows = tx.query("SELECT id, code, name, kind FROM org WHERE " + store::under_any(tx.dialect(), "path", {root}, under) +
                           " ORDER BY path",
                       under);
  while (rows.next()) out.push_back({rows.integer(0), rows.str(1), rows.str(2), rows.str(3)});
  return out;
}

namespace {

void write_responsible(store::Tx& tx, int64_t measure_id, const std::string& text, const std::string& plan_path) {
  tx.exec("DELETE FROM measure_responsible WHERE measure_id = ?", {measure_id});
  int pos = 0;
  for (const auto& r : parse_responsible(text, orgs_for_matching(tx, plan_path)))
    tx.exec("INSERT INTO measure_responsible (measure_id, position, text, org_id, each_trust) VALUES (?, ?, ?, ?, ?)",
            {measure_id, ++pos, r.text, r.org_id, r.each_trust});
}

void check_date(const std::optional<std::string>& d, const std::string& field) {
  if (d && !(d->size() == 10 && core::is_iso_date_or_instant(*d)))
    throw api::bad_request(field, "«" + *d + "» er ingen gyldig dato (2026-03-15).");
}

int64_t area_id_of(store::Tx& tx, int64_t plan_id, const std::string& code) {
  auto id = tx.scalar_integer("SELECT id FROM action_area WHERE plan_id = ? AND code = ?", {plan_id, code});
  if (!id) throw api::bad_request("area", "Planen har ikke noe område «" + code + "».");
  return *id;
}

Plan require_open_plan(store::Tx& tx, int64_t plan_id) {
  auto plan = find_plan(tx, plan_id);
  if (!plan) throw api::not_found();
  if (plan->superseded)
    throw api::conflict("plan", "Denne versjonen av planen er erstattet av en nyere; endre den nyeste versjonen.");
  return *plan;
}

}  // namespace

Scale load_scale(store::Tx& tx) {
  Scale s;
  auto rows = tx.query("SELECT code, label_nb, label_en, colour, kind FROM action_status ORDER BY position");
  while (rows.next())
    s.push_back({rows.str(0), rows.str(1), rows.str(2), rows.str(3), kind_from_code(rows.text(4)).value_or(StatusKind::active)});
  return s;
}

std::optional<Plan> find_plan(store::Tx& tx, int64_t id) {
  auto rows = tx.query(std::string(kPlanSelect) + " WHERE p.id = ?", {id});
  if (!rows.next()) return std::nullopt;
  return read_plan(rows);
}

std::optional<Plan> find_plan_with_content(store::Tx& tx, int64_t id, const Visibility* vis) {
  auto plan = find_plan(tx, id);
  if (!plan) return std::nullopt;
  auto areas = tx.query("SELECT id, plan_id, code, title, intro, position FROM action_area WHERE plan_id = ? ORDER BY position", {id});
  while (areas.next())
    plan->areas.push_back({areas.integer(0), areas.integer(1), areas.str(2), areas.str(3), areas.str(4),
                           static_cast<int>(areas.integer(5))});
  store::Params params{id};
  std::string sql = std::string(kMeasureSelect) + " WHERE m.plan_id = ?";
  if (vis) sql += " AND " + visible_sql(tx.dialect(), vis->paths, params);
  sql += " ORDER BY a.position, m.position";
  auto rows = tx.query(sql, params);
  while (rows.next()) plan->measures.push_back(read_measure(rows));
  attach_details(tx, plan->measures, false);
  return plan;
}

std::vector<Plan> list_plans(store::Tx& tx, const Visibility& vis, std::optional<int64_t> org_id) {
  std::vector<Plan> out;
  if (vis.paths.empty()) return out;
  store::Params params;
  // Built in steps: the parameters must be appended in the order the text has them.
  std::string sql = std::string(kPlanSelect) + " WHERE (" + store::under_any(tx.dialect(), "o.path", vis.paths, params);
  sql += " OR EXISTS (SELECT 1 FROM measure m JOIN org po ON po.id = o.id WHERE m.plan_id = p.id AND ";
  sql += visible_sql(tx.dialect(), vis.paths, params) + "))";
  if (org_id) {
    sql += " AND p.org_id = ?";
    params.emplace_back(*org_id);
  }
  sql += " ORDER BY p.superseded, o.path, p.revision DESC, p.id";
  auto rows = tx.query(sql, params);
  while (rows.next()) out.push_back(read_plan(rows));
  return out;
}

Plan create_plan(store::Tx& tx, const audit::Actor& actor, const NewPlan& p) {
  if (core::is_blank(p.title)) throw api::bad_request("title", "Planen må ha en tittel.");
  const auto now = core::now_iso();
  auto id = tx.scalar_integer(
      "INSERT INTO action_plan (org_id, title, period_text, intro, revision, superseded, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, 1, 0, 1, ?, ?) RETURNING id",
      {p.org_id, p.title, p.period_text, p.intro, now, now});
  auto plan = *find_plan(tx, *id);
  audit::record(tx, actor, "action_plan.create", "action_plan", std::to_string(plan.id), plan.org_id, "null", plan_json(plan));
  return plan;
}

Plan update_plan(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version, const PlanPatch& p) {
  auto before = find_plan(tx, id);
  if (!before) throw api::not_found();
  if (before->version != expected_version) throw api::stale_version("Planen er endret i mellomtiden.", plan_json(*before));
  if (p.title && core::is_blank(*p.title)) throw api::bad_request("title", "Planen må ha en tittel.");
  tx.exec("UPDATE action_plan SET title = ?, period_text = ?, intro = ?, version = version + 1, updated_at = ? WHERE id = ?",
          {p.title.value_or(before->title), p.period_text.value_or(before->period_text), p.intro.value_or(before->intro),
           core::now_iso(), id});
  auto after = *find_plan(tx, id);
  audit::record(tx, actor, "action_plan.update", "action_plan", std::to_string(id), after.org_id, plan_json(*before),
                plan_json(after));
  return after;
}

Area add_area(store::Tx& tx, const audit::Actor& actor, int64_t plan_id, const Area& a) {
  auto plan = require_open_plan(tx, plan_id);
  if (core::is_blank(a.code)) throw api::bad_request("code", "Området må ha et nummer, f.eks. «3.1».");
  if (core::is_blank(a.title)) throw api::bad_request("title", "Området må ha en tittel.");
  if (tx.scalar_integer("SELECT 1 FROM action_area WHERE plan_id = ? AND code = ?", {plan_id, a.code}))
    throw api::conflict("code", "Planen har allerede område " + a.code + ".");
  const auto position =
      tx.scalar_integer("SELECT COALESCE(MAX(position), 0) + 1 FROM action_area WHERE plan_id = ?", {plan_id}).value_or(1);
  auto id = tx.scalar_integer(
      "INSERT INTO action_area (plan_id, code, title, intro, position) VALUES (?, ?, ?, ?, ?) RETURNING id",
      {plan_id, a.code, a.title, a.intro, position});
  Area out = a;
  out.id = *id;
  out.plan_id = plan_id;
  out.position = static_cast<int>(position);
  core::JsonWriter w;
  write_json(w, out);
  audit::record(tx, actor, "action_area.create", "action_area", std::to_string(out.id), plan.org_id, "null", w.take());
  return out;
}

Measure add_measure(store::Tx& tx, const audit::Actor& actor, int64_t plan_id, const NewMeasure& m) {
  auto plan = require_open_plan(tx, plan_id);
  const auto area_id = area_id_of(tx, plan_id, m.area_code);
  if (core::is_blank(m.title)) throw api::bad_request("title", "Tiltaket må ha en tittel.");
  const auto scale = load_scale(tx);
  if (!find_status(scale, m.status)) throw api::bad_request("status", "Ukjent status «" + m.status + "».");
  check_date(m.due_date, "due_date");
  if (m.at && !core::is_iso_date_or_instant(*m.at)) throw api::bad_request("at", "«" + *m.at + "» er ingen gyldig dato.");
  const auto period = parse_period(m.period_text);
  const auto due = effective_due_date(m.due_date, period);
  const auto now = core::now_iso();
  const auto at = m.at.value_or(now);
  const auto position =
      tx.scalar_integer("SELECT COALESCE(MAX(position), 0) + 1 FROM measure WHERE plan_id = ?", {plan_id}).value_or(1);
  auto id = tx.scalar_integer(
      "INSERT INTO measure (plan_id, area_id, position, title, description, status, status_text, period_text, "
      "period_kind, period_from, period_to, period_quarter, period_note, responsible_text, responsible_person, due_date, "
      "effective_due, last_update_at, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
      {plan_id, area_id, position, m.title, m.description, m.status, m.status_text, period.text,
       period_kind_code(period.kind), period.from_year ? std::optional<int64_t>(period.from_year) : std::nullopt,
       period.to_year ? std::optional<int64_t>(period.to_year) : std::nullopt,
       period.quarter ? std::optional<int64_t>(period.quarter) : std::nullopt, period.note, m.responsible_text,
       m.responsible_person, m.due_date, due, at, now, now});
  tx.exec("UPDATE measure SET origin_id = id WHERE id = ?", {*id});
  write_responsible(tx, *id, m.responsible_text, plan.org_path);
  tx.exec("INSERT INTO measure_update (measure_id, at, author_id, author, status_from, status_to, comment, created_at) "
          "VALUES (?, ?, ?, ?, NULL, ?, ?, ?)",
          {*id, at, actor.id, actor.name, m.status, m.status_text, now});
  auto out = *find_measure(tx, *id);
  audit::record(tx, actor, "measure.create", "measure", std::to_string(out.id), plan.org_id, "null", measure_json(out, scale));
  return out;
}

std::optional<Measure> find_measure(store::Tx& tx, int64_t id) {
  std::vector<Measure> one;
  {
    auto rows = tx.query(std::string(kMeasureSelect) + " WHERE m.id = ?", {id});
    if (!rows.next()) return std::nullopt;
    one.push_back(read_measure(rows));
  }
  attach_details(tx, one, true);
  return one[0];
}

Measure update_measure(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version,
                       const MeasurePatch& p) {
  auto before = find_measure(tx, id);
  if (!before) throw api::not_found();
  const auto scale = load_scale(tx);
  if (before->version != expected_version)
    throw api::stale_version("Tiltaket er endret i mellomtiden.", measure_json(*before, scale));
  auto plan = require_open_plan(tx, before->plan_id);
  if (p.title && core::is_blank(*p.title)) throw api::bad_request("title", "Tiltaket må ha en tittel.");
  if (p.due_date) check_date(*p.due_date, "due_date");
  const auto area_id = p.area_code ? area_id_of(tx, plan.id, *p.area_code) : before->area_id;
  const auto period = p.period_text ? parse_period(*p.period_text) : before->period;
  const auto due_date = p.due_date ? *p.due_date : before->due_date;
  const auto responsible_text = p.responsible_text.value_or(before->responsible_text);
  tx.exec(
      "UPDATE measure SET area_id = ?, title = ?, description = ?, period_text = ?, period_kind = ?, period_from = ?, "
      "period_to = ?, period_quarter = ?, period_note = ?, responsible_text = ?, responsible_person = ?, due_date = ?, "
      "effective_due = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {area_id, p.title.value_or(before->title), p.description.value_or(before->description), period.text,
       period_kind_code(period.kind), period.from_year ? std::optional<int64_t>(period.from_year) : std::nullopt,
       period.to_year ? std::optional<int64_t>(period.to_year) : std::nullopt,
       period.quarter ? std::optional<int64_t>(period.quarter) : std::nullopt, period.note, responsible_text,
       p.responsible_person.value_or(before->responsible_person), due_date, effective_due_date(due_date, period),
       core::now_iso(), id, expected_version});
  if (p.responsible_text) write_responsible(tx, id, responsible_text, plan.org_path);
  auto after = *find_measure(tx, id);
  audit::record(tx, actor, "measure.update", "measure", std::to_string(id), plan.org_id, measure_json(*before, scale),
                measure_json(after, scale));
  return after;
}

Measure add_update(store::Tx& tx, const audit::Actor& actor, int64_t measure_id, int64_t expected_version,
                   const NewUpdate& u) {
  auto before = find_measure(tx, measure_id);
  if (!before) throw api::not_found();
  const auto scale = load_scale(tx);
  if (before->version != expected_version)
    throw api::stale_version("Tiltaket er oppdatert av noen andre i mellomtiden. Se den nye statusen før du skriver din.",
                             measure_json(*before, scale));
  auto plan = require_open_plan(tx, before->plan_id);
  if (auto why = transition_error(scale, before->status, u.status, u.comment))
    throw api::bad_request(u.status && *u.status != before->status && !find_status(scale, *u.status) ? "status" : "comment", *why);
  const auto now = core::now_iso();
  std::string at = now;
  if (u.at) {
    if (!(u.at->size() == 10 && core::is_iso_date_or_instant(*u.at)))
      throw api::bad_request("at", "«" + *u.at + "» er ingen gyldig dato (2026-03-15).");
    if (*u.at > now.substr(0, 10)) throw api::bad_request("at", "En oppdatering kan ikke dateres fram i tid.");
    // The history reads in date order and the status is the latest entry's,
    // so an entry may not be dated before the one it follows.
    if (*u.at < before->last_update_at.substr(0, 10))
      throw api::bad_request("at", "Oppdateringen kan ikke dateres før forrige oppdatering (" +
                                       before->last_update_at.substr(0, 10) + ").");
    at = *u.at;
  }
  const bool changes = u.status && *u.status != before->status;
  tx.exec("INSERT INTO measure_update (measure_id, at, author_id, author, status_from, status_to, comment, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {measure_id, at, actor.id, actor.name, changes ? std::optional(before->status) : std::nullopt,
           changes ? u.status : std::nullopt, u.comment, now});
  // The measure's status is its latest update's; its status text the latest comment.
  const auto status = changes ? *u.status : before->status;
  const auto text = core::is_blank(u.comment) ? before->status_text : u.comment;
  const auto last = std::max(before->last_update_at, at);
  tx.exec("UPDATE measure SET status = ?, status_text = ?, last_update_at = ?, version = version + 1, updated_at = ? "
          "WHERE id = ?",
          {status, text, last, now, measure_id});
  auto after = *find_measure(tx, measure_id);
  core::JsonWriter w;
  w.begin_object().key("status_from").value(changes ? std::optional(before->status) : std::nullopt);
  w.key("status_to").value(changes ? u.status : std::nullopt).field("comment", u.comment).field("at", at).end_object();
  audit::record(tx, actor, changes ? "measure.status" : "measure.comment", "measure", std::to_string(measure_id),
                plan.org_id, measure_json(*before, scale), w.take());
  return after;
}

Measure add_link(store::Tx& tx, const audit::Actor& actor, int64_t measure_id, const std::string& kind, int64_t target_id) {
  auto before = find_measure(tx, measure_id);
  if (!before) throw api::not_found();
  auto plan = *find_plan(tx, before->plan_id);
  if (kind == "requirement" && !tx.scalar_integer("SELECT 1 FROM requirement WHERE id = ?", {target_id}))
    throw api::bad_request("target_id", "Kravet finnes ikke.");
  if (tx.scalar_integer("SELECT 1 FROM measure_link WHERE measure_id = ? AND target_kind = ? AND target_id = ?",
                        {measure_id, kind, target_id}))
    throw api::conflict("target_id", "Tiltaket er allerede knyttet til dette.");
  tx.exec("INSERT INTO measure_link (measure_id, target_kind, target_id, created_at) VALUES (?, ?, ?, ?)",
          {measure_id, kind, target_id, core::now_iso()});
  tx.exec("UPDATE measure SET version = version + 1 WHERE id = ?", {measure_id});
  core::JsonWriter w;
  w.begin_object().field("target_kind", kind).field("target_id", target_id).end_object();
  audit::record(tx, actor, "measure.link", "measure", std::to_string(measure_id), plan.org_id, "null", w.take());
  return *find_measure(tx, measure_id);
}

Measure remove_link(store::Tx& tx, const audit::Actor& actor, int64_t measure_id, const std::string& kind,
                    int64_t target_id) {
  auto before = find_measure(tx, measure_id);
  if (!before) throw api::not_found();
  auto plan = *find_plan(tx, before->plan_id);
  if (tx.exec("DELETE FROM measure_link WHERE measure_id = ? AND target_kind = ? AND target_id = ?",
              {measure_id, kind, target_id}) == 0)
    throw api::not_found();
  tx.exec("UPDATE measure SET version = version + 1 WHERE id = ?", {measure_id});
  core::JsonWriter w;
  w.begin_object().field("target_kind", kind).field("target_id", target_id).end_object();
  audit::record(tx, actor, "measure.unlink", "measure", std::to_string(measure_id), plan.org_id, w.take(), "null");
  return *find_measure(tx, measure_id);
}

bool sees_measure(store::Tx& tx, const Visibility& vis, int64_t measure_id) {
  store::Params params{measure_id};
  const auto sql = "SELECT 1 FROM measure m JOIN action_plan p ON p.id = m.plan_id JOIN org po ON po.id = p.org_id "
                   "WHERE m.id = ? AND " + visible_sql(tx.dialect(), vis.paths, params);
  return tx.scalar_integer(sql, params).has_value();
}

Plan revise_plan(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version, const PlanPatch& p) {
  auto old = find_plan_with_content(tx, id, nullptr);
  if (!old) throw api::not_found();
  if (old->version != expected_version) throw api::stale_version("Planen er endret i mellomtiden.", plan_json(*old));
  if (old->superseded || old->next_id)
    throw api::conflict("plan", "Planen har allerede en nyere versjon; revider den.");
  const auto now = core::now_iso();
  const auto new_id = *tx.scalar_integer(
      "INSERT INTO action_plan (org_id, title, period_text, intro, revision, previous_id, superseded, version, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 1, ?, ?) RETURNING id",
      {old->org_id, p.title.value_or(old->title), p.period_text.value_or(old->period_text), p.intro.value_or(old->intro),
       old->revision + 1, old->id, now, now});
  std::map<int64_t, int64_t> area_ids;
  for (const auto& a : old->areas)
    area_ids[a.id] = *tx.scalar_integer(
        "INSERT INTO action_area (plan_id, code, title, intro, position) VALUES (?, ?, ?, ?, ?) RETURNING id",
        {new_id, a.code, a.title, a.intro, a.position});
  const auto scale = load_scale(tx);
  int carried = 0;
  for (const auto& m : old->measures) {
    if (!carries_over(m.status_kind)) continue;
    ++carried;
    const auto mid = *tx.scalar_integer(
        "INSERT INTO measure (plan_id, area_id, origin_id, carried_from_id, position, title, description, status, "
        "status_text, period_text, period_kind, period_from, period_to, period_quarter, period_note, responsible_text, "
        "responsible_person, due_date, effective_due, last_update_at, version, created_at, updated_at) "
        "SELECT ?, ?, origin_id, id, position, title, description, status, status_text, period_text, period_kind, "
        "period_from, period_to, period_quarter, period_note, responsible_text, responsible_person, due_date, "
        "effective_due, last_update_at, 1, ?, ? FROM measure WHERE id = ? RETURNING id",
        {new_id, area_ids.at(m.area_id), now, now, m.id});
    // The history goes with the measure, so the new revision shows it whole.
    tx.exec("INSERT INTO measure_responsible (measure_id, position, text, org_id, each_trust) "
            "SELECT ?, position, text, org_id, each_trust FROM measure_responsible WHERE measure_id = ?",
            {mid, m.id});
    tx.exec("INSERT INTO measure_update (measure_id, at, author_id, author, status_from, status_to, comment, created_at) "
            "SELECT ?, at, author_id, author, status_from, status_to, comment, created_at FROM measure_update "
            "WHERE measure_id = ? ORDER BY id",
            {mid, m.id});
    tx.exec("INSERT INTO measure_link (measure_id, target_kind, target_id, created_at) "
            "SELECT ?, target_kind, target_id, created_at FROM measure_link WHERE measure_id = ?",
            {mid, m.id});
    auto copy = *find_measure(tx, mid);
    audit::record(tx, actor, "measure.carry", "measure", std::to_string(mid), old->org_id, "null", measure_json(copy, scale));
  }
  tx.exec("UPDATE action_plan SET superseded = 1, version = version + 1, updated_at = ? WHERE id = ?", {now, id});
  auto after_old = *find_plan(tx, id);
  audit::record(tx, actor, "action_plan.supersede", "action_plan", std::to_string(id), old->org_id, plan_json(*old),
                plan_json(after_old));
  auto fresh = *find_plan(tx, new_id);
  core::JsonWriter w;
  w.begin_object().key("plan").raw(plan_json(fresh)).field("carried_over", carried)
      .field("kept_in_previous", static_cast<int64_t>(old->measures.size()) - carried).end_object();
  audit::record(tx, actor, "action_plan.revise", "action_plan", std::to_string(new_id), old->org_id, "null", w.take());
  return fresh;
}

namespace {

std::string status_label(const Scale& scale, const std::string& code) {
  const auto* l = find_status(scale, code);
  return l ? l->label_nb : code;
}

void compare(std::vector<FieldChange>& out, const std::string& field, const std::string& a, const std::string& b) {
  if (a != b) out.push_back({field, a, b});
}

}  // namespace

PlanChanges plan_changes(store::Tx& tx, int64_t plan_id, const Visibility* vis) {
  auto to = find_plan_with_content(tx, plan_id, vis);
  if (!to) throw api::not_found();
  PlanChanges out;
  out.to = *to;
  if (!to->previous_id) return out;
  out.from = find_plan_with_content(tx, *to->previous_id, vis);
  const auto& from = *out.from;
  compare(out.plan_fields, "title", from.title, to->title);
  compare(out.plan_fields, "period", from.period_text, to->period_text);
  compare(out.plan_fields, "intro", from.intro, to->intro);
  const auto scale = load_scale(tx);
  std::map<int64_t, const Measure*> old_by_origin;
  for (const auto& m : from.measures) old_by_origin[m.origin_id] = &m;
  std::set<int64_t> seen;
  for (const auto& m : to->measures) {
    MeasureChange c;
    c.origin_id = m.origin_id;
    c.new_id = m.id;
    c.title = m.title;
    auto it = old_by_origin.find(m.origin_id);
    if (it == old_by_origin.end()) {
      c.change = "added";
    } else {
      const auto& o = *it->second;
      seen.insert(m.origin_id);
      c.old_id = o.id;
      c.change = "carried";
      compare(c.fields, "title", o.title, m.title);
      compare(c.fields, "description", o.description, m.description);
      compare(c.fields, "status", status_label(scale, o.status), status_label(scale, m.status));
      compare(c.fields, "status_text", o.status_text, m.status_text);
      compare(c.fields, "period", o.period.text, m.period.text);
      compare(c.fields, "responsible", o.responsible_text, m.responsible_text);
      compare(c.fields, "area", o.area_code, m.area_code);
      compare(c.fields, "due_date", o.due_date.value_or(""), m.due_date.value_or(""));
    }
    out.measures.push_back(std::move(c));
  }
  for (const auto& m : from.measures) {
    if (seen.count(m.origin_id)) continue;
    MeasureChange c;
    c.origin_id = m.origin_id;
    c.old_id = m.id;
    c.title = m.title;
    c.change = m.status_kind == StatusKind::closed ? "finished" : "removed";
    c.fields.push_back({"status", "", status_label(scale, m.status)});
    out.measures.push_back(std::move(c));
  }
  return out;
}

Overview overview(store::Tx& tx, int64_t plan_id, const Visibility& vis, const std::string& today, int stale_days) {
  Overview out;
  out.today = today;
  out.stale_days = stale_days;
  const auto scale = load_scale(tx);
  const auto cutoff = add_days(today, -stale_days).value_or(today);
  // One row per (group, status) with its overdue and stale counts.
  const std::string counts =
      "COUNT(*), "
      "SUM(CASE WHEN s.kind NOT IN ('closed', 'continuous') AND m.effective_due IS NOT NULL AND m.effective_due < ? THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN s.kind <> 'closed' AND m.last_update_at < ? THEN 1 ELSE 0 END)";
  auto fill = [&](std::vector<Counts>& groups, const std::string& sql, store::Params params, bool by_org) {
    auto rows = tx.query(sql, params);
    std::map<std::string, std::size_t> index;
    while (rows.next()) {
      const auto key = rows.str(0);
      auto [it, added] = index.emplace(key, groups.size());
      if (added) {
        Counts c;
        c.key = key;
        c.label = rows.str(1);
        if (by_org) c.org_id = rows.opt_integer(2);
        for (const auto& l : scale) c.by_status.emplace_back(l.code, 0);
        groups.push_back(std::move(c));
      }
      auto& g = groups[it->second];
      const auto status = rows.str(3);
      for (auto& [code, n] : g.by_status)
        if (code == status) n += rows.integer(4);
      g.total += rows.integer(4);
      g.overdue += rows.integer(5);
      g.stale += rows.integer(6);
    }
  };
  {
    store::Params params{today, cutoff, plan_id};
    const auto sql = "SELECT a.code, a.title, a.position, m.status, " + counts +
                     " FROM measure m JOIN action_area a ON a.id = m.area_id JOIN action_status s ON s.code = m.status "
                     "JOIN action_plan p ON p.id = m.plan_id JOIN org po ON po.id = p.org_id WHERE m.plan_id = ? AND " +
                     visible_sql(tx.dialect(), vis.paths, params) + " GROUP BY a.code, a.title, a.position, m.status ORDER BY a.position";
    fill(out.areas, sql, params, false);
  }
  {
    store::Params params{today, cutoff, plan_id};
    const auto sql =
        "SELECT CASE WHEN mr.each_trust = 1 THEN '*' WHEN ro.code IS NOT NULL THEN ro.code ELSE mr.text END, "
        "CASE WHEN mr.each_trust = 1 THEN 'De enkelte HF' WHEN ro.name IS NOT NULL THEN ro.name ELSE mr.text END, "
        "ro.id, m.status, " + counts +
        " FROM measure_responsible mr JOIN measure m ON m.id = mr.measure_id LEFT JOIN org ro ON ro.id = mr.org_id "
        "JOIN action_status s ON s.code = m.status JOIN action_plan p ON p.id = m.plan_id JOIN org po ON po.id = p.org_id "
        "WHERE m.plan_id = ? AND " + visible_sql(tx.dialect(), vis.paths, params) +
        " GROUP BY mr.each_trust, ro.code, ro.name, ro.id, mr.text, m.status "
        "ORDER BY CASE WHEN ro.code IS NULL THEN 1 ELSE 0 END, mr.each_trust, ro.code, mr.text";
    fill(out.responsible, sql, params, true);
  }
  out.all.key = "all";
  out.all.label = "Alle tiltak";
  for (const auto& l : scale) out.all.by_status.emplace_back(l.code, 0);
  for (const auto& a : out.areas) {
    for (std::size_t i = 0; i < a.by_status.size(); ++i) out.all.by_status[i].second += a.by_status[i].second;
    out.all.total += a.total;
    out.all.overdue += a.overdue;
    out.all.stale += a.stale;
  }
  return out;
}

Visibility visibility_of(const auth::Principal& principal) {
  return {auth::subtrees_with(principal, auth::Permission::read)};
}

MeasurePage list_measures(store::Tx& tx, const MeasureQuery& q) {
  MeasurePage page;
  if (q.vis.paths.empty()) return page;
  // The filters after the caller's visibility, with their parameters.
  auto filters = [&](store::Params& params) {
    std::string where;
    // "Visible from the node" is the caller's own visibility when the caller
    // sees from that node alone (a trust's people on their trust's list):
    // the same three subqueries again would only double the work.
    const bool same_as_caller = q.org_path && q.vis.paths.size() == 1 && q.vis.paths[0] == *q.org_path;
    if (q.org_path && !same_as_caller) where += " AND " + visible_sql(tx.dialect(), {*q.org_path}, params);
    if (q.plan_id) {
      where += " AND m.plan_id = ?";
      params.emplace_back(*q.plan_id);
    }
    if (q.current_only) where += " AND p.superseded = 0";
    if (q.status) {
      where += " AND m.status = ?";
      params.emplace_back(*q.status);
    }
    if (q.only_overdue) {
      where += " AND s.kind NOT IN ('closed', 'continuous') AND m.effective_due IS NOT NULL AND m.effective_due < ?";
      params.emplace_back(q.today);
    }
    if (q.stale_days) {
      where += " AND s.kind <> 'closed' AND m.last_update_at < ?";
      params.emplace_back(add_days(q.today, -*q.stale_days).value_or(q.today));
    }
    return where;
  };
  // The visible measures as a union of the three ways in, each with every
  // filter: "plan in the caller's plans AND status" then comes from the
  // measure_list index (plan, status, area, position) alone, where the OR of
  // the three made PostgreSQL read every measure (35 ms a page on the
  // national set; docs/performance.md). Each way in leaves out the measures
  // the ones before it let in, so the three are disjoint and UNION ALL is
  // exact: a UNION made SQLite put every visible measure in a temporary
  // b-tree to find the few duplicates (a trust's page 349 → 270 µs).
  auto union_of = [&](const std::string& select, store::Params& params) {
    std::string sql;
    for (int b = 0; b < kVisibleBranches; ++b) {
      if (b) sql += " UNION ALL ";
      sql += select + " WHERE " + visible_branch(tx.dialect(), b, q.vis.paths, params);
      for (int before = 0; before < b; ++before)
        sql += " AND NOT (" + visible_branch(tx.dialect(), before, q.vis.paths, params) + ")";
      sql += filters(params);  // after the branch's own: its parameters follow
    }
    return sql;
  };
  // The count needs only the measure's id, status and plan; the area and the
  // plan's node are joined for the page's order alone.
  store::Params counted;
  const std::string counted_ids = union_of(
      "SELECT m.id FROM measure m JOIN action_status s ON s.code = m.status JOIN action_plan p ON p.id = m.plan_id", counted);
  store::Params params;
  const std::string visible = union_of(
      "SELECT m.id, po.path AS plan_path, p.id AS plan_no, a.position AS area_no, m.position AS measure_no FROM measure m "
      "JOIN action_area a ON a.id = m.area_id JOIN action_status s ON s.code = m.status "
      "JOIN action_plan p ON p.id = m.plan_id JOIN org po ON po.id = p.org_id",
      params);
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);
  // The page's ids first, then their rows: only the page's rows are read
  // whole, not every measure in scope sorted with all its columns.
  // The count and the page in one round trip on PostgreSQL.
  auto answers = tx.query_all({{"SELECT COUNT(*) FROM (" + counted_ids + ") v", counted},
                               {std::string(kMeasureSelect) + " WHERE m.id IN (SELECT v.id FROM (" + visible +
                                    ") v ORDER BY v.plan_path, v.plan_no, v.area_no, v.measure_no LIMIT ? OFFSET ?)"
                                    " ORDER BY po.path, p.id, a.position, m.position",
                                params}});
  page.total = answers[0].first_integer().value_or(0);
  auto& rows = answers[1];
  while (rows.next()) page.items.push_back(read_measure(rows));
  attach_details(tx, page.items, false);
  return page;
}

void write_json(core::JsonWriter& w, const Measure& m, const Scale& scale, const std::string& today, int stale_days) {
  w.begin_object();
  w.field("id", m.id).field("plan_id", m.plan_id).field("area_id", m.area_id).field("area", m.area_code);
  w.field("origin_id", m.origin_id);
  w.key("carried_from_id").value(m.carried_from_id);
  w.field("position", m.position).field("title", m.title).field("description", m.description);
  const auto* level = find_status(scale, m.status);
  w.key("status").begin_object().field("code", m.status).field("label_nb", level ? level->label_nb : m.status);
  w.field("label_en", level ? level->label_en : m.status).field("colour", level ? level->colour : "#616161");
  w.field("kind", kind_code(m.status_kind)).end_object();
  w.field("status_text", m.status_text);
  w.key("period").begin_object().field("text", m.period.text).field("kind", period_kind_code(m.period.kind));
  w.key("from_year").value(m.period.from_year ? std::optional<int>(m.period.from_year) : std::nullopt);
  w.key("to_year").value(m.period.to_year ? std::optional<int>(m.period.to_year) : std::nullopt);
  w.key("quarter").value(m.period.quarter ? std::optional<int>(m.period.quarter) : std::nullopt);
  w.field("note", m.period.note).field("label", m.period.label()).end_object();
  w.field("responsible_text", m.responsible_text).field("responsible_person", m.responsible_person);
  w.key("responsible").begin_array();
  for (const auto& r : m.responsible) {
    w.begin_object().field("text", r.text).key("org_id").value(r.org_id);
    w.key("org_code").value(r.org_id ? std::optional(r.org_code) : std::nullopt);
    w.key("org_name").value(r.org_id ? std::optional(r.org_name) : std::nullopt);
    w.field("each_trust", r.each_trust).end_object();
  }
  w.end_array();
  w.key("due_date").value(m.due_date);
  w.key("effective_due").value(m.effective_due);
  w.field("last_update_at", m.last_update_at);
  if (!today.empty()) {
    w.field("overdue", is_overdue(m.status_kind, m.effective_due, today));
    w.field("stale", is_stale(m.status_kind, m.last_update_at, today, stale_days));
  }
  w.key("links").begin_array();
  for (const auto& l : m.links)
    w.begin_object().field("target_kind", l.target_kind).field("target_id", l.target_id).field("label", l.label).end_object();
  w.end_array();
  w.key("updates").begin_array();
  for (const auto& u : m.updates) write_json(w, u);
  w.end_array();
  w.field("version", m.version).field("created_at", m.created_at).field("updated_at", m.updated_at);
  w.end_object();
}

void write_json(core::JsonWriter& w, const Plan& p) {
  w.begin_object();
  w.field("id", p.id);
  w.key("org").begin_object().field("id", p.org_id).field("code", p.org_code).field("name", p.org_name).end_object();
  w.field("title", p.title).field("period_text", p.period_text).field("intro", p.intro).field("revision", p.revision);
  w.key("previous_id").value(p.previous_id);
  w.key("next_id").value(p.next_id);
  w.field("superseded", p.superseded).field("version", p.version);
  w.field("created_at", p.created_at).field("updated_at", p.updated_at);
  w.end_object();
}

void write_json(core::JsonWriter& w, const Area& a) {
  w.begin_object().field("id", a.id).field("code", a.code).field("title", a.title).field("intro", a.intro);
  w.field("position", a.position).end_object();
}

void write_json(core::JsonWriter& w, const Update& u) {
  w.begin_object().field("id", u.id).field("at", u.at).field("author", u.author);
  w.key("status_from").value(u.status_from);
  w.key("status_to").value(u.status_to);
  w.field("comment", u.comment).end_object();
}

// --- measures seen from what they treat (src/risk links risks to measures) ---

namespace {

// kMeasureSelect with the plan's title and node code after its columns (26, 27).
std::string linked_select() {
  std::string sql = kMeasureSelect;
  sql.insert(sql.find(" FROM measure m"), ", p.title, po.code");
  return sql;
}

LinkedMeasure read_linked(const store::Rows& r) { return {read_measure(r), r.str(26), r.str(27)}; }

// The measure as the caller may link it: seen (404) and in a current plan (409).
Measure linkable_measure(store::Tx& tx, const Visibility& vis, int64_t measure_id) {
  auto m = find_measure(tx, measure_id);
  if (!m || !sees_measure(tx, vis, measure_id))
    throw api::Problem(404, "Finnes ikke", "Tiltaket finnes ikke, eller du har ikke tilgang til det.", "measure_id");
  if (find_plan(tx, m->plan_id)->superseded)
    throw api::conflict("measure_id", "Tiltaket hører til en tidligere versjon av handlingsplanen; velg det i gjeldende versjon.");
  return *m;
}

void audit_target_link(store::Tx& tx, const audit::Actor& actor, const std::string& action, const Measure& m,
                       const std::string& kind, int64_t target_id, int64_t target_org_id, bool added) {
  core::JsonWriter w;
  w.begin_object().field("measure_id", m.id).field("measure_title", m.title).end_object();
  const auto link = w.take();
  audit::record(tx, actor, action, kind, std::to_string(target_id), target_org_id, added ? "null" : link,
                added ? link : "null");
}

}  // namespace

std::vector<LinkedMeasure> measures_linked_to(store::Tx& tx, const Visibility& vis, const std::string& kind,
                                              int64_t target_id) {
  std::vector<LinkedMeasure> out;
  if (vis.paths.empty()) return out;
  store::Params params{kind, target_id};
  const auto sql = linked_select() +
                   " JOIN measure_link l ON l.measure_id = m.id WHERE l.target_kind = ? AND l.target_id = ?"
                   " AND NOT EXISTS (SELECT 1 FROM measure n WHERE n.carried_from_id = m.id) AND " +
                   visible_sql(tx.dialect(), vis.paths, params) + " ORDER BY po.path, p.id, a.position, m.position";
  auto rows = tx.query(sql, params);
  while (rows.next()) out.push_back(read_linked(rows));
  return out;
}

std::vector<LinkedMeasure> measures_for_linking(store::Tx& tx, const Visibility& vis, const std::string& org_path,
                                                const std::string& kind, int64_t target_id, const std::string& q,
                                                int limit) {
  std::vector<LinkedMeasure> out;
  if (vis.paths.empty()) return out;
  store::Params params{kind, target_id};
  const auto sql = linked_select() +
                   " WHERE p.superseded = 0 AND NOT EXISTS (SELECT 1 FROM measure_link l WHERE l.measure_id = m.id "
                   "AND l.target_kind = ? AND l.target_id = ?) AND " + visible_sql(tx.dialect(), vis.paths, params) + " AND " +
                   visible_sql(tx.dialect(), {org_path}, params) + " ORDER BY po.path, p.id, a.position, m.position";
  // The title filter runs here, not in SQL: titles have no folded column and
  // the engines' lower() leave Æ, Ø and Å alone. What one organisation works
  // with is a few hundred measures at most.
  const auto term = core::fold_for_search(q);
  auto rows = tx.query(sql, params);
  while (rows.next() && static_cast<int>(out.size()) < limit) {
    auto m = read_linked(rows);
    if (term.empty() || core::fold_for_search(m.measure.title).find(term) != std::string::npos) out.push_back(std::move(m));
  }
  return out;
}

void link_from_target(store::Tx& tx, const audit::Actor& actor, const Visibility& vis, int64_t measure_id,
                      const std::string& kind, int64_t target_id, int64_t target_org_id) {
  const auto m = linkable_measure(tx, vis, measure_id);
  if (tx.scalar_integer("SELECT 1 FROM measure_link WHERE measure_id = ? AND target_kind = ? AND target_id = ?",
                        {measure_id, kind, target_id}))
    throw api::conflict("measure_id", "Tiltaket er allerede knyttet hit.");
  tx.exec("INSERT INTO measure_link (measure_id, target_kind, target_id, created_at) VALUES (?, ?, ?, ?)",
          {measure_id, kind, target_id, core::now_iso()});
  audit_target_link(tx, actor, kind + ".link_measure", m, kind, target_id, target_org_id, true);
}

void unlink_from_target(store::Tx& tx, const audit::Actor& actor, const Visibility& vis, int64_t measure_id,
                        const std::string& kind, int64_t target_id, int64_t target_org_id) {
  auto m = find_measure(tx, measure_id);
  if (!m || !sees_measure(tx, vis, measure_id) ||
      tx.exec("DELETE FROM measure_link WHERE measure_id = ? AND target_kind = ? AND target_id = ?",
              {measure_id, kind, target_id}) == 0)
    throw api::Problem(404, "Finnes ikke", "Tiltaket er ikke knyttet hit.", "measure_id");
  audit_target_link(tx, actor, kind + ".unlink_measure", *m, kind, target_id, target_org_id, false);
}

void write_json(core::JsonWriter& w, const LinkedMeasure& lm, const Scale& scale, const std::string& today) {
  const auto& m = lm.measure;
  const auto* level = find_status(scale, m.status);
  w.begin_object().field("id", m.id).field("title", m.title).field("area", m.area_code);
  w.key("status").begin_object().field("code", m.status).field("label_nb", level ? level->label_nb : m.status);
  w.field("label_en", level ? level->label_en : m.status).field("colour", level ? level->colour : "#616161").end_object();
  w.key("plan").begin_object().field("id", m.plan_id).field("title", lm.plan_title).field("org_code", lm.plan_org_code).end_object();
  w.field("responsible_text", m.responsible_text).field("responsible_person", m.responsible_person);
  w.key("due_date").value(m.due_date);
  w.key("effective_due").value(m.effective_due);
  w.field("overdue", is_overdue(m.status_kind, m.effective_due, today));
  w.end_object();
}

}  // namespace varde::actions
