#include "org/routes.hpp"

#include "api/problem.hpp"
#include "api/schema.hpp"
#include "org/store.hpp"

namespace varde::org {

using api::Access;
using api::Context;
using api::Scope;
using auth::Permission;

std::optional<api::NodeRef> locate_node_param(Context& ctx) {
  auto n = find(ctx.tx, ctx.id_param());
  if (!n) return std::nullopt;
  return api::NodeRef{n->id, n->path};
}

namespace {

const char* kNodeSchema = R"({"type":"object","properties":{
  "id":{"type":"integer"},"parent_id":{"type":["integer","null"]},"code":{"type":"string"},
  "name":{"type":"string"},"kind":{"type":"string"},"path":{"type":"string"},"version":{"type":"integer"},
  "created_at":{"type":"string"},"updated_at":{"type":"string"}}})";

std::optional<api::NodeRef> locate_parent_in_body(Context& ctx) {
  auto n = find(ctx.tx, ctx.body()["parent_id"].get<int64_t>());
  if (!n) return std::nullopt;
  return api::NodeRef{n->id, n->path};
}

http::Response list_nodes(Context& ctx) {
  ListQuery q;
  q.subtrees = auth::subtrees_with(*ctx.principal, Permission::read);
  if (q.subtrees.empty()) return api::json_response(R"({"items":[],"total":0,"limit":50,"offset":0})");
  q.parent_id = ctx.query_id("parent_id");
  q.kind = ctx.query_text("kind");
  if (q.kind && !is_kind(*q.kind)) throw api::bad_request("kind", "Ukjent type «" + *q.kind + "».");
  q.text = ctx.query_text("q");
  q.order_by = ctx.order_by({{"code", "code"}, {"name", "name_key"}, {"kind", "kind"}, {"path", "path"}}, "path", "id");
  q.limit = ctx.limit();
  q.offset = ctx.offset();
  auto page = list(ctx.tx, q);
  core::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& n : page.items) write_json(w, n);
  w.end_array().field("total", page.total).field("limit", q.limit).field("offset", q.offset).end_object();
  return api::json_response(w.take());
}

http::Response create_node(Context& ctx) {
  const auto& b = ctx.body();
  NewNode n{b["code"], b["name"], b["kind"], b["parent_id"].get<int64_t>()};
  auto node = create(ctx.tx, ctx.actor(), n);
  auto r = api::versioned_response(to_json(node), node.version, 201);
  r.set_header("Location", "/api/orgs/" + std::to_string(node.id));
  return r;
}

http::Response get_node(Context& ctx) {
  auto n = find(ctx.tx, ctx.node->id);
  return api::versioned_response(to_json(*n), n->version);
}

http::Response patch_node(Context& ctx) {
  const auto& b = ctx.body();
  Patch p;
  if (b.contains("code")) p.code = b["code"];
  if (b.contains("name")) p.name = b["name"];
  if (b.contains("kind")) p.kind = b["kind"];
  auto n = update(ctx.tx, ctx.actor(), ctx.node->id, ctx.expected_version(), p);
  return api::versioned_response(to_json(n), n.version);
}

http::Response delete_node(Context& ctx) {
  remove(ctx.tx, ctx.actor(), ctx.node->id);
  return api::no_content();
}

}  // namespace

void add_routes(api::RouteTable& t) {
  const auto node_schema = api::schema(kNodeSchema);
  t.add({"GET", "/api/orgs", "Organisasjonsenheter du har tilgang til", "org",
         Access{Scope::session, std::nullopt, nullptr, ""}, nullptr,
         {{"type", "object"}, {"properties", {{"items", {{"type", "array"}, {"items", node_schema}}}, {"total", {{"type", "integer"}}}}}},
         200, list_nodes, {"parent_id", "kind", "q", "sort", "limit", "offset"}});
  t.add({"POST", "/api/orgs", "Opprett en enhet under en annen", "org",
         Access{Scope::node, Permission::administer, locate_parent_in_body, "body:parent_id"},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["code","name","kind","parent_id"],
           "properties":{"code":{"type":"string","minLength":2,"maxLength":16},"name":{"type":"string","minLength":1,"maxLength":200},
           "kind":{"type":"string","enum":["nation","region","trust","division","unit"]},"parent_id":{"type":"integer","minimum":1}}})"),
         node_schema, 201, create_node});
  t.add({"GET", "/api/orgs/{id}", "Én enhet", "org", Access{Scope::node, Permission::read, locate_node_param, "path:id"},
         nullptr, node_schema, 200, get_node});
  t.add({"PATCH", "/api/orgs/{id}", "Endre en enhet", "org",
         Access{Scope::node, Permission::administer, locate_node_param, "path:id"},
         api::schema(R"({"type":"object","additionalProperties":false,"properties":{
           "code":{"type":"string","minLength":2,"maxLength":16},"name":{"type":"string","minLength":1,"maxLength":200},
           "kind":{"type":"string","enum":["nation","region","trust","division","unit"]},"version":{"type":"integer"}}})"),
         node_schema, 200, patch_node});
  t.add({"DELETE", "/api/orgs/{id}", "Slett en tom enhet", "org",
         Access{Scope::node, Permission::administer, locate_node_param, "path:id"}, nullptr, nullptr, 204, delete_node});
}

}  // namespace varde::org
