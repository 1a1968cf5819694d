#include "actions/routes.hpp"

#include <algorithm>

#include "actions/store.hpp"
#include "api/problem.hpp"
#include "api/schema.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "org/routes.hpp"
#include "org/store.hpp"
#include "risk/store.hpp"

namespace varde::actions {

using api::Access;
using api::Context;
using api::NodeRef;
using api::Scope;
using auth::Permission;

namespace {

std::string today() { return core::now_iso().substr(0, 10); }


int stale_days(const Context& ctx) {
  const auto text = ctx.query_text("stale_days");
  if (!text) return 90;
  auto n = core::parse_id(*text);
  if (!n || *n > 3650) throw api::bad_request("stale_days", "Antall dager må være et helt tall fra 1 til 3650.");
  return static_cast<int>(*n);
}

std::optional<NodeRef> node_of(store::Tx& tx, int64_t org_id) {
  auto n = org::find(tx, org_id);
  if (!n) return std::nullopt;
  return NodeRef{n->id, n->path};
}

std::optional<NodeRef> locate_body_org(Context& ctx) { return node_of(ctx.tx, ctx.body()["org_id"].get<int64_t>()); }

std::optional<NodeRef> locate_plan(Context& ctx) {
  auto p = find_plan(ctx.tx, ctx.id_param());
  if (!p) return std::nullopt;
  return NodeRef{p->org_id, p->org_path};
}

// The plan's node, for changes to the measure itself.
std::optional<NodeRef> locate_measure_plan(Context& ctx) {
  auto plan_id = ctx.tx.scalar_integer("SELECT plan_id FROM measure WHERE id = ?", {ctx.id_param()});
  if (!plan_id) return std::nullopt;
  auto p = find_plan(ctx.tx, *plan_id);
  return NodeRef{p->org_id, p->org_path};
}

// The node a measure is read or followed up at. A caller who reaches the
// plan's node acts there. A caller who reaches only a trust the measure
// names responsible (by name, or as one of "de enkelte HF") acts at that
// trust: its own grant there decides, so a reader may read and a
// contributor may add progress updates, but nobody sees a measure their
// trust is not responsible for (404). A grant on a unit inside the trust
// reaches none of these: ancestors' work is not the unit's.
api::Locator locate_measure_for(Permission permission) {
  return [permission](Context& ctx) -> std::optional<NodeRef> {
    const auto id = ctx.id_param();
    auto plan_node = locate_measure_plan(ctx);
    if (!plan_node) return std::nullopt;
    if (auth::decide(*ctx.principal, plan_node->path, permission) != auth::Decision::hidden) return plan_node;
    if (!sees_measure(ctx.tx, visibility_of(*ctx.principal), id)) return plan_node;  // hidden: 404
    auto m = find_measure(ctx.tx, id);
    std::optional<NodeRef> fallback;
    auto consider = [&](const NodeRef& n) {
      const auto d = auth::decide(*ctx.principal, n.path, permission);
      if (d == auth::Decision::allow) return true;
      if (!fallback && d != auth::Decision::hidden) fallback = n;
      return false;
    };
    for (const auto& r : m->responsible) {
      if (r.org_id) {
        auto n = node_of(ctx.tx, *r.org_id);
        if (n && consider(*n)) return n;
      }
      if (r.each_trust)
        for (const auto& g : ctx.principal->grants) {
          auto node = org::find(ctx.tx, g.org_id);
          if (node && node->kind == "trust" && auth::in_subtree(g.org_path, plan_node->path)) {
            NodeRef n{g.org_id, g.org_path};
            if (consider(n)) return n;
          }
        }
    }
    return fallback ? fallback : plan_node;
  };
}

http::Response measure_response(store::Tx& tx, const Measure& m, int status = 200) {
  core::JsonWriter w;
  write_json(w, m, load_scale(tx), today(), 90);
  return api::versioned_response(w.take(), m.version, status);
}

void write_counts(core::JsonWriter& w, const Counts& c) {
  w.begin_object().field("key", c.key).field("label", c.label);
  w.key("org_id").value(c.org_id);
  w.key("by_status").begin_object();
  for (const auto& [code, n] : c.by_status) w.field(code, n);
  w.end_object();
  w.field("total", c.total).field("overdue", c.overdue).field("stale", c.stale).end_object();
}

void write_scale(core::JsonWriter& w, const Scale& scale) {
  w.begin_array();
  for (const auto& l : scale)
    w.begin_object().field("code", l.code).field("label_nb", l.label_nb).field("label_en", l.label_en)
        .field("colour", l.colour).field("kind", kind_code(l.kind)).end_object();
  w.end_array();
}

http::Response statuses_route(Context& ctx) {
  core::JsonWriter w;
  write_scale(w, load_scale(ctx.tx));
  return api::json_response(w.take());
}

http::Response list_plans_route(Context& ctx) {
  auto plans = list_plans(ctx.tx, visibility_of(*ctx.principal), ctx.query_id("org_id"));
  core::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& p : plans) write_json(w, p);
  w.end_array().field("total", static_cast<int64_t>(plans.size())).field("limit", static_cast<int64_t>(plans.size()));
  w.field("offset", int64_t{0}).end_object();
  return api::json_response(w.take());
}

http::Response create_plan_route(Context& ctx) {
  const auto& b = ctx.body();
  auto p = create_plan(ctx.tx, ctx.actor(),
                       {ctx.node->id, b["title"].get<std::string>(), b.value("period_text", ""), b.value("intro", "")});
  core::JsonWriter w;
  write_json(w, p);
  return api::versioned_response(w.take(), p.version, 201);
}

http::Response get_plan_route(Context& ctx) {
  const auto vis = visibility_of(*ctx.principal);
  auto p = *find_plan_with_content(ctx.tx, ctx.id_param(), &vis);
  const auto scale = load_scale(ctx.tx);
  const auto days = stale_days(ctx);
  const auto now = today();
  // Whether the caller sees the whole plan or only the measures its trust is responsible for.
  const bool whole = auth::decide(*ctx.principal, p.org_path, Permission::read) == auth::Decision::allow;
  core::JsonWriter w;
  auto head = [&] {
    core::JsonWriter h;
    write_json(h, p);
    auto s = h.take();
    s.pop_back();
    return s;
  }();
  w.begin_object();
  w.key("areas").begin_array();
  for (const auto& a : p.areas) write_json(w, a);
  w.end_array();
  w.key("measures").begin_array();
  for (const auto& m : p.measures) write_json(w, m, scale, now, days);
  w.end_array();
  w.key("statuses");
  write_scale(w, scale);
  w.field("whole_plan", whole).end_object();
  auto body = w.take();
  return api::versioned_response(head + "," + body.substr(1), p.version);
}

PlanPatch plan_patch(const api::json& b) {
  PlanPatch p;
  if (b.contains("title")) p.title = b["title"].get<std::string>();
  if (b.contains("period_text")) p.period_text = b["period_text"].get<std::string>();
  if (b.contains("intro")) p.intro = b["intro"].get<std::string>();
  return p;
}

http::Response patch_plan_route(Context& ctx) {
  auto p = update_plan(ctx.tx, ctx.actor(), ctx.id_param(), ctx.expected_version(), plan_patch(ctx.body()));
  core::JsonWriter w;
  write_json(w, p);
  return api::versioned_response(w.take(), p.version);
}

http::Response revise_plan_route(Context& ctx) {
  auto p = revise_plan(ctx.tx, ctx.actor(), ctx.id_param(), ctx.expected_version(), plan_patch(ctx.body()));
  core::JsonWriter w;
  write_json(w, p);
  return api::versioned_response(w.take(), p.version, 201);
}

void write_fields(core::JsonWriter& w, const std::vector<FieldChange>& fields) {
  w.begin_array();
  for (const auto& f : fields) w.begin_object().field("field", f.field).field("before", f.before).field("after", f.after).end_object();
  w.end_array();
}

http::Response changes_route(Context& ctx) {
  const auto vis = visibility_of(*ctx.principal);
  auto c = plan_changes(ctx.tx, ctx.id_param(), &vis);
  core::JsonWriter w;
  w.begin_object().key("from");
  if (c.from) write_json(w, *c.from); else w.null();
  w.key("to");
  write_json(w, c.to);
  w.key("plan_fields");
  write_fields(w, c.plan_fields);
  w.key("measures").begin_array();
  for (const auto& m : c.measures) {
    w.begin_object().field("origin_id", m.origin_id).key("old_id").value(m.old_id).key("new_id").value(m.new_id);
    w.field("title", m.title).field("change", m.change).key("fields");
    write_fields(w, m.fields);
    w.end_object();
  }
  w.end_array().end_object();
  return api::json_response(w.take());
}

http::Response overview_route(Context& ctx) {
  auto o = overview(ctx.tx, ctx.id_param(), visibility_of(*ctx.principal), today(), stale_days(ctx));
  core::JsonWriter w;
  w.begin_object().field("today", o.today).field("stale_days", o.stale_days);
  w.key("statuses");
  write_scale(w, load_scale(ctx.tx));
  w.key("all");
  write_counts(w, o.all);
  w.key("areas").begin_array();
  for (const auto& c : o.areas) write_counts(w, c);
  w.end_array().key("responsible").begin_array();
  for (const auto& c : o.responsible) write_counts(w, c);
  w.end_array().end_object();
  return api::json_response(w.take());
}

http::Response add_area_route(Context& ctx) {
  const auto& b = ctx.body();
  Area a;
  a.code = b["code"];
  a.title = b["title"];
  a.intro = b.value("intro", "");
  auto out = add_area(ctx.tx, ctx.actor(), ctx.id_param(), a);
  core::JsonWriter w;
  write_json(w, out);
  return api::json_response(w.take(), 201);
}

http::Response add_measure_route(Context& ctx) {
  const auto& b = ctx.body();
  NewMeasure m;
  m.area_code = b["area"];
  m.title = b["title"];
  m.description = b.value("description", "");
  m.status = b.value("status", "not_started");
  m.status_text = b.value("status_text", "");
  m.period_text = b.value("period", "");
  m.responsible_text = b.value("responsible", "");
  m.responsible_person = b.value("responsible_person", "");
  if (b.contains("due_date") && !b["due_date"].is_null()) m.due_date = b["due_date"].get<std::string>();
  return measure_response(ctx.tx, add_measure(ctx.tx, ctx.actor(), ctx.id_param(), m), 201);
}

http::Response list_measures_route(Context& ctx) {
  MeasureQuery q;
  q.vis = visibility_of(*ctx.principal);
  if (auto org_id = ctx.query_id("org_id")) {
    auto n = org::find(ctx.tx, *org_id);
    if (!n) throw api::Problem(404, "Finnes ikke", "Enheten finnes ikke.", "org_id");
    q.org_path = n->path;
  }
  q.plan_id = ctx.query_id("plan_id");
  q.status = ctx.query_text("status");
  const auto overdue = ctx.query_text("overdue");
  if (overdue && *overdue != "true" && *overdue != "false") throw api::bad_request("overdue", "Bruk overdue=true eller false.");
  q.only_overdue = overdue == "true";
  if (ctx.query_text("stale_days")) q.stale_days = stale_days(ctx);
  q.today = today();
  q.limit = ctx.limit();
  q.offset = ctx.offset();
  auto page = list_measures(ctx.tx, q);
  const auto scale = load_scale(ctx.tx);
  core::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& m : page.items) write_json(w, m, scale, q.today, q.stale_days.value_or(90));
  w.end_array().field("total", page.total).field("limit", q.limit).field("offset", q.offset).end_object();
  return api::json_response(w.take());
}

