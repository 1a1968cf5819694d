// HTTP routes for logging in and out, users and role grants.
#pragma once

#include "api/route.hpp"

namespace varde::users {

void add_session_routes(api::RouteTable& table);
void add_routes(api::RouteTable& table);

}  // namespace varde::users
