#include "risk/store.hpp"

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "api/problem.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "org/store.hpp"
#include "risk/heat_count.hpp"
#include "risk/matrix_json.hpp"
#include "store/sql.hpp"

namespace varde::risk {

namespace {

using json = nlohmann::json;

std::string today() { return core::now_iso().substr(0, 10); }

bool is_date(const std::string& s) { return s.size() == 10 && core::is_iso_date_or_instant(s); }

void check_date(const std::optional<std::string>& d, const char* field) {
  if (d && !is_date(*d)) throw api::bad_request(field, "«" + *d + "» er ingen gyldig dato (2026-03-15).");
}

// --- matrices ---------------------------------------------------------------

const char* kMatrixSelect =
    "SELECT id, region_id, revision, source, is_default, created_at, created_by, definition FROM risk_matrix";

// A stored matrix's definition, parsed once per distinct text: a version
// never changes, and every risk list, heat map and assessment page reads its
// matrix (parsing it was a tenth of a risk list page). Keyed by the text, not
// the id, so that two databases in one process (the tests) never mix.
Matrix parsed_definition(std::string_view text) {
  static std::mutex mutex;
  static std::unordered_map<std::string, Matrix> parsed;
  {
    std::lock_guard lock(mutex);
    if (auto it = parsed.find(std::string(text)); it != parsed.end()) return it->second;
  }
  auto m = matrix_from_json(json::parse(text));
  std::lock_guard lock(mutex);
  if (parsed.size() >= 256) parsed.clear();  // a bound, far above the matrices a region keeps
  parsed.emplace(std::string(text), m);
  return m;
}

StoredMatrix read_matrix(const store::Rows& r) {
  StoredMatrix m;
  m.id = r.integer(0);
  m.region_id = r.integer(1);
  m.revision = static_cast<int>(r.integer(2));
  m.source = r.str(3);
  m.is_default = r.boolean(4);
  m.created_at = r.str(5);
  m.created_by = r.str(6);
  m.matrix = parsed_definition(r.text(7));
  return m;
}

// --- assessments ------------------------------------------------------------

const char* kAssessmentSelect =
    "SELECT a.id, a.org_id, o.code, o.name, o.path, a.matrix_id, a.title, a.scope, a.subject_kind, a.subject, "
    "a.method, a.participants, a.assessed_on, a.status, a.next_review_on, a.version, a.created_at, a.updated_at, "
    "(SELECT COUNT(*) FROM risk r WHERE r.assessment_id = a.id) "
    "FROM risk_assessment a JOIN org o ON o.id = a.org_id";

Assessment read_assessment(const store::Rows& r) {
  Assessment a;
  a.id = r.integer(0);
  a.org_id = r.integer(1);
  a.org_code = r.str(2);
  a.org_name = r.str(3);
  a.org_path = r.str(4);
  a.matrix_id = r.integer(5);
  a.title = r.str(6);
  a.scope = r.str(7);
  a.subject_kind = r.str(8);
  a.subject = r.str(9);
  a.method = r.str(10);
  a.participants = r.str(11);
  a.assessed_on = r.opt_str(12);
  a.status = r.str(13);
  a.next_review_on = r.opt_str(14);
  a.version = r.integer(15);
  a.created_at = r.str(16);
  a.updated_at = r.str(17);
  a.risk_count = r.integer(18);
  return a;
}

void check_assessment(const Assessment& a) {
  if (core::is_blank(a.title)) throw api::bad_request("title", "Tittelen må fylles ut.");
  if (!is_assessment_status(a.status))
    throw api::bad_request("status", "Status må være planned, in_progress, completed eller reassess.");
  if (!is_subject_kind(a.subject_kind))
    throw api::bad_request("subject_kind", "Må være system, change, process eller requirement.");
  check_date(a.assessed_on, "assessed_on");
  check_date(a.next_review_on, "next_review_on");
}

void apply(Assessment& a, const AssessmentFields& f) {
  if (f.title) a.title = *f.title;
  if (f.scope) a.scope = *f.scope;
  if (f.subject_kind) a.subject_kind = *f.subject_kind;
  if (f.subject) a.subject = *f.subject;
  if (f.method) a.method = *f.method;
  if (f.participants) a.participants = *f.participants;
  if (f.status) a.status = *f.status;
  if (f.assessed_on) a.assessed_on = *f.assessed_on;
  if (f.next_review_on) a.next_review_on = *f.next_review_on;
}

std::string assessment_json(const Assessment& a) {
  core::JsonWriter w;
  write_json(w, a);
  return w.take();
}

// --- risks ------------------------------------------------------------------

const char* kRiskSelect =
    "SELECT r.id, r.assessment_id, a.title, a.matrix_id, r.org_id, o.code, o.path, r.title, r.description, r.threat, "
    "r.vulnerability, r.assets, r.existing_controls, r.framework_controls, r.likelihood, r.consequence, "
    "r.consequences, r.inherent_level, r.treatment, r.treatment_plan, r.residual_likelihood, r.residual_consequence, "
    "r.residual_level, r.owner_id, u.display_name, r.review_on, r.accepted_by, r.accepted_level, r.accepted_at, "
    "r.accepted_until, r.acceptance_rationale, r.version, r.created_at, r.updated_at "
    "FROM risk r JOIN risk_assessment a ON a.id = r.assessment_id JOIN org o ON o.id = r.org_id "
    "LEFT JOIN app_user u ON u.id = r.owner_id";

std::optional<int> opt_int(const store::Rows& r, int col) {
  if (r.is_null(col)) return std::nullopt;
  return static_cast<int>(r.integer(col));
}

Risk read_risk(const store::Rows& r) {
  Risk k;
  k.id = r.integer(0);
  k.assessment_id = r.integer(1);
  k.assessment_title = r.str(2);
  k.matrix_id = r.integer(3);
  k.org_id = r.integer(4);
  k.org_code = r.str(5);
  k.org_path = r.str(6);
  k.title = r.str(7);
  k.description = r.str(8);
  k.threat = r.str(9);
  k.vulnerability = r.str(10);
  k.assets = r.str(11);
  k.existing_controls = r.str(12);
  k.framework_controls = json::parse(r.text(13)).get<std::vector<std::string>>();
  k.likelihood = opt_int(r, 14);
  k.consequence = opt_int(r, 15);
  k.consequences = json::parse(r.text(16)).get<std::map<std::string, int>>();
  k.inherent_level = opt_int(r, 17);
  k.treatment = r.opt_str(18);
  k.treatment_plan = r.str(19);
  k.residual_likelihood = opt_int(r, 20);
  k.residual_consequence = opt_int(r, 21);
  k.residual_level = opt_int(r, 22);
  k.owner_id = r.opt_integer(23);
  k.owner_name = r.opt_str(24);
  k.review_on = r.opt_str(25);
  k.accepted_by = r.opt_str(26);
  k.accepted_level = opt_int(r, 27);
  k.accepted_at = r.opt_str(28);
  k.accepted_until = r.opt_str(29);
  k.acceptance_rationale = r.opt_str(30);
  k.version = r.integer(31);
  k.created_at = r.str(32);
  k.updated_at = r.str(33);
  return k;
}

void attach_requirements(store::Tx& tx, std::vector<Risk>& risks) {
  if (risks.empty()) return;
  std::map<int64_t, Risk*> by_id;
  std::string in;
  store::Params params;
  for (auto& r : risks) {
    by_id[r.id] = &r;
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(r.id);
  }
  auto rows = tx.query("SELECT risk_id, requirement_id FROM risk_requirement WHERE risk_id IN (" + in +
                           ") ORDER BY requirement_id",
                       params);
  while (rows.next()) by_id[rows.integer(0)]->requirement_ids.push_back(rows.integer(1));
}

std::string risk_json(const Risk& r) {
  core::JsonWriter w;
  write_json(w, r, nullptr, today());
  return w.take();
}

// A 1-based score on one axis of the matrix, or none.
void check_axis(const std::optional<int>& v, std::size_t levels, const char* field, const char* what) {
  if (v && (*v < 1 || *v > static_cast<int>(levels)))
    throw api::bad_request(field, std::string(what) + " må være mellom 1 og " + std::to_string(levels) + ".");
}

void check_scores(const Risk& r, const Matrix& m) {
  if (core::is_blank(r.title)) throw api::bad_request("title", "Tittelen må fylles ut.");
  check_axis(r.likelihood, m.likelihood.size(), "likelihood", "Sannsynligheten");
  check_axis(r.consequence, m.consequence.size(), "consequence", "Konsekvensen");
  check_axis(r.residual_likelihood, m.likelihood.size(), "residual_likelihood", "Sannsynligheten etter tiltak");
  check_axis(r.residual_consequence, m.consequence.size(), "residual_consequence", "Konsekvensen etter tiltak");
  for (const auto& [area, level] : r.consequences) {
    const bool known = std::any_of(m.areas.begin(), m.areas.end(), [&](const Area& a) { return a.code == area; });
    if (!known) throw api::bad_request("consequences." + area, "Matrisen har ikke konsekvensområdet «" + area + "».");
    check_axis(level, m.consequence.size(), ("consequences." + area).c_str(), "Konsekvensen");
  }
  if (r.treatment && !treatment_from_code(*r.treatment))
    throw api::bad_request("treatment", "Behandlingen må være reduce, accept, avoid eller transfer.");
  check_date(r.review_on, "review_on");
}

// Fills in the derived levels: consequence from the areas, the cells' risk levels.
void derive(Risk& r, const Matrix& m) {
  if (!r.consequences.empty()) r.consequence = overall_consequence(r.consequences);
  r.inherent_level.reset();
  if (r.likelihood && r.consequence) r.inherent_level = level_of(m, {*r.likelihood, *r.consequence});
  r.residual_level.reset();
  if (r.residual_likelihood && r.residual_consequence)
    r.residual_level = level_of(m, {*r.residual_likelihood, *r.residual_consequence});
}

void apply(Risk& r, const RiskFields& f) {
  if (f.title) r.title = *f.title;
  if (f.description) r.description = *f.description;
  if (f.threat) r.threat = *f.threat;
  if (f.vulnerability) r.vulnerability = *f.vulnerability;
  if (f.assets) r.assets = *f.assets;
  if (f.existing_controls) r.existing_controls = *f.existing_controls;
  if (f.treatment_plan) r.treatment_plan = *f.treatment_plan;
  if (f.framework_controls) r.framework_controls = *f.framework_controls;
  if (f.likelihood) r.likelihood = *f.likelihood;
  if (f.consequence) r.consequence = *f.consequence;
  if (f.consequences) r.consequences = *f.consequences;
  if (f.residual_likelihood) r.residual_likelihood = *f.residual_likelihood;
  if (f.residual_consequence) r.residual_consequence = *f.residual_consequence;
  if (f.treatment) r.treatment = *f.treatment;
  if (f.review_on) r.review_on = *f.review_on;
  if (f.owner_id) r.owner_id = *f.owner_id;
  if (f.requirement_ids) r.requirement_ids = *f.requirement_ids;
}

void check_owner(store::Tx& tx, const Risk& r) {
  if (!r.owner_id) return;
  if (!leader_level_at(tx, *r.owner_id, r.org_path))
    throw api::bad_request("owner_id", "Risikoeieren må være en leder med rolle på " + r.org_code + " eller over.");
}

void check_requirements(store::Tx& tx, const Risk& r) {
  auto region = region_of(tx, r.org_id);
  for (std::size_t i = 0; i < r.requirement_ids.size(); ++i) {
    auto doc_region = tx.scalar_integer(
        "SELECT d.region_id FROM requirement q JOIN commission_document d ON d.id = q.document_id WHERE q.id = ?",
        {r.requirement_ids[i]});
    if (!doc_region || doc_region != region)
      throw api::bad_request("requirement_ids[" + std::to_string(i) + "]",
                             "Kravet " + std::to_string(r.requirement_ids[i]) + " finnes ikke i regionens oppdragsdokument.");
  }
}

void write_requirements(store::Tx& tx, const Risk& r) {
  tx.exec("DELETE FROM risk_requirement WHERE risk_id = ?", {r.id});
  auto ids = r.requirement_ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (auto id : ids) tx.exec("INSERT INTO risk_requirement (risk_id, requirement_id) VALUES (?, ?)", {r.id, id});
}

std::string scores_json(const Risk& r) {
  core::JsonWriter w;
  w.begin_object().field("likelihood", r.likelihood).field("consequence", r.consequence);
  w.key("consequences").begin_object();
  for (const auto& [a, v] : r.consequences) w.field(a, v);
  w.end_object();
  w.field("residual_likelihood", r.residual_likelihood).field("residual_consequence", r.residual_consequence);
  w.end_object();
  return w.take();
}

std::string treatment_json(const Risk& r) {
  core::JsonWriter w;
  w.begin_object().field("treatment", r.treatment).field("treatment_plan", r.treatment_plan).end_object();
  return w.take();
}

std::string acceptance_json(const Risk& r) {
  core::JsonWriter w;
  w.begin_object().field("accepted_by", r.accepted_by).field("accepted_level", r.accepted_level);
  w.field("accepted_until", r.accepted_until).field("rationale", r.acceptance_rationale).end_object();
  return w.take();
}

void add_history(store::Tx& tx, const audit::Actor& actor, int64_t risk_id, const std::string& kind,
                 const std::string& before, const std::string& after) {
  tx.exec("INSERT INTO risk_history (risk_id, at, actor, kind, before, after) VALUES (?, ?, ?, ?, ?, ?)",
          {risk_id, core::now_iso(), actor.name, kind, before, after});
}

std::string controls_json(const std::vector<std::string>& cs) { return json(cs).dump(); }
std::string consequences_json(const std::map<std::string, int>& cs) { return json(cs).dump(); }

Matrix matrix_of_assessment(store::Tx& tx, int64_t assessment_id) {
  auto id = tx.scalar_integer("SELECT matrix_id FROM risk_assessment WHERE id = ?", {assessment_id});
  if (!id) throw api::not_found();
  return find_matrix(tx, *id)->matrix;
}

}  // namespace

// --- matrices ---------------------------------------------------------------

std::optional<StoredMatrix> find_matrix(store::Tx& tx, int64_t id) {
  auto rows = tx.query(std::string(kMatrixSelect) + " WHERE id = ?", {id});
  if (!rows.next()) return std::nullopt;
  return read_matrix(rows);
}

std::vector<StoredMatrix> list_matrices(store::Tx& tx, int64_t region_id) {
  std::vector<StoredMatrix> out;
  auto rows = tx.query(std::string(kMatrixSelect) + " WHERE region_id = ? ORDER BY is_default DESC, matrix_key, revision DESC",
                       {region_id});
  while (rows.next()) out.push_back(read_matrix(rows));
  return out;
}

std::optional<StoredMatrix> default_matrix_of(store::Tx& tx, int64_t region_id) {
  auto rows = tx.query(std::string(kMatrixSelect) + " WHERE region_id = ? AND is_default = 1 ORDER BY id DESC", {region_id});
  if (!rows.next()) return std::nullopt;
  return read_matrix(rows);
}

StoredMatrix save_matrix(store::Tx& tx, const audit::Actor& actor, int64_t region_id, const Matrix& m,
                         const std::string& source, bool make_default) {
  auto problems = validate(m);
  if (!problems.empty()) throw api::bad_request(problems[0].field, problems[0].message);
  const auto revision =
      tx.scalar_integer("SELECT COALESCE(MAX(revision), 0) + 1 FROM risk_matrix WHERE region_id = ? AND matrix_key = ?",
                        {region_id, m.key})
          .value_or(1);
  if (make_default) tx.exec("UPDATE risk_matrix SET is_default = 0 WHERE region_id = ?", {region_id});
  const auto id = tx.scalar_integer(
      "INSERT INTO risk_matrix (region_id, matrix_key, revision, name_nb, name_en, source, definition, is_default, "
      "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {region_id, m.key, revision, m.name.nb, m.name.en, source, matrix_to_json(m), make_default, core::now_iso(),
       actor.name});
  auto out = *find_matrix(tx, *id);
  core::JsonWriter w;
  write_json(w, out, false);
  audit::record(tx, actor, "risk_matrix.create", "risk_matrix", std::to_string(out.id), region_id, "null", w.take());
  return out;
}

