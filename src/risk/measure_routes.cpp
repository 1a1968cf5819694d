// The measures that treat a risk (issue 5): links from a risk to measures in
// action plans, made and shown from the risk's side. The links live in the
// action plans' measure_link table (kind "risk"); src/actions owns it and
// decides which measures a caller sees.
//
// Linking changes the risk, so it needs contribute on the risk's node (the
// route's Access); the measure must be one the caller sees (404 otherwise),
// which for a trust's user means its own plans' measures and the regional
// ones it answers for. A link is audited on the risk.
#include "actions/store.hpp"
#include "api/problem.hpp"
#include "api/schema.hpp"
#include "core/time.hpp"
#include "org/store.hpp"
#include "risk/measure_routes.hpp"
#include "store/sql.hpp"

namespace varde::risk {

using api::Access;
using api::Context;
using api::NodeRef;
using api::Scope;
using auth::Permission;

namespace {

std::string today() { return core::now_iso().substr(0, 10); }


struct RiskNode {
  int64_t org_id = 0;
  std::string org_path;
};

RiskNode risk_node(Context& ctx) {
  auto rows = ctx.tx.query("SELECT o.id, o.path FROM risk r JOIN org o ON o.id = r.org_id WHERE r.id = ?", {ctx.id_param()});
  if (!rows.next()) throw api::not_found();
  return {rows.integer(0), rows.str(1)};
}

std::optional<NodeRef> locate_risk(Context& ctx) {
  auto org = ctx.tx.scalar_integer("SELECT org_id FROM risk WHERE id = ?", {ctx.id_param()});
  if (!org) return std::nullopt;
  auto n = org::find(ctx.tx, *org);
  if (!n) return std::nullopt;
  return NodeRef{n->id, n->path};
}

}  // namespace

std::string measures_json(Context& ctx, int64_t risk_id) {
  const auto scale = actions::load_scale(ctx.tx);
  const auto now = today();
  core::JsonWriter w;
  w.begin_array();
  for (const auto& m : actions::measures_linked_to(ctx.tx, actions::visibility_of(*ctx.principal), "risk", risk_id))
    actions::write_json(w, m, scale, now);
  w.end_array();
  return w.take();
}

namespace {

http::Response link_route(Context& ctx) {
  const auto r = risk_node(ctx);
  actions::link_from_target(ctx.tx, ctx.actor(), actions::visibility_of(*ctx.principal), ctx.body()["measure_id"].get<int64_t>(), "risk",
                            ctx.id_param(), r.org_id);
  return api::json_response(measures_json(ctx, ctx.id_param()), 201);
}

http::Response unlink_route(Context& ctx) {
  const auto r = risk_node(ctx);
  actions::unlink_from_target(ctx.tx, ctx.actor(), actions::visibility_of(*ctx.principal), ctx.id_param("measure_id"), "risk", ctx.id_param(),
                              r.org_id);
  return api::no_content();
}

// What the picker offers: the measures the risk's trust works with (its own
// plans and the regional measures it answers for; for a risk at a unit, the
// unit's trust), that the caller sees and the risk is not linked to yet.
http::Response candidates_route(Context& ctx) {
  const auto r = risk_node(ctx);
  store::Params params;
  auto trust = ctx.tx.query("SELECT path FROM org WHERE kind = 'trust' AND " +
                                store::one_of("path", store::path_and_ancestors(r.org_path), params) +
                                " ORDER BY LENGTH(path) DESC LIMIT 1",
                            params);
  const auto org_path = trust.next() ? trust.str(0) : r.org_path;
  const auto q = ctx.query_text("q").value_or("");
  if (q.size() > 200) throw api::bad_request("q", "Søket kan være høyst 200 tegn.");
  const auto limit = static_cast<int>(ctx.query_text("limit") ? ctx.limit() : 20);
  const auto scale = actions::load_scale(ctx.tx);
  const auto now = today();
  core::JsonWriter w;
  w.begin_object().key("items").begin_array();
  const auto items = actions::measures_for_linking(ctx.tx, actions::visibility_of(*ctx.principal), org_path, "risk", ctx.id_param(), q, limit);
  for (const auto& m : items) actions::write_json(w, m, scale, now);
  w.end_array().field("total", static_cast<int64_t>(items.size())).field("limit", static_cast<int64_t>(limit));
  w.end_object();
  return api::json_response(w.take());
}

}  // namespace

void add_measure_routes(api::RouteTable& t) {
  const auto array = api::schema(R"({"type":"array"})");
  t.add({"GET", "/api/risks/{id}/measure-candidates",
         "Tiltak som kan knyttes til risikoen: enhetens egne og de regionale den har ansvar for", "risk",
         Access{Scope::node, Permission::contribute, locate_risk, "object:risk"}, nullptr,
         api::schema(R"({"type":"object","properties":{"items":{"type":"array"}}})"), 200, candidates_route,
         {"q", "limit"}});
  t.add({"POST", "/api/risks/{id}/measures", "Knytt et tiltak som behandler risikoen", "risk",
         Access{Scope::node, Permission::contribute, locate_risk, "object:risk"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["measure_id"],"properties":{
           "measure_id":{"type":"integer","minimum":1}}})"),
         array, 201, link_route});
  t.add({"DELETE", "/api/risks/{id}/measures/{measure_id}", "Fjern koblingen til et tiltak", "risk",
         Access{Scope::node, Permission::contribute, locate_risk, "object:risk"}, nullptr, nullptr, 204,
         unlink_route});
}

}  // namespace varde::risk
