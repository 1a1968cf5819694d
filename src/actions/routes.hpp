// HTTP routes of action plans and their measures.
#pragma once

#include "api/route.hpp"

namespace varde::actions {

void add_routes(api::RouteTable& table);

}  // namespace varde::actions
