#include "risk/routes.hpp"

#include <sodium.h>

#include "api/problem.hpp"
#include "api/report_download.hpp"
#include "api/schema.hpp"
#include "core/time.hpp"
#include "org/routes.hpp"
#include "org/store.hpp"
#include "risk/heat_svg.hpp"
#include "risk/import_matrix.hpp"
#include "risk/matrix_json.hpp"
#include "risk/measure_routes.hpp"
#include "risk/risks_csv.hpp"
#include "risk/overview.hpp"
#include "reports/render.hpp"
#include "reports/svg_png.hpp"
#include "risk/store.hpp"
#include "store/sql.hpp"

namespace varde::risk {

using api::Access;
using api::Context;
using api::NodeRef;
using api::Scope;
using auth::Permission;
using json = nlohmann::json;

namespace {

std::string today() { return core::now_iso().substr(0, 10); }

std::optional<NodeRef> node_of(store::Tx& tx, int64_t org_id) {
  auto n = org::find(tx, org_id);
  if (!n) return std::nullopt;
  return NodeRef{n->id, n->path};
}

std::optional<NodeRef> locate_body_org(Context& ctx) { return node_of(ctx.tx, ctx.body()["org_id"].get<int64_t>()); }

std::optional<NodeRef> locate_matrix_region(Context& ctx) {
  auto region = ctx.tx.scalar_integer("SELECT region_id FROM risk_matrix WHERE id = ?", {ctx.id_param()});
  if (!region) return std::nullopt;
  return node_of(ctx.tx, *region);
}

std::optional<NodeRef> locate_assessment_org(Context& ctx) {
  auto org = ctx.tx.scalar_integer("SELECT org_id FROM risk_assessment WHERE id = ?", {ctx.id_param()});
  if (!org) return std::nullopt;
  return node_of(ctx.tx, *org);
}

std::optional<NodeRef> locate_risk_org(Context& ctx) {
  auto org = ctx.tx.scalar_integer("SELECT org_id FROM risk WHERE id = ?", {ctx.id_param()});
  if (!org) return std::nullopt;
  return node_of(ctx.tx, *org);
}

// The path names a region: matrices are the region's.
org::Node region_param(Context& ctx) {
  auto n = org::find(ctx.tx, ctx.node->id);
  if (n->kind != "region")
    throw api::bad_request("id", "Risikomatriser hører til en region (RHF); «" + n->code + "» er ikke en region.");
  return *n;
}

// --- request bodies -----------------------------------------------------------

std::optional<std::optional<std::string>> opt_text(const json& b, const char* key) {
  if (!b.contains(key)) return std::nullopt;
  if (b[key].is_null()) return std::optional<std::string>();
  return std::optional<std::string>(b[key].get<std::string>());
}

std::optional<std::optional<int>> opt_int(const json& b, const char* key) {
  if (!b.contains(key)) return std::nullopt;
  if (b[key].is_null()) return std::optional<int>();
  return std::optional<int>(b[key].get<int>());
}

AssessmentFields assessment_fields(const json& b) {
  AssessmentFields f;
  for (auto [key, target] : {std::pair{"title", &f.title}, {"scope", &f.scope}, {"subject_kind", &f.subject_kind},
                             {"subject", &f.subject}, {"method", &f.method}, {"participants", &f.participants},
                             {"status", &f.status}})
    if (b.contains(key)) *target = b[key].get<std::string>();
  f.assessed_on = opt_text(b, "assessed_on");
  f.next_review_on = opt_text(b, "next_review_on");
  return f;
}

RiskFields risk_fields(const json& b) {
  RiskFields f;
  for (auto [key, target] : {std::pair{"title", &f.title}, {"description", &f.description}, {"threat", &f.threat},
                             {"vulnerability", &f.vulnerability}, {"assets", &f.assets},
                             {"existing_controls", &f.existing_controls}, {"treatment_plan", &f.treatment_plan}})
    if (b.contains(key)) *target = b[key].get<std::string>();
  if (b.contains("framework_controls")) f.framework_controls = b["framework_controls"].get<std::vector<std::string>>();
  f.likelihood = opt_int(b, "likelihood");
  f.consequence = opt_int(b, "consequence");
  f.residual_likelihood = opt_int(b, "residual_likelihood");
  f.residual_consequence = opt_int(b, "residual_consequence");
  if (b.contains("consequences")) {
    std::map<std::string, int> per_area;
    for (const auto& [area, v] : b["consequences"].items()) {
      if (!v.is_number_integer()) throw api::bad_request("consequences." + area, "Konsekvensen må være et heltall.");
      per_area[area] = v.get<int>();
    }
    f.consequences = per_area;
  }
  f.treatment = opt_text(b, "treatment");
  f.review_on = opt_text(b, "review_on");
  if (b.contains("owner_id"))
    f.owner_id = b["owner_id"].is_null() ? std::optional<int64_t>() : std::optional<int64_t>(b["owner_id"].get<int64_t>());
  if (b.contains("requirement_ids")) f.requirement_ids = b["requirement_ids"].get<std::vector<int64_t>>();
  return f;
}

// --- matrices ---------------------------------------------------------------

http::Response list_matrices_route(Context& ctx) {
  auto region = region_of(ctx.tx, ctx.node->id);
  core::JsonWriter w;
  w.begin_object().key("items").begin_array();
  int64_t n = 0;
  if (region)
    for (const auto& m : list_matrices(ctx.tx, *region)) {
      write_json(w, m, false);
      ++n;
    }
  w.end_array().field("total", n).end_object();
  return api::json_response(w.take());
}

http::Response get_matrix_route(Context& ctx) {
  auto m = find_matrix(ctx.tx, ctx.id_param());
  core::JsonWriter w;
  write_json(w, *m, true);
  return api::json_response(w.take());
}

http::Response create_matrix_route(Context& ctx) {
  auto region = region_param(ctx);
  auto m = matrix_from_json(ctx.body()["matrix"]);
  auto saved = save_matrix(ctx.tx, ctx.actor(), region.id, m, "api", ctx.body().value("make_default", false));
  core::JsonWriter w;
  write_json(w, saved, true);
  return api::json_response(w.take(), 201);
}

void write_note(core::JsonWriter& w, const ImportNote& n) {
  w.begin_object().field("line", n.line).field("field", n.field).field("message", n.message).end_object();
}

// Previews (dry_run) or imports the matrices of a CISO Assistant library
// file. A preview shows each matrix as it would be stored, with every
// warning; an import with an error writes nothing.
http::Response import_matrix_route(Context& ctx) {
  auto region = region_param(ctx);
  const auto& b = ctx.body();
  auto parsed = parse_ciso_library(b["yaml"].get<std::string>());
  const bool dry_run = b.value("dry_run", false);
  core::JsonWriter w;
  w.begin_object().field("dry_run", dry_run).field("library", parsed.library_name);
  w.key("errors").begin_array();
  for (const auto& e : parsed.errors) write_note(w, e);
  w.end_array();
  w.key("warnings").begin_array();
  for (const auto& e : parsed.warnings) write_note(w, e);
  w.end_array();
  if (!parsed.ok()) {
    w.end_object();
    const auto first = parsed.errors.empty() ? ImportNote{0, "yaml", "Filen har ingen risikomatrise."} : parsed.errors[0];
    api::Problem p(400, "Importen kan ikke leses",
                   (first.line ? "Linje " + std::to_string(first.line) + ": " : std::string()) + first.message,
                   first.field.empty() ? "yaml" : first.field);
    p.extra_json = "\"import\":" + w.take();
    throw p;
  }
  w.key("matrices").begin_array();
  const std::string source = b.value("file_name", std::string("CISO Assistant"));
  for (std::size_t i = 0; i < parsed.matrices.size(); ++i) {
    if (dry_run) {
      write_json(w, parsed.matrices[i]);
    } else {
      const bool make_default = b.value("make_default", false) && i == 0;
      auto saved = save_matrix(ctx.tx, ctx.actor(), region.id, parsed.matrices[i], source, make_default);
      write_json(w, saved, true);
    }
  }
  w.end_array().end_object();
  return api::json_response(w.take(), dry_run ? 200 : 201);
}

// --- assessments ------------------------------------------------------------

http::Response list_assessments_route(Context& ctx) {
  AssessmentQuery q;
  q.subtrees = auth::subtrees_with(*ctx.principal, Permission::read);
  q.org_id = ctx.query_id("org_id");
  q.status = ctx.query_text("status");
  if (q.status && !is_assessment_status(*q.status)) throw api::bad_request("status", "Ukjent status «" + *q.status + "».");
  q.order_by = ctx.order_by({{"title", "a.title"}, {"updated_at", "a.updated_at"}, {"status", "a.status"},
                             {"next_review_on", "a.next_review_on"}, {"org", "o.code"}},
                            "a.updated_at DESC", "a.id");
  q.limit = ctx.limit();
  q.offset = ctx.offset();
  auto [items, total] = list_assessments(ctx.tx, q);
  core::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& a : items) write_json(w, a);
  w.end_array().field("total", total).field("limit", q.limit).field("offset", q.offset).end_object();
  return api::json_response(w.take());
}

http::Response create_assessment_route(Context& ctx) {
  auto a = create_assessment(ctx.tx, ctx.actor(), ctx.node->id, assessment_fields(ctx.body()));
  core::JsonWriter w;
  write_json(w, a);
  return api::versioned_response(w.take(), a.version, 201);
}

http::Response get_assessment_route(Context& ctx) {
  auto a = find_assessment(ctx.tx, ctx.id_param());
  auto m = find_matrix(ctx.tx, a->matrix_id);
  RiskQuery q;
  q.subtrees = {a->org_path};
  q.assessment_id = a->id;
  q.limit = 1000;
  q.today = today();
  auto risks = list_risks(ctx.tx, q).first;
  core::JsonWriter w;
  write_json(w, *a);
  auto body = w.take();
  body.pop_back();
  core::JsonWriter rest;
  rest.begin_object().key("matrix");
  write_json(rest, *m, true);
  rest.key("risks").begin_array();
  for (const auto& r : risks) write_json(rest, r, &m->matrix, q.today);
  rest.end_array().end_object();
  auto tail = rest.take();
  body += "," + tail.substr(1);
  return api::versioned_response(body, a->version);
}

http::Response patch_assessment_route(Context& ctx) {
  auto a = update_assessment(ctx.tx, ctx.actor(), ctx.id_param(), ctx.expected_version(), assessment_fields(ctx.body()));
  core::JsonWriter w;
  write_json(w, a);
  return api::versioned_response(w.take(), a.version);
}

// --- risks ------------------------------------------------------------------

std::string risk_body(store::Tx& tx, const Risk& r, bool with_history) {
  auto m = find_matrix(tx, r.matrix_id);
  core::JsonWriter w;
  write_json(w, r, &m->matrix, today());
  auto body = w.take();
  if (!with_history) return body;
  body.pop_back();
  core::JsonWriter h;
  h.begin_array();
  for (const auto& e : history(tx, r.id))
    h.begin_object().field("at", e.at).field("actor", e.actor).field("kind", e.kind).key("before").raw(e.before).key("after").raw(e.after).end_object();
  h.end_array();
  return body + ",\"history\":" + h.take() + "}";
}

http::Response create_risk_route(Context& ctx) {
  auto r = create_risk(ctx.tx, ctx.actor(), ctx.id_param(), risk_fields(ctx.body()));
  return api::versioned_response(risk_body(ctx.tx, r, false), r.version, 201);
}

// The risk with its history and the measures that treat it.
http::Response get_risk_route(Context& ctx) {
  auto r = find_risk(ctx.tx, ctx.id_param());
  auto body = risk_body(ctx.tx, *r, true);
  body.pop_back();
  body += ",\"measures\":" + measures_json(ctx, r->id) + "}";
  return api::versioned_response(body, r->version);
}

http::Response patch_risk_route(Context& ctx) {
  auto r = update_risk(ctx.tx, ctx.actor(), ctx.id_param(), ctx.expected_version(), risk_fields(ctx.body()));
  return api::versioned_response(risk_body(ctx.tx, r, false), r.version);
}

http::Response accept_risk_route(Context& ctx) {
  const auto& b = ctx.body();
  auto r = accept_risk(ctx.tx, ctx.actor(), ctx.id_param(), b["rationale"].get<std::string>(),
                       b["expires_on"].get<std::string>());
  return api::versioned_response(risk_body(ctx.tx, r, false), r.version);
}

std::optional<std::pair<int, int>> cell_param(Context& ctx, const std::string& name) {
  auto raw = ctx.query_text(name);
  if (!raw) return std::nullopt;
  int l = 0, c = 0;
  char comma = 0, extra = 0;
  if (std::sscanf(raw->c_str(), "%d%c%d%c", &l, &comma, &c, &extra) != 3 || comma != ',' || l < 1 || c < 1)
    throw api::bad_request(name, "«" + name + "» må være sannsynlighet,konsekvens (for eksempel 3,4).");
  return std::make_pair(l, c);
}

RiskQuery risk_query(Context& ctx) {
  RiskQuery q;
  q.subtrees = auth::subtrees_with(*ctx.principal, Permission::read);
  q.org_id = ctx.query_id("org_id");
  q.assessment_id = ctx.query_id("assessment_id");
  q.owner_id = ctx.query_id("owner_id");
  q.requirement_id = ctx.query_id("requirement_id");
  q.matrix_id = ctx.query_id("matrix_id");
  if (auto level = ctx.query_text("level")) {
    if (level->size() != 1 || !std::isdigit(static_cast<unsigned char>((*level)[0])))
      throw api::bad_request("level", "«level» må være indeksen til et risikonivå (0, 1, 2 …).");
    q.level = (*level)[0] - '0';
  }
  q.status = ctx.query_text("status");
  if (q.status && *q.status != "none" && *q.status != "accepted" && *q.status != "expired")
    throw api::bad_request("status", "«status» må være none, accepted eller expired.");
  q.treatment = ctx.query_text("treatment");
  if (q.treatment && !treatment_from_code(*q.treatment))
    throw api::bad_request("treatment", "«treatment» må være reduce, accept, avoid eller transfer.");
  q.without_owner = ctx.query_text("without_owner").value_or("") == "true";
  q.needs_attention = ctx.query_text("needs_attention").value_or("") == "true";
  q.inherent_cell = cell_param(ctx, "inherent_cell");
  q.residual_cell = cell_param(ctx, "residual_cell");
  q.today = today();
  q.order_by = ctx.order_by({{"title", "r.title"}, {"updated_at", "r.updated_at"}, {"review_on", "r.review_on"},
                             {"inherent", "r.inherent_level"}, {"residual", "r.residual_level"}, {"org", "o.code"}},
                            "r.id", "r.id");
  q.limit = ctx.limit();
  q.offset = ctx.offset();
  return q;
}

http::Response write_risk_list(Context& ctx, const RiskQuery& q) {
  auto [items, total] = list_risks(ctx.tx, q);
  std::map<int64_t, std::optional<StoredMatrix>> matrices;
  core::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& r : items) {
    auto& m = matrices[r.matrix_id];
    if (!m) m = find_matrix(ctx.tx, r.matrix_id);
    write_json(w, r, m ? &m->matrix : nullptr, q.today);
  }
  w.end_array().field("total", total).field("limit", q.limit).field("offset", q.offset).end_object();
  return api::json_response(w.take());
}

