// The PostgreSQL engine: a pool of libpq connections, statements prepared once
// per connection and run with text-format parameters.
#include "store/postgres.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <type_traits>
#include <unordered_map>

#include "store/pool.hpp"

namespace varde::store {

namespace detail {

PgSql rewrite_placeholders(std::string_view sql) {
  PgSql out;
  out.text.reserve(sql.size() + 16);
  size_t i = 0;
  auto copy_to = [&](size_t end) {
    out.text.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < sql.size()) {
    char c = sql[i];
    char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    if (c == '\'' || c == '"') {
      // A doubled quote inside ('it''s') reads as two literals side by side,
      // which skips the same characters.
      size_t close = sql.find(c, i + 1);
      copy_to(close == std::string_view::npos ? sql.size() : close + 1);
    } else if (c == '-' && next == '-') {
      size_t eol = sql.find('\n', i);
      copy_to(eol == std::string_view::npos ? sql.size() : eol);
    } else if (c == '/' && next == '*') {
      size_t close = sql.find("*/", i + 2);
      copy_to(close == std::string_view::npos ? sql.size() : close + 2);
    } else if (c == '?') {
      out.text += '$';
      out.text += std::to_string(++out.placeholders);
      ++i;
    } else {
      out.text += c;
      ++i;
    }
  }
  return out;
}

}  // namespace detail

namespace {

// Beyond this many distinct statements per connection, statements run
// unprepared, so the server's memory for them stays bounded.
constexpr size_t statement_cache_limit = 256;

constexpr Oid int8_oid = 20;
constexpr Oid float8_oid = 701;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

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

// libpq's own messages span lines ("FATAL:  ...\nserver closed ..."): one line.
std::string trimmed(const char* text) {
  std::string s;
  for (const char* p = text ? text : ""; *p; ++p) {
    bool space = *p == '\n' || *p == ' ' || *p == '\t';
    if (space && (s.empty() || s.back() == ' ')) continue;
    s += space ? ' ' : *p;
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

ErrorKind kind_of(std::string_view sqlstate) {
  if (sqlstate == "23505") return ErrorKind::unique_violation;
  if (sqlstate == "23503") return ErrorKind::foreign_key_violation;
  if (sqlstate == "40001" || sqlstate == "40P01") return ErrorKind::busy;
  // Class 08: connection exceptions; 57P0x: the server is shutting down.
  if (sqlstate.rfind("08", 0) == 0 || sqlstate.rfind("57P0", 0) == 0) return ErrorKind::unavailable;
  return ErrorKind::other;
}

[[noreturn]] void fail(PGconn* conn, const PGresult* res, std::string_view doing, std::string_view sql = {}) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const char* detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : nullptr;
  std::string message = "PostgreSQL: ";
  message += primary ? primary : trimmed(PQerrorMessage(conn));
  if (detail) message += std::string(" (") + detail + ")";
  if (state) message += std::string(" [") + state + "]";
  message += " (";
  message += doing;
  if (!sql.empty()) message += ": " + snippet(sql);
  message += ")";
  const ErrorKind no_state = PQstatus(conn) == CONNECTION_BAD ? ErrorKind::unavailable : ErrorKind::other;
  throw Error(state ? kind_of(state) : no_state, message);
}

bool succeeded(const PGresult* res) {
  auto status = PQresultStatus(res);
  return res && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK);
}

// "user@host:port/dbname", from whatever form the URL takes, without password.
std::string describe_url(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (!options) {
    PQfreemem(error);
    return "PostgreSQL (unparsable URL)";
  }
  std::unordered_map<std::string, std::string> values;
  for (auto* o = options; o->keyword; ++o)
    if (o->val && *o->val) values[o->keyword] = o->val;
  PQconninfoFree(options);
  std::string out = "PostgreSQL ";
  if (values.count("user")) out += values["user"] + "@";
  out += values.count("host") ? values["host"] : values.count("hostaddr") ? values["hostaddr"] : "localhost";
  if (values.count("port")) out += ":" + values["port"];
  if (values.count("dbname")) out += "/" + values["dbname"];
  return out;
}

class Connection {
 public:
  Connection(const std::string& url, const std::string& description) {
    conn_ = PQconnectdb(url.c_str());
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      std::string why = conn_ ? trimmed(PQerrorMessage(conn_)) : "out of memory";
      PQfinish(conn_);
      throw Error(ErrorKind::unavailable, "cannot connect to " + description + ": " + why);
    }
    try {
      set_up();
    } catch (...) {
      PQfinish(conn_);
      throw;
    }
  }
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  PGconn* get() const { return conn_; }

