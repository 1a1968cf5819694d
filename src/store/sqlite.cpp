// The SQLite engine: a pool of connections to one database file in WAL mode.
#include "store/sqlite.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>

#include "store/pool.hpp"
#include "store/sqlite_mapped_vfs.hpp"

namespace varde::store {
namespace {

using namespace std::chrono_literals;

constexpr int busy_timeout_ms = 10000;
// Beyond this many distinct statements per connection (SQL built at run time,
// say) statements are prepared for one use, so memory stays bounded.
constexpr size_t statement_cache_limit = 256;
// Copies of one statement kept for cursors open on it at once.
constexpr size_t copies_per_statement = 32;

// The start of a statement, on one line, for error messages.
std::string snippet(std::string_view sql) {
  std::string out;
  for (char c : sql) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
    if (out.size() >= 160) return out + "...";
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

ErrorKind kind_of(int code) {
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return ErrorKind::unique_violation;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return ErrorKind::foreign_key_violation;
  }
  int primary = code & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return ErrorKind::busy;
  return ErrorKind::other;
}

// Throws the error the connection reports for its last call.
[[noreturn]] void fail(sqlite3* db, std::string_view doing, std::string_view sql = {}) {
  int code = sqlite3_extended_errcode(db);
  std::string message = "SQLite: ";
  message += sqlite3_errmsg(db);
  message += " (";
  message += doing;
  if (!sql.empty()) message += ": " + snippet(sql);
  message += ")";
  throw Error(kind_of(code), message);
}

void exec_simple(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(db, "running", sql);
}

struct CachedStmt {
  sqlite3_stmt* stmt = nullptr;
  bool in_use = false;  // an open cursor is still reading it
};

// A statement borrowed for one execution: the connection's cached one, or a
// fresh one when the cached one is still being read by an open cursor.
class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3_stmt* stmt, CachedStmt* cached) : stmt_(stmt), cached_(cached) {}
  Stmt(Stmt&& o) noexcept : stmt_(std::exchange(o.stmt_, nullptr)), cached_(std::exchange(o.cached_, nullptr)) {}
  Stmt& operator=(Stmt&& o) noexcept {
    if (this != &o) {
      release();
      stmt_ = std::exchange(o.stmt_, nullptr);
      cached_ = std::exchange(o.cached_, nullptr);
    }
    return *this;
  }
  ~Stmt() { release(); }

  sqlite3_stmt* get() const { return stmt_; }
  void disown() { stmt_ = nullptr; }
  explicit operator bool() const { return stmt_ != nullptr; }

  // Resets a cached statement for its next use (which also ends its read of
  // the database), or finalises a fresh one.
  void release() {
    if (!stmt_) return;
    if (cached_) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
      cached_->in_use = false;
    } else {
      sqlite3_finalize(stmt_);
    }
    stmt_ = nullptr;
    cached_ = nullptr;
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  CachedStmt* cached_ = nullptr;
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

bool blank(const char* text) {
  return std::all_of(text, text + std::strlen(text), [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; });
}

// Copies the WAL back into the database file on a thread of its own.
//
// SQLite's automatic checkpoint runs inside the COMMIT of whichever writer
// takes the WAL past 1,000 pages, and so while that Tx still holds the write
// slot: every other writer waited for it to write back up to 4 MB and sync
// the file, which was most of the report-entry save's p99 of over a second
// under load (docs/performance.md, Findings). Here a commit only reports the
// WAL's size (the WAL hook, which replaces the automatic checkpoint); this
// thread runs a PASSIVE checkpoint, which takes no lock that writers or
// readers need, and SQLite starts the WAL over once it has all been copied.
class Checkpointer {
 public:
  static constexpr int due_pages = 1000;  // SQLite's default for the automatic one

  explicit Checkpointer(std::string path) : path_(std::move(path)), thread_([this] { run(); }) {}
  ~Checkpointer() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  static int wal_hook(void* self, sqlite3*, const char*, int wal_pages) {
    if (wal_pages >= due_pages) static_cast<Checkpointer*>(self)->due();
    return SQLITE_OK;
  }

 private:
  void due() {
    {
      std::lock_guard lock(mutex_);
      due_ = true;
    }
    wake_.notify_one();
  }

