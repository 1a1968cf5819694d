// HTTP routes of the register of governing documents.
#pragma once

#include "api/route.hpp"

namespace varde::documents {

void add_routes(api::RouteTable& table);

}  // namespace varde::documents
