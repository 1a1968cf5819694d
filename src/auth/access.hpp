// Who may do what, where: the one place that decides.
//
// A role is granted to a user on an organisation node and covers the node's
// whole subtree. Nodes are addressed by their tree path ("/1/4/9/"), so "is
// this node under that grant" is a prefix test, here and in SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace varde::auth {

// What a role allows. Domain areas ask for one of these, never for a role.
enum class Permission { read, contribute, approve, manage, administer, audit };

std::string_view permission_name(Permission p);
std::optional<Permission> permission_from_name(std::string_view name);

// The roles, in the order the UI lists them.
const std::vector<std::string>& role_names();
bool is_role(std::string_view role);
// The permissions a role carries.
std::vector<Permission> role_permissions(std::string_view role);
bool role_allows(std::string_view role, Permission p);

struct Grant {
  int64_t id = 0;
  std::string role;
  int64_t org_id = 0;
  std::string org_path;
  std::string org_code;
  std::string org_name;
  std::optional<int> leader_level;
};

struct Principal {
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
  std::string locale;
  int64_t home_org_id = 0;
  // The rest of the user's own record, so that the session read answers
  // "who am I" without another statement.
  std::optional<std::string> email;
  std::string home_org_code, home_org_name, home_org_path;
  int64_t user_version = 0;
  std::vector<Grant> grants;
  std::string csrf_token;
  std::string session_last_seen;  // when the session was last refreshed
};

enum class Decision { allow, forbidden, hidden };

// The decision for acting with `permission` on an object of the node at
// `path`: allow when a grant covering the node carries the permission;
// forbidden when some grant covers the node but none carries it; hidden when
// no grant covers the node (the object must then answer as if it did not exist).
Decision decide(const Principal& who, std::string_view path, Permission permission);

// True when `who` holds `permission` through a grant on a node at or below
// `path` (the node's subtree reaches one of the caller's grants).
bool holds_below(const Principal& who, std::string_view path, Permission permission);

// The subtree paths in which `who` holds `permission`, with nested ones
// removed: list queries filter by these prefixes in SQL.
std::vector<std::string> subtrees_with(const Principal& who, Permission permission);

// True when `path` lies in the subtree rooted at `root` (both tree paths).
inline bool in_subtree(std::string_view path, std::string_view root) {
  return path.substr(0, root.size()) == root;
}

}  // namespace varde::auth