  void run();

  std::string path_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool due_ = false;
  bool stop_ = false;
  std::thread thread_;  // last: it starts running in the constructor
};

class Connection {
 public:
  // `checkpointer`: who copies the WAL back after this connection's commits;
  // none: SQLite's automatic checkpoint.
  explicit Connection(const std::string& path, Checkpointer* checkpointer = nullptr) {
    // Reads of the file through a mapping that outlives SQLite's page cache
    // (see sqlite_mapped_vfs.hpp); the default VFS should it be unavailable.
    int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             mapped_vfs_name());
    if (rc != SQLITE_OK) {
      std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      throw Error(ErrorKind::other, "cannot open SQLite database '" + path + "': " + why);
    }
    try {
      sqlite3_extended_result_codes(db_, 1);
      sqlite3_busy_timeout(db_, busy_timeout_ms);
      // Readers must not block the writer, nor the writer readers.
      auto mode = pragma("PRAGMA journal_mode=WAL");
      if (mode != "wal")
        throw Error(ErrorKind::other, "SQLite database '" + path + "' cannot use WAL mode (journal mode is '" + mode + "')");
      exec_simple(db_, "PRAGMA synchronous=NORMAL");
      exec_simple(db_, "PRAGMA foreign_keys=ON");
      if (checkpointer) sqlite3_wal_hook(db_, &Checkpointer::wal_hook, checkpointer);
    } catch (...) {
      sqlite3_close(db_);
      throw;
    }
  }

  ~Connection() {
    for (auto& [sql, copies] : cache_)
      for (auto& cached : copies) sqlite3_finalize(cached->stmt);
    sqlite3_close_v2(db_);
  }

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* db() const { return db_; }

  Stmt prepare(std::string_view sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end())
      for (auto& cached : it->second)
        if (!cached->in_use) {
          cached->in_use = true;
          return Stmt(cached->stmt, cached.get());
        }
    const bool cache =
        cached_count_ < statement_cache_limit && (it == cache_.end() || it->second.size() < copies_per_statement);
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), cache ? SQLITE_PREPARE_PERSISTENT : 0, &stmt,
                           &tail) != SQLITE_OK)
      fail(db_, "preparing", sql);
    if (!stmt) throw Error(ErrorKind::other, "SQLite: empty statement: '" + snippet(sql) + "'");
    Stmt fresh(stmt, nullptr);  // finalises it should we throw below
    // A second statement would be silently ignored; only exec_script runs several.
    std::string rest(tail, sql.data() + sql.size() - tail);
    if (!blank(rest.c_str())) {
      sqlite3_stmt* extra = nullptr;
      sqlite3_prepare_v2(db_, rest.c_str(), -1, &extra, nullptr);
      bool more = extra != nullptr;
      sqlite3_finalize(extra);
      if (more) throw Error(ErrorKind::other, "SQLite: more than one statement given (use exec_script): " + snippet(sql));
    }
    if (!cache) return fresh;
    if (it == cache_.end()) it = cache_.emplace(std::string(sql), std::vector<std::unique_ptr<CachedStmt>>{}).first;
    it->second.push_back(std::make_unique<CachedStmt>(CachedStmt{stmt, true}));
    ++cached_count_;
    fresh.disown();  // from here the cache owns it
    return Stmt(stmt, it->second.back().get());
  }

  std::string pragma(const char* sql) {
    auto stmt = prepare(sql);
    if (sqlite3_step(stmt.get()) != SQLITE_ROW) fail(db_, "running", sql);
    auto text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
    return text ? text : "";
  }

 private:
  sqlite3* db_ = nullptr;
  // Per statement, its prepared copies: one, unless cursors on the same
  // statement are open at once (Tx::query_all with the same statement for
  // each of a region's trusts), when preparing it again each time cost more
  // than the batch saved.
  std::unordered_map<std::string, std::vector<std::unique_ptr<CachedStmt>>, StringHash, std::equal_to<>> cache_;
  size_t cached_count_ = 0;
};

