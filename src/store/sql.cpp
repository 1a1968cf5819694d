#include "store/sql.hpp"

namespace varde::store {

std::string under_any(std::string_view column, const std::vector<std::string>& prefixes, Params& params) {
  std::string sql = "(";
  for (std::size_t i = 0; i < prefixes.size(); ++i) {
    if (i) sql += " OR ";
    sql += std::string(column) + " LIKE ?";
    params.emplace_back(prefixes[i] + "%");
  }
  return sql + ")";
}

}  // namespace varde::store
