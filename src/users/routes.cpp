#include "users/routes.hpp"

#include "api/problem.hpp"
#include "api/schema.hpp"
#include "documents/store.hpp"
#include "org/routes.hpp"
#include "org/store.hpp"
#include "users/store.hpp"

namespace varde::users {

using api::Access;
using api::Context;
using api::Scope;
using auth::Permission;

namespace {

std::optional<api::NodeRef> locate_user_home(Context& ctx) {
  auto rows = ctx.tx.query("SELECT o.id, o.path FROM app_user u JOIN org o ON o.id = u.home_org_id WHERE u.id = ?",
                           {ctx.id_param()});
  if (!rows.next()) return std::nullopt;
  return api::NodeRef{rows.integer(0), rows.str(1)};
}

std::optional<api::NodeRef> locate_body(Context& ctx, const char* field) {
  auto n = org::find(ctx.tx, ctx.body()[field].get<int64_t>());
  if (!n) return std::nullopt;
  return api::NodeRef{n->id, n->path};
}

std::optional<api::NodeRef> locate_grant(Context& ctx) {
  auto g = grant_node(ctx.tx, ctx.id_param());
  if (!g) return std::nullopt;
  return api::NodeRef{g->first, g->second};
}

http::Response list_users(Context& ctx) {
  ListQuery q;
  q.subtrees = auth::subtrees_with(*ctx.principal, Permission::manage);
  q.org_id = ctx.query_id("org_id");
  q.text = ctx.query_text("q");
  q.order_by = ctx.order_by({{"username", "u.username"}, {"display_name", "u.name_key"}, {"home_org", "o.path"}},
                            "u.name_key", "u.id");
  q.limit = ctx.limit();
  q.offset = ctx.offset();
  auto page = list(ctx.tx, q);
  core::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& u : page.items) write_json(w, u);
  w.end_array().field("total", page.total).field("limit", q.limit).field("offset", q.offset).end_object();
  return api::json_response(w.take());
}

http::Response create_user(Context& ctx) {
  const auto& b = ctx.body();
  NewUser n;
  n.username = b["username"];
  n.display_name = b["display_name"];
  if (b.contains("email") && !b["email"].is_null()) n.email = b["email"].get<std::string>();
  n.password = b["password"];
  n.home_org_id = b["home_org_id"];
  if (b.contains("locale")) n.locale = b["locale"];
  auto u = create(ctx.tx, ctx.actor(), n);
  auto r = api::versioned_response(to_json(u), u.version, 201);
  r.set_header("Location", "/api/users/" + std::to_string(u.id));
  return r;
}

http::Response get_user(Context& ctx) {
  auto u = find(ctx.tx, ctx.id_param());
  return api::versioned_response(to_json(*u), u->version);
}

http::Response patch_user(Context& ctx) {
  const auto& b = ctx.body();
  Patch p;
  if (b.contains("display_name")) p.display_name = b["display_name"];
  if (b.contains("email")) p.email = b["email"].is_null() ? std::optional<std::string>() : b["email"].get<std::string>();
  if (b.contains("disabled")) p.disabled = b["disabled"].get<bool>();
  if (b.contains("locale")) p.locale = b["locale"];
  if (b.contains("password")) p.password = b["password"];
  auto u = update(ctx.tx, ctx.actor(), ctx.id_param(), ctx.expected_version(), p);
  return api::versioned_response(to_json(u), u.version);
}

http::Response add_user_grant(Context& ctx) {
  const auto& b = ctx.body();
  NewGrant g;
  g.user_id = ctx.id_param();
  g.org_id = b["org_id"];
  g.role = b["role"];
  if (b.contains("leader_level") && !b["leader_level"].is_null()) g.leader_level = b["leader_level"].get<int>();
  auto grant = add_grant(ctx.tx, ctx.actor(), g);
  core::JsonWriter w;
  write_grant_json(w, grant, g.user_id);
  return api::json_response(w.take(), 201);
}

http::Response delete_grant(Context& ctx) {
  remove_grant(ctx.tx, ctx.actor(), ctx.id_param());
  return api::no_content();
}

http::Response node_grants(Context& ctx) {
  core::JsonWriter w;
  w.begin_array();
  for (const auto& gw : grants_on(ctx.tx, ctx.node->id)) {
    w.begin_object();
    w.field("id", gw.grant.id).field("user_id", gw.user_id).field("role", gw.grant.role);
    w.key("leader_level").value(gw.grant.leader_level);
    w.key("org").begin_object().field("id", gw.grant.org_id).field("code", gw.grant.org_code).field("name", gw.grant.org_name).field("path", gw.grant.org_path).end_object();
    w.key("user").begin_object().field("id", gw.user_id).field("username", gw.username).field("display_name", gw.display_name).end_object();
    // The grant's clearance for classified documents (src/documents): the
    // level set on it (null: the role's default) and the one in effect.
    const auto set = documents::clearance_override(ctx.tx, gw.grant.id);
    w.key("clearance").value(set ? std::optional<std::string>(std::string(documents::classification_code(*set))) : std::nullopt);
    w.field("effective_clearance", documents::classification_code(set.value_or(documents::default_clearance(gw.grant.role))));
    w.end_object();
  }
  w.end_array();
  return api::json_response(w.take());
}

}  // namespace