void bind(sqlite3* db, sqlite3_stmt* stmt, const Params& params, std::string_view sql) {
  int wanted = sqlite3_bind_parameter_count(stmt);
  if (wanted != static_cast<int>(params.size()))
    throw Error(ErrorKind::other, "SQLite: the statement has " + std::to_string(wanted) + " placeholders but " +
                                      std::to_string(params.size()) + " parameters were given: " + snippet(sql));
  for (int i = 0; i < wanted; ++i) {
    const Param& p = params[i];
    int rc = SQLITE_OK;
    switch (p.kind()) {
      case Param::Kind::null: rc = sqlite3_bind_null(stmt, i + 1); break;
      case Param::Kind::integer: rc = sqlite3_bind_int64(stmt, i + 1, p.integer()); break;
      case Param::Kind::real: rc = sqlite3_bind_double(stmt, i + 1, p.real()); break;
      case Param::Kind::text:
        rc = sqlite3_bind_text64(stmt, i + 1, p.text().data(), p.text().size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        break;
    }
    if (rc != SQLITE_OK) fail(db, "binding a parameter", sql);
  }
}

void Checkpointer::run() {
  std::unique_ptr<Connection> conn;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return due_ || stop_; });
    if (stop_) return;
    due_ = false;
    lock.unlock();
    try {
      if (!conn) conn = std::make_unique<Connection>(path_);
      // BUSY (another checkpoint, a backup) only means "try after the next
      // commits", which report the WAL's size again.
      sqlite3_wal_checkpoint_v2(conn->db(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } catch (const Error&) {
      conn.reset();  // could not open: the next commit tries again
    }
    lock.lock();
  }
}

// The in-process half of the write lock: writers queue here rather than poll
// SQLite's lock in the busy handler, which sleeps in growing steps. Served in
// the order they came (a ticket each), so that under a stream of saves none
// waits for many others to go first: a semaphore lets a thread that just
// released take the slot again before the one that waited longest.
class WriteQueue {
 public:
  // Waits for this thread's turn; false when it did not come in time.
  bool enter(std::chrono::milliseconds patience) {
    std::unique_lock lock(mutex_);
    const uint64_t ticket = next_++;
    if (turn_.wait_for(lock, patience, [&] { return serving_ == ticket; })) return true;
    given_up_.insert(ticket);  // the queue moves past it when it comes up
    return false;
  }
  void leave() {
    {
      std::lock_guard lock(mutex_);
      ++serving_;
      while (given_up_.erase(serving_)) ++serving_;
    }
    turn_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable turn_;
  uint64_t next_ = 0;
  uint64_t serving_ = 0;
  std::set<uint64_t> given_up_;
};

// A writer's place at the head of the WriteQueue, left when it ends.
class WriteSlot {
 public:
  WriteSlot() = default;
  WriteSlot(const WriteSlot&) = delete;
  WriteSlot& operator=(const WriteSlot&) = delete;
  ~WriteSlot() { release(); }
  void take(WriteQueue& queue) {
    if (!queue.enter(std::chrono::milliseconds(busy_timeout_ms)))
      throw Error(ErrorKind::busy, "SQLite: timed out waiting for another write transaction to finish");
    queue_ = &queue;
  }
  void release() {
    if (queue_) std::exchange(queue_, nullptr)->leave();
  }

 private:
  WriteQueue* queue_ = nullptr;
};

using ConnectionPool = detail::Pool<Connection>;

class SqliteTx;

class SqliteRows final : public RowsImpl {
 public:
  SqliteRows(SqliteTx* tx, Stmt stmt, bool has_row)
      : tx_(tx), stmt_(std::move(stmt)), pending_(has_row), columns_(sqlite3_column_count(stmt_.get())) {
    if (!has_row) stmt_.release();  // done already: free the statement for reuse now
  }
  ~SqliteRows() override;

  bool next() override {
    if (!tx_) throw Error(ErrorKind::other, "a cursor was used after its transaction ended");
    on_row_ = false;
    if (pending_) {
      pending_ = false;
      return on_row_ = true;
    }
    if (!stmt_) return false;
    int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return on_row_ = true;
    if (rc == SQLITE_DONE) {
      stmt_.release();
      return false;
    }
    try {
      fail(sqlite3_db_handle(stmt_.get()), "reading rows", sqlite3_sql(stmt_.get()));
    } catch (...) {
      stmt_.release();
      throw;
    }
  }

