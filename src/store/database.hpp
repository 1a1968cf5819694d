// The store: one interface over SQLite and PostgreSQL.
//
// A Database hands out transactions; a transaction is the only way to run a
// statement. SQL is written once, in the subset both engines share, with `?`
// placeholders (the PostgreSQL side rewrites them to $1, $2, ...). A Tx that is
// destroyed without commit() rolls back, so an exception anywhere in a request
// leaves nothing half-written.
//
// A Database is safe for use from many threads at once: each Tx borrows its
// own connection from a pool. A Tx itself belongs to one thread.
#pragma once

#include <any>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace varde::store {

enum class Dialect { sqlite, postgres };

// A statement parameter: null, integer, real or text.
class Param {
 public:
  enum class Kind { null, integer, real, text };
  Param() : kind_(Kind::null) {}
  Param(std::nullptr_t) : kind_(Kind::null) {}
  Param(int v) : kind_(Kind::integer), i_(v) {}
  Param(long v) : kind_(Kind::integer), i_(v) {}
  Param(long long v) : kind_(Kind::integer), i_(v) {}
  Param(bool v) : kind_(Kind::integer), i_(v ? 1 : 0) {}
  Param(double v) : kind_(Kind::real), d_(v) {}
  Param(std::string v) : kind_(Kind::text), s_(std::move(v)) {}
  Param(std::string_view v) : kind_(Kind::text), s_(v) {}
  Param(const char* v) : kind_(Kind::text), s_(v) {}
  template <class T>
  Param(const std::optional<T>& v) : Param() {
    if (v) *this = Param(*v);
  }

  Kind kind() const { return kind_; }
  int64_t integer() const { return i_; }
  double real() const { return d_; }
  const std::string& text() const { return s_; }

 private:
  Kind kind_;
  int64_t i_ = 0;
  double d_ = 0;
  std::string s_;
};

using Params = std::vector<Param>;

// Why a statement failed, as far as a caller may want to react to it.
// `unavailable`: the database cannot be reached (a server down, a lost
// connection); worth answering 503 rather than 500.
enum class ErrorKind { unique_violation, foreign_key_violation, busy, unavailable, other };

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

// Engine side of a result cursor.
class RowsImpl {
 public:
  virtual ~RowsImpl() = default;
  virtual bool next() = 0;
  virtual int columns() const = 0;
  virtual bool is_null(int col) const = 0;
  virtual int64_t integer(int col) const = 0;
  virtual double real(int col) const = 0;
  // Valid until the next call to next().
  virtual std::string_view text(int col) const = 0;
};

// A forward-only cursor over the rows of one statement. Typical use:
//   auto rows = tx.query("SELECT id, name FROM org WHERE path LIKE ?", {prefix});
//   while (rows.next()) use(rows.integer(0), rows.str(1));
class Rows {
 public:
  explicit Rows(std::unique_ptr<RowsImpl> impl) : impl_(std::move(impl)) {}
  bool next() { return impl_->next(); }
  int columns() const { return impl_->columns(); }
  bool is_null(int col) const { return impl_->is_null(col); }
  int64_t integer(int col) const { return impl_->integer(col); }
  double real(int col) const { return impl_->real(col); }
  bool boolean(int col) const { return impl_->integer(col) != 0; }
  std::string_view text(int col) const { return impl_->text(col); }
  std::string str(int col) const { return std::string(impl_->text(col)); }
  std::optional<std::string> opt_str(int col) const {
    if (is_null(col)) return std::nullopt;
    return str(col);
  }
  std::optional<int64_t> opt_integer(int col) const {
    if (is_null(col)) return std::nullopt;
    return integer(col);
  }
  // The first column of the next row, or nullopt when there is none or it is null.
  std::optional<int64_t> first_integer() {
    if (!next()) return std::nullopt;
    return opt_integer(0);
  }

 private:
  std::unique_ptr<RowsImpl> impl_;
};

// A statement and its parameters, for Tx::query_all.
struct Query {
  std::string sql;
  Params params;
};

// One transaction on one connection. Read transactions see a consistent
// snapshot; write transactions hold the database's write lock (SQLite: BEGIN
// IMMEDIATE) from the start, so writers are serialised and never deadlock.
// PostgreSQL writes run at READ COMMITTED and concurrently: there a
// read-modify-write must lock what it reads (SELECT ... FOR UPDATE, which
// SQLite does not parse) or be one atomic UPDATE; a deadlock or serialisation
// failure is reported as ErrorKind::busy. A Rows cursor must not outlive its
// Tx (using it afterwards throws). After a failed statement a PostgreSQL Tx
// only rolls back: commit() then throws.
class Tx {
 public:
  virtual ~Tx() = default;
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;

