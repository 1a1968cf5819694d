// The store on both engines. Every TEST_P runs on SQLite (a fresh file per
// test) and, when VARDE_TEST_PG_URL names a PostgreSQL server, on PostgreSQL:
// one scratch database per test process, a fresh schema per test.
//
//   url=$(scripts/pg-temp start /tmp/pg) && VARDE_TEST_PG_URL=$url varde_unit_tests --gtest_filter='Store*'
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "app/migrations.hpp"
#include "core/time.hpp"
#include "store/database.hpp"
#include "store/migrate.hpp"
#include "store/postgres.hpp"

namespace {

using namespace varde::store;
namespace fs = std::filesystem;

enum class Engine { sqlite, postgres };

void PrintTo(Engine e, std::ostream* os) { *os << (e == Engine::sqlite ? "sqlite" : "postgres"); }

std::string pg_server_url() {
  const char* url = std::getenv("VARDE_TEST_PG_URL");
  return url ? url : "";
}

// --- PostgreSQL scratch space ----------------------------------------------

std::string percent_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// The server URL with another database and, if given, a search_path; the
// URL's other settings (host, port, user, password, sslmode...) are kept.
std::string pg_url_for(const std::string& server_url, const std::string& dbname, const std::string& schema = "") {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(server_url.c_str(), &error);
  if (!options) {
    std::string why = error ? error : "?";
    PQfreemem(error);
    throw std::runtime_error("VARDE_TEST_PG_URL is not a valid URL: " + why);
  }
  std::map<std::string, std::string> values;
  for (auto* o = options; o->keyword; ++o)
    if (o->val && *o->val) values[o->keyword] = o->val;
  PQconninfoFree(options);
  values["dbname"] = dbname;
  if (!schema.empty()) values["options"] = "-csearch_path=" + schema;
  std::string url = "postgresql://";
  char sep = '?';
  for (const auto& [key, value] : values) {
    url += sep + key + "=" + percent_encode(value);
    sep = '&';
  }
  return url;
}

void pg_run(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);  // "drop cascades to ..."
    PGresult* res = PQexec(conn, sql.c_str());
    if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK) error = PQerrorMessage(conn);
    PQclear(res);
  }
  PQfinish(conn);
  if (!error.empty()) throw std::runtime_error("test setup: " + sql + ": " + error);
}

// One database per test process, made at first use and dropped at the end,
// so parallel test runs on one server do not meet.
class PgScratch : public testing::Environment {
 public:
  static PgScratch& get() { return *instance; }