  // Reconnects a connection the server or network dropped while it was idle.
  void ensure_alive() {
    if (PQstatus(conn_) == CONNECTION_OK) return;
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK)
      throw Error(ErrorKind::unavailable, "lost the connection to PostgreSQL: " + trimmed(PQerrorMessage(conn_)));
    set_up();
  }

  Result run_simple(const char* sql) {
    Result res(PQexec(conn_, sql));
    if (!succeeded(res.get())) fail(conn_, res.get(), "running", sql);
    return res;
  }

  // Runs one statement with `?` placeholders; the caller checks the result.
  Result run(std::string_view sql, const Params& params) {
    Bound b(sql, params);
    auto statement = find_or_name(b, sql);
    if (statement.unnamed)
      return Result(PQexecParams(conn_, statement.text.c_str(), b.size(), b.types.data(), b.values.data(), nullptr, nullptr, 0));
    if (statement.prepare) {
      Result prepared(PQprepare(conn_, statement.name.c_str(), statement.text.c_str(), b.size(), b.types.data()));
      if (!succeeded(prepared.get())) return prepared;
      statements_.emplace(std::move(b.key), statement.name);
    }
    return Result(PQexecPrepared(conn_, statement.name.c_str(), b.size(), b.values.data(), nullptr, nullptr, 0));
  }

  // Runs `begin` and then the transaction's first statement in one round
  // trip: every request's transaction starts with its session lookup, and a
  // round trip costs more than either statement. Throws when BEGIN fails;
  // the caller checks the statement's result.
  Result run_after_begin(const char* begin, std::string_view sql, const Params& params) {
    return std::move(run_pipeline(begin, {Query{std::string(sql), params}}).front());
  }