// The risks a measure treats that the caller reads (the others are left out
// of `links` too: a regional measure may treat risks of several trusts).
std::vector<risk::RiskRef> visible_risks(Context& ctx, Measure& m) {
  std::vector<int64_t> ids;
  for (const auto& l : m.links)
    if (l.target_kind == "risk") ids.push_back(l.target_id);
  auto refs = risk::risk_refs(ctx.tx, ids, visibility_of(*ctx.principal).paths);
  std::erase_if(m.links, [&](const Link& l) {
    return l.target_kind == "risk" &&
           std::none_of(refs.begin(), refs.end(), [&](const risk::RiskRef& r) { return r.id == l.target_id; });
  });
  for (auto& l : m.links)
    for (const auto& r : refs)
      if (l.target_kind == "risk" && r.id == l.target_id) l.label = r.title;
  return refs;
}

http::Response get_measure_route(Context& ctx) {
  auto m = find_measure(ctx.tx, ctx.id_param());
  if (!sees_measure(ctx.tx, visibility_of(*ctx.principal), m->id)) throw api::not_found();
  auto plan = find_plan(ctx.tx, m->plan_id);
  const auto risks = visible_risks(ctx, *m);
  core::JsonWriter w;
  write_json(w, *m, load_scale(ctx.tx), today(), stale_days(ctx));
  auto body = w.take();
  body.pop_back();
  core::JsonWriter pw;
  write_json(pw, *plan);
  body += ",\"plan\":" + pw.take();
  core::JsonWriter rw;
  rw.begin_array();
  for (const auto& r : risks)
    rw.begin_object().field("id", r.id).field("title", r.title).field("org_code", r.org_code)
        .field("assessment_id", r.assessment_id).field("assessment_title", r.assessment_title).end_object();
  rw.end_array();
  body += ",\"risks\":" + rw.take() + "}";
  return api::versioned_response(body, m->version);
}