  // A fresh schema in the scratch database; returns the URL that uses it.
  std::string new_schema(std::string& schema) {
    if (dbname_.empty()) {
      std::random_device random;
      dbname_ = "varde_test_" + std::to_string(getpid()) + "_" + std::to_string(random() % 1000000);
      pg_run(pg_server_url(), "CREATE DATABASE " + dbname_ + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
    }
    schema = "t" + std::to_string(++schemas_);
    pg_run(pg_url_for(pg_server_url(), dbname_), "CREATE SCHEMA " + schema);
    return pg_url_for(pg_server_url(), dbname_, schema);
  }

  void drop_schema(const std::string& schema) {
    pg_run(pg_url_for(pg_server_url(), dbname_), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  void TearDown() override {
    if (dbname_.empty()) return;
    try {
      pg_run(pg_server_url(), "DROP DATABASE IF EXISTS " + dbname_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
      std::fprintf(stderr, "warning: could not drop the scratch database: %s\n", e.what());
    }
    dbname_.clear();
  }

 private:
  std::string dbname_;
  int schemas_ = 0;
  static PgScratch* instance;
};

// Registered before main() runs the tests, so TearDown runs after them; gtest owns it.
PgScratch* PgScratch::instance = static_cast<PgScratch*>(testing::AddGlobalTestEnvironment(new PgScratch));

// --- fixture ----------------------------------------------------------------

class StoreTest : public testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::sqlite) {
      static std::atomic<int> counter{0};
      dir_ = fs::temp_directory_path() /
             ("varde-store-test-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
      fs::remove_all(dir_);
      url_ = (dir_ / "varde.db").string();  // the folder is made by open()
    } else {
      url_ = PgScratch::get().new_schema(schema_);
    }
    db_ = Database::open(url_, 4);
  }

  void TearDown() override {
    db_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
    if (!schema_.empty()) PgScratch::get().drop_schema(schema_);
  }

  bool pg() const { return GetParam() == Engine::postgres; }

  // Runs common SQL with the migration tokens in a write Tx.
  void create(const std::string& sql) {
    auto tx = db_->write();
    tx->exec_script(migration_sql(Migration{1, "test", sql, "", ""}, db_->dialect()));
    tx->commit();
  }

  void create_item_table() {
    // DOUBLE PRECISION, not REAL: REAL is 4 bytes on PostgreSQL.
    create("CREATE TABLE item (id {{pk}}, n {{big}}, r DOUBLE PRECISION, t TEXT, u TEXT UNIQUE)");
  }

  int64_t count(const std::string& table) {
    auto tx = db_->read();
    return tx->scalar_integer("SELECT count(*) FROM " + table).value();
  }

  fs::path dir_;
  std::string schema_;
  std::string url_;
  std::unique_ptr<Database> db_;
};

std::vector<Engine> engines() {
  std::vector<Engine> out{Engine::sqlite};
  if (!pg_server_url().empty()) out.push_back(Engine::postgres);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Store, StoreTest, testing::ValuesIn(engines()),
                         [](const testing::TestParamInfo<Engine>& info) {
                           return info.param == Engine::sqlite ? "sqlite" : "postgres";
                         });

// --- migrations -------------------------------------------------------------

TEST_P(StoreTest, MigratesAnEmptyDatabaseAndThenDoesNothing) {
  const auto& all = varde::app::migrations();
  int newest = all.back().version;
  EXPECT_EQ(schema_version(*db_), 0);
  EXPECT_EQ(migrate(*db_, all), newest);
  EXPECT_EQ(schema_version(*db_), newest);

  auto snapshot = [&] {
    auto tx = db_->read();
    std::string out;
    auto rows = tx->query("SELECT version, name, applied_at FROM schema_migration ORDER BY version");
    while (rows.next()) out += std::to_string(rows.integer(0)) + "|" + rows.str(1) + "|" + rows.str(2) + "\n";
    out += tx->scalar_text("SELECT hash FROM audit_head WHERE id = 1").value_or("no head");
    return out;
  };
  auto before = snapshot();
  EXPECT_EQ(count("schema_migration"), static_cast<int64_t>(all.size()));
  EXPECT_EQ(migrate(*db_, all), newest);
  EXPECT_EQ(snapshot(), before);

  // The schema works: an organisation row with its foreign key.
  with_write(*db_, [](Tx& tx) {
    auto now = varde::core::now_iso();
    auto root = tx.scalar_integer(
        "INSERT INTO org (parent_id, path, code, name, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        {nullptr, "/1/", "root", "Rot", "root", now, now});
    ASSERT_TRUE(root);
    tx.exec("INSERT INTO org (parent_id, path, code, name, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            {*root, "/1/2/", "sub", "Underavdeling", "unit", now, now});
  });
  EXPECT_EQ(count("org"), 2);
}

TEST_P(StoreTest, RefusesASchemaNewerThanItsMigrations) {
  auto all = varde::app::migrations();
  migrate(*db_, all);
  with_write(*db_, [](Tx& tx) {
    tx.exec("INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)",
            {999, "from the future", varde::core::now_iso()});
  });
  int newest = all.back().version + 1;
  all.push_back(Migration{newest, "extra", "CREATE TABLE extra (id {{pk}})", "", ""});

  try {
    migrate(*db_, all);
    FAIL() << "migrate accepted a newer database";
  } catch (const Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("999"), std::string::npos) << message;
    EXPECT_NE(message.find(std::to_string(newest)), std::string::npos) << message;
  }
  EXPECT_EQ(schema_version(*db_), 999);
  EXPECT_EQ(count("schema_migration"), static_cast<int64_t>(all.size()));  // the known ones and 999
  EXPECT_THROW(count("extra"), Error);
}

TEST_P(StoreTest, AppliesOnlyPendingMigrationsEachWithItsRow) {
  std::vector<Migration> list{{1, "one", "CREATE TABLE one (id {{pk}}, v {{big}})", "", ""}};
  EXPECT_EQ(migrate(*db_, list), 1);
  list.push_back({2, "two", "", "CREATE TABLE two (id INTEGER PRIMARY KEY)", "CREATE TABLE two (id BIGINT PRIMARY KEY)"});
  list.push_back({3, "broken", "CREATE TABLE three (id {{pk}}); SELECT * FROM no_such_table;", "", ""});
  EXPECT_THROW(migrate(*db_, list), Error);
  // 2 landed; 3 failed as a whole, its table included.
  EXPECT_EQ(schema_version(*db_), 2);
  EXPECT_EQ(count("two"), 0);
  EXPECT_THROW(count("three"), Error);
}

TEST(StoreMigrationSql, ReplacesTokensForEachDialect) {
  Migration m{1, "t", "CREATE TABLE t (id {{pk}}, n {{big}}, m {{big}})", "", ""};
  EXPECT_EQ(migration_sql(m, Dialect::sqlite), "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER, m INTEGER)");
  EXPECT_EQ(migration_sql(m, Dialect::postgres),
            "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n BIGINT, m BIGINT)");
  m.postgres_sql = "CREATE TABLE t (x {{big}})";
  EXPECT_EQ(migration_sql(m, Dialect::postgres), "CREATE TABLE t (x BIGINT)");
  m.sql = "CREATE TABLE t (id {{pkey}})";
  EXPECT_THROW(migration_sql(m, Dialect::sqlite), Error);
}

// --- values and statements -----------------------------------------------------

TEST_P(StoreTest, RoundTripsNullsIntegersRealsAndUtf8Text) {
  create_item_table();
  const std::string norwegian = "Blåbærsyltetøy ÆØÅ æøå";
  const std::vector<std::optional<int64_t>> ints{std::nullopt, 0, -1, 2147483647, 2147483648LL, 3LL << 40,
                                                 std::numeric_limits<int64_t>::max(),
                                                 std::numeric_limits<int64_t>::min()};
  const std::vector<double> reals{0.0, -2.5, 3.141592653589793, 1e300, -2.5e-300, 0.1};
  const std::vector<std::string> texts{norwegian, "", "it's a \"quote\" and a ? mark", "line\nbreak"};

  with_write(*db_, [&](Tx& tx) {
    for (auto n : ints) tx.exec("INSERT INTO item (n, r, t) VALUES (?, ?, ?)", {n, nullptr, nullptr});
    for (double r : reals) tx.exec("INSERT INTO item (n, r, t) VALUES (?, ?, ?)", {nullptr, r, nullptr});
    for (const auto& t : texts) tx.exec("INSERT INTO item (n, r, t) VALUES (?, ?, ?)", {nullptr, nullptr, t});
  });

  auto tx = db_->read();
  auto rows = tx->query("SELECT n, r, t FROM item ORDER BY id");
  for (auto n : ints) {
    ASSERT_TRUE(rows.next());
    EXPECT_EQ(rows.opt_integer(0), n);
    EXPECT_TRUE(rows.is_null(1));
    EXPECT_FALSE(rows.opt_str(2));
  }
  for (double r : reals) {
    ASSERT_TRUE(rows.next());
    EXPECT_TRUE(rows.is_null(0));
    EXPECT_EQ(rows.real(1), r);  // exactly: no precision may be lost
  }
  for (const auto& t : texts) {
    ASSERT_TRUE(rows.next());
    EXPECT_EQ(rows.opt_str(2), t);
  }
  EXPECT_FALSE(rows.next());

  // Stored as text the engine understands: 22 characters, not 29 bytes.
  EXPECT_EQ(tx->scalar_integer("SELECT length(t) FROM item WHERE t = ?", {norwegian}), 22);
  EXPECT_EQ(tx->scalar_integer("SELECT count(*) FROM item WHERE n > ?", {2147483647}), 3);
  EXPECT_EQ(tx->scalar_integer("SELECT ? + 1", {3000000000LL}), 3000000001LL);
  EXPECT_EQ(tx->scalar_text("SELECT ?", {norwegian}), norwegian);
  EXPECT_EQ(tx->scalar_integer("SELECT n FROM item WHERE n IS NULL AND t IS NULL LIMIT 1"), std::nullopt);
  EXPECT_EQ(tx->scalar_integer("SELECT n FROM item WHERE id = ?", {-1}), std::nullopt);  // no row
}

TEST_P(StoreTest, QuestionMarkInAStringLiteralIsNotAPlaceholder) {
  auto tx = db_->read();
  auto rows = tx->query("SELECT 'what?', ?, 'it''s ? here', ? -- and a ? in a comment\n", {"x", 42});
  ASSERT_TRUE(rows.next());
  EXPECT_EQ(rows.str(0), "what?");
  EXPECT_EQ(rows.str(1), "x");
  EXPECT_EQ(rows.str(2), "it's ? here");
  EXPECT_EQ(rows.integer(3), 42);
  EXPECT_FALSE(rows.next());
}

// A lookup that starts a transaction (the session read) runs before it on
// PostgreSQL; the transaction's statements still come after it, in either
// kind of transaction, and a lookup after them is inside.
TEST_P(StoreTest, ALookupFirstLeavesTheTransactionWorking) {
  create_item_table();
  {
    auto tx = db_->read();
    auto rows = tx->lookup("SELECT ?", {7});
    ASSERT_TRUE(rows.next());
    EXPECT_EQ(rows.integer(0), 7);
    tx->commit();  // nothing else ran: nothing to commit
  }
  {
    auto tx = db_->write();
    auto seen = tx->lookup("SELECT COUNT(*) FROM item");
    ASSERT_TRUE(seen.next());
    EXPECT_EQ(seen.integer(0), 0);
    tx->exec("INSERT INTO item (n, t) VALUES (?, ?)", {1, "one"});
    auto inside = tx->lookup("SELECT COUNT(*) FROM item");  // after a statement: in the transaction
    ASSERT_TRUE(inside.next());
    EXPECT_EQ(inside.integer(0), 1);
    tx->commit();
  }
  {
    auto tx = db_->write();
    tx->lookup("SELECT 1");
    tx->exec("INSERT INTO item (n, t) VALUES (?, ?)", {2, "two"});
    // Not committed: the insert after the lookup is rolled back with the transaction.
  }
  EXPECT_EQ(count("item"), 1);
}

TEST_P(StoreTest, QueryAllAnswersEachReadInOrder) {
  create_item_table();
  with_write(*db_, [](Tx& tx) { tx.exec("INSERT INTO item (n, t) VALUES (1, 'one'), (2, 'two'), (3, 'three')"); });
  const std::vector<Query> reads = {
      {"SELECT COUNT(*) FROM item", {}},
      {"SELECT t FROM item WHERE n = ?", {2}},
      {"SELECT t FROM item WHERE n = ?", {3}},  // the same statement twice in one pipeline
      {"SELECT n FROM item WHERE n > ? ORDER BY n", {1}},
  };
  auto check = [](std::vector<Rows>& rows) {
    ASSERT_EQ(rows.size(), 4u);
    ASSERT_TRUE(rows[0].next());
    EXPECT_EQ(rows[0].integer(0), 3);
    ASSERT_TRUE(rows[1].next());
    EXPECT_EQ(rows[1].str(0), "two");
    EXPECT_FALSE(rows[1].next());
    ASSERT_TRUE(rows[2].next());
    EXPECT_EQ(rows[2].str(0), "three");
    std::vector<int64_t> ns;
    while (rows[3].next()) ns.push_back(rows[3].integer(0));
    EXPECT_EQ(ns, (std::vector<int64_t>{2, 3}));
  };
  for (int round = 0; round < 2; ++round) {  // the second time the statements are prepared already
    auto tx = db_->read();
    auto first = tx->query_all(reads);  // as the transaction's first statements
    check(first);
    auto after = tx->query_all(reads);  // and inside it
    check(after);
    EXPECT_EQ(tx->scalar_integer("SELECT n FROM item WHERE t = ?", {"one"}), 1);
    tx->commit();
  }
}

TEST_P(StoreTest, QueryAllThrowsOnAFailedReadAndTheConnectionServesOn) {
  create_item_table();
  {
    auto tx = db_->read();
    EXPECT_THROW(tx->query_all({{"SELECT COUNT(*) FROM item", {}}, {"SELECT nothing FROM no_such_table", {}},
                                {"SELECT ?", {1}}}),
                 Error);
  }
  for (int i = 0; i < 4; ++i) {  // every pooled connection, whichever had the failure
    auto tx = db_->read();
    auto rows = tx->query_all({{"SELECT ?", {i}}});
    ASSERT_TRUE(rows[0].next());
    EXPECT_EQ(rows[0].integer(0), i);
  }
}

TEST(StorePlaceholders, RewritesOnlyRealPlaceholders) {
  using varde::store::detail::rewrite_placeholders;
  auto r = rewrite_placeholders("SELECT a FROM t WHERE b = ? AND c = '?' AND \"d?\" = ? /* ? */ -- ?\nAND e = 'x''?' || ?");
  EXPECT_EQ(r.text, "SELECT a FROM t WHERE b = $1 AND c = '?' AND \"d?\" = $2 /* ? */ -- ?\nAND e = 'x''?' || $3");
  EXPECT_EQ(r.placeholders, 3);
  EXPECT_EQ(rewrite_placeholders("VALUES (?,?,?,?,?,?,?,?,?,?,?)").text,
            "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)");
  EXPECT_EQ(rewrite_placeholders("SELECT 'unterminated ?").placeholders, 0);
}

TEST_P(StoreTest, WrongNumberOfParametersIsAnError) {
  create_item_table();
  auto tx = db_->write();
  EXPECT_THROW(tx->exec("INSERT INTO item (n, t) VALUES (?, ?)", {1}), Error);
}

TEST_P(StoreTest, ReturningGivesTheNewId) {
  create_item_table();
  auto tx = db_->write();
  auto first = tx->scalar_integer("INSERT INTO item (t) VALUES (?) RETURNING id", {"a"});
  auto rows = tx->query("INSERT INTO item (t) VALUES (?) RETURNING id, t", {"b"});
  ASSERT_TRUE(rows.next());
  ASSERT_TRUE(first);
  EXPECT_GT(rows.integer(0), *first);
  EXPECT_EQ(rows.str(1), "b");
  EXPECT_FALSE(rows.next());
  tx->commit();
  EXPECT_EQ(count("item"), 2);
}

TEST_P(StoreTest, ExecReportsChangedRows) {
  create_item_table();
  auto tx = db_->write();
  EXPECT_EQ(tx->exec("INSERT INTO item (n) VALUES (1), (2), (3)"), 3);
  EXPECT_EQ(tx->exec("UPDATE item SET t = 'x' WHERE n >= ?", {2}), 2);
  EXPECT_EQ(tx->exec("CREATE TABLE other (id INTEGER)"), 0);
  EXPECT_EQ(tx->exec("DELETE FROM item WHERE n = ?", {99}), 0);
  EXPECT_EQ(tx->exec("SELECT n FROM item"), 0);
  tx->commit();
}

// --- transactions ---------------------------------------------------------------

TEST_P(StoreTest, UncommittedWriteRollsBackOnDestruction) {
  create_item_table();
  {
    auto tx = db_->write();
    tx->exec("INSERT INTO item (t) VALUES (?)", {"gone"});
    EXPECT_EQ(tx->scalar_integer("SELECT count(*) FROM item"), 1);
  }
  EXPECT_EQ(count("item"), 0);

  EXPECT_THROW(with_write(*db_,
                          [](Tx& tx) {
                            tx.exec("INSERT INTO item (t) VALUES (?)", {"also gone"});
                            throw std::runtime_error("request failed");
                          }),
               std::runtime_error);
  EXPECT_EQ(count("item"), 0);
}

TEST_P(StoreTest, ReadTxRefusesToWrite) {
  create_item_table();
  {
    auto tx = db_->read();
    EXPECT_FALSE(tx->writable());
    EXPECT_THROW(tx->exec("INSERT INTO item (t) VALUES ('x')"), Error);
  }
  EXPECT_EQ(count("item"), 0);
}

TEST_P(StoreTest, UniqueViolationIsReported) {
  create_item_table();
  auto tx = db_->write();
  tx->exec("INSERT INTO item (id, u) VALUES (100, ?)", {"same"});
  try {
    tx->exec("INSERT INTO item (u) VALUES (?)", {"same"});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unique_violation) << e.what();
    EXPECT_NE(std::string(e.what()).find(pg() ? "duplicate key" : "UNIQUE constraint failed"), std::string::npos)
        << e.what();
  }
  if (pg()) {
    // PostgreSQL aborts the transaction at an error; commit() says so.
    EXPECT_THROW(tx->commit(), Error);
    tx = db_->write();
    tx->exec("INSERT INTO item (id, u) VALUES (100, ?)", {"same"});
  }
  try {
    tx->exec("INSERT INTO item (id) VALUES (100)");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unique_violation) << e.what();
  }
}

TEST_P(StoreTest, ForeignKeyViolationIsReported) {
  create(
      "CREATE TABLE parent (id {{pk}}, name TEXT);"
      "CREATE TABLE child (id {{pk}}, parent_id {{big}} NOT NULL REFERENCES parent(id))");
  with_write(*db_, [](Tx& tx) {
    auto id = tx.scalar_integer("INSERT INTO parent (name) VALUES ('p') RETURNING id");
    tx.exec("INSERT INTO child (parent_id) VALUES (?)", {*id});
  });
  auto tx = db_->write();
  try {
    tx->exec("INSERT INTO child (parent_id) VALUES (?)", {424242});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::foreign_key_violation) << e.what();
  }
}

