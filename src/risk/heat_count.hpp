// The heat map's counts, kept as risks change (migration 13): for every node,
// matrix and cell, how many risks its whole subtree holds. A risk is counted
// in its own node and in every node above it, so a trust's heat map is the
// trust's own few dozen rows, not a count of its risks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "risk/store.hpp"
#include "store/database.hpp"

namespace varde::risk {

// The cells one risk is counted in: its inherent cell, 0 and 0 while it is
// not scored, and its residual cell once that is scored.
struct HeatCells {
  int likelihood = 0, consequence = 0;
  std::optional<std::pair<int, int>> residual;
  bool operator==(const HeatCells&) const = default;
};
HeatCells heat_cells(const Risk& r);

// Moves one risk of the node at `org_path` from the cells `before` (none
// for a new risk) to `after`, in the counts of that node and of every node
// above it. In the caller's transaction, after its audit record: by then a
// PostgreSQL writer holds the audit chain's head, so the busy counts of the
// region and the trust are never locked in another order by another writer.
void count_heat(store::Tx& tx, int64_t matrix_id, const std::string& org_path, const std::optional<HeatCells>& before,
                const HeatCells& after);

struct HeatCount {
  bool residual = false;
  int likelihood = 0, consequence = 0;
  int64_t risks = 0;
};
// The counts per cell of one matrix, summed over the subtrees at `paths`,
// which must not overlap (org::visible_part gives such).
std::vector<HeatCount> heat_counts(store::Tx& tx, int64_t matrix_id, const std::vector<std::string>& paths);
// The same in two halves, for a Tx::query_all (paths not empty).
store::Query heat_counts_query(int64_t matrix_id, const std::vector<std::string>& paths);
std::vector<HeatCount> read_heat_counts(store::Rows& rows);

// How many risks the subtrees at `paths` hold, on one matrix or on all,
// from the same counts: a risk list's total when it is filtered by nothing
// but the tree.
int64_t kept_risk_count(store::Tx& tx, const std::vector<std::string>& paths, std::optional<int64_t> matrix_id);
// Its statement, for a Tx::query_all (paths not empty); its one row is the count or null.
store::Query kept_risk_count_query(const std::vector<std::string>& paths, std::optional<int64_t> matrix_id);

}  // namespace varde::risk
