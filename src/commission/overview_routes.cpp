// The region's overview routes: the matrix of a period (JSON and .xlsx), a
// requirement's history over the periods, and the region's achievement scale.
#include <map>

#include "api/problem.hpp"
#include "api/report_download.hpp"
#include "api/schema.hpp"
#include "commission/history.hpp"
#include "commission/matrix.hpp"
#include "commission/region_report.hpp"
#include "commission/route_helpers.hpp"
#include "commission/scale_store.hpp"
#include "core/json_writer.hpp"
#include "core/time.hpp"
#include "org/routes.hpp"
#include "org/store.hpp"
#include "reports/render.hpp"

namespace varde::commission {

using api::Access;
using api::Context;
using api::Scope;
using auth::Permission;

namespace {

// The region's overview: requirements × trusts for one period, with each
// cell's achievement and workflow state, what is missing and what is overdue
// (worked out here, against today's date in Norway).
http::Response matrix_route(Context& ctx) {
  const auto m = build_matrix(ctx.tx, *find_period(ctx.tx, ctx.id_param()), core::local_date_iso());
  core::JsonWriter w;
  w.begin_object();
  w.key("period");
  write_json(w, m.period);
  w.key("achievement_scale");
  write_json(w, m.scale);
  w.key("trusts").begin_array();
  for (const auto& t : m.trusts) w.begin_object().field("id", t.id).field("code", t.code).field("name", t.name).end_object();
  w.end_array();
  w.key("rows").begin_array();
  for (const auto& row : m.rows) {
    const auto& r = row.requirement;
    w.begin_object().field("requirement_id", r.id).field("chapter", r.chapter_code);
    w.key("number").value(r.number);
    w.field("text", r.text);
    w.key("cells").begin_array();
    for (const auto& c : row.cells) {
      w.begin_object().field("org_id", c.org_id).field("applies", c.applies);
      if (c.entry) {
        w.key("achievement").value(c.entry->achievement);
        w.field("state", state_code(c.entry->state)).field("entry_id", c.entry->id);
      } else {
        w.key("achievement").null();
        w.key("state").null();
      }
      w.field("overdue", c.overdue).end_object();
    }
    w.end_array().end_object();
  }
  w.end_array();
  w.field("past_due", m.past_due).field("missing", m.missing).field("overdue", m.overdue);
  w.end_object();
  return api::json_response(w.take());
}

http::Response matrix_xlsx_route(Context& ctx) {
  const auto m = build_matrix(ctx.tx, *find_period(ctx.tx, ctx.id_param()), core::local_date_iso());
  http::Response r;
  r.body = reports::render_xlsx(matrix_document(m, core::local_time_text()));
  if (r.body.empty()) throw api::Problem(500, "Filen kunne ikke lages", "Regnearket kunne ikke skrives.");
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.set_header("Content-Disposition", "attachment; filename=\"oversikt-" + m.region.code + "-" + std::to_string(m.period.year) +
                                          "-" + std::string(period_code(m.period.kind)) + ".xlsx\"");
  return r;
}

// A requirement's history: each period of each year its number recurs in,
// with every trust's status and text.
http::Response history_route(Context& ctx) {
  const auto h = requirement_history(ctx.tx, ctx.id_param());
  if (!h) throw api::not_found();
  core::JsonWriter w;
  w.begin_object();
  w.key("requirement");
  write_json(w, h->requirement);
  w.key("region").begin_object().field("id", h->region.id).field("code", h->region.code).field("name", h->region.name).end_object();
  w.key("achievement_scale");
  write_json(w, h->scale);
  w.key("trusts").begin_array();
  for (const auto& t : h->trusts) w.begin_object().field("id", t.id).field("code", t.code).field("name", t.name).end_object();
  w.end_array();
  w.key("periods").begin_array();
  for (const auto& p : h->periods) {
    w.begin_object();
    w.key("period");
    write_json(w, p.period);
    w.field("requirement_id", p.requirement.id).field("text", p.requirement.text).field("chapter", p.requirement.chapter_code);
    w.key("achievement_scale");
    if (p.scale) write_json(w, *p.scale);
    else w.null();
    w.key("cells").begin_array();
    for (const auto& c : p.cells) {
      w.begin_object().field("org_id", c.org_id).field("applies", c.applies);
      if (c.entry) {
        w.key("achievement").value(c.entry->achievement);
        w.field("state", state_code(c.entry->state)).field("text", c.entry->text).field("entry_id", c.entry->id);
        w.key("author").value(c.entry->author);
        w.field("updated_at", c.entry->updated_at);
      } else {
        w.key("achievement").null();
        w.key("state").null();
        w.key("text").null();
      }
      w.end_object();
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();
  return api::json_response(w.take());
}

// The achievement scale of the region that org {id} belongs to (or is).
http::Response get_scale_route(Context& ctx) {
  auto region = region_of(ctx.tx, ctx.node->id);
  if (!region) throw api::not_found();
  const auto s = find_region_scale(ctx.tx, region->id);
  return api::versioned_response(to_json(s), s.version);
}

http::Response put_scale_route(Context& ctx) {
  auto node = org::find(ctx.tx, ctx.node->id);
  if (node->kind != "region") throw api::bad_request("id", "Skalaen for måloppnåelse settes av en region (RHF).");
  AchievementScale levels;
  for (const auto& l : ctx.body()["levels"])
    levels.push_back({l["code"], l["label_nb"], l["label_en"], l["colour"]});
  const auto s = save_region_scale(ctx.tx, ctx.actor(), node->id, ctx.expected_version(), levels);
  return api::versioned_response(to_json(s), s.version);
}

// Every trust's report for the period in one file, one chapter per trust:
// what the region sends on after a tertial.
http::Response region_export_route(Context& ctx) {
  const auto period = *find_period(ctx.tx, ctx.id_param());
  const auto format = ctx.req.query_param("format", "docx");
  auto region = org::find(ctx.tx, period.region_id);
  if (!region) throw api::not_found();
  const auto now = core::local_time_text();
  const auto r = region_report(ctx.tx, period, sees_drafts(ctx, region->path), now);
  const auto doc = region_report_document(r, now);
  return api::report_download(doc, format, "rapport-" + region->code + "-" + std::to_string(period.year) + "-" +
                                               std::string(period_code(period.kind)) + "-alle-foretak");
}

}  // namespace

void add_overview_routes(api::RouteTable& t) {
  const auto object = api::schema(R"({"type":"object"})");
  t.add({"GET", "/api/periods/{id}/matrix", "Regionens oversikt: krav × foretak", "commission",
         Access{Scope::node, Permission::read, locate_period_region, "object:reporting_period"}, nullptr, object, 200,
         matrix_route});
  t.add({"GET", "/api/periods/{id}/matrix.xlsx", "Regionens oversikt som Excel-ark, farget etter måloppnåelse", "commission",
         Access{Scope::node, Permission::read, locate_period_region, "object:reporting_period"}, nullptr,
         api::schema(R"({"type":"string"})"), 200, matrix_xlsx_route});
  t.add({"GET", "/api/periods/{id}/reports/export",
         "Alle foretakenes rapporter for perioden i én fil, ett kapittel per foretak (docx, xlsx, md, html)",
         "commission", Access{Scope::node, Permission::read, locate_period_region, "object:reporting_period"}, nullptr,
         api::schema(R"({"type":"string"})"), 200, region_export_route, {"format"}});
  t.add({"GET", "/api/requirements/{id}/history",
         "Kravets historikk: hvert foretaks status og tekst i hver periode der kravnummeret går igjen", "commission",
         Access{Scope::node, Permission::read, locate_requirement_region, "object:requirement"}, nullptr, object, 200,
         history_route});
  t.add({"GET", "/api/orgs/{id}/achievement-scale", "Skalaen for måloppnåelse i enhetens region", "commission",
         Access{Scope::node, Permission::read, org::locate_node_param, "path:id", true}, nullptr, object, 200,
         get_scale_route});
  t.add({"PUT", "/api/orgs/{id}/achievement-scale", "Sett regionens skala for måloppnåelse", "commission",
         Access{Scope::node, Permission::manage, org::locate_node_param, "path:id"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["levels"],"properties":{
           "levels":{"type":"array","minItems":1,"maxItems":12,"items":{"type":"object","additionalProperties":false,
             "required":["code","label_nb","label_en","colour"],"properties":{
               "code":{"type":"string","minLength":1,"maxLength":32},"label_nb":{"type":"string","minLength":1,"maxLength":200},
               "label_en":{"type":"string","minLength":1,"maxLength":200},"colour":{"type":"string","minLength":1,"maxLength":16}}}},
           "version":{"type":"integer"}}})"),
         object, 200, put_scale_route});
}

}  // namespace varde::commission