TEST_P(StoreTest, ConcurrentWritersAllLand) {
  create("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL); INSERT INTO counter VALUES (1, 0);");
  // A read-modify-write on purpose. SQLite's write Tx holds the lock from
  // BEGIN; on PostgreSQL the reader must lock the row itself.
  const std::string read_counter = std::string("SELECT n FROM counter WHERE id = 1") + (pg() ? " FOR UPDATE" : "");
  std::atomic<int> failures{0};
  std::string first_failure;
  std::mutex failure_mutex;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        try {
          with_write(*db_, [&](Tx& tx) {
            auto n = tx.scalar_integer(read_counter).value();
            tx.exec("UPDATE counter SET n = ? WHERE id = 1", {n + 1});
          });
        } catch (const std::exception& e) {
          std::lock_guard lock(failure_mutex);
          if (failures++ == 0) first_failure = e.what();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0) << first_failure;
  auto tx = db_->read();
  EXPECT_EQ(tx->scalar_integer("SELECT n FROM counter WHERE id = 1"), 200);
}

TEST_P(StoreTest, ReadTxSeesASnapshot) {
  create_item_table();
  with_write(*db_, [](Tx& tx) { tx.exec("INSERT INTO item (t) VALUES ('first')"); });
  auto reader = db_->read();
  EXPECT_EQ(reader->scalar_integer("SELECT count(*) FROM item"), 1);
  with_write(*db_, [](Tx& tx) { tx.exec("INSERT INTO item (t) VALUES ('second')"); });
  EXPECT_EQ(reader->scalar_integer("SELECT count(*) FROM item"), 1);
  EXPECT_EQ(reader->scalar_integer("SELECT count(*) FROM item WHERE t = 'second'"), 0);
  reader.reset();
  EXPECT_EQ(count("item"), 2);
}

