// Small builders for SQL that list queries share. Values always go in as
// parameters; only column names (from the caller's code) go into the text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace varde::store {

// "(column LIKE ? OR column LIKE ? …)" with one "prefix%" parameter per
// prefix appended to `params`: rows whose tree path lies under any of them.
// `prefixes` must not be empty.
std::string under_any(std::string_view column, const std::vector<std::string>& prefixes, Params& params);

}  // namespace varde::store