int ensure_default_matrices(store::Tx& tx, const audit::Actor& actor) {
  std::vector<int64_t> regions;
  auto rows = tx.query(
      "SELECT o.id FROM org o WHERE o.kind = 'region' AND NOT EXISTS (SELECT 1 FROM risk_matrix m WHERE m.region_id = o.id) "
      "ORDER BY o.id");
  while (rows.next()) regions.push_back(rows.integer(0));
  for (auto id : regions) save_matrix(tx, actor, id, default_matrix(), "default", true);
  return static_cast<int>(regions.size());
}

std::optional<int64_t> region_of(store::Tx& tx, int64_t org_id) {
  auto current = org::find(tx, org_id);
  while (current && current->kind != "region") {
    if (!current->parent_id) return std::nullopt;
    current = org::find(tx, *current->parent_id);
  }
  if (!current) return std::nullopt;
  return current->id;
}

// --- assessments ------------------------------------------------------------

Assessment create_assessment(store::Tx& tx, const audit::Actor& actor, int64_t org_id, const AssessmentFields& f) {
  Assessment a;
  apply(a, f);
  check_assessment(a);
  auto region = region_of(tx, org_id);
  if (!region) throw api::bad_request("org_id", "Enheten hører ikke til noen region; den har ingen risikomatrise.");
  auto matrix = default_matrix_of(tx, *region);
  if (!matrix) matrix = save_matrix(tx, actor, *region, default_matrix(), "default", true);
  const auto now = core::now_iso();
  const auto id = tx.scalar_integer(
      "INSERT INTO risk_assessment (org_id, matrix_id, title, scope, subject_kind, subject, method, participants, "
      "assessed_on, status, next_review_on, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
      {org_id, matrix->id, a.title, a.scope, a.subject_kind, a.subject, a.method, a.participants, a.assessed_on,
       a.status, a.next_review_on, now, now});
  auto out = *find_assessment(tx, *id);
  audit::record(tx, actor, "risk_assessment.create", "risk_assessment", std::to_string(out.id), org_id, "null",
                assessment_json(out));
  return out;
}

