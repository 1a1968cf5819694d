#include "audit/routes.hpp"

#include <algorithm>

#include "api/problem.hpp"
#include "core/json_writer.hpp"
#include "core/text.hpp"

namespace varde::audit {

namespace {

std::optional<std::string> query_instant(api::Context& ctx, const std::string& name) {
  auto v = ctx.query_text(name);
  if (v && !core::is_iso_date_or_instant(*v))
    throw api::bad_request(name, "«" + name + "» må være en dato (2026-11-23) eller et tidspunkt (2026-11-23T08:00:00Z).");
  return v;
}

http::Response list_events(api::Context& ctx) {
  Query q;
  q.org_path_prefixes = auth::subtrees_with(*ctx.principal, auth::Permission::audit);
  // Events without a node (logins, logouts) are visible to those who may
  // audit from the root of a tree.
  for (const auto& g : ctx.principal->grants)
    if (auth::role_allows(g.role, auth::Permission::audit) && auth::in_subtree(g.org_path, "/") &&
        std::count(g.org_path.begin(), g.org_path.end(), '/') == 2)
      q.include_orgless = true;
  q.entity = ctx.query_text("entity");
  q.entity_id = ctx.query_text("entity_id");
  q.actor_id = ctx.query_id("actor_id");
  q.from = query_instant(ctx, "from");
  q.to = query_instant(ctx, "to");
  q.limit = ctx.limit();
  q.offset = ctx.offset();
  auto page = list(ctx.tx, q);
  core::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& e : page.items) {
    w.begin_object();
    w.field("seq", e.seq).field("at", e.at);
    w.key("actor_id").value(e.actor_id);
    w.field("actor", e.actor).field("action", e.action).field("entity", e.entity).field("entity_id", e.entity_id);
    w.key("org_id").value(e.org_id);
    w.key("org_path").value(e.org_path);
    w.key("before").raw(e.before);
    w.key("after").raw(e.after);
    w.field("hash", e.hash);
    w.end_object();
  }
  w.end_array().field("total", page.total).field("limit", q.limit).field("offset", q.offset).end_object();
  return api::json_response(w.take());
}

}  // namespace

void add_routes(api::RouteTable& t) {
  t.add({"GET", "/api/audit", "Revisjonssporet (nyeste først)", "audit",
         api::Access{api::Scope::session, auth::Permission::audit, nullptr, ""}, nullptr,
         {{"type", "object"}, {"properties", {{"items", {{"type", "array"}}}, {"total", {{"type", "integer"}}}}}}, 200,
         list_events, {"entity", "entity_id", "actor_id", "from", "to", "limit", "offset"}});
}

}  // namespace varde::audit
