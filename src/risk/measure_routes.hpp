// The measures that treat a risk: routes to link and unlink them, and the
// list GET /api/risks/{id} carries.
#pragma once

#include <string>

#include "api/route.hpp"

namespace varde::risk {

// The risk's measures that the caller sees, as a JSON array.
std::string measures_json(api::Context& ctx, int64_t risk_id);

void add_measure_routes(api::RouteTable& table);

}  // namespace varde::risk
