// HTTP route for reading the audit trail.
#pragma once

#include "api/route.hpp"

namespace varde::audit {

void add_routes(api::RouteTable& table);

}  // namespace varde::audit
