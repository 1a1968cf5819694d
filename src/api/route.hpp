// The route table: one entry per HTTP route, and everything derives from it —
// the router, the authorisation check made before any handler runs, the
// OpenAPI document, and the access-matrix test (which reads `x-access` from
// that document).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/audit.hpp"
#include "auth/access.hpp"
#include "http/message.hpp"
#include "store/database.hpp"

namespace varde::api {

using json = nlohmann::json;

// The organisation node a request acts on.
struct NodeRef {
  int64_t id = 0;
  std::string path;
};

class Context;

// Finds the node a request acts on: from a path parameter, a body field, or
// the object the request names. nullopt means "no such object" (404).
using Locator = std::function<std::optional<NodeRef>(Context&)>;

enum class Scope {
  open,     // no login needed
  session,  // any logged-in user; the handler filters what it returns by the caller's subtrees
  node,     // the permission is checked on the node the locator finds
};

struct Access {
  Scope scope = Scope::session;
  std::optional<auth::Permission> permission;  // node: required there; session: required somewhere
  Locator locate;                              // for Scope::node
  std::string org_from;                        // how the node is found, for the document: "path:id", "body:org_id", "object:user"
  // Also allowed when the caller holds the permission anywhere below the
  // node: what a region publishes to its trusts (the commissioning
  // document) is read by the trusts, though they see nothing else of it.
  bool reaches_down = false;
};

using Handler = std::function<http::Response(Context&)>;

struct Route {
  std::string method;  // GET, POST, PATCH, PUT, DELETE
  std::string path;    // "/api/orgs/{id}"
  std::string summary;
  std::string tag;
  Access access;
  json request_schema;   // null: no body
  json response_schema;  // null: no body
  int success_status = 200;
  Handler handler;
  std::vector<std::string> query_params;  // documented query parameters
  // The handler gets a read Tx and opens its own write transactions through
  // Context::db: for work too slow to do under the write lock (password
  // hashing at login).
  bool writes_itself = false;
};

// What a handler gets: the request, its one transaction, the caller and the
// node the access check approved.
class Context {
 public:
  Context(http::Request& req, store::Tx& tx, const auth::Principal* who, std::map<std::string, std::string> params)
      : req(req), tx(tx), principal(who), params_(std::move(params)) {}

  http::Request& req;
  store::Tx& tx;
  const auth::Principal* principal;  // null on open routes
  std::optional<NodeRef> node;       // set for Scope::node routes
  store::Database* db = nullptr;     // for routes that write themselves

  // The request body, parsed and validated against the route's schema.
  const json& body() const { return body_; }
  void set_body(json b) { body_ = std::move(b); }

  // A path parameter as text, or as a positive integer (404 when it is not one).
  const std::string& param(const std::string& name) const;
  int64_t id_param(const std::string& name = "id") const;

  // The version the client edits (If-Match: "3", or "version" in the body).
  // Throws Problem 428 when neither is given.
  int64_t expected_version() const;

  // A query parameter that must be a positive integer: nullopt when absent,
  // 400 naming it when malformed.
  std::optional<int64_t> query_id(const std::string& name) const;
  // A query parameter as text, nullopt when absent or empty.
  std::optional<std::string> query_text(const std::string& name) const;

  // The ORDER BY clause the `sort` query parameter asks for: a name from
  // `columns` (name → SQL column), "-name" for descending. `fallback` when
  // absent; 400 naming `sort` for anything not in the list. The result ends
  // with `tiebreak` so paging is stable.
  std::string order_by(const std::map<std::string, std::string>& columns, const std::string& fallback,
                       const std::string& tiebreak) const;

  // Limit and offset from the query (limit 1..500, default 50).
  int64_t limit() const;
  int64_t offset() const;

  // The caller as the audit trail names them ("system" on open routes).
  audit::Actor actor() const;

 private:
  std::map<std::string, std::string> params_;
  json body_;
};

// Answers with a JSON body.
http::Response json_response(std::string body, int status = 200);
// Answers with a JSON body and an ETag for the object's version.
http::Response versioned_response(std::string body, int64_t version, int status = 200);
// Answers 204.
http::Response no_content();

class RouteTable {
 public:
  void add(Route route);
  const std::vector<Route>& routes() const { return routes_; }

  // The route for method and path, with its path parameters; nullptr when
  // none. `allowed` lists the methods the path does take ("GET, PATCH"),
  // empty when no route has that path (so 404, not 405).
  const Route* match(const std::string& method, const std::string& path, std::map<std::string, std::string>& params,
                     std::string& allowed) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace varde::api
