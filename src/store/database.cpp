#include "store/database.hpp"

#include <filesystem>
#include <system_error>

#include "store/postgres.hpp"
#include "store/sqlite.hpp"

namespace varde::store {

namespace {

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

std::unique_ptr<Database> Database::open(const std::string& url, int pool_size) {
  if (pool_size < 1) throw Error(ErrorKind::other, "database pool size must be at least 1");
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) return open_postgres(url, pool_size);

  if (url.empty()) throw Error(ErrorKind::other, "no database given: expected a file path or a postgresql:// URL");
  // Every pooled connection to ":memory:" would be a database of its own.
  if (url == ":memory:" || starts_with(url, "file:"))
    throw Error(ErrorKind::other, "SQLite database '" + url + "': give a file path (in-memory and URI names are not supported)");
  auto parent = std::filesystem::path(url).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) throw Error(ErrorKind::other, "cannot create folder '" + parent.string() + "' for the database: " + ec.message());
  }
  return open_sqlite(url, pool_size);
}

std::vector<Rows> Tx::query_all(const std::vector<Query>& queries) {
  std::vector<Rows> out;
  out.reserve(queries.size());
  for (const auto& q : queries) out.push_back(query(q.sql, q.params));
  return out;
}

std::optional<int64_t> Tx::scalar_integer(std::string_view sql, const Params& params) {
  return query(sql, params).first_integer();
}

std::optional<std::string> Tx::scalar_text(std::string_view sql, const Params& params) {
  auto rows = query(sql, params);
  if (!rows.next()) return std::nullopt;
  return rows.opt_str(0);
}

}  // namespace varde::store
