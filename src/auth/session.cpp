#include "auth/session.hpp"

#include "auth/crypto.hpp"
#include "core/time.hpp"

namespace varde::auth {

NewSession create_session(store::Tx& tx, int64_t user_id, const std::string& remote_address) {
  NewSession s{random_token(), random_token()};
  const auto now = core::now_iso();
  tx.exec(
      "INSERT INTO session (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, remote_address) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {sha256_hex(s.token), user_id, s.csrf_token, now, now, core::now_plus_seconds(kSessionAbsoluteSeconds),
       remote_address});
  return s;
}

namespace {

// The columns of a grant with its node, read at `first` onwards.
constexpr const char* kGrantColumns = "g.id, g.role, g.org_id, o.path, o.code, o.name, g.leader_level";

Grant read_grant(store::Rows& rows, int first) {
  Grant g;
  g.id = rows.integer(first);
  g.role = rows.str(first + 1);
  g.org_id = rows.integer(first + 2);
  g.org_path = rows.str(first + 3);
  g.org_code = rows.str(first + 4);
  g.org_name = rows.str(first + 5);
  if (!rows.is_null(first + 6)) g.leader_level = static_cast<int>(rows.integer(first + 6));
  return g;
}

}  // namespace

std::vector<Grant> load_grants(store::Tx& tx, int64_t user_id) {
  std::vector<Grant> grants;
  auto rows = tx.query(std::string("SELECT ") + kGrantColumns +
                           " FROM role_grant g JOIN org o ON o.id = g.org_id WHERE g.user_id = ? ORDER BY o.path, g.role",
                       {user_id});
  while (rows.next()) grants.push_back(read_grant(rows, 0));
  return grants;
}

std::optional<Principal> load_session(store::Tx& tx, const std::string& token) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  const auto now = core::now_iso();
  const auto idle_limit = core::now_plus_seconds(-kSessionIdleSeconds);
  // One statement, a row per grant (one row with nulls for a user without
  // any): every authenticated request runs it, and on PostgreSQL each
  // statement is a round trip.
  auto rows = tx.lookup(
      std::string("SELECT u.id, u.username, u.display_name, u.locale, u.home_org_id, s.csrf_token, s.last_seen_at, "
                  "u.email, h.code, h.name, h.path, u.version, ") +
          kGrantColumns +
          " FROM session s "
          "JOIN app_user u ON u.id = s.user_id "
          "JOIN org h ON h.id = u.home_org_id "
          "LEFT JOIN role_grant g ON g.user_id = u.id "
          "LEFT JOIN org o ON o.id = g.org_id "
          "WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen_at > ? AND u.disabled = 0 "
          "ORDER BY o.path, g.role",
      {sha256_hex(token), now, idle_limit});
  if (!rows.next()) return std::nullopt;
  Principal p;
  p.user_id = rows.integer(0);
  p.username = rows.str(1);
  p.display_name = rows.str(2);
  p.locale = rows.str(3);
  p.home_org_id = rows.integer(4);
  p.csrf_token = rows.str(5);
  p.session_last_seen = rows.str(6);
  p.email = rows.opt_str(7);
  p.home_org_code = rows.str(8);
  p.home_org_name = rows.str(9);
  p.home_org_path = rows.str(10);
  p.user_version = rows.integer(11);
  do {
    if (!rows.is_null(12)) p.grants.push_back(read_grant(rows, 12));
  } while (rows.next());
  return p;
}

void touch_session(store::Tx& tx, const std::string& token) {
  tx.exec("UPDATE session SET last_seen_at = ? WHERE token_hash = ?", {core::now_iso(), sha256_hex(token)});
}

void delete_session(store::Tx& tx, const std::string& token) {
  tx.exec("DELETE FROM session WHERE token_hash = ?", {sha256_hex(token)});
}

void delete_user_sessions(store::Tx& tx, int64_t user_id) {
  tx.exec("DELETE FROM session WHERE user_id = ?", {user_id});
}

long long throttled_for(store::Tx& tx, const std::string& bucket, int max_failures, long long window_seconds) {
  auto rows = tx.query("SELECT window_start, failures FROM login_attempt WHERE bucket = ?", {bucket});
  if (!rows.next()) return 0;
  const auto window_start = rows.str(0);
  const auto failures = rows.integer(1);
  const auto window_open_since = core::now_plus_seconds(-window_seconds);
  if (window_start <= window_open_since || failures < max_failures) return 0;
  // The window started at window_start and lasts window_seconds; report a
  // rough wait in whole minutes' worth of seconds.
  return window_seconds;
}

void record_failure(store::Tx& tx, const std::string& bucket, long long window_seconds) {
  const auto now = core::now_iso();
  const auto stale = core::now_plus_seconds(-window_seconds);
  // A window older than the policy starts over.
  tx.exec(
      "INSERT INTO login_attempt (bucket, window_start, failures) VALUES (?, ?, 1) "
      "ON CONFLICT (bucket) DO UPDATE SET "
      "failures = CASE WHEN login_attempt.window_start <= ? THEN 1 ELSE login_attempt.failures + 1 END, "
      "window_start = CASE WHEN login_attempt.window_start <= ? THEN excluded.window_start ELSE login_attempt.window_start END",
      {bucket, now, stale, stale});
}

void clear_failures(store::Tx& tx, const std::string& bucket) {
  tx.exec("DELETE FROM login_attempt WHERE bucket = ?", {bucket});
}

}  // namespace varde::auth
