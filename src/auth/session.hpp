// Sessions and login throttling, kept in the database so that several
// servers share them.
#pragma once

#include <optional>
#include <string>

#include "auth/access.hpp"
#include "store/database.hpp"

namespace varde::auth {

inline constexpr const char* kSessionCookie = "varde_session";
inline constexpr long long kSessionIdleSeconds = 8 * 3600;       // idle expiry
inline constexpr long long kSessionAbsoluteSeconds = 12 * 3600;  // however active

struct NewSession {
  std::string token;  // for the cookie; the store keeps only its hash
  std::string csrf_token;
};

// Creates a session for the user.
NewSession create_session(store::Tx& tx, int64_t user_id, const std::string& remote_address);

// The caller behind a session token, with grants and CSRF token; nullopt when
// the token is unknown, expired, or its user is disabled.
std::optional<Principal> load_session(store::Tx& tx, const std::string& token);

// Moves the session's idle expiry forward. Callers do it at most once a
// minute per session (see Principal::session_last_seen).
void touch_session(store::Tx& tx, const std::string& token);

void delete_session(store::Tx& tx, const std::string& token);
void delete_user_sessions(store::Tx& tx, int64_t user_id);

// The user's grants with their nodes' paths, codes and names.
std::vector<Grant> load_grants(store::Tx& tx, int64_t user_id);

// Login throttling. Failures are counted per account name (whether or not
// the account exists, so the answer never tells) and per client address, in
// fixed windows.
struct ThrottlePolicy {
  int account_failures = 5;     // then the account is locked for the window
  int address_failures = 50;    // then the address is refused for the window
  long long window_seconds = 15 * 60;
};

// Seconds until the bucket opens again, or 0 when it is open.
long long throttled_for(store::Tx& tx, const std::string& bucket, int max_failures, long long window_seconds);
void record_failure(store::Tx& tx, const std::string& bucket, long long window_seconds);
void clear_failures(store::Tx& tx, const std::string& bucket);

}  // namespace varde::auth
