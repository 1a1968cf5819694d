// A fixture for store tests of a domain area on both engines: each test gets
// a fresh SQLite file, and, when VARDE_TEST_PG_URL names a PostgreSQL
// server, a fresh schema in a scratch database of its own test process. The
// schema is brought up to date with the application's migrations.
//
//   class MyStoreTest : public varde_test::EngineTest {};
//   INSTANTIATE_TEST_SUITE_P(MyStore, MyStoreTest, varde_test::engines(), varde_test::engine_name);
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "app/migrations.hpp"
#include "store/database.hpp"
#include "store/migrate.hpp"

namespace varde_test {

enum class Engine { sqlite, postgres };

inline std::string pg_server_url() {
  const char* url = std::getenv("VARDE_TEST_PG_URL");
  return url ? url : "";
}

inline void pg_exec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
    PGresult* res = PQexec(conn, sql.c_str());
    if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK) error = PQerrorMessage(conn);
    PQclear(res);
  }
  PQfinish(conn);
  if (!error.empty()) throw std::runtime_error("test setup: " + sql + ": " + error);
}

// The server URL with another database name and search_path, as key=value
// connection parameters appended to it (libpq takes the last of each).
inline std::string pg_url_with(const std::string& dbname, const std::string& schema) {
  std::string url = pg_server_url();
  url += url.find('?') == std::string::npos ? "?" : "&";
  url += "dbname=" + dbname;
  if (!schema.empty()) url += "&options=-csearch_path%3D" + schema;
  return url;
}

// One scratch database per test process, dropped at the end.
class PgScratchDb : public testing::Environment {
 public:
  static PgScratchDb& get() {
    static PgScratchDb* instance = static_cast<PgScratchDb*>(testing::AddGlobalTestEnvironment(new PgScratchDb));
    return *instance;
  }
  std::string new_schema(std::string& schema) {
    if (dbname_.empty()) {
      std::random_device random;
      dbname_ = "varde_area_" + std::to_string(getpid()) + "_" + std::to_string(random() % 1000000);
      pg_exec(pg_server_url(), "CREATE DATABASE " + dbname_ + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
    }
    schema = "t" + std::to_string(++count_);
    pg_exec(pg_url_with(dbname_, ""), "CREATE SCHEMA " + schema);
    return pg_url_with(dbname_, schema);
  }
  void drop_schema(const std::string& schema) { pg_exec(pg_url_with(dbname_, ""), "DROP SCHEMA IF EXISTS " + schema + " CASCADE"); }
  void TearDown() override {
    if (dbname_.empty()) return;
    try {
      pg_exec(pg_server_url(), "DROP DATABASE IF EXISTS " + dbname_ + " WITH (FORCE)");
    } catch (const std::exception&) {
    }
    dbname_.clear();
  }

 private:
  std::string dbname_;
  int count_ = 0;
};

class EngineTest : public testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    std::string url;
    if (GetParam() == Engine::sqlite) {
      static std::atomic<int> counter{0};
      dir_ = std::filesystem::temp_directory_path() /
             ("varde-area-test-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
      std::filesystem::remove_all(dir_);
      url = (dir_ / "varde.db").string();
    } else {
      url = PgScratchDb::get().new_schema(schema_);
    }
    db_ = varde::store::Database::open(url, 2);
    varde::store::migrate(*db_, varde::app::migrations());
  }
  void TearDown() override {
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    if (!schema_.empty()) PgScratchDb::get().drop_schema(schema_);
  }

  std::filesystem::path dir_;
  std::string schema_;
  std::unique_ptr<varde::store::Database> db_;
};

inline auto engines() {
  std::vector<Engine> out{Engine::sqlite};
  if (!pg_server_url().empty()) out.push_back(Engine::postgres);
  return testing::ValuesIn(out);
}

inline std::string engine_name(const testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::sqlite ? "sqlite" : "postgres";
}

}  // namespace varde_test
