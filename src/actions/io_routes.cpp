// Routes that take action plans in and give them out: the import of a plan
// written as a document (a preview first), the plan in the seed's layout as
// .docx, .xlsx, .md and printable HTML, and its measures as CSV both ways.
#include "actions/importer.hpp"
#include "actions/measures_csv.hpp"
#include "actions/plan_layout.hpp"
#include "api/problem.hpp"
#include "api/report_download.hpp"
#include "api/route.hpp"
#include "api/schema.hpp"
#include "core/time.hpp"
#include "importers/csv.hpp"
#include "importers/xlsx_writer.hpp"
#include "org/routes.hpp"
#include "org/store.hpp"
#include "reports/render.hpp"

#include <sodium.h>

namespace varde::actions {

using api::Access;
using api::Context;
using api::NodeRef;
using api::Scope;
using auth::Permission;

namespace {

std::optional<NodeRef> locate_plan(Context& ctx) {
  auto p = find_plan(ctx.tx, ctx.id_param());
  if (!p) return std::nullopt;
  return NodeRef{p->org_id, p->org_path};
}

http::Response import_plan_route(Context& ctx) {
  const auto& b = ctx.body();
  const auto text = b["text"].get<std::string>();
  std::optional<std::string> title;
  if (b.contains("title")) title = b["title"].get<std::string>();
  if (!b.value("dry_run", false)) {
    auto summary = apply_plan_import(ctx.tx, ctx.actor(), ctx.node->id, parse_action_plan(text), title);
    core::JsonWriter w;
    write_json(w, summary);
    return api::json_response(w.take(), 201);
  }
  auto preview = preview_plan_import(ctx.tx, ctx.node->id, text);
  if (title) preview.plan.title = *title;
  core::JsonWriter w;
  write_json(w, preview, load_scale(ctx.tx));
  auto body = w.take();
  body.pop_back();
  return api::json_response(body + ",\"dry_run\":true}");
}

http::Response export_plan_route(Context& ctx) {
  auto plan = *find_plan_with_content(ctx.tx, ctx.id_param(), nullptr);
  // The history: each measure with its updates.
  for (auto& m : plan.measures) m.updates = find_measure(ctx.tx, m.id)->updates;
  const auto format = ctx.req.query_param("format", "docx");
  auto doc = plan_document(plan, load_scale(ctx.tx), core::local_time_text());
  return api::report_download(doc, format, "handlingsplan-" + plan.org_code + "-v" + std::to_string(plan.revision));
}

http::Response measures_csv_route(Context& ctx) {
  auto plan = *find_plan_with_content(ctx.tx, ctx.id_param(), nullptr);
  http::Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = importers::write_csv(measure_rows(plan, load_scale(ctx.tx)));
  r.set_header("Content-Disposition", "attachment; filename=\"tiltak-" + plan.org_code + "-v" + std::to_string(plan.revision) + ".csv\"");
  return r;
}

http::Response measures_xlsx_route(Context& ctx) {
  auto plan = *find_plan_with_content(ctx.tx, ctx.id_param(), nullptr);
  http::Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = importers::write_xlsx(measure_rows(plan, load_scale(ctx.tx)), "Tiltak");
  r.set_header("Content-Disposition", "attachment; filename=\"tiltak-" + plan.org_code + "-v" + std::to_string(plan.revision) + ".xlsx\"");
  return r;
}

// The workbook of an import, sent as base64 in the JSON body.
std::string decode_base64(const std::string& text) {
  std::string out(text.size() * 3 / 4 + 3, '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), " \r\n",
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw api::bad_request("xlsx", "Arbeidsboken må sendes som base64.");
  out.resize(len);
  return out;
}

http::Response import_measures_route(Context& ctx) {
  const auto& b = ctx.body();
  const auto scale = load_scale(ctx.tx);
  if (b.contains("csv") == b.contains("xlsx"))
    throw api::bad_request("csv", "Send enten «csv» (teksten) eller «xlsx» (arbeidsboken som base64).");
  auto parsed = b.contains("csv") ? parse_measures_csv(b["csv"].get<std::string>(), scale)
                                  : parse_measures_xlsx(decode_base64(b["xlsx"].get<std::string>()), scale);
  const std::string field = b.contains("csv") ? "csv" : "xlsx";
  const bool dry_run = b.value("dry_run", false);
  core::JsonWriter w;
  w.begin_object().field("dry_run", dry_run).key("measures").begin_array();
  for (const auto& row : parsed.rows)
    w.begin_object().field("line", row.line).field("area", row.measure.area_code).field("title", row.measure.title)
        .field("status", row.measure.status).field("period", row.measure.period_text).end_object();
  w.end_array().key("warnings").begin_array();
  for (const auto& x : parsed.warnings) write_json(w, x);
  w.end_array();
  if (parsed.has_errors()) {
    const auto& e = *std::find_if(parsed.warnings.begin(), parsed.warnings.end(), [](const PlanWarning& x) { return x.error; });
    w.end_object();
    api::Problem p(400, "Importen kan ikke leses", "Linje " + std::to_string(e.line) + ": " + e.message, field);
    p.extra_json = "\"import\":" + w.take();
    throw p;
  }
  if (dry_run) {
    w.end_object();
    return api::json_response(w.take());
  }
  auto created = apply_measures_csv(ctx.tx, ctx.actor(), ctx.id_param(), parsed);
  w.field("created", created).end_object();
  return api::json_response(w.take(), 201);
}

}  // namespace

void add_io_routes(api::RouteTable& t) {
  const auto object = api::schema(R"({"type":"object"})");
  t.add({"POST", "/api/orgs/{id}/imports/action-plan",
         "Forhåndsvis eller ta inn en handlingsplan skrevet som dokument (tekst fra PDF, eller Varde-eksporten)", "actions",
         Access{Scope::node, Permission::manage, org::locate_node_param, "path:id"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["text"],"properties":{
           "text":{"type":"string","minLength":1,"maxLength":5000000},"title":{"type":"string","minLength":1,"maxLength":300},
           "dry_run":{"type":"boolean"}}})"),
         object, 201, import_plan_route});
  t.add({"GET", "/api/action-plans/{id}/export", "Planen i handlingsplanens oppsett som fil (docx, xlsx, md, html)",
         "actions", Access{Scope::node, Permission::read, locate_plan, "object:action_plan"}, nullptr,
         api::schema(R"({"type":"string"})"), 200, export_plan_route, {"format"}});
  t.add({"GET", "/api/action-plans/{id}/measures.csv", "Tiltakene som regneark (CSV)", "actions",
         Access{Scope::node, Permission::read, locate_plan, "object:action_plan"}, nullptr,
         api::schema(R"({"type":"string"})"), 200, measures_csv_route});
  t.add({"GET", "/api/action-plans/{id}/measures.xlsx", "Tiltakene som regneark (.xlsx)", "actions",
         Access{Scope::node, Permission::read, locate_plan, "object:action_plan"}, nullptr,
         api::schema(R"({"type":"string"})"), 200, measures_xlsx_route});
  t.add({"POST", "/api/action-plans/{id}/measures/import", "Forhåndsvis eller importer tiltak fra regneark (CSV eller .xlsx)", "actions",
         Access{Scope::node, Permission::manage, locate_plan, "object:action_plan"},
         api::schema(R"({"type":"object","additionalProperties":false,"properties":{
           "csv":{"type":"string","minLength":1,"maxLength":5000000},"xlsx":{"type":"string","minLength":1,"maxLength":7000000},
           "dry_run":{"type":"boolean"}}})"),
         object, 201, import_measures_route});
}

}  // namespace varde::actions
