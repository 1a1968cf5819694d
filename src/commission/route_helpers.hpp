// Shared by the commissioning area's route files (routes.cpp,
// overview_routes.cpp): how a route finds the node its access is checked on,
// and the region rules every route applies. Private to src/commission.
#pragma once

#include <optional>
#include <string>

#include "api/route.hpp"
#include "commission/store.hpp"
#include "org/model.hpp"

namespace varde::commission {

std::optional<api::NodeRef> node_of(store::Tx& tx, int64_t org_id);
std::optional<api::NodeRef> locate_body_region(api::Context& ctx);       // body: region_id
std::optional<api::NodeRef> locate_document_region(api::Context& ctx);   // path: a document
std::optional<api::NodeRef> locate_period_region(api::Context& ctx);     // path: a period
std::optional<api::NodeRef> locate_requirement_region(api::Context& ctx);  // path: a requirement
std::optional<api::NodeRef> locate_entry_org(api::Context& ctx);         // path: a report entry
// The trust a report route names; 404 naming `id` when the node is not a trust.
std::optional<api::NodeRef> locate_trust_param(api::Context& ctx);

// The region a node belongs to: itself when it is one, else its nearest
// ancestor of kind region.
std::optional<org::Node> region_of(store::Tx& tx, int64_t org_id);

// The period, or 404 naming period_id when it is not the region's.
Period period_in_region(store::Tx& tx, int64_t period_id, const org::Node& region);

// Region staff (read at or above the region) see its draft documents; trusts
// and units below it see only what the region has published.
bool sees_drafts(const api::Context& ctx, const std::string& region_path);
// The document, or 404 for a draft the caller may not see yet.
std::optional<Document> visible_document(api::Context& ctx, int64_t id, bool with_content);

// The routes of the region's overview (matrix, history, achievement scale).
void add_overview_routes(api::RouteTable& t);

}  // namespace varde::commission