http::Response list_risks_route(Context& ctx) { return write_risk_list(ctx, risk_query(ctx)); }

// The caller's own risks: those they own, the ones whose acceptance has
// expired or whose review is overdue first.
http::Response my_risks_route(Context& ctx) {
  auto q = risk_query(ctx);
  q.owner_id = ctx.principal->user_id;
  q.order_by = "CASE WHEN r.accepted_until < '" + q.today + "' OR r.review_on < '" + q.today +
               "' THEN 0 ELSE 1 END, r.review_on, r.id";
  return write_risk_list(ctx, q);
}

http::Response owners_route(Context& ctx) {
  auto n = org::find(ctx.tx, ctx.node->id);
  store::Params params;
  auto rows = ctx.tx.query(
      "SELECT u.id, u.display_name, u.username, MAX(g.leader_level) FROM role_grant g JOIN org o ON o.id = g.org_id "
      "JOIN app_user u ON u.id = g.user_id WHERE g.role = 'leader' AND u.disabled = 0 AND " +
          store::one_of("o.path", store::path_and_ancestors(n->path), params) +
          " GROUP BY u.id, u.display_name, u.username, u.name_key ORDER BY u.name_key, u.id",
      params);
  core::JsonWriter w;
  w.begin_array();
  while (rows.next())
    w.begin_object().field("id", rows.integer(0)).field("display_name", rows.str(1)).field("username", rows.str(2))
        .field("leader_level", rows.integer(3)).end_object();
  w.end_array();
  return api::json_response(w.take());
}

