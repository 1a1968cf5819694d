#include "api/api.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "api/problem.hpp"
#include "api/schema.hpp"
#include "auth/crypto.hpp"
#include "auth/session.hpp"
#include "core/time.hpp"
#include "http/static_files.hpp"

namespace varde::api {

namespace {

bool is_safe_method(const std::string& m) { return m == "GET" || m == "HEAD"; }

void add_security_headers(http::Response& r) {
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("X-Frame-Options", "DENY");
  r.set_header("Referrer-Policy", "same-origin");
  r.set_header("Content-Security-Policy",
               "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
}

Problem unauthenticated() {
  return Problem(401, "Ikke innlogget", "Logg inn for å fortsette.");
}

json parse_body(const http::Request& req) {
  if (req.body.empty()) throw bad_request("body", "Forespørselen mangler innhold (JSON).");
  try {
    return json::parse(req.body);
  } catch (const json::parse_error&) {
    throw bad_request("body", "Innholdet er ikke gyldig JSON (UTF-8).");
  }
}

}  // namespace

http::Response problem_response(const Problem& p) {
  http::Response r;
  r.status = p.status;
  r.content_type = "application/problem+json; charset=utf-8";
  r.body = problem_json(p);
  return r;
}

Api::Api(store::Database& db, RouteTable routes, ApiOptions options)
    : db_(db), routes_(std::move(routes)), options_(std::move(options)) {}

http::Response Api::handle(http::Request& req) {
  const auto started = std::chrono::steady_clock::now();
  std::string route_name;
  http::Response res;
  try {
    res = dispatch(req, route_name);
  } catch (const Problem& p) {
    res = problem_response(p);
  } catch (const store::Error& e) {
    if (e.kind() == store::ErrorKind::unique_violation) {
      res = problem_response(Problem(409, "Konflikt", "Det finnes allerede et objekt med samme verdi."));
    } else if (e.kind() == store::ErrorKind::foreign_key_violation) {
      res = problem_response(Problem(409, "Konflikt", "Objektet er i bruk av andre objekter, eller viser til et som ikke finnes."));
    } else if (e.kind() == store::ErrorKind::unavailable) {
      spdlog::error("request {} {} {}: the database is unavailable: {}", req.request_id, req.method, req.path, e.what());
      res = problem_response(Problem(503, "Databasen svarer ikke", "Databasen er ikke tilgjengelig akkurat nå. Prøv igjen om litt."));
    } else if (e.kind() == store::ErrorKind::busy) {
      res = problem_response(Problem(503, "Opptatt", "Databasen er opptatt. Prøv igjen om litt."));
    } else {
      spdlog::error("request {} {} {} failed in the store: {}", req.request_id, req.method, req.path, e.what());
      res = problem_response(Problem(500, "Intern feil", "Noe gikk galt hos oss. Feilen er logget med id " + req.request_id + "."));
    }
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {} failed: {}", req.request_id, req.method, req.path, e.what());
    res = problem_response(Problem(500, "Intern feil", "Noe gikk galt hos oss. Feilen er logget med id " + req.request_id + "."));
  }
  add_security_headers(res);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  metrics_.record(route_name.empty() ? req.method + " (unmatched)" : route_name, res.status, took.count());
  return res;
}

http::Response Api::dispatch(http::Request& req, std::string& route_name) {
  const bool api_path = req.path.rfind("/api/", 0) == 0 || req.path == "/api" || req.path == "/metrics";
  std::map<std::string, std::string> params;
  std::string allowed;
  const Route* route = routes_.match(req.method, req.path, params, allowed);
  if (!route) {
    if (!allowed.empty()) {
      route_name = req.method + " (method not allowed)";
      auto r = problem_response(Problem(405, "Metoden er ikke tillatt", req.method + " kan ikke brukes på " + req.path + "."));
      r.set_header("Allow", allowed);
      return r;
    }
    if (!api_path && is_safe_method(req.method)) {
      route_name = "GET (ui)";
      if (auto r = http::serve_static(options_.ui_dir, req.path)) return *r;
    }
    route_name = req.method + " (unmatched)";
    throw Problem(404, "Finnes ikke", "Ingen side eller ressurs på " + req.path + ".");
  }
  route_name = route->method + " " + route->path;
  return run_route(*route, req, std::move(params));
}

http::Response Api::run_route(const Route& route, http::Request& req, std::map<std::string, std::string> params) {
  const bool writes = !is_safe_method(req.method) && !route.writes_itself;
  auto tx = writes ? db_.write() : db_.read();

  std::optional<auth::Principal> principal;
  const std::string token = req.cookie(auth::kSessionCookie);
  if (route.access.scope != Scope::open) {
    principal = auth::load_session(*tx, token);
    if (!principal) throw unauthenticated();
    if (!is_safe_method(req.method) && !auth::equal_constant_time(req.header("X-CSRF-Token"), principal->csrf_token))
      throw Problem(403, "Ugyldig CSRF-token",
                    "Forespørselen mangler et gyldig X-CSRF-Token. Last siden på nytt og prøv igjen.", "X-CSRF-Token");
  }

  Context ctx(req, *tx, principal ? &*principal : nullptr, std::move(params));
  ctx.db = &db_;
  if (!route.request_schema.is_null()) {
    json body = parse_body(req);
    validate(route.request_schema, body);
    ctx.set_body(std::move(body));
  }

  const auto& access = route.access;
  if (access.scope == Scope::node) {
    auto node = access.locate(ctx);
    if (!node) throw not_found();
    auto decision = auth::decide(*principal, node->path, *access.permission);
    if (decision != auth::Decision::allow && access.reaches_down &&
        auth::holds_below(*principal, node->path, *access.permission))
      decision = auth::Decision::allow;
    switch (decision) {
      case auth::Decision::hidden: throw not_found();
      case auth::Decision::forbidden:
        throw forbidden("Rollen din gir ikke tilgang til dette (krever «" +
                        std::string(auth::permission_name(*access.permission)) + "»).");
      case auth::Decision::allow: break;
    }
    ctx.node = std::move(node);
  } else if (access.scope == Scope::session && access.permission) {
    if (auth::subtrees_with(*principal, *access.permission).empty())
      throw forbidden("Rollen din gir ikke tilgang til dette (krever «" +
                      std::string(auth::permission_name(*access.permission)) + "»).");
  }

  http::Response res = route.handler(ctx);
  if (principal && principal->session_last_seen < core::now_plus_seconds(-60)) {
    if (writes) {
      auth::touch_session(*tx, token);
    } else {
      auto touch = db_.write();
      auth::touch_session(*touch, token);
      touch->commit();
    }
  }
  tx->commit();
  return res;
}

}  // namespace varde::api