  // Runs `begin` (unless null) and then `queries` in one round trip, libpq's
  // pipeline mode. Throws when BEGIN fails or the connection breaks; the
  // caller checks each statement's result (a failed PREPARE stands for its
  // statement, and those after a failure answer that the pipeline aborted).
  std::vector<Result> run_pipeline(const char* begin, const std::vector<Query>& queries) {
    std::vector<std::unique_ptr<Bound>> bound;
    std::vector<Statement> statements;
    std::unordered_map<std::string, std::string> prepared_here;  // key -> name, prepared earlier in this pipeline
    for (const auto& q : queries) {
      bound.push_back(std::make_unique<Bound>(q.sql, q.params));
      // The same statement again (a heat map per trust) runs as prepared
      // by the first: the pipeline runs in order.
      if (auto it = prepared_here.find(bound.back()->key); it != prepared_here.end()) {
        statements.push_back({it->second, "", false, false});
        continue;
      }
      statements.push_back(find_or_name(*bound.back(), q.sql));
      if (statements.back().prepare) prepared_here.emplace(bound.back()->key, statements.back().name);
    }
    if (PQenterPipelineMode(conn_) != 1) fail(conn_, nullptr, "entering pipeline mode");
    bool sent = !begin || PQsendQueryParams(conn_, begin, 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
    size_t expected = begin ? 1 : 0;
    for (size_t i = 0; sent && i < queries.size(); ++i) {
      const Bound& b = *bound[i];
      const Statement& statement = statements[i];
      if (statement.prepare) {
        sent = PQsendPrepare(conn_, statement.name.c_str(), statement.text.c_str(), b.size(), b.types.data()) == 1;
        ++expected;
      }
      if (sent && statement.unnamed)
        sent = PQsendQueryParams(conn_, statement.text.c_str(), b.size(), b.types.data(), b.values.data(), nullptr,
                                 nullptr, 0) == 1;
      else if (sent)
        sent = PQsendQueryPrepared(conn_, statement.name.c_str(), b.size(), b.values.data(), nullptr, nullptr, 0) == 1;
      ++expected;
    }
    if (sent) sent = PQpipelineSync(conn_) == 1;
    std::vector<Result> results;
    // Each command answers with its result and then a null; the sync point
    // ends the pipeline. A broken connection answers only nulls.
    for (size_t nulls = 0; sent && nulls <= expected;) {
      PGresult* r = PQgetResult(conn_);
      if (!r) {
        if (PQstatus(conn_) == CONNECTION_BAD) break;
        ++nulls;
        continue;
      }
      if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
        PQclear(r);
        break;
      }
      results.emplace_back(r);
    }
    PQexitPipelineMode(conn_);
    if (results.size() < expected) fail(conn_, nullptr, "running", queries.empty() ? std::string_view(begin) : queries[0].sql);
    size_t next = 0;
    if (begin && !succeeded(results[next++].get())) fail(conn_, results[0].get(), "running", begin);
    std::vector<Result> out;
    for (size_t i = 0; i < queries.size(); ++i) {
      if (statements[i].prepare) {
        Result prepared = std::move(results[next++]);
        Result executed = std::move(results[next++]);
        if (!succeeded(prepared.get())) {
          out.push_back(std::move(prepared));
          continue;
        }
        statements_.emplace(std::move(bound[i]->key), statements[i].name);
        out.push_back(std::move(executed));
      } else {
        out.push_back(std::move(results[next++]));
      }
    }
    return out;
  }

  // A read-only transaction's COMMIT is sent without waiting for its answer
  // (it cannot fail in a way that matters), which the next borrower reads.
  void send_commit() { commit_pending_ = PQsendQuery(conn_, "COMMIT") == 1; }
  bool commit_pending() const { return commit_pending_; }
  void settle() {
    if (!commit_pending_) return;
    commit_pending_ = false;
    while (PGresult* r = PQgetResult(conn_)) PQclear(r);
  }

 private:
  // A statement's parameters as libpq takes them, and the key of its
  // prepared form. Not copied or moved: `values` points into `texts`.
  struct Bound {
    Bound(std::string_view sql, const Params& params)
        : types(params.size(), 0), texts(params.size()), values(params.size(), nullptr) {
      // The statement is prepared per parameter types too: an integer is
      // sent as int8 and a real as float8, so `? + 1` or `? IS NULL` have a
      // type; text and null stay untyped and take the type the context wants.
      key.reserve(params.size() + 1 + sql.size());
      for (size_t i = 0; i < params.size(); ++i) {
        const Param& p = params[i];
        char buf[32];
        switch (p.kind()) {
          case Param::Kind::null:
            key += 'u';
            break;
          case Param::Kind::integer: {
            key += 'i';
            types[i] = int8_oid;
            auto end = std::to_chars(buf, buf + sizeof buf, p.integer()).ptr;
            texts[i].assign(buf, end);
            values[i] = texts[i].c_str();
            break;
          }
          case Param::Kind::real: {
            key += 'r';
            types[i] = float8_oid;
            auto end = std::to_chars(buf, buf + sizeof buf, p.real()).ptr;  // shortest text that reads back the same
            texts[i].assign(buf, end);
            values[i] = texts[i].c_str();
            break;
          }
          case Param::Kind::text:
            key += 'u';
            values[i] = p.text().c_str();
            break;
        }
      }
      key += '\n';
      key += sql;
    }
    Bound(const Bound&) = delete;
    Bound& operator=(const Bound&) = delete;
    int size() const { return static_cast<int>(values.size()); }