void write_heat(core::JsonWriter& w, const HeatMap& h) {
  auto grid = [&](const char* key, const std::vector<std::vector<int64_t>>& g) {
    w.key(key).begin_array();
    for (const auto& row : g) {
      w.begin_array();
      for (auto v : row) w.value(v);
      w.end_array();
    }
    w.end_array();
  };
  grid("inherent", h.inherent);
  grid("residual", h.residual);
  w.field("total", h.total).field("unscored", h.unscored);
}

// The matrix a heat map of the route's node counts on: the one ?matrix_id
// names, which must be of the node's region, or else the region's default.
StoredMatrix heat_map_matrix(Context& ctx, const org::Node& node) {
  auto region = region_of(ctx.tx, node.id);
  if (!region) throw api::bad_request("id", "Enheten hører ikke til noen region.");
  if (auto id = ctx.query_id("matrix_id")) {
    auto m = find_matrix(ctx.tx, *id);
    if (!m || m->region_id != *region) throw api::bad_request("matrix_id", "Matrisen finnes ikke i regionen.");
    return *m;
  }
  auto m = default_matrix_of(ctx.tx, *region);
  if (!m) throw api::Problem(404, "Finnes ikke", "Regionen har ingen risikomatrise ennå.", "matrix_id");
  return *m;
}

