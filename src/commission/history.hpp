// A requirement's history over the periods: for the requirement and every
// requirement with the same number in the region's other years' documents
// (the same task, set again), each period it is reported in and each trust's
// status and text there. Read by the region, like the matrix.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commission/store.hpp"
#include "org/model.hpp"

namespace varde::commission {

struct HistoryCell {
  int64_t org_id = 0;
  bool applies = false;
  std::optional<Entry> entry;
};

struct HistoryPeriod {
  Period period;
  Requirement requirement;  // as that year's document words it
  std::vector<HistoryCell> cells;  // in the order of RequirementHistory::trusts
  // A closed period's labels and colours as they were when it was closed
  // (from its snapshot); nullopt for an open period, which uses the region's.
  std::optional<AchievementScale> scale;
};

struct RequirementHistory {
  Requirement requirement;       // the one asked for
  org::Node region;
  std::vector<org::Node> trusts;  // the region's trusts, by code
  std::vector<HistoryPeriod> periods;  // oldest first: by year, then T1, T2, annual
  AchievementScale scale;         // the region's, today
};

// The history of requirement `requirement_id`; nullopt when it does not exist.
// A requirement without a number has only its own year's periods.
std::optional<RequirementHistory> requirement_history(store::Tx& tx, int64_t requirement_id);

}  // namespace varde::commission
