#include "commission/region_report.hpp"

#include <algorithm>
#include <stdexcept>

#include "commission/report_export.hpp"
#include "org/store.hpp"

namespace varde::commission {

RegionReport region_report(store::Tx& tx, const Period& period, bool with_drafts, const std::string& generated_at) {
  RegionReport out;
  out.period = period;
  auto region = org::find(tx, period.region_id);
  if (!region) throw std::runtime_error("the period's region is gone");
  out.region = *region;
  org::ListQuery q;
  q.subtrees = {region->path};
  q.kind = "trust";
  q.order_by = "code, id";
  q.limit = 1000;
  for (auto& trust : org::list_items(tx, q)) {
    auto report = trust_report(tx, period, trust.id);
    if (report.document && report.document->status != "published" && !with_drafts) report.document.reset();
    auto doc = trust_report_export(tx, report, period, trust, generated_at);
    out.trusts.emplace_back(std::move(trust), std::move(doc));
  }
  return out;
}

reports::Document region_report_document(const RegionReport& r, const std::string& generated_at) {
  reports::Document doc;
  const std::string label = period_label_nb(r.period.kind, r.period.year);
  doc.title = "Krav i oppdragsdokument " + std::to_string(r.period.year) + " – alle foretak";
  doc.subtitle = "Foretakenes rapportering for " + label;
  doc.metadata.organisation = r.region.name;
  doc.metadata.period = label;
  doc.metadata.generated_at = generated_at;
  doc.metadata.classification = "Intern";
  if (r.trusts.empty()) {
    doc.paragraph(r.region.name + " har ingen helseforetak registrert.");
    return doc;
  }
  bool first = true;
  for (const auto& [trust, one] : r.trusts) {
    if (!first) doc.page_break();
    first = false;
    doc.heading(1, trust.code + " " + trust.name);
    // The trust's chapters become sections of its chapter here.
    append_one_level_down(doc, one);
  }
  return doc;
}

}  // namespace varde::commission