std::optional<Assessment> find_assessment(store::Tx& tx, int64_t id) {
  auto rows = tx.query(std::string(kAssessmentSelect) + " WHERE a.id = ?", {id});
  if (!rows.next()) return std::nullopt;
  return read_assessment(rows);
}

Assessment update_assessment(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version,
                             const AssessmentFields& f) {
  auto before = find_assessment(tx, id);
  if (!before) throw api::not_found();
  if (before->version != expected_version)
    throw api::stale_version("Risikovurderingen er endret i mellomtiden.", assessment_json(*before));
  Assessment a = *before;
  apply(a, f);
  check_assessment(a);
  const auto n = tx.exec(
      "UPDATE risk_assessment SET title = ?, scope = ?, subject_kind = ?, subject = ?, method = ?, participants = ?, "
      "assessed_on = ?, status = ?, next_review_on = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {a.title, a.scope, a.subject_kind, a.subject, a.method, a.participants, a.assessed_on, a.status, a.next_review_on,
       core::now_iso(), id, expected_version});
  if (n == 0) throw api::stale_version("Risikovurderingen er endret i mellomtiden.", assessment_json(*before));
  auto out = *find_assessment(tx, id);
  audit::record(tx, actor, "risk_assessment.update", "risk_assessment", std::to_string(id), out.org_id,
                assessment_json(*before), assessment_json(out));
  return out;
}

