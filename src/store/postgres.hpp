// The PostgreSQL engine of the store (private: use Database::open).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace varde::store {

// Connects to the PostgreSQL database at `url` (postgresql://...).
std::unique_ptr<Database> open_postgres(const std::string& url, int pool_size);

namespace detail {

struct PgSql {
  std::string text;  // with $1, $2, ... in place of ?
  int placeholders = 0;
};

// Rewrites the `?` placeholders of `sql` to $1..$n, leaving alone any `?` in a
// string literal, a quoted identifier or a comment.
PgSql rewrite_placeholders(std::string_view sql);

}  // namespace detail
}  // namespace varde::store