// Counts per cell of one matrix (the region's default unless matrix_id
// names another of the region's), for the node's subtree; for a region, also
// each trust's side by side.
http::Response heat_map_route(Context& ctx) {
  auto node = *org::find(ctx.tx, ctx.node->id);
  const auto m = heat_map_matrix(ctx, node);
  const auto subtrees = auth::subtrees_with(*ctx.principal, Permission::read);
  core::JsonWriter w;
  w.begin_object();
  w.key("org").begin_object().field("id", node.id).field("code", node.code).field("name", node.name).field("kind", node.kind).end_object();
  w.key("matrix");
  write_json(w, m, true);
  // The node's map and, for a region, each trust's, read together.
  std::vector<org::Node> trusts;
  if (node.kind == "region") {
    org::ListQuery lq;
    lq.subtrees = {node.path};
    lq.kind = "trust";
    lq.order_by = "code, id";
    lq.limit = 500;
    trusts = org::list_items(ctx.tx, lq);
  }
  std::vector<std::string> paths = {node.path};
  for (const auto& t : trusts) paths.push_back(t.path);
  const auto maps = heat_maps(ctx.tx, m, paths, subtrees);
  write_heat(w, maps[0]);
  w.key("trusts").begin_array();
  for (size_t i = 0; i < trusts.size(); ++i) {
    const auto& t = trusts[i];
    w.begin_object();
    w.key("org").begin_object().field("id", t.id).field("code", t.code).field("name", t.name).end_object();
    write_heat(w, maps[i + 1]);
    w.end_object();
  }
  w.end_array().end_object();
  return api::json_response(w.take());
}