namespace {

// " WHERE" limiting o.path to the caller's subtrees and, when given, to the
// subtree of org_id; nullopt when org_id names no node (the list is empty).
std::optional<std::string> where_in_scope(store::Tx& tx, const std::vector<std::string>& subtrees,
                                          std::optional<int64_t> org_id, store::Params& params) {
  std::string where = " WHERE " + store::under_any(tx.dialect(), "o.path", subtrees, params);
  if (org_id) {
    auto n = org::find(tx, *org_id);
    if (!n) return std::nullopt;
    where += " AND " + store::under_any(tx.dialect(), "o.path", {n->path}, params);
  }
  return where;
}

}  // namespace

std::pair<std::vector<Assessment>, int64_t> list_assessments(store::Tx& tx, const AssessmentQuery& q) {
  std::vector<Assessment> out;
  if (q.subtrees.empty()) return {out, 0};
  store::Params params;
  auto scope = where_in_scope(tx, q.subtrees, q.org_id, params);
  if (!scope) return {out, 0};
  std::string where = *scope;
  if (q.status) {
    where += " AND a.status = ?";
    params.emplace_back(*q.status);
  }
  const std::string from = " FROM risk_assessment a JOIN org o ON o.id = a.org_id";
  store::Query count{"SELECT COUNT(*)" + from + where, params};
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);
  // The page's ids first, then their rows: sorting only ids (from the index
  // on org and update time) keeps the per-row risk count and the wide
  // columns to the page's rows, not every assessment in scope. With the
  // count in one round trip on PostgreSQL.
  auto answers = tx.query_all({count, {std::string(kAssessmentSelect) + " WHERE a.id IN (SELECT a.id" + from + where +
                                           " ORDER BY " + q.order_by + " LIMIT ? OFFSET ?) ORDER BY " + q.order_by,
                                       params}});
  const int64_t total = answers[0].first_integer().value_or(0);
  while (answers[1].next()) out.push_back(read_assessment(answers[1]));
  return {out, total};
}