void add_routes(api::RouteTable& t) {
  const auto user_schema = api::schema(R"({"type":"object","properties":{"id":{"type":"integer"},
    "username":{"type":"string"},"display_name":{"type":"string"},"email":{"type":["string","null"]},
    "home_org":{"type":"object"},"disabled":{"type":"boolean"},"locale":{"type":"string"},
    "version":{"type":"integer"},"grants":{"type":"array"}}})");
  const auto grant_schema = api::schema(R"({"type":"object","properties":{"id":{"type":"integer"},
    "user_id":{"type":"integer"},"role":{"type":"string"},"leader_level":{"type":["integer","null"]},"org":{"type":"object"}}})");

  t.add({"GET", "/api/users", "Brukere med hjemmeenhet der du kan forvalte", "users",
         Access{Scope::session, Permission::manage, nullptr, ""}, nullptr,
         {{"type", "object"}, {"properties", {{"items", {{"type", "array"}, {"items", user_schema}}}, {"total", {{"type", "integer"}}}}}},
         200, list_users, {"org_id", "q", "sort", "limit", "offset"}});
  t.add({"POST", "/api/users", "Opprett en bruker", "users",
         Access{Scope::node, Permission::administer, [](Context& c) { return locate_body(c, "home_org_id"); }, "body:home_org_id"},
         api::schema(R"({"type":"object","additionalProperties":false,
           "required":["username","display_name","password","home_org_id"],"properties":{
           "username":{"type":"string","minLength":2,"maxLength":64},"display_name":{"type":"string","minLength":1,"maxLength":200},
           "email":{"type":["string","null"],"maxLength":200},"password":{"type":"string","minLength":10,"maxLength":1024},
           "home_org_id":{"type":"integer","minimum":1},"locale":{"type":"string","enum":["nb","en"]}}})"),
         user_schema, 201, create_user});
  t.add({"GET", "/api/users/{id}", "Én bruker med roller", "users",
         Access{Scope::node, Permission::manage, locate_user_home, "object:user"}, nullptr, user_schema, 200, get_user});
  t.add({"PATCH", "/api/users/{id}", "Endre en bruker", "users",
         Access{Scope::node, Permission::administer, locate_user_home, "object:user"},
         api::schema(R"({"type":"object","additionalProperties":false,"properties":{
           "display_name":{"type":"string","minLength":1,"maxLength":200},"email":{"type":["string","null"],"maxLength":200},
           "disabled":{"type":"boolean"},"locale":{"type":"string","enum":["nb","en"]},
           "password":{"type":"string","minLength":10,"maxLength":1024},"version":{"type":"integer"}}})"),
         user_schema, 200, patch_user});
  t.add({"POST", "/api/users/{id}/grants", "Gi en bruker en rolle på en enhet", "users",
         Access{Scope::node, Permission::administer, [](Context& c) { return locate_body(c, "org_id"); }, "body:org_id"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["org_id","role"],"properties":{
           "org_id":{"type":"integer","minimum":1},
           "role":{"type":"string","enum":["admin","security_officer","privacy_officer","leader","contributor","auditor","reader"]},
           "leader_level":{"type":["integer","null"],"minimum":1,"maximum":4}}})"),
         grant_schema, 201, add_user_grant});
  t.add({"DELETE", "/api/grants/{id}", "Fjern en rolletildeling", "users",
         Access{Scope::node, Permission::administer, locate_grant, "object:grant"}, nullptr, nullptr, 204, delete_grant});
  auto grant_with_user = grant_schema;
  grant_with_user["properties"]["user"] = api::schema(R"({"type":"object","properties":{"id":{"type":"integer"},
    "username":{"type":"string"},"display_name":{"type":"string"}}})");
  t.add({"GET", "/api/orgs/{id}/grants", "Rolletildelinger på en enhet (alle, uten sider)", "users",
         Access{Scope::node, Permission::manage, org::locate_node_param, "path:id"}, nullptr,
         {{"type", "array"}, {"items", grant_with_user}}, 200, node_grants});
}

}  // namespace varde::users
