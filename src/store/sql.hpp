// Small builders for SQL that list queries share. Values always go in as
// parameters; only column names (from the caller's code) go into the text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace varde::store {

// "((column >= ? AND column < ?) OR …)" with two parameters per prefix
// appended to `params`: rows whose tree path lies under any of the prefixes.
// A range, not "column LIKE 'prefix%'", so that an index on the column is
// used: SQLite's LIKE is case-insensitive and never uses a plain index, and
// PostgreSQL plans a prepared LIKE with a parameter without its prefix. On
// PostgreSQL the comparison is in the "C" collation (byte order, which the
// range needs), so the index must be on (column COLLATE "C") (migration 10).
// `prefixes` must not be empty.
std::string under_any(Dialect dialect, std::string_view column, const std::vector<std::string>& prefixes,
                      Params& params);

// A tree path and the paths of every node above it, each ending in "/":
// "/1/2/4/" → "/1/", "/1/2/", "/1/2/4/" (a path lists its ancestors' ids).
std::vector<std::string> path_and_ancestors(const std::string& path);

// "column IN (?, …)" with the values appended to `params`, so that an
// ancestor is found by the index on the column instead of testing
// "? LIKE column || '%'" on every row; "(1 = 0)" for no values.
std::string one_of(std::string_view column, const std::vector<std::string>& values, Params& params);

// The first string after every string that starts with `prefix` in byte
// order: the prefix with its last byte incremented ("/1/2/" → "/1/20").
// Tree paths are ASCII ("/1/2/"), so the increment never overflows.
std::string prefix_end(const std::string& prefix);

}  // namespace varde::store