// --- risks ------------------------------------------------------------------

std::optional<int> leader_level_at(store::Tx& tx, int64_t user_id, const std::string& org_path) {
  store::Params params{user_id};
  auto rows = tx.query(
      "SELECT MAX(g.leader_level) FROM role_grant g JOIN org o ON o.id = g.org_id JOIN app_user u ON u.id = g.user_id "
      "WHERE g.user_id = ? AND g.role = 'leader' AND u.disabled = 0 AND " +
          store::one_of("o.path", store::path_and_ancestors(org_path), params),
      params);
  if (!rows.next() || rows.is_null(0)) return std::nullopt;
  return static_cast<int>(rows.integer(0));
}

Risk create_risk(store::Tx& tx, const audit::Actor& actor, int64_t assessment_id, const RiskFields& f) {
  auto a = find_assessment(tx, assessment_id);
  if (!a) throw api::not_found();
  const auto matrix = matrix_of_assessment(tx, assessment_id);
  Risk r;
  r.assessment_id = a->id;
  r.org_id = a->org_id;
  r.org_code = a->org_code;
  r.org_path = a->org_path;
  apply(r, f);
  check_scores(r, matrix);
  derive(r, matrix);
  check_owner(tx, r);
  check_requirements(tx, r);
  if (!r.review_on) r.review_on = a->next_review_on;
  const auto now = core::now_iso();
  const auto id = tx.scalar_integer(
      "INSERT INTO risk (assessment_id, matrix_id, org_id, title, description, threat, vulnerability, assets, existing_controls, "
      "framework_controls, likelihood, consequence, consequences, inherent_level, treatment, treatment_plan, "
      "residual_likelihood, residual_consequence, residual_level, owner_id, review_on, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
      {r.assessment_id, a->matrix_id, r.org_id, r.title, r.description, r.threat, r.vulnerability, r.assets, r.existing_controls,
       controls_json(r.framework_controls), r.likelihood, r.consequence, consequences_json(r.consequences),
       r.inherent_level, r.treatment, r.treatment_plan, r.residual_likelihood, r.residual_consequence, r.residual_level,
       r.owner_id, r.review_on, now, now});
  r.id = *id;
  write_requirements(tx, r);
  auto out = *find_risk(tx, r.id);
  add_history(tx, actor, out.id, "scores", "null", scores_json(out));
  if (out.treatment) add_history(tx, actor, out.id, "treatment", "null", treatment_json(out));
  audit::record(tx, actor, "risk.create", "risk", std::to_string(out.id), out.org_id, "null", risk_json(out));
  count_heat(tx, out.matrix_id, out.org_path, std::nullopt, heat_cells(out));
  return out;
}

std::optional<Risk> find_risk(store::Tx& tx, int64_t id) {
  auto rows = tx.query(std::string(kRiskSelect) + " WHERE r.id = ?", {id});
  if (!rows.next()) return std::nullopt;
  std::vector<Risk> one{read_risk(rows)};
  attach_requirements(tx, one);
  return one[0];
}