  int columns() const override { return columns_; }
  bool is_null(int col) const override { return sqlite3_column_type(at(col), col) == SQLITE_NULL; }
  int64_t integer(int col) const override { return sqlite3_column_int64(at(col), col); }
  double real(int col) const override { return sqlite3_column_double(at(col), col); }
  std::string_view text(int col) const override {
    auto stmt = at(col);
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, col));
    if (!p) return {};
    return {p, static_cast<size_t>(sqlite3_column_bytes(stmt, col))};
  }

  // The transaction is ending: let go of the statement.
  void detach() {
    stmt_.release();
    tx_ = nullptr;
    on_row_ = pending_ = false;
  }

 private:
  sqlite3_stmt* at(int col) const {
    if (!on_row_ || !stmt_) throw Error(ErrorKind::other, "a cursor was read while not on a row (call next() first)");
    if (col < 0 || col >= columns_)
      throw Error(ErrorKind::other, "column " + std::to_string(col) + " is out of range (" + std::to_string(columns_) + " columns)");
    return stmt_.get();
  }

  SqliteTx* tx_;
  Stmt stmt_;
  bool pending_;  // the first row was stepped to by query() and not yet returned
  bool on_row_ = false;
  int columns_;
};

class SqliteTx final : public Tx {
 public:
  SqliteTx(ConnectionPool& pool, WriteQueue* writers) : pool_(pool), write_(writers != nullptr) {
    if (writers) slot_.take(*writers);
    conn_ = pool_.acquire();
    try {
      // IMMEDIATE takes the database write lock now. A deferred Tx that read
      // first could not upgrade to writing once another writer committed (it
      // fails with BUSY, no waiting helps); and the audit chain head read by
      // a writer must stay the head until it commits.
      exec_simple(conn_->db(), write_ ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (...) {
      finish();
      throw;
    }
  }

  ~SqliteTx() override { finish(); }

  Rows query(std::string_view sql, const Params& params) override {
    auto stmt = start(sql, params);
    int rc = sqlite3_step(stmt.get());
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail(conn_->db(), "running", sql);
    auto rows = std::make_unique<SqliteRows>(this, std::move(stmt), rc == SQLITE_ROW);
    cursors_.push_back(rows.get());
    return Rows(std::move(rows));
  }

  int64_t exec(std::string_view sql, const Params& params) override {
    auto stmt = start(sql, params);
    sqlite3* db = conn_->db();
    auto before = sqlite3_total_changes64(db);
    int rc;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) fail(db, "running", sql);
    // sqlite3_changes() keeps the count of the last data change; a statement
    // that changed nothing (DDL, a SELECT) must not report it again.
    return sqlite3_total_changes64(db) == before ? 0 : sqlite3_changes64(db);
  }

  void exec_script(std::string_view sql) override {
    check_open();
    if (!write_) throw Error(ErrorKind::other, "SQLite: exec_script needs a write transaction");
    std::string text(sql);
    if (sqlite3_exec(conn_->db(), text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
      fail(conn_->db(), "running script", sql);
  }

  void commit() override {
    check_open();
    release_cursors();
    exec_simple(conn_->db(), "COMMIT");
    finish();
  }

  Dialect dialect() const override { return Dialect::sqlite; }
  bool writable() const override { return write_; }

  void forget(SqliteRows* rows) { std::erase(cursors_, rows); }

 private:
  void check_open() const {
    if (!conn_) throw Error(ErrorKind::other, "the transaction has already ended");
  }

  Stmt start(std::string_view sql, const Params& params) {
    check_open();
    auto stmt = conn_->prepare(sql);
    if (!write_ && !sqlite3_stmt_readonly(stmt.get()))
      throw Error(ErrorKind::other, "SQLite: a read transaction cannot run a statement that writes: " + snippet(sql));
    bind(conn_->db(), stmt.get(), params, sql);
    return stmt;
  }

  void release_cursors() {
    for (auto* rows : cursors_) rows->detach();
    cursors_.clear();
  }

  // Rolls back whatever was not committed and returns the connection.
  void finish() {
    release_cursors();
    if (conn_) {
      sqlite3* db = conn_->db();
      bool healthy = sqlite3_get_autocommit(db) || sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK;
      if (!healthy) conn_.reset();  // a connection stuck in a transaction is of no use to the next borrower
      pool_.give_back(std::move(conn_));
    }
    slot_.release();
  }

  ConnectionPool& pool_;
  bool write_;
  WriteSlot slot_;
  std::unique_ptr<Connection> conn_;
  std::vector<SqliteRows*> cursors_;
};

SqliteRows::~SqliteRows() {
  if (tx_) tx_->forget(this);
}

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, int pool_size)
      : path_(std::move(path)),
        checkpointer_(std::make_unique<Checkpointer>(path_)),
        pool_(pool_size, [p = path_, c = checkpointer_.get()] { return std::make_unique<Connection>(p, c); }) {
    // Fail now, not at the first request, when the file cannot be opened.
    pool_.give_back(pool_.acquire());
  }

  std::unique_ptr<Tx> read() override { return std::make_unique<SqliteTx>(pool_, nullptr); }
  std::unique_ptr<Tx> write() override { return std::make_unique<SqliteTx>(pool_, &writers_); }
  Dialect dialect() const override { return Dialect::sqlite; }
  std::string describe() const override { return "SQLite " + path_; }

  void backup(const std::string& file) override;

  // After a bulk load the WAL can hold gigabytes that the background
  // checkpoints never caught up with: copied into the file and emptied now.
  void refresh_statistics() override {
    auto conn = pool_.acquire();
    sqlite3_wal_checkpoint_v2(conn->db(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    pool_.give_back(std::move(conn));
  }

 private:
  std::string path_;
  std::unique_ptr<Checkpointer> checkpointer_;  // before pool_: it outlives the connections that report to it
  ConnectionPool pool_;
  WriteQueue writers_;
};

void SqliteDatabase::backup(const std::string& file) {
  auto conn = pool_.acquire();
  sqlite3* source = conn->db();
  sqlite3* dest = nullptr;
  std::string partial = file + ".partial";
  auto cleanup = [&] {
    sqlite3_close(dest);
    dest = nullptr;
    bool healthy = sqlite3_get_autocommit(source) || sqlite3_exec(source, "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK;
    if (!healthy) conn.reset();
    pool_.give_back(std::move(conn));
  };
  try {
    // A read transaction on the source holds one snapshot for the whole copy:
    // the copy is consistent, writers go on meanwhile (WAL), and the copy
    // never restarts however busy they are.
    exec_simple(source, "BEGIN");
    exec_simple(source, "SELECT count(*) FROM sqlite_master");

    // Written aside and renamed, so `file` is never a half-made copy.
    std::filesystem::remove(partial);
    if (sqlite3_open_v2(partial.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
      throw Error(ErrorKind::other, "SQLite backup: cannot create '" + partial + "': " +
                                        (dest ? sqlite3_errmsg(dest) : "out of memory"));
    sqlite3_backup* copy = sqlite3_backup_init(dest, "main", source, "main");
    if (!copy) fail(dest, "starting the backup to", partial);
    int rc;
    do {
      rc = sqlite3_backup_step(copy, 512);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) std::this_thread::sleep_for(5ms);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(copy);
    if (rc != SQLITE_DONE)
      throw Error(kind_of(rc), std::string("SQLite backup to '") + file + "' failed: " + sqlite3_errstr(rc));
    if (sqlite3_close(dest) != SQLITE_OK) fail(dest, "closing the backup", partial);
    dest = nullptr;
    std::filesystem::rename(partial, file);
  } catch (...) {
    cleanup();
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    try {
      throw;
    } catch (const std::filesystem::filesystem_error& e) {
      throw Error(ErrorKind::other, "SQLite backup to '" + file + "' failed: " + e.what());
    }
  }
  cleanup();
}

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path, int pool_size) {
  // SQLite counts every allocation under one process-wide mutex unless told
  // not to; under 64 connections the workers queued on it (a GROUP BY
  // allocates per row), a quarter of the heat map's time in futex calls. It
  // must be set before SQLite's first use, and nothing here reads the counts.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
  return std::make_unique<SqliteDatabase>(path, pool_size);
}

}  // namespace varde::store
