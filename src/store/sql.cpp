#include "store/sql.hpp"

namespace varde::store {

std::string prefix_end(const std::string& prefix) {
  std::string end = prefix;
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xff) end.pop_back();
  if (!end.empty()) end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
  return end;
}

std::string under_any(Dialect dialect, std::string_view column, const std::vector<std::string>& prefixes,
                      Params& params) {
  const std::string col =
      dialect == Dialect::postgres ? "(" + std::string(column) + " COLLATE \"C\")" : std::string(column);
  std::string sql = "(";
  for (std::size_t i = 0; i < prefixes.size(); ++i) {
    if (i) sql += " OR ";
    sql += "(" + col + " >= ? AND " + col + " < ?)";
    params.emplace_back(prefixes[i]);
    params.emplace_back(prefix_end(prefixes[i]));
  }
  return sql + ")";
}

std::vector<std::string> path_and_ancestors(const std::string& path) {
  std::vector<std::string> out;
  for (std::size_t slash = path.find('/', 1); slash != std::string::npos; slash = path.find('/', slash + 1))
    out.push_back(path.substr(0, slash + 1));
  return out;
}

std::string one_of(std::string_view column, const std::vector<std::string>& values, Params& params) {
  if (values.empty()) return "(1 = 0)";
  std::string sql = std::string(column) + " IN (";
  for (std::size_t i = 0; i < values.size(); ++i) {
    sql += i ? ", ?" : "?";
    params.emplace_back(values[i]);
  }
  return sql + ")";
}

}  // namespace varde::store
