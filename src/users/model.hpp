// Users and their role grants: plain values and rules, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/access.hpp"

namespace varde::users {

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::optional<std::string> email;
  int64_t home_org_id = 0;
  std::string home_org_code;
  std::string home_org_name;
  std::string home_org_path;
  bool disabled = false;
  std::string locale = "nb";
  int64_t version = 1;
  std::vector<auth::Grant> grants;
};

// A username: 2–64 characters of a–z, 0–9, '.', '-', '_' (lower case, so
// "Ola" and "ola" cannot both exist). Returns a reason when invalid.
std::optional<std::string> username_problem(std::string_view name);

// At least 10 characters; the reason when too weak.
std::optional<std::string> password_problem(std::string_view password);

// Leader levels: 1 unit leader, 2 department leader, 3 trust director
// (administrerende direktør), 4 the trust's board or the region.
inline constexpr int kMinLeaderLevel = 1;
inline constexpr int kMaxLeaderLevel = 4;

}  // namespace varde::users