Risk update_risk(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version, const RiskFields& f) {
  auto before = find_risk(tx, id);
  if (!before) throw api::not_found();
  if (before->version != expected_version) throw api::stale_version("Risikoen er endret i mellomtiden.", risk_json(*before));
  const auto matrix = matrix_of_assessment(tx, before->assessment_id);
  Risk r = *before;
  apply(r, f);
  check_scores(r, matrix);
  derive(r, matrix);
  if (f.owner_id) check_owner(tx, r);
  if (f.requirement_ids) check_requirements(tx, r);
  const bool scores_changed = scores_json(r) != scores_json(*before);
  const bool treatment_changed = treatment_json(r) != treatment_json(*before);
  const bool residual_changed =
      r.residual_likelihood != before->residual_likelihood || r.residual_consequence != before->residual_consequence;
  const bool withdraw = before->accepted_at && (residual_changed || r.treatment != before->treatment);
  if (withdraw) {
    r.accepted_by.reset();
    r.accepted_level.reset();
    r.accepted_at.reset();
    r.accepted_until.reset();
    r.acceptance_rationale.reset();
  }
  const auto n = tx.exec(
      "UPDATE risk SET title = ?, description = ?, threat = ?, vulnerability = ?, assets = ?, existing_controls = ?, "
      "framework_controls = ?, likelihood = ?, consequence = ?, consequences = ?, inherent_level = ?, treatment = ?, "
      "treatment_plan = ?, residual_likelihood = ?, residual_consequence = ?, residual_level = ?, owner_id = ?, "
      "review_on = ?, accepted_by_id = CASE WHEN ? = 1 THEN NULL ELSE accepted_by_id END, accepted_by = ?, "
      "accepted_level = ?, accepted_at = ?, accepted_until = ?, acceptance_rationale = ?, version = version + 1, "
      "updated_at = ? WHERE id = ? AND version = ?",
      {r.title, r.description, r.threat, r.vulnerability, r.assets, r.existing_controls,
       controls_json(r.framework_controls), r.likelihood, r.consequence, consequences_json(r.consequences),
       r.inherent_level, r.treatment, r.treatment_plan, r.residual_likelihood, r.residual_consequence, r.residual_level,
       r.owner_id, r.review_on, withdraw ? 1 : 0, r.accepted_by, r.accepted_level, r.accepted_at, r.accepted_until,
       r.acceptance_rationale, core::now_iso(), id, expected_version});
  if (n == 0) throw api::stale_version("Risikoen er endret i mellomtiden.", risk_json(*before));
  if (f.requirement_ids) write_requirements(tx, r);
  auto out = *find_risk(tx, id);
  if (scores_changed) add_history(tx, actor, id, "scores", scores_json(*before), scores_json(out));
  if (treatment_changed) add_history(tx, actor, id, "treatment", treatment_json(*before), treatment_json(out));
  if (withdraw) add_history(tx, actor, id, "acceptance_withdrawn", acceptance_json(*before), acceptance_json(out));
  audit::record(tx, actor, "risk.update", "risk", std::to_string(id), out.org_id, risk_json(*before), risk_json(out));
  count_heat(tx, out.matrix_id, out.org_path, heat_cells(*before), heat_cells(out));
  return out;
}

Risk accept_risk(store::Tx& tx, const audit::Actor& actor, int64_t id, const std::string& rationale,
                 const std::string& expires_on) {
  auto before = find_risk(tx, id);
  if (!before) throw api::not_found();
  if (!before->residual_likelihood || !before->residual_consequence)
    throw api::conflict("residual_likelihood", "Risikoen har ingen restrisiko å akseptere; sett sannsynlighet og konsekvens etter tiltak først.");
  if (core::is_blank(rationale)) throw api::bad_request("rationale", "Begrunnelsen må fylles ut.");
  if (!is_date(expires_on)) throw api::bad_request("expires_on", "«" + expires_on + "» er ingen gyldig dato (2027-03-15).");
  if (expires_on <= today()) throw api::bad_request("expires_on", "Aksepten må gjelde til en dato etter i dag.");
  const auto matrix = matrix_of_assessment(tx, before->assessment_id);
  std::optional<int> level;
  if (actor.id) level = leader_level_at(tx, *actor.id, before->org_path);
  const auto check = check_acceptance(matrix, {*before->residual_likelihood, *before->residual_consequence}, level);
  if (!check.allowed) {
    api::Problem p(403, "Ingen tilgang", refusal_nb(check), "residual");
    p.extra_json = "\"required_level\":" + std::to_string(check.required) +
                   ",\"acceptable\":" + (check.acceptable ? "true" : "false");
    throw p;
  }
  const auto now = core::now_iso();
  tx.exec(
      "UPDATE risk SET accepted_by_id = ?, accepted_by = ?, accepted_level = ?, accepted_at = ?, accepted_until = ?, "
      "acceptance_rationale = ?, version = version + 1, updated_at = ? WHERE id = ?",
      {actor.id, actor.name, *level, now, expires_on, rationale, now, id});
  auto out = *find_risk(tx, id);
  add_history(tx, actor, id, "acceptance", acceptance_json(*before), acceptance_json(out));
  audit::record(tx, actor, "risk.accept", "risk", std::to_string(id), out.org_id, risk_json(*before), risk_json(out));
  return out;
}

