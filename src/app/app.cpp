#include "app/app.hpp"

#include "actions/routes.hpp"
#include "api/openapi.hpp"
#include "api/schema.hpp"
#include "audit/routes.hpp"
#include "calendar/routes.hpp"
#include "commission/routes.hpp"
#include "documents/routes.hpp"
#include "org/routes.hpp"
#include "risk/routes.hpp"
#include "users/routes.hpp"

namespace varde::app {

namespace {

using api::Access;
using api::Scope;

void add_platform_routes(api::RouteTable& t, store::Database& db, std::shared_ptr<std::string> openapi,
                         std::shared_ptr<api::Api*> self) {
  t.add({"GET", "/api/health", "Er tjenesten og databasen oppe", "platform", Access{Scope::open, std::nullopt, nullptr, ""},
         nullptr, api::schema(R"({"type":"object","properties":{"status":{"type":"string"},"database":{"type":"string"}}})"),
         200, [&db](api::Context& ctx) {
           ctx.tx.scalar_integer("SELECT 1");
           const char* kind = db.dialect() == store::Dialect::postgres ? "postgres" : "sqlite";
           return api::json_response(std::string(R"({"status":"ok","database":")") + kind + "\",\"version\":\"" + kVersion + "\"}");
         }});
  t.add({"GET", "/api/openapi.json", "Dette dokumentet", "platform", Access{Scope::open, std::nullopt, nullptr, ""},
         nullptr, api::schema(R"({"type":"object"})"), 200,
         [openapi](api::Context&) { return api::json_response(*openapi); }});
  t.add({"GET", "/metrics", "Måltall i Prometheus-format", "platform", Access{Scope::open, std::nullopt, nullptr, ""},
         nullptr, api::schema(R"({"type":"string"})"), 200, [self](api::Context&) {
           http::Response r;
           r.content_type = "text/plain; version=0.0.4; charset=utf-8";
           r.body = (*self)->metrics().exposition();
           return r;
         }});
}

}  // namespace

std::unique_ptr<api::Api> make_api(store::Database& db, const std::string& ui_dir) {
  auto openapi = std::make_shared<std::string>();
  auto self = std::make_shared<api::Api*>(nullptr);
  api::RouteTable table;
  add_platform_routes(table, db, openapi, self);
  users::add_session_routes(table);
  org::add_routes(table);
  users::add_routes(table);
  audit::add_routes(table);
  commission::add_routes(table);
  calendar::add_routes(table);
  actions::add_routes(table);
  documents::add_routes(table);
  risk::add_routes(table);
  *openapi = api::openapi_document(table, kVersion);
  auto result = std::make_unique<api::Api>(db, std::move(table), api::ApiOptions{ui_dir});
  *self = result.get();
  return result;
}

}  // namespace varde::app
