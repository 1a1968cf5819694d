#include "risk/heat_count.hpp"

#include "store/sql.hpp"

namespace varde::risk {

HeatCells heat_cells(const Risk& r) {
  HeatCells cells;
  if (r.likelihood && r.consequence) {
    cells.likelihood = *r.likelihood;
    cells.consequence = *r.consequence;
  }
  if (r.residual_likelihood && r.residual_consequence)
    cells.residual = std::make_pair(*r.residual_likelihood, *r.residual_consequence);
  return cells;
}

void count_heat(store::Tx& tx, int64_t matrix_id, const std::string& org_path, const std::optional<HeatCells>& before,
                const HeatCells& after) {
  struct Delta {
    int residual, likelihood, consequence, n;
  };
  std::vector<Delta> deltas;
  const bool inherent_moved =
      !before || before->likelihood != after.likelihood || before->consequence != after.consequence;
  if (inherent_moved) {
    if (before) deltas.push_back({0, before->likelihood, before->consequence, -1});
    deltas.push_back({0, after.likelihood, after.consequence, 1});
  }
  const auto residual_before = before ? before->residual : std::nullopt;
  if (residual_before != after.residual) {
    if (residual_before) deltas.push_back({1, residual_before->first, residual_before->second, -1});
    if (after.residual) deltas.push_back({1, after.residual->first, after.residual->second, 1});
  }
  if (deltas.empty()) return;
  store::Params params{matrix_id};
  std::string cells;
  for (const auto& d : deltas) {
    cells += cells.empty() ? "SELECT " : " UNION ALL SELECT ";
    cells += "CAST(? AS INTEGER) AS residual, CAST(? AS INTEGER) AS likelihood, CAST(? AS INTEGER) AS consequence, "
             "CAST(? AS INTEGER) AS n";
    params.insert(params.end(), {d.residual, d.likelihood, d.consequence, d.n});
  }
  // The WHERE also keeps SQLite from reading ON CONFLICT as a join's ON.
  const auto where = store::one_of("o.path", store::path_and_ancestors(org_path), params);
  tx.exec("INSERT INTO risk_heat_count (org_id, matrix_id, residual, likelihood, consequence, n) "
          "SELECT o.id, CAST(? AS BIGINT), d.residual, d.likelihood, d.consequence, d.n FROM org o, (" +
              cells + ") d WHERE " + where +
              " ON CONFLICT (org_id, matrix_id, residual, likelihood, consequence) "
              "DO UPDATE SET n = risk_heat_count.n + excluded.n",
          params);
}

store::Query heat_counts_query(int64_t matrix_id, const std::vector<std::string>& paths) {
  store::Params params{matrix_id};
  const auto where = store::one_of("o.path", paths, params);
  return {"SELECT c.residual, c.likelihood, c.consequence, SUM(c.n) FROM risk_heat_count c JOIN org o ON o.id = c.org_id "
          "WHERE c.matrix_id = ? AND " + where + " GROUP BY c.residual, c.likelihood, c.consequence",
          std::move(params)};
}

std::vector<HeatCount> heat_counts(store::Tx& tx, int64_t matrix_id, const std::vector<std::string>& paths) {
  if (paths.empty()) return {};
  auto rows = tx.query(heat_counts_query(matrix_id, paths));
  return read_heat_counts(rows);
}

std::vector<HeatCount> read_heat_counts(store::Rows& rows) {
  std::vector<HeatCount> out;
  while (rows.next()) {
    out.push_back({rows.integer(0) != 0, static_cast<int>(rows.integer(1)), static_cast<int>(rows.integer(2)),
                   rows.integer(3)});
  }
  return out;
}

store::Query kept_risk_count_query(const std::vector<std::string>& paths, std::optional<int64_t> matrix_id) {
  store::Params params;
  std::string sql = "SELECT SUM(c.n) FROM risk_heat_count c JOIN org o ON o.id = c.org_id WHERE c.residual = 0 AND " +
                    store::one_of("o.path", paths, params);
  if (matrix_id) {
    sql += " AND c.matrix_id = ?";
    params.emplace_back(*matrix_id);
  }
  return {std::move(sql), std::move(params)};
}

int64_t kept_risk_count(store::Tx& tx, const std::vector<std::string>& paths, std::optional<int64_t> matrix_id) {
  if (paths.empty()) return 0;
  const auto q = kept_risk_count_query(paths, matrix_id);
  return tx.scalar_integer(q.sql, q.params).value_or(0);
}

}  // namespace varde::risk
