// A region's report for a period with every trust in it: the region's
// download of all its trusts' tertial (or annual) reports in one document,
// one chapter per trust, each chapter laid out as that trust's own report
// (report_layout.hpp), so the region reads one file instead of collecting
// one per trust.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "commission/store.hpp"
#include "org/model.hpp"
#include "reports/document.hpp"

namespace varde::commission {

struct RegionReport {
  Period period;
  org::Node region;
  // The region's trusts by code, each with its export for the period.
  std::vector<std::pair<org::Node, reports::Document>> trusts;
};

// Every trust's report for the period. `with_drafts`: whether the reader may
// see a document the region has not published yet (else it is left out, as
// for the trust's own download).
RegionReport region_report(store::Tx& tx, const Period& period, bool with_drafts, const std::string& generated_at);

// The one document: the title and period, then per trust a page break, a
// level-1 heading with the trust's code and name and its export's blocks
// beneath it (their headings one level down).
reports::Document region_report_document(const RegionReport& r, const std::string& generated_at);

}  // namespace varde::commission