// The heat map of the node as a PNG picture (the SVG the reports show, drawn
// by reports::svg_png): for a slide or an e-mail. Same counts and matrix as
// the JSON heat map above.
http::Response heat_map_png_route(Context& ctx) {
  auto node = *org::find(ctx.tx, ctx.node->id);
  const auto m = heat_map_matrix(ctx, node);
  const auto h = heat_map(ctx.tx, m, node.path, auth::subtrees_with(*ctx.principal, Permission::read));
  const auto png = reports::svg_to_png(
      heat_map_svg(m.matrix, h.inherent, h.residual, "Varmekart for " + node.name + ": antall risikoer per rute, iboende / rest"));
  if (!png) throw std::runtime_error("the heat map could not be drawn as PNG");
  http::Response r;
  r.content_type = "image/png";
  r.body = png->bytes;
  r.set_header("Content-Disposition", "inline; filename=\"varmekart-" + node.code + ".png\"");
  return r;
}

// --- in and out -------------------------------------------------------------

http::Response export_csv_route(Context& ctx) {
  auto node = *org::find(ctx.tx, ctx.node->id);
  RiskQuery q;
  q.subtrees = {node.path};
  q.today = today();
  q.limit = 100000;
  q.order_by = "r.assessment_id, r.id";
  auto risks = list_risks(ctx.tx, q).first;
  http::Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = risks_to_csv(ctx.tx, risks);
  r.set_header("Content-Disposition", "attachment; filename=\"risikoer-" + node.code + ".csv\"");
  return r;
}

