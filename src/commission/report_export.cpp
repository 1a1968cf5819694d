#include "commission/report_export.hpp"

#include <algorithm>
#include <variant>

#include "commission/report_layout.hpp"
#include "risk/overview.hpp"

namespace varde::commission {

bool has_risk_appendix(PeriodKind kind) { return kind == PeriodKind::tertial1 || kind == PeriodKind::tertial2; }

void append_one_level_down(reports::Document& into, const reports::Document& part) {
  for (auto block : part.blocks) {
    if (auto* h = std::get_if<reports::Heading>(&block)) h->level = std::min(h->level + 1, 3);
    into.blocks.push_back(std::move(block));
  }
}

void append_risk_appendix(reports::Document& report, const reports::Document& overview) {
  report.page_break().heading(1, kRiskAppendixHeading);
  if (!overview.subtitle.empty()) report.paragraph(overview.subtitle);
  append_one_level_down(report, overview);
}

reports::Document trust_report_export(store::Tx& tx, const TrustReport& report, const Period& period,
                                      const org::Node& trust, const std::string& generated_at) {
  auto doc = trust_report_document(report, period, trust.name, generated_at);
  if (!report.document || !has_risk_appendix(period.kind)) return doc;
  // A closed period's report is its snapshot: the overview kept there, or
  // none when the snapshot is older than the appendix.
  if (report.from_snapshot) {
    if (report.risk_overview) append_risk_appendix(doc, *report.risk_overview);
  } else {
    append_risk_appendix(doc, risk::risk_overview_document(tx, trust, generated_at));
  }
  return doc;
}

}  // namespace varde::commission