http::Response patch_measure_route(Context& ctx) {
  const auto& b = ctx.body();
  MeasurePatch p;
  if (b.contains("title")) p.title = b["title"].get<std::string>();
  if (b.contains("description")) p.description = b["description"].get<std::string>();
  if (b.contains("period")) p.period_text = b["period"].get<std::string>();
  if (b.contains("responsible")) p.responsible_text = b["responsible"].get<std::string>();
  if (b.contains("responsible_person")) p.responsible_person = b["responsible_person"].get<std::string>();
  if (b.contains("area")) p.area_code = b["area"].get<std::string>();
  if (b.contains("due_date"))
    p.due_date = b["due_date"].is_null() ? std::optional<std::string>() : b["due_date"].get<std::string>();
  return measure_response(ctx.tx, update_measure(ctx.tx, ctx.actor(), ctx.id_param(), ctx.expected_version(), p));
}

http::Response add_update_route(Context& ctx) {
  const auto& b = ctx.body();
  NewUpdate u;
  if (b.contains("status") && !b["status"].is_null()) u.status = b["status"].get<std::string>();
  u.comment = b.value("comment", "");
  if (b.contains("at")) u.at = b["at"].get<std::string>();
  return measure_response(ctx.tx, add_update(ctx.tx, ctx.actor(), ctx.id_param(), ctx.expected_version(), u), 201);
}