std::pair<std::vector<Risk>, int64_t> list_risks(store::Tx& tx, const RiskQuery& q) {
  std::vector<Risk> out;
  if (q.subtrees.empty()) return {out, 0};
  store::Params params;
  auto scope = where_in_scope(tx, q.subtrees, q.org_id, params);
  if (!scope) return {out, 0};
  std::string where = *scope;
  if (q.assessment_id) {
    where += " AND r.assessment_id = ?";
    params.emplace_back(*q.assessment_id);
  }
  if (q.matrix_id) {
    where += " AND r.matrix_id = ?";
    params.emplace_back(*q.matrix_id);
  }
  if (q.owner_id) {
    where += " AND r.owner_id = ?";
    params.emplace_back(*q.owner_id);
  }
  if (q.without_owner) where += " AND r.owner_id IS NULL";
  if (q.requirement_id) {
    where += " AND EXISTS (SELECT 1 FROM risk_requirement rq WHERE rq.risk_id = r.id AND rq.requirement_id = ?)";
    params.emplace_back(*q.requirement_id);
  }
  if (q.level) {
    where += " AND COALESCE(r.residual_level, r.inherent_level) = ?";
    params.emplace_back(*q.level);
  }
  if (q.treatment) {
    where += " AND r.treatment = ?";
    params.emplace_back(*q.treatment);
  }
  if (q.status) {
    if (*q.status == "none") where += " AND r.accepted_until IS NULL";
    else if (*q.status == "accepted") {
      where += " AND r.accepted_until >= ?";
      params.emplace_back(q.today);
    } else {
      where += " AND r.accepted_until < ?";
      params.emplace_back(q.today);
    }
  }
  if (q.needs_attention) {
    where += " AND (r.accepted_until < ? OR r.review_on < ?)";
    params.emplace_back(q.today);
    params.emplace_back(q.today);
  }
  if (q.inherent_cell) {
    where += " AND r.likelihood = ? AND r.consequence = ?";
    params.emplace_back(q.inherent_cell->first);
    params.emplace_back(q.inherent_cell->second);
  }
  if (q.residual_cell) {
    where += " AND r.residual_likelihood = ? AND r.residual_consequence = ?";
    params.emplace_back(q.residual_cell->first);
    params.emplace_back(q.residual_cell->second);
  }
  // The assessment is joined only when the order needs it: the count and the
  // page's ids then come from the indexes on org and risk alone.
  const bool with_assessment = q.order_by.find("a.") != std::string::npos;
  const std::string from = std::string(" FROM risk r ") +
                           (with_assessment ? "JOIN risk_assessment a ON a.id = r.assessment_id " : "") +
                           "JOIN org o ON o.id = r.org_id";
  // Filtered by the tree alone, the total is the heat map's kept counts
  // summed, not a count of a trust's 10,000 risks (a third of the page's time).
  const bool tree_only = !q.assessment_id && !q.owner_id && !q.without_owner && !q.requirement_id && !q.level &&
                         !q.treatment && !q.status && !q.needs_attention && !q.inherent_cell && !q.residual_cell;
  std::optional<int64_t> total;
  std::vector<store::Query> reads;
  if (tree_only) {
    const auto node = q.org_id ? org::find(tx, *q.org_id) : std::nullopt;
    if (node || !q.org_id) {
      const auto paths = org::visible_part(node ? node->path : "/", q.subtrees);
      if (paths.empty()) total = 0;
      else reads.push_back(kept_risk_count_query(paths, q.matrix_id));
    }
  }
  // The count, kept or counted, and the page: one round trip on PostgreSQL.
  if (!total && reads.empty()) reads.push_back({"SELECT COUNT(*)" + from + where, params});
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);
  // The page's ids first, then their rows, so only the page's rows are read
  // whole and sorted with all their columns.
  reads.push_back({std::string(kRiskSelect) + " WHERE r.id IN (SELECT r.id" + from + where + " ORDER BY " + q.order_by +
                       " LIMIT ? OFFSET ?) ORDER BY " + q.order_by,
                   params});
  auto answers = tx.query_all(reads);
  if (!total) total = answers[0].first_integer().value_or(0);  // a kept SUM may be null
  auto& rows = answers.back();
  while (rows.next()) out.push_back(read_risk(rows));
  attach_requirements(tx, out);
  return {out, *total};
}

std::vector<HistoryEntry> history(store::Tx& tx, int64_t risk_id) {
  std::vector<HistoryEntry> out;
  auto rows = tx.query("SELECT at, actor, kind, before, after FROM risk_history WHERE risk_id = ? ORDER BY id", {risk_id});
  while (rows.next()) out.push_back({rows.str(0), rows.str(1), rows.str(2), rows.str(3), rows.str(4)});
  return out;
}

namespace {

HeatMap heat_map_of(const StoredMatrix& m, const std::vector<HeatCount>& counts) {
  HeatMap h;
  const auto nl = m.matrix.likelihood.size(), nc = m.matrix.consequence.size();
  h.inherent.assign(nl, std::vector<int64_t>(nc, 0));
  h.residual.assign(nl, std::vector<int64_t>(nc, 0));
  for (const auto& count : counts) {
    if (!count.residual) {
      h.total += count.risks;
      if (count.likelihood == 0) h.unscored += count.risks;
    }
    const bool in_matrix = count.likelihood >= 1 && count.likelihood <= static_cast<int>(nl) &&
                           count.consequence >= 1 && count.consequence <= static_cast<int>(nc);
    if (in_matrix) (count.residual ? h.residual : h.inherent)[count.likelihood - 1][count.consequence - 1] += count.risks;
  }
  return h;
}

}  // namespace

std::vector<HeatMap> heat_maps(store::Tx& tx, const StoredMatrix& m, const std::vector<std::string>& under_paths,
                               const std::vector<std::string>& subtrees) {
  // The kept counts of the few subtrees that make up what the caller sees
  // of each node (migration 13), not a count of the node's risks.
  std::vector<store::Query> reads;
  std::vector<int> read_of;  // per node: its read, or -1 when the caller sees nothing of it
  for (const auto& path : under_paths) {
    const auto parts = org::visible_part(path, subtrees);
    read_of.push_back(parts.empty() ? -1 : static_cast<int>(reads.size()));
    if (!parts.empty()) reads.push_back(heat_counts_query(m.id, parts));
  }
  auto answers = tx.query_all(reads);
  std::vector<HeatMap> out;
  for (int i : read_of) out.push_back(heat_map_of(m, i < 0 ? std::vector<HeatCount>{} : read_heat_counts(answers[i])));
  return out;
}

HeatMap heat_map(store::Tx& tx, const StoredMatrix& m, const std::string& under_path,
                 const std::vector<std::string>& subtrees) {
  return heat_maps(tx, m, {under_path}, subtrees).front();
}

