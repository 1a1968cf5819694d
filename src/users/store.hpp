// Users and role grants in the store. Every change is audited in the
// caller's transaction; domain errors are api::Problem.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit.hpp"
#include "core/json_writer.hpp"
#include "store/database.hpp"
#include "users/model.hpp"

namespace varde::users {

// What a user is found by in search, folded (see core::fold_for_search).
std::string search_text(std::string_view username, std::string_view display_name);

std::optional<User> find(store::Tx& tx, int64_t id);
// The caller's own user as its session was loaded (in the same transaction):
// "who am I" without another statement.
User signed_in(const auth::Principal& p);
std::optional<User> find_by_username(store::Tx& tx, std::string_view username);

struct NewUser {
  std::string username;
  std::string display_name;
  std::optional<std::string> email;
  std::string password;
  // An Argon2id hash made once for many users who share a password (the demo,
  // the benchmark's data set): hashing each would take 75 ms a user. When set,
  // `password` is not used.
  std::optional<std::string> password_hash;
  int64_t home_org_id = 0;
  std::string locale = "nb";
};

User create(store::Tx& tx, const audit::Actor& actor, const NewUser& n);

struct Patch {
  std::optional<std::string> display_name;
  std::optional<std::optional<std::string>> email;
  std::optional<bool> disabled;
  std::optional<std::string> locale;
  std::optional<std::string> password;
};

// Changes a user at `expected_version` (412 otherwise). Disabling a user or
// changing the password ends the user's sessions.
User update(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version, const Patch& p);

struct NewGrant {
  int64_t user_id = 0;
  int64_t org_id = 0;
  std::string role;
  std::optional<int> leader_level;
};

auth::Grant add_grant(store::Tx& tx, const audit::Actor& actor, const NewGrant& g);
void remove_grant(store::Tx& tx, const audit::Actor& actor, int64_t grant_id);

// The grant and its node's path, for locating it; nullopt when unknown.
std::optional<std::pair<int64_t, std::string>> grant_node(store::Tx& tx, int64_t grant_id);

struct GrantWithUser {
  auth::Grant grant;
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
};

// The grants on exactly this node.
std::vector<GrantWithUser> grants_on(store::Tx& tx, int64_t org_id);

struct ListQuery {
  std::vector<std::string> subtrees;  // home node under these paths
  std::optional<int64_t> org_id;      // home node exactly this
  std::optional<std::string> text;    // in username or display name
  std::string order_by = "u.name_key, u.id";  // SQL, from a whitelist (see api::Context::order_by)
  int64_t limit = 50;
  int64_t offset = 0;
};

struct Page {
  std::vector<User> items;
  int64_t total = 0;
};

Page list(store::Tx& tx, const ListQuery& q);

void write_grant_json(core::JsonWriter& w, const auth::Grant& g, int64_t user_id);
void write_json(core::JsonWriter& w, const User& u);
std::string to_json(const User& u);

}  // namespace varde::users