TEST_P(StoreTest, AReadTxReadsOnceWhatItRepeatsAndAWriteTxEveryTime) {
  create_item_table();
  with_write(*db_, [](Tx& tx) { tx.exec("INSERT INTO item (t) VALUES ('first')"); });
  int reads = 0;
  auto count_items = [&](Tx& tx) {
    return tx.once<int64_t>("items", [&] {
      ++reads;
      return *tx.scalar_integer("SELECT count(*) FROM item");
    });
  };
  {
    auto reader = db_->read();
    EXPECT_EQ(count_items(*reader), 1);
    EXPECT_EQ(count_items(*reader), 1);
    EXPECT_EQ(reads, 1);
  }
  with_write(*db_, [&](Tx& tx) {
    EXPECT_EQ(count_items(tx), 1);
    tx.exec("INSERT INTO item (t) VALUES ('second')");
    EXPECT_EQ(count_items(tx), 2);  // the write's own change, read again
  });
  EXPECT_EQ(reads, 3);
  auto reader = db_->read();
  EXPECT_EQ(count_items(*reader), 2);  // a new transaction reads anew
}

TEST_P(StoreTest, CursorsOnTheSameStatementMayNest) {
  create_item_table();
  with_write(*db_, [](Tx& tx) { tx.exec("INSERT INTO item (n) VALUES (1), (2), (3)"); });
  auto tx = db_->read();
  const char* sql = "SELECT n FROM item WHERE n >= ? ORDER BY n";
  int pairs = 0;
  auto outer = tx->query(sql, {1});
  while (outer.next()) {
    auto inner = tx->query(sql, {outer.integer(0)});
    while (inner.next()) ++pairs;
  }
  EXPECT_EQ(pairs, 3 + 2 + 1);
  EXPECT_EQ(tx->scalar_integer(sql, {3}), 3);  // the cached statement is free again
}