// --- JSON -------------------------------------------------------------------

void write_json(core::JsonWriter& w, const StoredMatrix& m, bool with_definition) {
  w.begin_object().field("id", m.id).field("region_id", m.region_id).field("key", m.matrix.key);
  w.field("revision", m.revision).field("source", m.source).field("is_default", m.is_default);
  w.field("created_at", m.created_at).field("created_by", m.created_by);
  w.key("name").begin_object().field("nb", m.matrix.name.nb).field("en", m.matrix.name.en).end_object();
  w.field("size", std::to_string(m.matrix.likelihood.size()) + "×" + std::to_string(m.matrix.consequence.size()));
  if (with_definition) {
    w.key("matrix");
    write_json(w, m.matrix);
  }
  w.end_object();
}

void write_json(core::JsonWriter& w, const Assessment& a) {
  w.begin_object().field("id", a.id);
  w.key("org").begin_object().field("id", a.org_id).field("code", a.org_code).field("name", a.org_name).field("path", a.org_path).end_object();
  w.field("matrix_id", a.matrix_id).field("title", a.title).field("scope", a.scope).field("subject_kind", a.subject_kind);
  w.field("subject", a.subject).field("method", a.method).field("participants", a.participants);
  w.field("assessed_on", a.assessed_on).field("status", a.status).field("next_review_on", a.next_review_on);
  w.field("risk_count", a.risk_count).field("version", a.version).field("created_at", a.created_at).field("updated_at", a.updated_at);
  w.end_object();
}

namespace {

void level_json(core::JsonWriter& w, const char* key, std::optional<int> level, const Matrix* m) {
  w.key(key);
  if (!level) {
    w.null();
    return;
  }
  w.begin_object().field("index", *level);
  if (m && *level >= 0 && *level < static_cast<int>(m->risk_levels.size())) {
    const auto& l = m->risk_levels[*level];
    w.key("label").begin_object().field("nb", l.label.nb).field("en", l.label.en).end_object();
    w.field("colour", l.colour);
  }
  w.end_object();
}

}  // namespace

void write_json(core::JsonWriter& w, const Risk& r, const Matrix* m, const std::string& today_date) {
  w.begin_object().field("id", r.id).field("assessment_id", r.assessment_id).field("assessment_title", r.assessment_title);
  w.field("matrix_id", r.matrix_id);
  w.key("org").begin_object().field("id", r.org_id).field("code", r.org_code).field("path", r.org_path).end_object();
  w.field("title", r.title).field("description", r.description).field("threat", r.threat);
  w.field("vulnerability", r.vulnerability).field("assets", r.assets).field("existing_controls", r.existing_controls);
  w.key("framework_controls").begin_array();
  for (const auto& c : r.framework_controls) w.value(c);
  w.end_array();
  w.field("likelihood", r.likelihood).field("consequence", r.consequence);
  w.key("consequences").begin_object();
  for (const auto& [a, v] : r.consequences) w.field(a, v);
  w.end_object();
  level_json(w, "inherent_level", r.inherent_level, m);
  w.field("treatment", r.treatment).field("treatment_plan", r.treatment_plan);
  w.field("residual_likelihood", r.residual_likelihood).field("residual_consequence", r.residual_consequence);
  level_json(w, "residual_level", r.residual_level, m);
  w.key("owner");
  if (r.owner_id) w.begin_object().field("id", *r.owner_id).field("display_name", r.owner_name.value_or("")).end_object();
  else w.null();
  w.field("review_on", r.review_on).field("review_overdue", review_overdue(r.review_on, today_date));
  w.key("acceptance").begin_object().field("state", acceptance_state(r.accepted_until, today_date));
  w.field("accepted_by", r.accepted_by).field("accepted_level", r.accepted_level).field("accepted_at", r.accepted_at);
  w.field("expires_on", r.accepted_until).field("rationale", r.acceptance_rationale);
  if (m && r.residual_likelihood && r.residual_consequence) {
    const auto c = check_acceptance(*m, {*r.residual_likelihood, *r.residual_consequence}, std::nullopt);
    w.field("required_level", c.required).field("acceptable", c.acceptable);
  }
  w.end_object();
  w.key("requirement_ids").begin_array();
  for (auto id : r.requirement_ids) w.value(id);
  w.end_array();
  w.field("version", r.version).field("created_at", r.created_at).field("updated_at", r.updated_at);
  w.end_object();
}

// --- risks as other areas show them (a measure's links, src/actions) ---

std::vector<RiskRef> risk_refs(store::Tx& tx, const std::vector<int64_t>& ids, const std::vector<std::string>& subtrees) {
  std::vector<RiskRef> out;
  if (ids.empty() || subtrees.empty()) return out;
  store::Params params;
  std::string in;
  for (auto id : ids) {
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  auto rows = tx.query("SELECT r.id, r.title, a.id, a.title, o.code FROM risk r JOIN risk_assessment a ON a.id = r.assessment_id "
                       "JOIN org o ON o.id = r.org_id WHERE r.id IN (" + in + ") AND " +
                       store::under_any(tx.dialect(), "o.path", subtrees, params) + " ORDER BY r.id",
                       params);
  while (rows.next()) out.push_back({rows.integer(0), rows.str(1), rows.integer(2), rows.str(3), rows.str(4)});
  return out;
}

}  // namespace varde::risk