    std::string key;
    std::vector<Oid> types;
    std::vector<std::string> texts;
    std::vector<const char*> values;
  };

  struct Statement {
    std::string name;  // empty when unnamed
    std::string text;  // with $n placeholders, when it is not prepared yet
    bool prepare = false;
    bool unnamed = false;
  };

  Statement find_or_name(const Bound& b, std::string_view sql) {
    Statement out;
    if (auto it = statements_.find(b.key); it != statements_.end()) {
      out.name = it->second;
      return out;
    }
    auto rewritten = detail::rewrite_placeholders(sql);
    if (rewritten.placeholders != b.size())
      throw Error(ErrorKind::other, "PostgreSQL: the statement has " + std::to_string(rewritten.placeholders) +
                                        " placeholders but " + std::to_string(b.size()) + " parameters were given: " +
                                        snippet(sql));
    out.text = std::move(rewritten.text);
    if (statements_.size() >= statement_cache_limit) {
      out.unnamed = true;
    } else {
      out.name = "stmt_" + std::to_string(++prepared_);
      out.prepare = true;
    }
    return out;
  }

  void set_up() {
    statements_.clear();  // a new session knows none of them
    commit_pending_ = false;
    if (PQsetClientEncoding(conn_, "UTF8") != 0)
      throw Error(ErrorKind::other, "PostgreSQL: cannot set client encoding UTF8: " + trimmed(PQerrorMessage(conn_)));
    run_simple("SET client_min_messages = warning");
  }

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> statements_;  // types + "\n" + sql -> prepared name
  int prepared_ = 0;
  bool commit_pending_ = false;
};

using ConnectionPool = detail::Pool<Connection>;

class PgTx;

class PgRows final : public RowsImpl {
 public:
  PgRows(PgTx* tx, Result res)
      : tx_(tx), res_(std::move(res)), rows_(PQntuples(res_.get())), columns_(PQnfields(res_.get())) {}
  ~PgRows() override;

  bool next() override {
    if (!tx_) throw Error(ErrorKind::other, "a cursor was used after its transaction ended");
    if (row_ + 1 < rows_) {
      ++row_;
      return true;
    }
    row_ = rows_;
    return false;
  }
  int columns() const override { return columns_; }
  bool is_null(int col) const override { return PQgetisnull(res_.get(), at(col), col); }

  int64_t integer(int col) const override {
    auto v = text(col);
    if (v.empty()) return 0;  // null, as SQLite reads it
    int64_t out = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec == std::errc() && end == v.data() + v.size()) return out;
    if (v == "t") return 1;  // a boolean expression
    if (v == "f") return 0;
    return static_cast<int64_t>(parse_real(col, v));
  }

  double real(int col) const override {
    auto v = text(col);
    if (v.empty()) return 0;
    return parse_real(col, v);
  }

  std::string_view text(int col) const override {
    int row = at(col);
    return {PQgetvalue(res_.get(), row, col), static_cast<size_t>(PQgetlength(res_.get(), row, col))};
  }

  void detach() {
    tx_ = nullptr;
    res_.reset();
  }

 private:
  int at(int col) const {
    if (!tx_) throw Error(ErrorKind::other, "a cursor was used after its transaction ended");
    if (row_ < 0 || row_ >= rows_) throw Error(ErrorKind::other, "a cursor was read while not on a row (call next() first)");
    if (col < 0 || col >= columns_)
      throw Error(ErrorKind::other, "column " + std::to_string(col) + " is out of range (" + std::to_string(columns_) + " columns)");
    return row_;
  }

  double parse_real(int col, std::string_view v) const {
    double out = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || end != v.data() + v.size())
      throw Error(ErrorKind::other, "PostgreSQL: column " + std::to_string(col) + " is not a number: '" + std::string(v) + "'");
    return out;
  }

  PgTx* tx_;
  Result res_;
  int rows_;
  int columns_;
  int row_ = -1;
};

