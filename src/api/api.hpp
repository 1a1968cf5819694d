// The dispatcher: every request passes through Api::handle, which finds the
// route, checks the session, the CSRF token and the caller's access to the
// node the request acts on, runs the handler inside one transaction, and
// turns any error into an RFC 9457 problem answer. No handler checks access
// itself.
#pragma once

#include <memory>
#include <string>

#include "api/metrics.hpp"
#include "api/route.hpp"
#include "http/message.hpp"
#include "store/database.hpp"

namespace varde::api {

struct ApiOptions {
  std::string ui_dir;  // built web UI (index.html, assets/); empty: none
};

class Api {
 public:
  Api(store::Database& db, RouteTable routes, ApiOptions options);

  // Answers one request. Never throws.
  http::Response handle(http::Request& req);

  const RouteTable& routes() const { return routes_; }
  Metrics& metrics() { return metrics_; }

 private:
  http::Response dispatch(http::Request& req, std::string& route_name);
  http::Response run_route(const Route& route, http::Request& req, std::map<std::string, std::string> params);

  store::Database& db_;
  RouteTable routes_;
  ApiOptions options_;
  Metrics metrics_;
};

// The problem answer for a Problem.
http::Response problem_response(const class Problem& p);

}  // namespace varde::api
