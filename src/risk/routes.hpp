// HTTP routes of risk management: matrices and their import, assessments,
// risks, acceptance, the heat map, and risks in and out as CSV.
#pragma once

#include "api/route.hpp"

namespace varde::risk {

void add_routes(api::RouteTable& table);

}  // namespace varde::risk
