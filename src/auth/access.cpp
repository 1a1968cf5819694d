#include "auth/access.hpp"

#include <algorithm>
#include <array>

namespace varde::auth {

namespace {

struct RoleRow {
  const char* role;
  std::vector<Permission> permissions;
};

using P = Permission;

// The role table. Reading is part of every role; administering users and the
// tree, and reading the audit trail, are kept apart from the ISMS work.
const std::vector<RoleRow>& role_table() {
  static const std::vector<RoleRow> table = {
      {"admin", {P::read, P::contribute, P::approve, P::manage, P::administer, P::audit}},
      {"security_officer", {P::read, P::contribute, P::manage}},
      {"privacy_officer", {P::read, P::contribute, P::manage}},
      {"leader", {P::read, P::contribute, P::approve}},
      {"contributor", {P::read, P::contribute}},
      {"auditor", {P::read, P::audit}},
      {"reader", {P::read}},
  };
  return table;
}

constexpr std::array<std::string_view, 6> kPermissionNames = {"read", "contribute", "approve",
                                                              "manage", "administer", "audit"};

}  // namespace

std::string_view permission_name(Permission p) { return kPermissionNames[static_cast<int>(p)]; }

std::optional<Permission> permission_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kPermissionNames.size(); ++i)
    if (kPermissionNames[i] == name) return static_cast<Permission>(i);
  return std::nullopt;
}

const std::vector<std::string>& role_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& row : role_table()) out.emplace_back(row.role);
    return out;
  }();
  return names;
}

bool is_role(std::string_view role) {
  const auto& names = role_names();
  return std::find(names.begin(), names.end(), role) != names.end();
}

std::vector<Permission> role_permissions(std::string_view role) {
  for (const auto& row : role_table())
    if (row.role == role) return row.permissions;
  return {};
}

bool role_allows(std::string_view role, Permission p) {
  const auto perms = role_permissions(role);
  return std::find(perms.begin(), perms.end(), p) != perms.end();
}

Decision decide(const Principal& who, std::string_view path, Permission permission) {
  bool covered = false;
  for (const auto& g : who.grants) {
    if (!in_subtree(path, g.org_path)) continue;
    covered = true;
    if (role_allows(g.role, permission)) return Decision::allow;
  }
  return covered ? Decision::forbidden : Decision::hidden;
}

bool holds_below(const Principal& who, std::string_view path, Permission permission) {
  for (const auto& g : who.grants)
    if (in_subtree(g.org_path, path) && role_allows(g.role, permission)) return true;
  return false;
}

std::vector<std::string> subtrees_with(const Principal& who, Permission permission) {
  std::vector<std::string> roots;
  for (const auto& g : who.grants)
    if (role_allows(g.role, permission)) roots.push_back(g.org_path);
  std::sort(roots.begin(), roots.end());
  // After sorting, a nested root follows the root that contains it.
  std::vector<std::string> out;
  for (auto& r : roots)
    if (out.empty() || !in_subtree(r, out.back())) out.push_back(std::move(r));
  return out;
}

}  // namespace varde::auth