TEST_P(StoreTest, CursorAfterItsTxEndedThrows) {
  create_item_table();
  with_write(*db_, [](Tx& tx) { tx.exec("INSERT INTO item (n) VALUES (1), (2)"); });
  std::optional<Rows> rows;
  {
    auto tx = db_->read();
    rows.emplace(tx->query("SELECT n FROM item ORDER BY n"));
    ASSERT_TRUE(rows->next());
    tx->commit();
    EXPECT_THROW(tx->query("SELECT 1"), Error);
  }
  EXPECT_THROW(rows->next(), Error);
  rows.reset();
  EXPECT_EQ(count("item"), 2);  // and the connection went back to the pool in good order
}

// --- engine specifics ---------------------------------------------------------------

TEST_P(StoreTest, BackupWhileAnotherThreadWrites) {
  if (pg()) {
    try {
      db_->backup("/tmp/never");
      FAIL() << "no error";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("pg_dump"), std::string::npos) << e.what();
    }
    return;
  }
  create("CREATE TABLE pair (id {{pk}}, grp INTEGER NOT NULL, filler TEXT NOT NULL)");
  // Several megabytes, so the copy takes many steps while the writer goes on.
  const std::string filler(1000, 'x');
  with_write(*db_, [&](Tx& tx) {
    for (int g = 0; g < 3000; ++g)
      for (int k = 0; k < 2; ++k) tx.exec("INSERT INTO pair (grp, filler) VALUES (?, ?)", {g, filler});
  });

  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    for (int g = 100000; !stop; ++g) {
      // Rows come in pairs: a consistent copy never holds half a pair.
      with_write(*db_, [&](Tx& tx) {
        tx.exec("INSERT INTO pair (grp, filler) VALUES (?, ?)", {g, filler});
        tx.exec("INSERT INTO pair (grp, filler) VALUES (?, ?)", {g, filler});
      });
      ++written;
    }
  });
  while (written < 20) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto copy = (dir_ / "backup" / "copy.db").string();
  fs::create_directories(dir_ / "backup");
  db_->backup(copy);
  int written_during = written;
  while (written < written_during + 20) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  stop = true;
  writer.join();

  auto restored = Database::open(copy, 1);
  auto tx = restored->read();
  EXPECT_EQ(tx->scalar_text("PRAGMA integrity_check"), "ok");
  auto rows = tx->scalar_integer("SELECT count(*) FROM pair").value();
  EXPECT_GE(rows, 6000 + 2 * 20);
  EXPECT_LT(rows, count("pair"));  // the writer went on after the copy
  EXPECT_EQ(tx->scalar_integer("SELECT count(*) FROM (SELECT grp FROM pair GROUP BY grp HAVING count(*) <> 2) AS g"), 0);
  EXPECT_FALSE(fs::exists(copy + ".partial"));
}

