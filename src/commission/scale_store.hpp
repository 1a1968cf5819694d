// Each region's achievement scale (måloppnåelse), in the store. A region
// without a scale of its own uses the default (achievement_scale()).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "audit/audit.hpp"
#include "commission/model.hpp"
#include "core/json_writer.hpp"
#include "store/database.hpp"

namespace varde::commission {

struct RegionScale {
  int64_t region_id = 0;
  AchievementScale levels;
  bool is_default = true;           // no scale of the region's own yet
  std::optional<std::string> updated_at;
  int64_t version = 1;              // 1 while the default is in use
};

// The region's scale, or the default one.
RegionScale find_region_scale(store::Tx& tx, int64_t region_id);
// The same in two halves, for a Tx::query_all: the statement, and the scale
// from its rows.
store::Query region_scale_query(int64_t region_id);
RegionScale read_region_scale(store::Rows& rows, int64_t region_id);
// Shorthand: just the levels.
AchievementScale region_scale(store::Tx& tx, int64_t region_id);

// Sets the region's scale. 400 naming the field when validate_scale()
// refuses it; 409 naming a level's code when report entries in the region
// use a code the new scale leaves out; 412 with the current scale when it
// changed since `expected_version`. Audited.
RegionScale save_region_scale(store::Tx& tx, const audit::Actor& actor, int64_t region_id, int64_t expected_version,
                              const AchievementScale& levels);

void write_json(core::JsonWriter& w, const AchievementScale& levels);
std::string to_json(const RegionScale& s);

}  // namespace varde::commission