class PgTx final : public Tx {
 public:
  // BEGIN waits for the first statement, which it goes with (see
  // Connection::run_after_begin).
  PgTx(ConnectionPool& pool, bool write) : pool_(pool), write_(write) {
    conn_ = pool_.acquire();
    try {
      conn_->settle();
      conn_->ensure_alive();
    } catch (...) {
      finish();
      throw;
    }
  }
  ~PgTx() override { finish(); }

  Rows query(std::string_view sql, const Params& params) override {
    auto res = run(sql, params);
    auto rows = std::make_unique<PgRows>(this, std::move(res));
    cursors_.push_back(rows.get());
    return Rows(std::move(rows));
  }

  std::vector<Rows> query_all(const std::vector<Query>& queries) override {
    check_usable();
    auto results = started([&](const char* begin) { return conn_->run_pipeline(begin, queries); });
    std::vector<Rows> out;
    for (size_t i = 0; i < results.size(); ++i) {
      if (!succeeded(results[i].get())) {
        failed_ = true;
        fail(conn_->get(), results[i].get(), "running", queries[i].sql);
      }
      auto rows = std::make_unique<PgRows>(this, std::move(results[i]));
      cursors_.push_back(rows.get());
      out.emplace_back(std::move(rows));
    }
    return out;
  }

  Rows lookup(std::string_view sql, const Params& params) override {
    if (begun_) return query(sql, params);
    check_usable();
    Result res = conn_->run(sql, params);
    if (!succeeded(res.get()) && PQstatus(conn_->get()) != CONNECTION_OK) {
      // An idle connection the server closed shows only once used.
      conn_->ensure_alive();
      res = conn_->run(sql, params);
    }
    if (!succeeded(res.get())) fail(conn_->get(), res.get(), "running", sql);
    auto rows = std::make_unique<PgRows>(this, std::move(res));
    cursors_.push_back(rows.get());
    return Rows(std::move(rows));
  }

  int64_t exec(std::string_view sql, const Params& params) override {
    auto res = run(sql, params);
    // The server counts the rows a SELECT returned; SQLite, like the contract, only changed ones.
    if (std::strncmp(PQcmdStatus(res.get()), "SELECT", 6) == 0) return 0;
    const char* count = PQcmdTuples(res.get());
    int64_t n = 0;
    std::from_chars(count, count + std::strlen(count), n);
    return n;
  }

  void exec_script(std::string_view sql) override {
    check_usable();
    if (!write_) throw Error(ErrorKind::other, "PostgreSQL: exec_script needs a write transaction");
    begin_alone();
    std::string text(sql);
    // Without parameters PQexec runs the statements one after another, all
    // inside this transaction.
    Result res(PQexec(conn_->get(), text.c_str()));
    if (!succeeded(res.get())) {
      failed_ = true;
      fail(conn_->get(), res.get(), "running script", sql);
    }
  }

  void commit() override {
    check_usable();
    release_cursors();
    if (!begun_) {  // nothing ran, so there is nothing to commit
      finish();
      return;
    }
    if (!write_) {
      conn_->send_commit();
      finish();
      return;
    }
    Result res(PQexec(conn_->get(), "COMMIT"));
    if (!succeeded(res.get())) fail(conn_->get(), res.get(), "committing");
    // The server answers ROLLBACK to a COMMIT of a transaction it had aborted.
    if (std::strcmp(PQcmdStatus(res.get()), "COMMIT") != 0)
      throw Error(ErrorKind::other, "PostgreSQL: the transaction was rolled back instead of committed");
    finish();
  }

  Dialect dialect() const override { return Dialect::postgres; }
  bool writable() const override { return write_; }

  void forget(PgRows* rows) { std::erase(cursors_, rows); }

