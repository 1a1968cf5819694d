// A trust's report as the file it sends on: the seed's layout
// (report_layout), and for the 1st and 2nd tertial the trust's risk overview
// as an appendix after a page break (the seed asks for "en oversikt over
// risikovurderinger knyttet til kravene" with those two reports; the annual
// report has none). The joining of the two areas happens here, so neither
// src/reports nor src/risk knows of the other's documents.
#pragma once

#include <string>

#include "commission/store.hpp"
#include "org/model.hpp"
#include "reports/document.hpp"

namespace varde::commission {

// The heading the appendix starts with; the importer stops there.
inline constexpr const char* kRiskAppendixHeading = "Vedlegg: Risikooversikt";

// Whether a period's report carries the risk overview (1st and 2nd tertial).
bool has_risk_appendix(PeriodKind kind);

// The blocks of `part` appended to `into` with every heading one level down
// (level 3 stays 3): a whole document as a section of another.
void append_one_level_down(reports::Document& into, const reports::Document& part);

// `overview` (risk::risk_overview_document) as the appendix of `report`: a
// page break, a level-1 heading, the overview's subtitle, then its blocks
// with their headings one level down.
void append_risk_appendix(reports::Document& report, const reports::Document& overview);

// The report of `trust` for `period`, with the appendix where the period has
// one: for a closed period the overview kept in its snapshot, else the risk
// register as it stands.
reports::Document trust_report_export(store::Tx& tx, const TrustReport& report, const Period& period,
                                      const org::Node& trust, const std::string& generated_at);

}  // namespace varde::commission
