// HTTP routes of the commissioning document and the reporting on it.
#pragma once

#include "api/route.hpp"

namespace varde::commission {

void add_routes(api::RouteTable& table);

}  // namespace varde::commission
