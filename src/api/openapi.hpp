// The OpenAPI 3.1 document, generated from the route table so that it cannot
// drift from the code. Each operation carries `x-access` (scope, permission,
// where the organisation node comes from), which the access-matrix test reads.
#pragma once

#include <string>

#include "api/route.hpp"

namespace varde::api {

std::string openapi_document(const RouteTable& routes, const std::string& version);

}  // namespace varde::api