TEST_P(StoreTest, DescribeShowsNoPassword) {
  if (!pg()) {
    EXPECT_NE(db_->describe().find(url_), std::string::npos);
    return;
  }
  // Trust authentication lets any password in.
  auto url = url_ + "&password=sup3rs3cret";
  auto db = Database::open(url, 1);
  EXPECT_EQ(db->describe().find("sup3rs3cret"), std::string::npos) << db->describe();
  EXPECT_NE(db->describe().find("PostgreSQL"), std::string::npos) << db->describe();
}

TEST_P(StoreTest, ReconnectsWhenTheServerDroppedPooledConnections) {
  if (!pg()) GTEST_SKIP() << "PostgreSQL only";
  create_item_table();
  // Lend out every pooled connection at once, so all of them get dropped.
  {
    std::vector<std::unique_ptr<Tx>> txs;
    for (int i = 0; i < 4; ++i) txs.push_back(db_->read());
  }
  std::string scratch = db_->read()->scalar_text("SELECT current_database()").value();
  pg_run(pg_server_url(),
         "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + scratch +
             "' AND pid <> pg_backend_pid()");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  for (int i = 0; i < 6; ++i) {
    with_write(*db_, [&](Tx& tx) { tx.exec("INSERT INTO item (n) VALUES (?)", {i}); });
  }
  EXPECT_EQ(count("item"), 6);
  // Again, with a lookup (a request's session read) as the first statement.
  {
    std::vector<std::unique_ptr<Tx>> txs;
    for (int i = 0; i < 4; ++i) txs.push_back(db_->read());
  }
  pg_run(pg_server_url(),
         "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + scratch +
             "' AND pid <> pg_backend_pid()");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  for (int i = 0; i < 6; ++i) {
    auto tx = db_->read();
    auto rows = tx->lookup("SELECT COUNT(*) FROM item");
    ASSERT_TRUE(rows.next());
    EXPECT_EQ(rows.integer(0), 6);
  }
}