  // Runs a statement that returns rows. Throws store::Error on failure.
  virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
  // A read that need not share the snapshot of the statements after it
  // (the session lookup that starts each request). PostgreSQL runs it on its
  // own when it comes first, before BEGIN, so a request that reads nothing
  // else costs one round trip and no COMMIT; elsewhere it is query().
  virtual Rows lookup(std::string_view sql, const Params& params = {}) { return query(sql, params); }
  Rows query(const Query& q) { return query(q.sql, q.params); }
  // Runs reads none of which needs another's answer, and returns their rows
  // in the same order. PostgreSQL sends them in one pipeline, one round trip
  // for all (a report's chapters, requirements, entries and scale depend only
  // on its document); elsewhere they run in turn. Throws on the first failure.
  virtual std::vector<Rows> query_all(const std::vector<Query>& queries);
  // Runs a statement and returns the number of rows it changed.
  virtual int64_t exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual void exec_script(std::string_view sql) = 0;
  // Makes the changes durable. After commit() the Tx may not be used.
  virtual void commit() = 0;

  virtual Dialect dialect() const = 0;
  virtual bool writable() const = 0;

  // Convenience: the first column of the first row, or nullopt when no row.
  std::optional<int64_t> scalar_integer(std::string_view sql, const Params& params = {});
  std::optional<std::string> scalar_text(std::string_view sql, const Params& params = {});

  // A read transaction reads one snapshot, so a read it repeats gives the
  // same answer: there `read` runs once per key and its answer is kept for
  // the rest of the transaction (a request's node, read by the access check,
  // the route and its helpers: on PostgreSQL a round trip each). A write
  // transaction runs `read` every time, as it may have changed the rows.
  template <class T, class Read>
  T once(const std::string& key, Read&& read) {
    if (writable()) return read();
    if (auto it = remembered_.find(key); it != remembered_.end()) return std::any_cast<const T&>(it->second);
    T value = read();
    remembered_.emplace(key, value);
    return value;
  }

 protected:
  Tx() = default;

 private:
  std::unordered_map<std::string, std::any> remembered_;
};

class Database {
 public:
  virtual ~Database() = default;

  // Opens a database by URL: a `postgresql://` or `postgres://` URL, or else a
  // SQLite file path (created with its parent folder if missing). pool_size is
  // the most connections held at once. Throws store::Error when it cannot open.
  static std::unique_ptr<Database> open(const std::string& url, int pool_size = 4);

  virtual std::unique_ptr<Tx> read() = 0;
  virtual std::unique_ptr<Tx> write() = 0;
  virtual Dialect dialect() const = 0;

  // Writes a consistent copy of the whole database to `file` while others
  // keep reading and writing. SQLite: the online backup API. PostgreSQL:
  // throws, naming pg_dump as the tool for that.
  virtual void backup(const std::string& file) = 0;

  // After a bulk load: PostgreSQL's VACUUM ANALYZE, which gives the planner
  // the tables' statistics and marks their pages all-visible, so that
  // index-only scans need not visit the table. SQLite: a checkpoint that
  // empties the WAL (its queries are written for plans without statistics).
  virtual void refresh_statistics() {}

  // A short description for logs, without any password.
  virtual std::string describe() const = 0;
};

// Runs `fn(tx)` in a write transaction and commits it. When the engine
// reports a conflict (ErrorKind::busy: a PostgreSQL deadlock or serialisation
// failure, SQLite still locked after its busy timeout) it runs fn again in a
// fresh transaction, up to 3 attempts in all, so fn must be safe to repeat.
template <class Fn>
auto with_write(Database& db, Fn&& fn) {
  for (int attempt = 1;; ++attempt) {
    try {
      auto tx = db.write();
      if constexpr (std::is_void_v<decltype(fn(*tx))>) {
        fn(*tx);
        tx->commit();
        return;
      } else {
        auto result = fn(*tx);
        tx->commit();
        return result;
      }
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::busy || attempt >= 3) throw;
    }
  }
}

}  // namespace varde::store
