// The SQLite engine of the store (private: use Database::open).
#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"

namespace varde::store {

// Opens (creating if missing) the SQLite database file at `path`.
std::unique_ptr<Database> open_sqlite(const std::string& path, int pool_size);

}  // namespace varde::store