http::Response export_xlsx_route(Context& ctx) {
  auto node = *org::find(ctx.tx, ctx.node->id);
  RiskQuery q;
  q.subtrees = {node.path};
  q.today = today();
  q.limit = 100000;
  q.order_by = "r.assessment_id, r.id";
  auto risks = list_risks(ctx.tx, q).first;
  http::Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = risks_to_xlsx(ctx.tx, risks);
  if (r.body.empty()) throw api::Problem(500, "Regnearket kunne ikke lages");
  r.set_header("Content-Disposition", "attachment; filename=\"risikoer-" + node.code + ".xlsx\"");
  return r;
}

std::string from_base64(const std::string& text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), " \r\n",
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw api::bad_request("xlsx", "«xlsx» må være filen i base64.");
  out.resize(len);
  return out;
}

// Previews (dry_run) or imports risks from the spreadsheet: `csv` as text,
// or `xlsx` as the file's bytes in base64.
http::Response import_csv_route(Context& ctx) {
  const auto& b = ctx.body();
  if (b.contains("csv") == b.contains("xlsx")) throw api::bad_request("csv", "Send enten «csv» eller «xlsx».");
  auto plan = b.contains("csv") ? plan_risk_import(ctx.tx, ctx.node->id, b["csv"].get<std::string>())
                                : plan_risk_import_xlsx(ctx.tx, ctx.node->id, from_base64(b["xlsx"].get<std::string>()));
  const bool dry_run = b.value("dry_run", false);
  core::JsonWriter w;
  write_json(w, plan, dry_run);
  if (!plan.errors.empty()) {
    const auto& e = plan.errors.front();
    api::Problem p(400, "Importen kan ikke leses", "Linje " + std::to_string(e.line) + ": " + e.message, e.field);
    p.extra_json = "\"import\":" + w.take();
    throw p;
  }
  if (dry_run) return api::json_response(w.take());
  auto summary = apply_risk_import(ctx.tx, ctx.actor(), plan);
  core::JsonWriter s;
  s.begin_object().field("dry_run", false).field("assessments_created", summary.assessments_created);
  s.field("risks_created", summary.risks_created).field("risks_updated", summary.risks_updated).end_object();
  return api::json_response(s.take(), 201);
}

http::Response overview_export_route(Context& ctx) {
  auto node = *org::find(ctx.tx, ctx.node->id);
  const auto format = ctx.query_text("format").value_or("html");
  auto doc = risk_overview_document(ctx.tx, node, core::local_time_text());
  return api::report_download(doc, format, "risikooversikt-" + node.code);
}

// --- schemas ----------------------------------------------------------------

const char* kAssessmentProps = R"(
  "title":{"type":"string","minLength":1,"maxLength":300},"scope":{"type":"string","maxLength":20000},
  "subject_kind":{"type":"string","enum":["system","change","process","requirement"]},
  "subject":{"type":"string","maxLength":2000},"method":{"type":"string","maxLength":2000},
  "participants":{"type":"string","maxLength":5000},
  "assessed_on":{"type":["string","null"],"minLength":10,"maxLength":10},
  "status":{"type":"string","enum":["planned","in_progress","completed","reassess"]},
  "next_review_on":{"type":["string","null"],"minLength":10,"maxLength":10})";

const char* kRiskProps = R"(
  "title":{"type":"string","minLength":1,"maxLength":300},"description":{"type":"string","maxLength":20000},
  "threat":{"type":"string","maxLength":20000},"vulnerability":{"type":"string","maxLength":20000},
  "assets":{"type":"string","maxLength":5000},"existing_controls":{"type":"string","maxLength":20000},
  "framework_controls":{"type":"array","maxItems":200,"items":{"type":"string","minLength":1,"maxLength":100}},
  "likelihood":{"type":["integer","null"],"minimum":1,"maximum":6},
  "consequence":{"type":["integer","null"],"minimum":1,"maximum":6},
  "consequences":{"type":"object"},
  "treatment":{"type":["string","null"],"enum":["reduce","accept","avoid","transfer",null]},
  "treatment_plan":{"type":"string","maxLength":20000},
  "residual_likelihood":{"type":["integer","null"],"minimum":1,"maximum":6},
  "residual_consequence":{"type":["integer","null"],"minimum":1,"maximum":6},
  "owner_id":{"type":["integer","null"],"minimum":1},
  "review_on":{"type":["string","null"],"minLength":10,"maxLength":10},
  "requirement_ids":{"type":"array","maxItems":200,"items":{"type":"integer","minimum":1}})";