// SQLite reads its file through a mapping the process keeps while any
// connection has it open (store/sqlite_mapped_vfs.hpp). The file grows under connections opened
// before, by checkpoints on another connection and while readers go on:
// every reader must see every committed row whole, never a page of zeros or
// an old copy.
TEST(StoreSqliteFile, ReadersOpenedBeforeTheFileGrewReadWhatCameAfter) {
  auto dir = fs::temp_directory_path() / ("varde-store-grow-" + std::to_string(getpid()));
  fs::remove_all(dir);
  const auto file = (dir / "varde.db").string();
  auto db = Database::open(file, 6);
  with_write(*db, [](Tx& tx) { tx.exec("CREATE TABLE blob (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"); });
  {
    // Two connections open on the small file.
    auto a = db->read();
    auto b = db->read();
    EXPECT_EQ(a->scalar_integer("SELECT count(*) FROM blob"), 0);
    EXPECT_EQ(b->scalar_integer("SELECT count(*) FROM blob"), 0);
  }
  const auto before = fs::file_size(file);
  auto body = [](int64_t id) { return std::string(3000, static_cast<char>('a' + id % 26)); };
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0};
  std::thread reader([&] {
    while (!stop) {
      auto tx = db->read();
      auto rows = tx->query("SELECT id, body FROM blob");
      while (rows.next())
        if (rows.str(1) != body(rows.integer(0))) ++bad;
    }
  });
  for (int round = 0; round < 8; ++round) {
    with_write(*db, [&](Tx& tx) {
      for (int k = 0; k < 250; ++k) tx.exec("INSERT INTO blob (id, body) VALUES (?, ?)", {round * 250 + k, body(round * 250 + k)});
    });
    db->refresh_statistics();  // the WAL copied into the file, which grows
  }
  stop = true;
  reader.join();
  EXPECT_EQ(bad, 0);
  EXPECT_GT(fs::file_size(file), before + 5'000'000);
  // Twice: the second time through what the first read taught of the size.
  for (int i = 0; i < 2; ++i) {
    auto a = db->read();
    auto b = db->read();  // the other of the two first connections
    for (auto* tx : {a.get(), b.get()}) {
      EXPECT_EQ(tx->scalar_integer("SELECT count(*) FROM blob"), 2000);
      EXPECT_EQ(tx->scalar_integer("SELECT count(*) FROM blob WHERE length(body) = 3000 AND substr(body, 1, 1) = "
                                   "char(97 + id % 26) AND substr(body, 3000, 1) = char(97 + id % 26)"),
                2000);
      EXPECT_EQ(tx->scalar_text("PRAGMA integrity_check"), "ok");
    }
  }
  db.reset();
  fs::remove_all(dir);
}

TEST(StoreOpen, CreatesTheFolderOfASqliteFile) {
  auto dir = fs::temp_directory_path() / ("varde-store-open-" + std::to_string(getpid()));
  fs::remove_all(dir);
  auto db = Database::open((dir / "a" / "b" / "varde.db").string());
  EXPECT_EQ(db->dialect(), Dialect::sqlite);
  EXPECT_TRUE(fs::exists(dir / "a" / "b" / "varde.db"));
  db.reset();
  fs::remove_all(dir);
}

TEST(StoreOpen, ReportsWhatItCannotOpen) {
  EXPECT_THROW(Database::open("/proc/no/such/place/varde.db"), Error);
  EXPECT_THROW(Database::open(":memory:"), Error);
  EXPECT_THROW(Database::open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"), Error);
}

}  // namespace
