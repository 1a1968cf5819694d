// The demo data of `varde init --demo`: the two regions of the seed
// documents with their trusts, a few units in each, and a user for every role.
// Written here (not copied from the seeds), so the demo works anywhere.
#pragma once

#include <string>
#include <vector>

#include "store/database.hpp"

namespace varde::demo {

inline constexpr const char* kPassword = "varde-demo";

struct Login {
  std::string username;
  std::string role;
  std::string where;
};

// Loads the demo data in one transaction. Returns false and changes nothing
// when the database already holds organisation nodes.
bool load(store::Database& db);

// The demo logins, for printing.
std::vector<Login> logins();

}  // namespace varde::demo
