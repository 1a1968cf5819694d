#include "commission/scale_store.hpp"

#include <nlohmann/json.hpp>

#include "api/problem.hpp"
#include "core/time.hpp"
#include "org/store.hpp"
#include "store/sql.hpp"

namespace varde::commission {

namespace {

AchievementScale levels_from_json(const std::string& text) {
  AchievementScale out;
  const auto j = nlohmann::json::parse(text);
  for (const auto& l : j)
    out.push_back({l.at("code"), l.at("label_nb"), l.at("label_en"), l.at("colour")});
  return out;
}

std::string levels_json(const AchievementScale& levels) {
  core::JsonWriter w;
  write_json(w, levels);
  return w.take();
}

}  // namespace

void write_json(core::JsonWriter& w, const AchievementScale& levels) {
  w.begin_array();
  for (const auto& a : levels)
    w.begin_object()
        .field("code", a.code)
        .field("label_nb", a.label_nb)
        .field("label_en", a.label_en)
        .field("colour", a.colour)
        .end_object();
  w.end_array();
}

std::string to_json(const RegionScale& s) {
  core::JsonWriter w;
  w.begin_object().field("region_id", s.region_id).field("is_default", s.is_default);
  w.key("updated_at").value(s.updated_at);
  w.field("version", s.version);
  w.key("levels");
  write_json(w, s.levels);
  w.end_object();
  return w.take();
}

store::Query region_scale_query(int64_t region_id) {
  return {"SELECT levels, updated_at, version FROM achievement_scale WHERE region_id = ?", {region_id}};
}

RegionScale find_region_scale(store::Tx& tx, int64_t region_id) {
  auto rows = tx.query(region_scale_query(region_id));
  return read_region_scale(rows, region_id);
}

RegionScale read_region_scale(store::Rows& rows, int64_t region_id) {
  RegionScale s;
  s.region_id = region_id;
  if (rows.next()) {
    s.levels = levels_from_json(rows.str(0));
    s.is_default = false;
    s.updated_at = rows.str(1);
    s.version = rows.integer(2);
  } else {
    s.levels = achievement_scale();
  }
  return s;
}

AchievementScale region_scale(store::Tx& tx, int64_t region_id) { return find_region_scale(tx, region_id).levels; }

RegionScale save_region_scale(store::Tx& tx, const audit::Actor& actor, int64_t region_id, int64_t expected_version,
                              const AchievementScale& levels) {
  if (auto problem = validate_scale(levels)) throw api::bad_request(problem->field, problem->message);
  const auto region = org::find(tx, region_id);
  if (!region) throw api::not_found();
  const auto before = find_region_scale(tx, region_id);
  if (before.version != expected_version)
    throw api::stale_version("Skalaen er endret i mellomtiden.", to_json(before));

  // A code that entries use may not disappear: their status would lose its meaning.
  store::Params params;
  auto used = tx.query(
      "SELECT DISTINCT e.achievement FROM report_entry e JOIN org o ON o.id = e.org_id "
      "WHERE e.achievement IS NOT NULL AND " + store::under_any(tx.dialect(), "o.path", {region->path}, params) +
          " ORDER BY e.achievement",
      params);
  while (used.next()) {
    const auto code = used.str(0);
    if (!find_level(levels, code)) {
      throw api::conflict("levels", "Nivået «" + code + "» er brukt i rapporteringer i regionen og kan ikke fjernes. "
                                    "Endre navn eller farge i stedet.");
    }
  }

  const auto now = core::now_iso();
  const auto json = levels_json(levels);
  // One atomic statement each way, so two writers on PostgreSQL cannot both win.
  const int64_t changed =
      before.is_default
          ? tx.exec("INSERT INTO achievement_scale (region_id, levels, updated_at, version) VALUES (?, ?, ?, 2) "
                    "ON CONFLICT (region_id) DO NOTHING",
                    {region_id, json, now})
          : tx.exec("UPDATE achievement_scale SET levels = ?, updated_at = ?, version = version + 1 "
                    "WHERE region_id = ? AND version = ?",
                    {json, now, region_id, expected_version});
  if (changed != 1) throw api::stale_version("Skalaen er endret i mellomtiden.", to_json(find_region_scale(tx, region_id)));
  auto after = find_region_scale(tx, region_id);
  audit::record(tx, actor, "commission.scale.update", "achievement_scale", std::to_string(region_id), region_id,
                to_json(before), to_json(after));
  return after;
}

}  // namespace varde::commission