std::string body_schema(const char* props, const char* required, bool with_version) {
  return std::string(R"({"type":"object","additionalProperties":false,"required":)") + required +
         R"(,"properties":{)" + props + (with_version ? R"(,"version":{"type":"integer"})" : "") + "}}";
}

}  // namespace

void add_routes(api::RouteTable& t) {
  const auto object = api::schema(R"({"type":"object"})");
  const auto list = api::schema(R"({"type":"object","properties":{"items":{"type":"array"},"total":{"type":"integer"}}})");
  const auto file = api::schema(R"({"type":"string"})");
  const std::vector<std::string> risk_filters = {"org_id", "assessment_id", "owner_id", "requirement_id", "matrix_id",
                                                 "level", "status", "treatment", "without_owner", "needs_attention",
                                                 "inherent_cell", "residual_cell", "sort", "limit", "offset"};

  t.add({"GET", "/api/orgs/{id}/risk-matrices", "Risikomatrisene i enhetens region (alle versjoner)", "risk",
         Access{Scope::node, Permission::read, org::locate_node_param, "path:id", true}, nullptr, list, 200,
         list_matrices_route});
  t.add({"POST", "/api/orgs/{id}/risk-matrices", "Lagre en risikomatrise (ny versjon av nøkkelen) for regionen", "risk",
         Access{Scope::node, Permission::manage, org::locate_node_param, "path:id"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["matrix"],"properties":{
           "matrix":{"type":"object"},"make_default":{"type":"boolean"}}})"),
         object, 201, create_matrix_route});
  t.add({"GET", "/api/risk-matrices/{id}", "En versjon av en risikomatrise med nivåer, farger og akseptregler", "risk",
         Access{Scope::node, Permission::read, locate_matrix_region, "object:risk_matrix", true}, nullptr, object, 200,
         get_matrix_route});
  t.add({"POST", "/api/orgs/{id}/imports/risk-matrix",
         "Forhåndsvis eller importer risikomatriser fra et CISO Assistant-bibliotek (YAML)", "risk",
         Access{Scope::node, Permission::manage, org::locate_node_param, "path:id"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["yaml"],"properties":{
           "yaml":{"type":"string","minLength":1,"maxLength":5000000},"dry_run":{"type":"boolean"},
           "make_default":{"type":"boolean"},"file_name":{"type":"string","maxLength":300}}})"),
         object, 201, import_matrix_route});

  t.add({"GET", "/api/risk-assessments", "Risikovurderinger (ROS) i enhetene du kan lese", "risk",
         Access{Scope::session, std::nullopt, nullptr, ""}, nullptr, list, 200, list_assessments_route,
         {"org_id", "status", "sort", "limit", "offset"}});
  t.add({"POST", "/api/risk-assessments", "Opprett en risikovurdering (ROS-analyse)", "risk",
         Access{Scope::node, Permission::contribute, locate_body_org, "body:org_id"},
         api::schema(body_schema((std::string(R"("org_id":{"type":"integer","minimum":1},)") + kAssessmentProps).c_str(),
                                 R"(["org_id","title","subject_kind"])", false).c_str()),
         object, 201, create_assessment_route});
  t.add({"GET", "/api/risk-assessments/{id}", "En risikovurdering med matrisen og risikoene", "risk",
         Access{Scope::node, Permission::read, locate_assessment_org, "object:risk_assessment"}, nullptr, object, 200,
         get_assessment_route});
  t.add({"PATCH", "/api/risk-assessments/{id}", "Endre en risikovurdering", "risk",
         Access{Scope::node, Permission::contribute, locate_assessment_org, "object:risk_assessment"},
         api::schema(body_schema(kAssessmentProps, "[]", true).c_str()), object, 200, patch_assessment_route});
  t.add({"POST", "/api/risk-assessments/{id}/risks", "Legg til en risiko i vurderingen", "risk",
         Access{Scope::node, Permission::contribute, locate_assessment_org, "object:risk_assessment"},
         api::schema(body_schema(kRiskProps, R"(["title"])", false).c_str()), object, 201, create_risk_route});

  t.add({"GET", "/api/risks", "Risikoer i enhetene du kan lese, med filtre", "risk",
         Access{Scope::session, std::nullopt, nullptr, ""}, nullptr, list, 200, list_risks_route, risk_filters});
  t.add({"GET", "/api/me/risks", "Risikoene du eier; utløpte aksepter og forfalte gjennomganger først", "risk",
         Access{Scope::session, std::nullopt, nullptr, ""}, nullptr, list, 200, my_risks_route, risk_filters});
  t.add({"GET", "/api/risks/{id}", "En risiko med historikken", "risk",
         Access{Scope::node, Permission::read, locate_risk_org, "object:risk"}, nullptr, object, 200, get_risk_route});
  t.add({"PATCH", "/api/risks/{id}", "Endre en risiko (vurdering, behandling, eier, krav)", "risk",
         Access{Scope::node, Permission::contribute, locate_risk_org, "object:risk"},
         api::schema(body_schema(kRiskProps, "[]", true).c_str()), object, 200, patch_risk_route});
  t.add({"POST", "/api/risks/{id}/accept", "Aksepter restrisikoen (leder på riktig nivå)", "risk",
         Access{Scope::node, Permission::approve, locate_risk_org, "object:risk"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["rationale","expires_on"],"properties":{
           "rationale":{"type":"string","minLength":1,"maxLength":5000},
           "expires_on":{"type":"string","minLength":10,"maxLength":10}}})"),
         object, 200, accept_risk_route});
  t.add({"GET", "/api/orgs/{id}/risk-owners", "Ledere som kan eie risiko i enheten", "risk",
         Access{Scope::node, Permission::read, org::locate_node_param, "path:id"}, nullptr,
         api::schema(R"({"type":"array"})"), 200, owners_route});
  t.add({"GET", "/api/orgs/{id}/risk-heatmap", "Varmekart: antall risikoer per rute, iboende og rest", "risk",
         Access{Scope::node, Permission::read, org::locate_node_param, "path:id"}, nullptr, object, 200,
         heat_map_route, {"matrix_id"}});
  t.add({"GET", "/api/orgs/{id}/risks.csv", "Risikoene under enheten som CSV", "risk",
         Access{Scope::node, Permission::read, org::locate_node_param, "path:id"}, nullptr, file, 200,
         export_csv_route});
  t.add({"GET", "/api/orgs/{id}/risks.xlsx", "Risikoene under enheten som Excel-regneark", "risk",
         Access{Scope::node, Permission::read, org::locate_node_param, "path:id"}, nullptr, file, 200,
         export_xlsx_route});
  t.add({"POST", "/api/orgs/{id}/imports/risks", "Forhåndsvis eller importer risikoer fra CSV eller .xlsx", "risk",
         Access{Scope::node, Permission::contribute, org::locate_node_param, "path:id"},
         api::schema(R"({"type":"object","additionalProperties":false,"properties":{
           "csv":{"type":"string","minLength":1,"maxLength":5000000},
           "xlsx":{"type":"string","minLength":1,"maxLength":7000000},"dry_run":{"type":"boolean"}}})"),
         object, 201, import_csv_route});
  t.add({"GET", "/api/orgs/{id}/risk-overview/export", "Risikooversikten per krav (til tertialrapporten) som fil",
         "risk", Access{Scope::node, Permission::read, org::locate_node_param, "path:id"}, nullptr, file, 200,
         overview_export_route, {"format"}});
  // ---- the heat map as a picture (engineer A, session 3) ----
  t.add({"GET", "/api/orgs/{id}/risk-heatmap.png", "Varmekartet som PNG-bilde", "risk",
         Access{Scope::node, Permission::read, org::locate_node_param, "path:id"}, nullptr, file, 200,
         heat_map_png_route, {"matrix_id"}});
  add_measure_routes(t);
}

}  // namespace varde::risk
