#include "commission/history.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "commission/scale_store.hpp"
#include "org/store.hpp"

namespace varde::commission {

std::optional<RequirementHistory> requirement_history(store::Tx& tx, int64_t requirement_id) {
  auto req = find_requirement(tx, requirement_id);
  if (!req) return std::nullopt;
  auto doc = find_document(tx, req->document_id, false);
  auto region = org::find(tx, doc->region_id);
  if (!region) return std::nullopt;

  RequirementHistory h;
  h.requirement = *req;
  h.region = *region;
  h.scale = region_scale(tx, region->id);
  org::ListQuery q;
  q.subtrees = {region->path};
  q.kind = "trust";
  q.order_by = "code, id";
  q.limit = 1000;
  h.trusts = org::list_items(tx, q);

  // The same requirement in each year: this one, and those with its number in
  // the region's other documents (one per year).
  std::map<int, Requirement> by_year;  // year → requirement
  by_year[doc->year] = *req;
  if (req->number) {
    auto rows = tx.query(
        "SELECT q.id, d.year FROM requirement q JOIN commission_document d ON d.id = q.document_id "
        "WHERE d.region_id = ? AND q.number = ? AND q.document_id <> ? ORDER BY d.year, q.position",
        {region->id, *req->number, req->document_id});
    std::vector<std::pair<int64_t, int>> found;
    while (rows.next()) found.emplace_back(rows.integer(0), static_cast<int>(rows.integer(1)));
    for (const auto& [id, year] : found)
      if (!by_year.count(year))
        if (auto r = find_requirement(tx, id)) by_year[year] = *r;
  }

  const auto periods = list_periods(tx, region->id);
  for (const auto& [year, r] : by_year) {
    std::vector<Period> in_year;
    for (const auto& p : periods)
      if (p.year == year && reported_in(r.points, p.kind)) in_year.push_back(p);
    std::sort(in_year.begin(), in_year.end(), [](const Period& a, const Period& b) { return a.kind < b.kind; });
    for (const auto& p : in_year) {
      HistoryPeriod hp;
      hp.period = p;
      if (p.status == "closed")
        if (auto snap = tx.scalar_text("SELECT content FROM report_snapshot WHERE period_id = ? ORDER BY org_id LIMIT 1", {p.id})) {
          const auto j = nlohmann::json::parse(*snap);
          if (j.contains("scale")) {
            AchievementScale s;
            for (const auto& l : j["scale"]) s.push_back({l.at("code"), l.at("label_nb"), l.at("label_en"), l.at("colour")});
            hp.scale = std::move(s);
          }
        }
      hp.requirement = r;
      for (const auto& t : h.trusts) {
        HistoryCell c;
        c.org_id = t.id;
        c.applies = r.applies_to_all || std::find(r.target_codes.begin(), r.target_codes.end(), t.code) != r.target_codes.end();
        c.entry = find_entry(tx, r.id, t.id, p.id);
        hp.cells.push_back(std::move(c));
      }
      h.periods.push_back(std::move(hp));
    }
  }
  return h;
}

}  // namespace varde::commission