http::Response add_link_route(Context& ctx) {
  const auto& b = ctx.body();
  // A risk is linked only when the caller reads it: otherwise a measure of a
  // regional plan could be tied to (and so reveal the id of) another trust's
  // risk. Unseen and missing answer alike.
  if (b["target_kind"] == "risk") {
    const auto risk = risk::find_risk(ctx.tx, b["target_id"].get<int64_t>());
    if (!risk || auth::decide(*ctx.principal, risk->org_path, auth::Permission::read) != auth::Decision::allow)
      throw api::bad_request("target_id", "Risikoen finnes ikke.");
  }
  return measure_response(
      ctx.tx, add_link(ctx.tx, ctx.actor(), ctx.id_param(), b["target_kind"].get<std::string>(), b["target_id"].get<int64_t>()),
      201);
}

http::Response remove_link_route(Context& ctx) {
  const auto& kind = ctx.param("kind");
  if (kind != "requirement" && kind != "risk" && kind != "control") throw api::not_found();
  remove_link(ctx.tx, ctx.actor(), ctx.id_param(), kind, ctx.id_param("target_id"));
  return api::no_content();
}

}  // namespace

void add_io_routes(api::RouteTable& t);  // io_routes.cpp

void add_routes(api::RouteTable& t) {
  const auto object = api::schema(R"({"type":"object"})");
  const auto list = api::schema(R"({"type":"object","properties":{"items":{"type":"array"},"total":{"type":"integer"}}})");
  const auto empty = api::schema(R"({"type":"object","additionalProperties":false,"properties":{}})");
  const char* plan_props = R"("title":{"type":"string","minLength":1,"maxLength":300},
    "period_text":{"type":"string","maxLength":100},"intro":{"type":"string","maxLength":50000})";

  t.add({"GET", "/api/action-statuses", "Statusskalaen for tiltak", "actions", Access{Scope::session, std::nullopt, nullptr, ""},
         nullptr, api::schema(R"({"type":"array"})"), 200, statuses_route});
  t.add({"GET", "/api/action-plans", "Handlingsplaner du ser (egne, og planer der enheten din har ansvar for tiltak)",
         "actions", Access{Scope::session, std::nullopt, nullptr, ""}, nullptr, list, 200, list_plans_route, {"org_id"}});
  t.add({"POST", "/api/action-plans", "Opprett en handlingsplan for en enhet", "actions",
         Access{Scope::node, Permission::manage, locate_body_org, "body:org_id"},
         api::schema((std::string(R"({"type":"object","additionalProperties":false,"required":["org_id","title"],"properties":{
           "org_id":{"type":"integer","minimum":1},)") + plan_props + "}}").c_str()),
         object, 201, create_plan_route});
  t.add({"GET", "/api/action-plans/{id}", "En handlingsplan med områder og tiltakene du ser", "actions",
         Access{Scope::node, Permission::read, locate_plan, "object:action_plan", true}, nullptr, object, 200,
         get_plan_route, {"stale_days"}});
  t.add({"PATCH", "/api/action-plans/{id}", "Endre planens tittel, periode eller innledning", "actions",
         Access{Scope::node, Permission::manage, locate_plan, "object:action_plan"},
         api::schema((std::string(R"({"type":"object","additionalProperties":false,"properties":{"version":{"type":"integer"},)") +
                     plan_props + "}}").c_str()),
         object, 200, patch_plan_route});
  t.add({"POST", "/api/action-plans/{id}/revise",
         "Årlig revisjon: ny versjon med uferdige tiltak, de fullførte blir i den gamle", "actions",
         Access{Scope::node, Permission::manage, locate_plan, "object:action_plan"},
         api::schema((std::string(R"({"type":"object","additionalProperties":false,"properties":{"version":{"type":"integer"},)") +
                     plan_props + "}}").c_str()),
         object, 201, revise_plan_route});
  t.add({"GET", "/api/action-plans/{id}/changes", "Hva som er endret fra forrige versjon av planen", "actions",
         Access{Scope::node, Permission::read, locate_plan, "object:action_plan", true}, nullptr, object, 200,
         changes_route});
  t.add({"GET", "/api/action-plans/{id}/overview",
         "Oversikt per område og per ansvarlig: antall per status, forfalte og uten oppdatering", "actions",
         Access{Scope::node, Permission::read, locate_plan, "object:action_plan", true}, nullptr, object, 200,
         overview_route, {"stale_days"}});
  t.add({"POST", "/api/action-plans/{id}/areas", "Legg til et område", "actions",
         Access{Scope::node, Permission::manage, locate_plan, "object:action_plan"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["code","title"],"properties":{
           "code":{"type":"string","minLength":1,"maxLength":16},"title":{"type":"string","minLength":1,"maxLength":300},
           "intro":{"type":"string","maxLength":50000}}})"),
         object, 201, add_area_route});
  const char* measure_props = R"("title":{"type":"string","minLength":1,"maxLength":500},
    "description":{"type":"string","maxLength":50000},"period":{"type":"string","maxLength":300},
    "responsible":{"type":"string","maxLength":1000},"responsible_person":{"type":"string","maxLength":200},
    "due_date":{"type":["string","null"],"maxLength":10},"area":{"type":"string","minLength":1,"maxLength":16})";
  t.add({"POST", "/api/action-plans/{id}/measures", "Legg til et tiltak i et område", "actions",
         Access{Scope::node, Permission::manage, locate_plan, "object:action_plan"},
         api::schema((std::string(R"({"type":"object","additionalProperties":false,"required":["area","title"],"properties":{
           "status":{"type":"string","minLength":1,"maxLength":40},"status_text":{"type":"string","maxLength":50000},)") +
                     measure_props + "}}").c_str()),
         object, 201, add_measure_route});
  t.add({"GET", "/api/measures", "Tiltak du ser: for en enhet (egne og regionale den har ansvar for), status, forfalte",
         "actions", Access{Scope::session, std::nullopt, nullptr, ""}, nullptr, list, 200, list_measures_route,
         {"org_id", "plan_id", "status", "overdue", "stale_days", "limit", "offset"}});
  t.add({"GET", "/api/measures/{id}", "Et tiltak med historikk og koblinger", "actions",
         Access{Scope::node, Permission::read, locate_measure_for(Permission::read), "object:measure"}, nullptr, object,
         200, get_measure_route, {"stale_days"}});
  t.add({"PATCH", "/api/measures/{id}", "Endre et tiltak (tittel, beskrivelse, periode, ansvar, frist)", "actions",
         Access{Scope::node, Permission::manage, locate_measure_plan, "object:measure"},
         api::schema((std::string(R"({"type":"object","additionalProperties":false,"properties":{"version":{"type":"integer"},)") +
                     measure_props + "}}").c_str()),
         object, 200, patch_measure_route});
  t.add({"POST", "/api/measures/{id}/updates", "Ny fremdriftsoppdatering: endret status og/eller kommentar", "actions",
         Access{Scope::node, Permission::contribute, locate_measure_for(Permission::contribute), "object:measure"},
         api::schema(R"({"type":"object","additionalProperties":false,"properties":{
           "status":{"type":["string","null"],"maxLength":40},"comment":{"type":"string","maxLength":50000},
           "at":{"type":"string","minLength":10,"maxLength":10},"version":{"type":"integer"}}})"),
         object, 201, add_update_route});
  t.add({"POST", "/api/measures/{id}/links", "Knytt tiltaket til et krav, en risiko eller et kontrollpunkt", "actions",
         Access{Scope::node, Permission::manage, locate_measure_plan, "object:measure"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["target_kind","target_id"],"properties":{
           "target_kind":{"type":"string","enum":["requirement","risk","control"]},"target_id":{"type":"integer","minimum":1}}})"),
         object, 201, add_link_route});
  t.add({"DELETE", "/api/measures/{id}/links/{kind}/{target_id}", "Fjern en kobling", "actions",
         Access{Scope::node, Permission::manage, locate_measure_plan, "object:measure"}, nullptr, nullptr, 204,
         remove_link_route});
  add_io_routes(t);
}

}  // namespace varde::actions
