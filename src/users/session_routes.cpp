// Logging in and out. Failures all look the same from outside ("wrong
// username or password"), whether the account exists, is disabled or not,
// and take about as long, so the answer never tells who has an account.
#include <algorithm>

#include "api/api.hpp"
#include "api/problem.hpp"
#include "api/schema.hpp"
#include "auth/crypto.hpp"
#include "auth/session.hpp"
#include "users/routes.hpp"
#include "users/store.hpp"

namespace varde::users {

using api::Access;
using api::Context;
using api::Scope;

namespace {

const auth::ThrottlePolicy kThrottle;

std::string lower_ascii(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// A hash of a password nobody knows: verifying against it costs what a real
// check costs, for names that have no account.
const std::string& decoy_hash() {
  static const std::string hash = auth::hash_password(auth::random_token());
  return hash;
}

std::string session_json(const auth::Principal& p) {
  const auto user = signed_in(p);
  core::JsonWriter w;
  w.begin_object();
  w.key("user");
  write_json(w, user);
  w.key("grants").begin_array();
  for (const auto& g : user.grants) write_grant_json(w, g, user.id);
  w.end_array();
  w.field("csrf_token", p.csrf_token);
  w.end_object();
  return w.take();
}

std::string cookie(const std::string& value, bool secure, long long max_age) {
  std::string c = std::string(auth::kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                  std::to_string(max_age);
  if (secure) c += "; Secure";
  return c;
}

api::Problem login_refused() {
  return api::Problem(401, "Innlogging mislyktes", "Feil brukernavn eller passord.");
}

http::Response login(Context& ctx) {
  const std::string username = lower_ascii(ctx.body()["username"].get<std::string>());
  const std::string password = ctx.body()["password"];
  const std::string account_bucket = "user:" + username;
  const std::string address_bucket = "addr:" + ctx.req.remote_address;

  if (auth::throttled_for(ctx.tx, address_bucket, kThrottle.address_failures, kThrottle.window_seconds) ||
      auth::throttled_for(ctx.tx, account_bucket, kThrottle.account_failures, kThrottle.window_seconds)) {
    api::Problem p(429, "For mange forsøk",
                   "For mange mislykkede innlogginger. Kontoen er sperret en stund; prøv igjen om 15 minutter.");
    auto r = api::problem_response(p);
    r.set_header("Retry-After", std::to_string(kThrottle.window_seconds));
    return r;
  }

  auto rows = ctx.tx.query("SELECT id, password_hash, disabled FROM app_user WHERE username = ?", {username});
  const bool exists = rows.next();
  const int64_t user_id = exists ? rows.integer(0) : 0;
  const std::string hash = exists ? rows.str(1) : decoy_hash();
  const bool disabled = exists && rows.boolean(2);
  // Argon2id takes ~75 ms by design: check it holding no write lock.
  const bool password_ok = auth::verify_password(hash, password);

  auto tx = ctx.db->write();
  if (!exists || disabled || !password_ok) {
    auth::record_failure(*tx, account_bucket, kThrottle.window_seconds);
    auth::record_failure(*tx, address_bucket, kThrottle.window_seconds);
    tx->commit();
    return api::problem_response(login_refused());
  }

  auth::clear_failures(*tx, account_bucket);
  auto session = auth::create_session(*tx, user_id, ctx.req.remote_address);
  // The caller as every later request of the session will see it.
  const auto p = auth::load_session(*tx, session.token);
  if (!p) throw std::runtime_error("a session just made could not be read back");
  audit::record(*tx, {user_id, username}, "session.login", "user", std::to_string(user_id), std::nullopt, "null",
                "{\"remote_address\":\"" + ctx.req.remote_address + "\"}");
  auto r = api::json_response(session_json(*p));
  tx->commit();
  r.set_header("Set-Cookie", cookie(session.token, ctx.req.tls, auth::kSessionAbsoluteSeconds));
  r.set_header("Cache-Control", "no-store");
  return r;
}

http::Response current(Context& ctx) {
  auto r = api::json_response(session_json(*ctx.principal));
  r.set_header("Cache-Control", "no-store");
  return r;
}

http::Response logout(Context& ctx) {
  auth::delete_session(ctx.tx, ctx.req.cookie(auth::kSessionCookie));
  audit::record(ctx.tx, ctx.actor(), "session.logout", "user", std::to_string(ctx.principal->user_id), std::nullopt,
                "null", "null");
  auto r = api::no_content();
  r.set_header("Set-Cookie", cookie("", ctx.req.tls, 0));
  return r;
}

http::Response roles(Context&) {
  core::JsonWriter w;
  w.begin_array();
  for (const auto& role : auth::role_names()) {
    w.begin_object().field("role", role).key("permissions").begin_array();
    for (auto p : auth::role_permissions(role)) w.value(auth::permission_name(p));
    w.end_array().end_object();
  }
  w.end_array();
  return api::json_response(w.take());
}

}  // namespace

void add_session_routes(api::RouteTable& t) {
  const auto session_schema = api::schema(R"({"type":"object","properties":{
    "user":{"type":"object"},"grants":{"type":"array"},"csrf_token":{"type":"string"}}})");
  t.add({"POST", "/api/session", "Logg inn", "session", Access{Scope::open, std::nullopt, nullptr, ""},
         api::schema(R"({"type":"object","additionalProperties":false,"required":["username","password"],
           "properties":{"username":{"type":"string","minLength":1,"maxLength":64},
                         "password":{"type":"string","minLength":1,"maxLength":1024}}})"),
         session_schema, 200, login, {}, true});
  t.add({"GET", "/api/session", "Hvem er logget inn", "session", Access{Scope::session, std::nullopt, nullptr, ""},
         nullptr, session_schema, 200, current});
  t.add({"DELETE", "/api/session", "Logg ut", "session", Access{Scope::session, std::nullopt, nullptr, ""}, nullptr,
         nullptr, 204, logout});
  t.add({"GET", "/api/roles", "Rollene og hva de gir tilgang til", "session",
         Access{Scope::session, std::nullopt, nullptr, ""}, nullptr, api::schema(R"({"type":"array"})"), 200, roles});
}

}  // namespace varde::users
