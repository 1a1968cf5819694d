// Versioned schema migrations, shared by both engines.
//
// A migration's SQL is written once; a few tokens stand for what the dialects
// spell differently:
//   {{pk}}   an auto-numbered integer primary key column type
//   {{big}}  a 64-bit integer column type
// A migration may instead give its own SQL per dialect.
#pragma once

#include <string>
#include <vector>

#include "store/database.hpp"

namespace varde::store {

struct Migration {
  int version;
  std::string name;
  std::string sql;           // common SQL, with the tokens above
  std::string sqlite_sql;    // used instead of sql on SQLite when not empty
  std::string postgres_sql;  // used instead of sql on PostgreSQL when not empty
};

// The version the database is at (0 for an empty database).
int schema_version(Database& db);

// Applies every migration newer than the database's version, each in its own
// transaction, and returns the version reached. Throws store::Error without
// changing anything when the database is at a version newer than the newest
// migration given (a newer binary wrote it).
int migrate(Database& db, const std::vector<Migration>& migrations);

// The SQL of a migration with its tokens replaced for the dialect.
std::string migration_sql(const Migration& m, Dialect dialect);

}  // namespace varde::store
