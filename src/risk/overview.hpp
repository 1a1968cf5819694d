// The risk overview for a tertial report (the seed's chapter 11: "en
// oversikt over risikovurderinger knyttet til kravene"): per requirement,
// the assessments and risks tied to it with their inherent and residual
// level and how they are treated, then the risks tied to no requirement,
// and the heat map of the region's default matrix as a table. One
// reports::Document; the renderers in src/reports make the four formats.
#pragma once

#include <string>

#include "org/model.hpp"
#include "reports/document.hpp"
#include "store/database.hpp"

namespace varde::risk {

reports::Document risk_overview_document(store::Tx& tx, const org::Node& node, const std::string& generated_at);

}  // namespace varde::risk
