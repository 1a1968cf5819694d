// The personal calendar feed of deadlines: a secret, revocable URL that
// Outlook and other calendar programs subscribe to.
#pragma once

#include "api/route.hpp"

namespace varde::calendar {

void add_routes(api::RouteTable& table);

}  // namespace varde::calendar
