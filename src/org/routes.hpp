// HTTP routes of the organisation tree.
#pragma once

#include "api/route.hpp"

namespace varde::org {

void add_routes(api::RouteTable& table);

// Locates the node named by the path parameter {id}, for routes on a node.
std::optional<api::NodeRef> locate_node_param(api::Context& ctx);

}  // namespace varde::org
