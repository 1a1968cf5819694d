#include "commission/routes.hpp"

#include <algorithm>
#include <map>

#include "api/problem.hpp"
#include "api/report_download.hpp"
#include "api/schema.hpp"
#include "commission/importer.hpp"
#include "commission/route_helpers.hpp"
#include "commission/scale_store.hpp"
#include "commission/report_export.hpp"
#include "core/base64.hpp"
#include "core/time.hpp"
#include "reports/render.hpp"
#include "commission/store.hpp"
#include "importers/csv.hpp"
#include "org/routes.hpp"
#include "org/store.hpp"

namespace varde::commission {

using api::Access;
using api::Context;
using api::NodeRef;
using api::Scope;
using auth::Permission;

std::optional<NodeRef> node_of(store::Tx& tx, int64_t org_id) {
  auto n = org::find(tx, org_id);
  if (!n) return std::nullopt;
  return NodeRef{n->id, n->path};
}

std::optional<NodeRef> locate_body_region(Context& ctx) { return node_of(ctx.tx, ctx.body()["region_id"].get<int64_t>()); }

std::optional<NodeRef> locate_document_region(Context& ctx) {
  auto d = find_document(ctx.tx, ctx.id_param(), false);
  if (!d) return std::nullopt;
  return NodeRef{d->region_id, d->region_path};
}

std::optional<NodeRef> locate_period_region(Context& ctx) {
  auto p = find_period(ctx.tx, ctx.id_param());
  if (!p) return std::nullopt;
  return node_of(ctx.tx, p->region_id);
}

std::optional<NodeRef> locate_entry_org(Context& ctx) {
  auto id = ctx.tx.scalar_integer("SELECT org_id FROM report_entry WHERE id = ?", {ctx.id_param()});
  if (!id) return std::nullopt;
  return node_of(ctx.tx, *id);
}

// The region a node belongs to: itself when it is one, else its nearest
// ancestor of kind region.
std::optional<org::Node> region_of(store::Tx& tx, int64_t org_id) {
  auto current = org::find(tx, org_id);
  while (current && current->kind != "region") {
    if (!current->parent_id) return std::nullopt;
    current = org::find(tx, *current->parent_id);
  }
  return current;
}

// The trust a report route names. The path must name the trust itself: the
// access check is made on that node, so a unit's path must not open its
// trust's report.
std::optional<NodeRef> locate_trust_param(Context& ctx) {
  auto n = org::find(ctx.tx, ctx.id_param());
  if (!n) return std::nullopt;
  if (n->kind != "trust")
    throw api::Problem(404, "Finnes ikke", "Rapporter føres per foretak (HF); «" + n->code + "» er ikke et foretak.", "id");
  return NodeRef{n->id, n->path};
}


Period period_in_region(store::Tx& tx, int64_t period_id, const org::Node& region) {
  auto p = find_period(tx, period_id);
  if (!p || p->region_id != region.id)
    throw api::Problem(404, "Finnes ikke", "Perioden finnes ikke i regionen til foretaket.", "period_id");
  return *p;
}

// Region staff (read at or above the region) see its draft documents; trusts
// and units below it see only what the region has published.
bool sees_drafts(const Context& ctx, const std::string& region_path) {
  for (const auto& r : auth::subtrees_with(*ctx.principal, Permission::read))
    if (auth::in_subtree(region_path, r)) return true;
  return false;
}

// The document, or 404 for a draft the caller may not see yet.
std::optional<Document> visible_document(Context& ctx, int64_t id, bool with_content) {
  auto d = find_document(ctx.tx, id, with_content);
  if (!d || (d->status != "published" && !sees_drafts(ctx, d->region_path))) throw api::not_found();
  return d;
}

std::optional<NodeRef> locate_requirement_region(Context& ctx) {
  auto r = find_requirement(ctx.tx, ctx.id_param());
  if (!r) return std::nullopt;
  auto d = find_document(ctx.tx, r->document_id, false);
  return NodeRef{d->region_id, d->region_path};
}

namespace {

http::Response list_documents_route(Context& ctx) {
  // The regions the caller reaches: those above or inside a subtree it reads.
  std::vector<std::string> region_paths;
  const auto reads = auth::subtrees_with(*ctx.principal, Permission::read);
  auto rows = ctx.tx.query("SELECT path FROM org WHERE kind = 'region'");
  while (rows.next()) {
    const auto path = rows.str(0);
    for (const auto& r : reads)
      if (auth::in_subtree(r, path) || auth::in_subtree(path, r)) {
        region_paths.push_back(path);
        break;
      }
  }
  core::JsonWriter w;
  w.begin_object().key("items").begin_array();
  int64_t n = 0;
  for (const auto& d : list_documents(ctx.tx, region_paths)) {
    if (d.status != "published" && !sees_drafts(ctx, d.region_path)) continue;
    write_json(w, d);
    ++n;
  }
  w.end_array().field("total", n).end_object();
  return api::json_response(w.take());
}

http::Response create_document_route(Context& ctx) {
  const auto& b = ctx.body();
  auto region = org::find(ctx.tx, b["region_id"].get<int64_t>());
  if (region->kind != "region") throw api::bad_request("region_id", "Oppdragsdokumentet gis av en region (RHF).");
  auto d = create_document(ctx.tx, ctx.actor(), region->id, b["year"].get<int>(), b["title"].get<std::string>());
  return api::versioned_response(to_json(d), d.version, 201);
}

http::Response get_document_route(Context& ctx) {
  auto d = visible_document(ctx, ctx.id_param(), true);
  auto body = to_json(*d);
  core::JsonWriter w;
  w.begin_array();
  for (const auto& r : revisions(ctx.tx, d->id))
    w.begin_object().field("revision", r.revision).field("published_at", r.published_at).field("published_by", r.published_by).end_object();
  w.end_array();
  body.pop_back();
  body += ",\"revisions\":" + w.take() + "}";
  return api::versioned_response(body, d->version);
}

http::Response publish_document_route(Context& ctx) {
  auto d = publish_document(ctx.tx, ctx.actor(), ctx.id_param(), ctx.expected_version());
  return api::versioned_response(to_json(d), d.version);
}

http::Response add_chapter_route(Context& ctx) {
  const auto& b = ctx.body();
  Chapter c;
  c.code = b["code"];
  c.title = b["title"];
  c.general_text = b.value("general_text", "");
  auto out = add_chapter(ctx.tx, ctx.actor(), ctx.id_param(), c);
  core::JsonWriter w;
  w.begin_object().field("id", out.id).field("code", out.code).field("title", out.title).field("general_text", out.general_text).field("position", out.position).end_object();
  return api::json_response(w.take(), 201);
}

http::Response add_requirement_route(Context& ctx) {
  const auto& b = ctx.body();
  NewRequirement r;
  r.chapter_code = b["chapter"];
  if (b.contains("number") && !b["number"].is_null()) r.number = b["number"].get<std::string>();
  r.text = b["text"];
  if (b.contains("applies_to")) r.target_codes = b["applies_to"].get<std::vector<std::string>>();
  for (const auto& p : b["reporting_points"]) r.points.insert(*point_from_code(p.get<std::string>()));
  if (b.contains("deadlines"))
    for (const auto& d : b["deadlines"]) r.deadlines.push_back({0, d["phrase"], d["due_date"], d.value("yearly", false)});
  auto out = add_requirement(ctx.tx, ctx.actor(), ctx.id_param(), r);
  return api::versioned_response(to_json(out), out.version, 201);
}


http::Response patch_requirement_route(Context& ctx) {
  const auto& b = ctx.body();
  RequirementPatch p;
  if (b.contains("number")) p.number = b["number"].is_null() ? std::optional<std::string>() : b["number"].get<std::string>();
  if (b.contains("text")) p.text = b["text"].get<std::string>();
  if (b.contains("applies_to")) p.target_codes = b["applies_to"].get<std::vector<std::string>>();
  if (b.contains("reporting_points")) {
    std::set<ReportingPoint> points;
    for (const auto& code : b["reporting_points"]) points.insert(*point_from_code(code.get<std::string>()));
    p.points = points;
  }
  if (b.contains("deadlines")) {
    std::vector<Deadline> ds;
    for (const auto& d : b["deadlines"]) ds.push_back({0, d["phrase"], d["due_date"], d.value("yearly", false)});
    p.deadlines = ds;
  }
  auto r = update_requirement(ctx.tx, ctx.actor(), ctx.id_param(), ctx.expected_version(), p);
  return api::versioned_response(to_json(r), r.version);
}

http::Response requirements_csv_route(Context& ctx) {
  auto d = visible_document(ctx, ctx.id_param(), true);
  http::Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = importers::write_csv(template_rows(*d));
  r.set_header("Content-Disposition", "attachment; filename=\"krav-" + d->region_code + "-" + std::to_string(d->year) + ".csv\"");
  return r;
}

http::Response requirements_xlsx_route(Context& ctx) {
  auto d = visible_document(ctx, ctx.id_param(), true);
  http::Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = template_xlsx(*d);
  if (r.body.empty()) throw api::Problem(500, "Filen kunne ikke lages", "Regnearket kunne ikke skrives.");
  r.set_header("Content-Disposition", "attachment; filename=\"krav-" + d->region_code + "-" + std::to_string(d->year) + ".xlsx\"");
  return r;
}

// Previews (dry_run) or imports the requirements template (CSV text, or an
// .xlsx as base64). A preview lists
// what would be created and every warning; an import with any error writes
// nothing.
http::Response import_requirements_route(Context& ctx) {
  const auto& b = ctx.body();
  if (b.contains("csv") == b.contains("xlsx"))
    throw api::bad_request(b.contains("csv") ? "xlsx" : "csv",
                           "Send malen enten som «csv» (teksten) eller som «xlsx» (filen i base64), ikke begge.");
  RequirementsPlan plan;
  if (b.contains("xlsx")) {
    const auto bytes = core::base64_decode(b["xlsx"].get<std::string>());
    if (!bytes) throw api::bad_request("xlsx", "«xlsx» må være filen kodet som base64.");
    plan = plan_requirements_import_xlsx(*bytes);
  } else {
    plan = plan_requirements_import(b["csv"].get<std::string>());
  }
  const bool dry_run = b.value("dry_run", false);
  core::JsonWriter w;
  w.begin_object().field("dry_run", dry_run).field("source", b.contains("xlsx") ? "xlsx" : "csv");
  w.key("errors").begin_array();
  for (const auto& e : plan.errors) write_json(w, e);
  w.end_array();
  w.key("chapters").begin_array();
  for (const auto& c : plan.chapters) w.begin_object().field("code", c.code).field("title", c.title).end_object();
  w.end_array();
  w.key("requirements").begin_array();
  for (const auto& [line, r] : plan.requirements) {
    w.begin_object().field("line", line).field("chapter", r.chapter_code);
    w.key("number").value(r.number);
    w.field("text", r.text).field("reporting_phrase", points_phrase_nb(r.points)).end_object();
  }
  w.end_array();
  if (dry_run || !plan.errors.empty()) {
    w.key("warnings").begin_array();
    for (const auto& p : plan.warnings) write_json(w, p);
    w.end_array().end_object();
    if (!plan.errors.empty() && !dry_run) {
      const auto& e = plan.errors.front();
      api::Problem p(400, "Importen kan ikke leses", plan.line_word + " " + std::to_string(e.line) + ": " + e.message, e.field);
      auto body = w.take();
      p.extra_json = "\"import\":" + body;
      throw p;
    }
    return api::json_response(w.take());
  }
  auto summary = apply_requirements(ctx.tx, ctx.actor(), ctx.id_param(), plan);
  w.key("summary");
  write_json(w, summary);
  w.end_object();
  return api::json_response(w.take(), 201);
}

// Previews (dry_run) or takes in a trust's report in the layout of the
// oppdragsdokument report (text from a PDF export, or Varde's own export).
http::Response import_report_route(Context& ctx) {
  const auto& b = ctx.body();
  auto parsed = parse_commission_report(b["text"].get<std::string>());
  const auto kind = *period_from_code(b["period"].get<std::string>());
  std::optional<int> year = parsed.year;
  if (b.contains("year")) year = b["year"].get<int>();
  if (!year) throw api::bad_request("year", "Året står ikke i teksten; oppgi det.");
  const bool dry_run = b.value("dry_run", false);
  if (!dry_run) {
    auto summary = apply_report_import(ctx.tx, ctx.actor(), ctx.node->id, *year, kind, parsed);
    core::JsonWriter w;
    write_json(w, summary);
    return api::json_response(w.take(), 201);
  }
  core::JsonWriter w;
  w.begin_object().field("dry_run", true).field("title", parsed.title).field("year", *year);
  w.key("chapters").begin_array();
  for (const auto& c : parsed.chapters) w.begin_object().field("code", c.code).field("title", c.title).field("line", c.line).end_object();
  w.end_array();
  w.key("requirements").begin_array();
  for (const auto& q : parsed.requirements) {
    w.begin_object().field("line", q.line).field("chapter", q.chapter_code);
    w.key("number").value(q.number);
    w.field("text", q.full_text()).field("applies_to", q.applies_to_raw).field("reporting_phrase", q.reporting_points_raw);
    std::string reporting;
    for (const auto& p : q.reporting_text) reporting += (reporting.empty() ? "" : "\n\n") + p;
    w.field("reporting_text", reporting).end_object();
  }
  w.end_array();
  w.key("warnings").begin_array();
  for (const auto& warning : parsed.warnings) write_json(w, warning);
  w.end_array().end_object();
  return api::json_response(w.take());
}

// The trust's report for a period as a file a trust sends on.
http::Response export_report_route(Context& ctx) {
  auto trust = *org::find(ctx.tx, ctx.node->id);  // the locator checked it is a trust
  auto region = region_of(ctx.tx, trust.id);
  if (!region) throw api::not_found();
  auto period = period_in_region(ctx.tx, ctx.id_param("period_id"), *region);
  const auto format = ctx.req.query_param("format", "docx");
  auto report = trust_report(ctx.tx, period, trust.id);
  if (report.document && report.document->status != "published" && !sees_drafts(ctx, region->path)) report.document.reset();
  auto doc = trust_report_export(ctx.tx, report, period, trust, core::local_time_text());
  return api::report_download(doc, format, "rapport-" + trust.code + "-" + std::to_string(period.year) + "-" +
                                               std::string(period_code(period.kind)));
}

http::Response list_periods_route(Context& ctx) {
  auto region = region_of(ctx.tx, ctx.node->id);
  core::JsonWriter w;
  w.begin_object().key("items").begin_array();
  int64_t n = 0;
  if (region)
    for (const auto& p : list_periods(ctx.tx, region->id)) {
      write_json(w, p);
      ++n;
    }
  w.end_array().field("total", n).end_object();
  return api::json_response(w.take());
}

http::Response create_period_route(Context& ctx) {
  auto region = org::find(ctx.tx, ctx.node->id);
  if (region->kind != "region") throw api::bad_request("id", "Rapporteringsperioder settes av en region (RHF).");
  const auto& b = ctx.body();
  const int year = b["year"].get<int>();
  const auto kind = *period_from_code(b["kind"].get<std::string>());
  if (find_period_for(ctx.tx, region->id, year, kind))
    throw api::conflict("kind", period_label_nb(kind, year) + " finnes allerede for regionen.");
  std::optional<std::string> due;
  if (b.contains("due_on")) due = b["due_on"].get<std::string>();
  auto p = create_period(ctx.tx, ctx.actor(), region->id, year, kind, due);
  return api::versioned_response(to_json(p), p.version, 201);
}

http::Response close_period_route(Context& ctx) {
  auto p = close_period(ctx.tx, ctx.actor(), ctx.id_param());
  return api::versioned_response(to_json(p), p.version);
}

http::Response reopen_period_route(Context& ctx) {
  auto p = reopen_period(ctx.tx, ctx.actor(), ctx.id_param(), ctx.body()["reason"].get<std::string>());
  return api::versioned_response(to_json(p), p.version);
}

// The answer of trust_report_route, as the OpenAPI document publishes it.
api::json trust_report_schema() {
  const char* level = R"({"type":["object","null"],"required":["index","label","colour"],"properties":{
    "index":{"type":"integer"},"label":{"type":"object","properties":{"nb":{"type":"string"},"en":{"type":"string"}}},
    "colour":{"type":"string"}}})";
  const std::string risk = std::string(R"({"type":"object","required":["id","title","inherent_level","residual_level","treatment","acceptance"],"properties":{
    "id":{"type":"integer"},"title":{"type":"string"},
    "likelihood":{"type":["integer","null"]},"consequence":{"type":["integer","null"]},"inherent_level":)") + level + R"(,
    "residual_likelihood":{"type":["integer","null"]},"residual_consequence":{"type":["integer","null"]},"residual_level":)" +
                           level + R"(,
    "treatment":{"type":["string","null"],"enum":["reduce","accept","avoid","transfer",null]},
    "acceptance":{"type":"object","properties":{"state":{"type":"string","enum":["none","accepted","expired"]},
      "accepted_by":{"type":["string","null"]},"expires_on":{"type":["string","null"]}}}}})";
  const std::string assessment = R"({"type":"object","required":["id","title","status","assessed_on","org","risks"],"properties":{
    "id":{"type":"integer"},"title":{"type":"string"},
    "status":{"type":"string","enum":["planned","in_progress","completed","reassess"]},
    "assessed_on":{"type":["string","null"]},
    "org":{"type":"object","properties":{"code":{"type":"string"},"name":{"type":"string"}}},
    "risks":{"type":"array","items":)" + risk + "}}}";
  return api::schema((R"({"type":"object","required":["trust","period","from_snapshot","document","achievement_scale","chapters","items"],"properties":{
    "trust":{"type":"object"},"period":{"type":"object"},"from_snapshot":{"type":"boolean"},
    "document":{"type":["object","null"]},"achievement_scale":{"type":"array"},"chapters":{"type":"array"},
    "items":{"type":"array","items":{"type":"object","required":["requirement","entry","risk_assessments"],"properties":{
      "requirement":{"type":"object"},"entry":{"type":["object","null"]},"previous_text":{"type":"string"},
      "risk_assessments":{"type":"array","description":"The risk assessments of the trust's subtree with risks tied to the requirement; for a closed period as they stood at the close","items":)" +
                      assessment + "}}}}}}").c_str());
}

// A trust's report for a period: the requirements that apply to it and are
// reported in that period, each with the trust's entry (or none yet), and the
// previous period's text offered as a starting point.
http::Response trust_report_route(Context& ctx) {
  auto trust = *org::find(ctx.tx, ctx.node->id);  // the locator checked it is a trust
  auto region = region_of(ctx.tx, trust.id);
  if (!region) throw api::not_found();
  auto period = period_in_region(ctx.tx, ctx.id_param("period_id"), *region);
  auto report = trust_report(ctx.tx, period, trust.id, true);
  // A draft document is the region's work in progress: the trust sees it once published.
  if (report.document && report.document->status != "published" && !sees_drafts(ctx, region->path)) {
    report.document.reset();
    report.entries.clear();
  }
  const auto& doc = report.document;
  std::map<int64_t, Entry> entries;
  for (auto& e : report.entries) entries[e.requirement_id] = e;
  const auto& previous = report.previous_texts;

  core::JsonWriter w;
  w.begin_object();
  w.key("trust").begin_object().field("id", trust.id).field("code", trust.code).field("name", trust.name).end_object();
  w.key("period");
  write_json(w, period);
  w.field("from_snapshot", report.from_snapshot);
  w.key("document");
  if (doc) {
    w.begin_object().field("id", doc->id).field("title", doc->title).field("status", doc->status).field("revision", doc->revision).end_object();
  } else {
    w.null();
  }
  w.key("achievement_scale");
  write_json(w, report.scale);
  w.key("chapters").begin_array();
  if (doc)
    for (const auto& c : doc->chapters)
      w.begin_object().field("code", c.code).field("title", c.title).field("general_text", c.general_text).end_object();
  w.end_array();
  w.key("items").begin_array();
  if (doc) {
    for (const auto& r : doc->requirements) {
      w.begin_object();
      w.key("requirement");
      write_json(w, r);
      w.key("entry");
      if (auto it = entries.find(r.id); it != entries.end()) write_json(w, it->second); else w.null();
      if (auto it = previous.find(r.id); it != previous.end()) w.field("previous_text", it->second);
      w.key("risk_assessments").begin_array();
      if (auto it = report.assessments.find(r.id); it != report.assessments.end())
        for (const auto& a : it->second) risk::write_json(w, a);
      w.end_array();
      w.end_object();
    }
  }
  w.end_array();
  w.end_object();
  return api::json_response(w.take());
}

http::Response save_entry_route(Context& ctx) {
  auto trust = *org::find(ctx.tx, ctx.node->id);  // the locator checked it is a trust
  auto region = region_of(ctx.tx, trust.id);
  if (!region) throw api::not_found();
  auto period = period_in_region(ctx.tx, ctx.id_param("period_id"), *region);
  const auto requirement_id = ctx.id_param("requirement_id");
  auto doc = find_document_for(ctx.tx, region->id, period.year, false);
  std::optional<Requirement> requirement;
  if (doc)
    for (auto& r : requirements_for(ctx.tx, doc->id, trust.id))
      if (r.id == requirement_id) requirement = r;
  if (!requirement)
    throw api::Problem(404, "Finnes ikke", "Kravet gjelder ikke dette foretaket i periodens oppdragsdokument.",
                       "requirement_id");
  if (!reported_in(requirement->points, period.kind))
    throw api::conflict("requirement_id", "Krav " + requirement->number.value_or("") + " rapporteres ikke i " +
                                              period_label_nb(period.kind, period.year) + ".");
  const auto& b = ctx.body();
  std::optional<std::string> achievement_code;
  if (b.contains("achievement") && !b["achievement"].is_null()) achievement_code = b["achievement"].get<std::string>();
  std::optional<int64_t> version;
  if (!ctx.req.header("If-Match").empty() || b.contains("version")) version = ctx.expected_version();
  auto e = save_entry(ctx.tx, ctx.actor(), requirement_id, trust.id, period.id, version, achievement_code,
                      b.value("text", ""));
  return api::versioned_response(to_json(e), e.version);
}

http::Response act_route(Context& ctx, EntryAction action) {
  auto e = act_on_entry(ctx.tx, ctx.actor(), ctx.id_param(), action);
  return api::versioned_response(to_json(e), e.version);
}

const char* kPointsEnum = R"(["T1","T2","ANNUAL","BUSINESS"])";

}  // namespace

void add_routes(api::RouteTable& t) {
  add_overview_routes(t);
  const auto object = api::schema(R"({"type":"object"})");
  const auto list = api::schema(R"({"type":"object","properties":{"items":{"type":"array"},"total":{"type":"integer"}}})");

  t.add({"GET", "/api/commission/documents", "Oppdragsdokumenter for regionene du når", "commission",
         Access{Scope::session, std::nullopt, nullptr, ""}, nullptr, list, 200, list_documents_route});
  t.add({"POST", "/api/commission/documents", "Opprett et oppdragsdokument for en region og et år", "commission",
         Access{Scope::node, Permission::manage, locate_body_region, "body:region_id"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["region_id","year","title"],"properties":{
           "region_id":{"type":"integer","minimum":1},"year":{"type":"integer","minimum":2000,"maximum":2100},
           "title":{"type":"string","minLength":1,"maxLength":300}}})"),
         object, 201, create_document_route});
  t.add({"GET", "/api/commission/documents/{id}", "Et oppdragsdokument med kapitler og krav", "commission",
         Access{Scope::node, Permission::read, locate_document_region, "object:commission_document", true}, nullptr,
         object, 200, get_document_route});
  t.add({"POST", "/api/commission/documents/{id}/publish", "Publiser (eller revider) dokumentet", "commission",
         Access{Scope::node, Permission::manage, locate_document_region, "object:commission_document"},
         api::schema(R"({"type":"object","additionalProperties":false,"properties":{"version":{"type":"integer"}}})"),
         object, 200, publish_document_route});
  t.add({"POST", "/api/commission/documents/{id}/chapters", "Legg til et kapittel", "commission",
         Access{Scope::node, Permission::manage, locate_document_region, "object:commission_document"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["code","title"],"properties":{
           "code":{"type":"string","minLength":1,"maxLength":16},"title":{"type":"string","minLength":1,"maxLength":300},
           "general_text":{"type":"string","maxLength":20000}}})"),
         object, 201, add_chapter_route});
  t.add({"POST", "/api/commission/documents/{id}/requirements", "Legg til et krav", "commission",
         Access{Scope::node, Permission::manage, locate_document_region, "object:commission_document"},
         api::schema((std::string(R"({"type":"object","additionalProperties":false,"required":["chapter","text","reporting_points"],"properties":{
           "chapter":{"type":"string","minLength":1,"maxLength":16},"number":{"type":["string","null"],"maxLength":16},
           "text":{"type":"string","minLength":1,"maxLength":20000},
           "applies_to":{"type":"array","items":{"type":"string","minLength":2,"maxLength":16}},
           "reporting_points":{"type":"array","minItems":1,"items":{"type":"string","enum":)") + kPointsEnum + R"(}},
           "deadlines":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["phrase","due_date"],
             "properties":{"phrase":{"type":"string","minLength":1,"maxLength":300},"due_date":{"type":"string","minLength":10,"maxLength":10},"yearly":{"type":"boolean"}}}}}})").c_str()),
         object, 201, add_requirement_route});
  t.add({"GET", "/api/commission/documents/{id}/requirements.csv", "Kravene som regneark-mal (CSV)", "commission",
         Access{Scope::node, Permission::read, locate_document_region, "object:commission_document", true}, nullptr,
         api::schema(R"({"type":"string"})"), 200, requirements_csv_route});
  t.add({"GET", "/api/commission/documents/{id}/requirements.xlsx", "Kravene som regneark-mal (Excel)", "commission",
         Access{Scope::node, Permission::read, locate_document_region, "object:commission_document", true}, nullptr,
         api::schema(R"({"type":"string"})"), 200, requirements_xlsx_route});
  t.add({"POST", "/api/commission/documents/{id}/requirements/import",
         "Forhåndsvis eller importer krav fra regneark-malen (CSV-tekst, eller .xlsx i base64)", "commission",
         Access{Scope::node, Permission::manage, locate_document_region, "object:commission_document"},
         api::schema(R"({"type":"object","additionalProperties":false,"properties":{
           "csv":{"type":"string","minLength":1,"maxLength":5000000},
           "xlsx":{"type":"string","minLength":1,"maxLength":7000000},"dry_run":{"type":"boolean"}}})"),
         object, 201, import_requirements_route});
  t.add({"POST", "/api/orgs/{id}/imports/commission-report",
         "Forhåndsvis eller ta inn foretakets rapport (tekst i oppdragsdokument-oppsettet)", "commission",
         Access{Scope::node, Permission::manage, locate_trust_param, "path:id"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["text","period"],"properties":{
           "text":{"type":"string","minLength":1,"maxLength":5000000},"period":{"type":"string","enum":["T1","T2","ANNUAL"]},
           "year":{"type":"integer","minimum":2000,"maximum":2100},"dry_run":{"type":"boolean"}}})"),
         object, 201, import_report_route});
  t.add({"GET", "/api/orgs/{id}/reports/{period_id}/export", "Foretakets rapport som fil (docx, xlsx, md, html)",
         "commission", Access{Scope::node, Permission::read, locate_trust_param, "path:id"}, nullptr,
         api::schema(R"({"type":"string"})"), 200, export_report_route, {"format"}});
  t.add({"PATCH", "/api/requirements/{id}", "Endre et krav (nummer, tekst, hvem det gjelder, rapportering, frister)",
         "commission", Access{Scope::node, Permission::manage, locate_requirement_region, "object:requirement"},
         api::schema((std::string(R"({"type":"object","additionalProperties":false,"properties":{
           "number":{"type":["string","null"],"maxLength":16},"text":{"type":"string","minLength":1,"maxLength":20000},
           "applies_to":{"type":"array","items":{"type":"string","minLength":2,"maxLength":16}},
           "reporting_points":{"type":"array","minItems":1,"items":{"type":"string","enum":)") + kPointsEnum + R"(}},
           "deadlines":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["phrase","due_date"],
             "properties":{"phrase":{"type":"string","minLength":1,"maxLength":300},"due_date":{"type":"string","minLength":10,"maxLength":10},"yearly":{"type":"boolean"}}}},
           "version":{"type":"integer"}}})").c_str()),
         object, 200, patch_requirement_route});
  t.add({"GET", "/api/orgs/{id}/periods", "Rapporteringsperiodene i enhetens region", "commission",
         Access{Scope::node, Permission::read, org::locate_node_param, "path:id", true}, nullptr, list, 200,
         list_periods_route});
  t.add({"POST", "/api/orgs/{id}/periods", "Opprett en rapporteringsperiode for regionen", "commission",
         Access{Scope::node, Permission::manage, org::locate_node_param, "path:id"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["year","kind"],"properties":{
           "year":{"type":"integer","minimum":2000,"maximum":2100},"kind":{"type":"string","enum":["T1","T2","ANNUAL"]},
           "due_on":{"type":"string","minLength":10,"maxLength":10}}})"),
         object, 201, create_period_route});
  t.add({"POST", "/api/periods/{id}/close", "Avslutt perioden og lås rapportene", "commission",
         Access{Scope::node, Permission::manage, locate_period_region, "object:reporting_period"},
         api::schema(R"({"type":"object","additionalProperties":false,"properties":{}})"), object, 200,
         close_period_route});
  t.add({"POST", "/api/periods/{id}/reopen", "Gjenåpne en avsluttet periode (med begrunnelse)", "commission",
         Access{Scope::node, Permission::manage, locate_period_region, "object:reporting_period"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["reason"],"properties":{
           "reason":{"type":"string","minLength":5,"maxLength":2000}}})"),
         object, 200, reopen_period_route});
  t.add({"GET", "/api/orgs/{id}/reports/{period_id}", "Foretakets rapport for en periode", "commission",
         Access{Scope::node, Permission::read, locate_trust_param, "path:id"}, nullptr, trust_report_schema(), 200,
         trust_report_route});
  t.add({"PUT", "/api/orgs/{id}/reports/{period_id}/{requirement_id}", "Lagre måloppnåelse og tekst for et krav",
         "commission", Access{Scope::node, Permission::contribute, locate_trust_param, "path:id"},
         api::schema(R"({"type":"object","additionalProperties":false,"properties":{
           "achievement":{"type":["string","null"],"minLength":1,"maxLength":32},
           "text":{"type":"string","maxLength":50000},"version":{"type":"integer"}}})"),
         object, 200, save_entry_route});
  t.add({"POST", "/api/report-entries/{id}/submit", "Send inn en rapportering", "commission",
         Access{Scope::node, Permission::contribute, locate_entry_org, "object:report_entry"},
         api::schema(R"({"type":"object","additionalProperties":false,"properties":{}})"), object, 200,
         [](Context& c) { return act_route(c, EntryAction::submit); }});
  t.add({"POST", "/api/report-entries/{id}/approve", "Godkjenn en innsendt rapportering", "commission",
         Access{Scope::node, Permission::approve, locate_entry_org, "object:report_entry"},
         api::schema(R"({"type":"object","additionalProperties":false,"properties":{}})"), object, 200,
         [](Context& c) { return act_route(c, EntryAction::approve); }});
  t.add({"POST", "/api/report-entries/{id}/return", "Send en rapportering tilbake til utkast", "commission",
         Access{Scope::node, Permission::approve, locate_entry_org, "object:report_entry"},
         api::schema(R"({"type":"object","additionalProperties":false,"properties":{}})"), object, 200,
         [](Context& c) { return act_route(c, EntryAction::return_to_draft); }});
}

}  // namespace varde::commission