 private:
  // A reader gets one snapshot for all its statements; writers run at READ
  // COMMITTED and lock what they must (audit_head FOR UPDATE).
  const char* begin_sql() const { return write_ ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"; }

  void begin_alone() {
    if (begun_) return;
    Result res(PQexec(conn_->get(), begin_sql()));
    if (!succeeded(res.get())) fail(conn_->get(), res.get(), "running", begin_sql());
    begun_ = true;
  }

  void check_usable() const {
    if (!conn_) throw Error(ErrorKind::other, "the transaction has already ended");
    // The server refuses everything but ROLLBACK after an error; say why.
    if (failed_)
      throw Error(ErrorKind::other,
                  "PostgreSQL: the transaction was aborted by an earlier error; it can only be rolled back");
  }

  // Runs `send(begin)`: with BEGIN's text to send first while the transaction
  // has not begun, null after.
  template <class Send>
  std::invoke_result_t<Send&, const char*> started(Send&& send) {
    if (begun_) return send(nullptr);
    try {
      auto out = send(begin_sql());
      begun_ = true;
      return out;
    } catch (const Error&) {
      // An idle connection the server closed (restart, idle timeout) only
      // shows as broken once used; nothing ran, so reconnect and try again.
      if (PQstatus(conn_->get()) == CONNECTION_OK) {
        failed_ = true;
        throw;
      }
      conn_->ensure_alive();
      auto out = send(begin_sql());
      begun_ = true;
      return out;
    }
  }

  Result run(std::string_view sql, const Params& params) {
    check_usable();
    Result res = started([&](const char* begin) {
      return begin ? conn_->run_after_begin(begin, sql, params) : conn_->run(sql, params);
    });
    if (!succeeded(res.get())) {
      failed_ = true;
      fail(conn_->get(), res.get(), "running", sql);
    }
    return res;
  }

  void release_cursors() {
    for (auto* rows : cursors_) rows->detach();
    cursors_.clear();
  }

  // Rolls back whatever was not committed and returns the connection.
  void finish() {
    release_cursors();
    if (!conn_) return;
    PGconn* c = conn_->get();
    if (!conn_->commit_pending()) {
      if (PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) != PQTRANS_IDLE) Result(PQexec(c, "ROLLBACK"));
      // A connection that is broken or still inside a transaction is dropped.
      if (PQstatus(c) != CONNECTION_OK || PQtransactionStatus(c) != PQTRANS_IDLE) conn_.reset();
    } else if (PQstatus(c) != CONNECTION_OK) {
      conn_.reset();
    }
    pool_.give_back(std::move(conn_));
  }

  ConnectionPool& pool_;
  bool write_;
  bool begun_ = false;
  bool failed_ = false;
  std::unique_ptr<Connection> conn_;
  std::vector<PgRows*> cursors_;
};

PgRows::~PgRows() {
  if (tx_) tx_->forget(this);
}

class PgDatabase final : public Database {
 public:
  PgDatabase(const std::string& url, int pool_size)
      : description_(describe_url(url)),
        pool_(pool_size, [url, d = description_] { return std::make_unique<Connection>(url, d); }) {
    // Fail now, not at the first request, when the server cannot be reached.
    pool_.give_back(pool_.acquire());
  }

  std::unique_ptr<Tx> read() override { return std::make_unique<PgTx>(pool_, false); }
  std::unique_ptr<Tx> write() override { return std::make_unique<PgTx>(pool_, true); }
  Dialect dialect() const override { return Dialect::postgres; }
  std::string describe() const override { return description_; }

  void refresh_statistics() override {
    auto conn = pool_.acquire();
    try {
      conn->settle();
      conn->ensure_alive();
      conn->run_simple("VACUUM ANALYZE");  // not inside a transaction, which VACUUM refuses
    } catch (...) {
      pool_.give_back(nullptr);
      throw;
    }
    pool_.give_back(std::move(conn));
  }

  void backup(const std::string&) override {
    throw Error(ErrorKind::other, "backup of a PostgreSQL database: use pg_dump (" + description_ + ")");
  }

 private:
  std::string description_;
  ConnectionPool pool_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& url, int pool_size) {
  return std::make_unique<PgDatabase>(url, pool_size);
}

}  // namespace varde::store
