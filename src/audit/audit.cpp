#include "audit/audit.hpp"

#include <algorithm>

#include "auth/crypto.hpp"
#include "core/json_writer.hpp"
#include "core/time.hpp"
#include "store/sql.hpp"

namespace varde::audit {

std::string canonical_json(const Event& e) {
  core::JsonWriter w;
  w.begin_object();
  w.field("seq", e.seq).field("at", e.at);
  w.key("actor_id").value(e.actor_id);
  w.field("actor", e.actor).field("action", e.action).field("entity", e.entity).field("entity_id", e.entity_id);
  w.key("org_id").value(e.org_id);
  w.key("org_path").value(e.org_path);
  // before/after are hashed as the exact text stored, so no re-encoding can
  // change a hash.
  w.field("before", e.before).field("after", e.after);
  w.end_object();
  return w.take();
}

std::string chain_hash(const std::string& prev_hash, const Event& e) {
  return auth::sha256_hex(prev_hash + canonical_json(e));
}

Event append(store::Tx& tx, Event e) {
  // The head row is the chain's lock: SQLite's write Tx already holds the
  // database lock; PostgreSQL needs the row lock so two servers never build
  // on the same head.
  const char* head_sql = tx.dialect() == store::Dialect::postgres
                             ? "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE"
                             : "SELECT seq, hash FROM audit_head WHERE id = 1";
  auto head = tx.query(head_sql);
  if (!head.next()) throw store::Error(store::ErrorKind::other, "audit_head row is missing");
  e.seq = head.integer(0) + 1;
  e.prev_hash = head.str(1);
  if (e.at.empty()) e.at = core::now_iso();
  if (e.org_id && !e.org_path) e.org_path = tx.scalar_text("SELECT path FROM org WHERE id = ?", {*e.org_id});
  if (e.before.empty()) e.before = "null";
  if (e.after.empty()) e.after = "null";
  e.hash = chain_hash(e.prev_hash, e);
  tx.exec(
      "INSERT INTO audit_event (seq, at, actor_id, actor, action, entity, entity_id, org_id, org_path, before_json, "
      "after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {e.seq, e.at, e.actor_id, e.actor, e.action, e.entity, e.entity_id, e.org_id, e.org_path, e.before, e.after,
       e.prev_hash, e.hash});
  tx.exec("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", {e.seq, e.hash});
  return e;
}

void record(store::Tx& tx, const Actor& actor, const std::string& action, const std::string& entity,
            const std::string& entity_id, std::optional<int64_t> org_id, std::string before_json,
            std::string after_json) {
  Event e;
  e.actor_id = actor.id;
  e.actor = actor.name;
  e.action = action;
  e.entity = entity;
  e.entity_id = entity_id;
  e.org_id = org_id;
  e.before = std::move(before_json);
  e.after = std::move(after_json);
  append(tx, std::move(e));
}

namespace {

const char* kEventColumns =
    "e.seq, e.at, e.actor_id, e.actor, e.action, e.entity, e.entity_id, e.org_id, e.org_path, e.before_json, "
    "e.after_json, e.prev_hash, e.hash";

Event read_event(const store::Rows& r) {
  Event e;
  e.seq = r.integer(0);
  e.at = r.str(1);
  e.actor_id = r.opt_integer(2);
  e.actor = r.str(3);
  e.action = r.str(4);
  e.entity = r.str(5);
  e.entity_id = r.str(6);
  e.org_id = r.opt_integer(7);
  e.org_path = r.opt_str(8);
  e.before = r.str(9);
  e.after = r.str(10);
  e.prev_hash = r.str(11);
  e.hash = r.str(12);
  return e;
}

}  // namespace

VerifyResult verify(store::Database& db) {
  VerifyResult result;
  auto tx = db.read();
  auto head = tx->query("SELECT seq, hash FROM audit_head WHERE id = 1");
  if (!head.next()) return {false, 0, 0, "the chain head (audit_head) is missing"};
  const int64_t head_seq = head.integer(0);
  const std::string head_hash = head.str(1);

  std::string prev = "0000000000000000000000000000000000000000000000000000000000000000";
  int64_t expected_seq = 1;
  auto rows = tx->query(std::string("SELECT ") + kEventColumns + " FROM audit_event e ORDER BY e.seq");
  while (rows.next()) {
    Event e = read_event(rows);
    auto fail = [&](int64_t seq, std::string why) {
      result.ok = false;
      result.first_bad_seq = seq;
      result.reason = std::move(why);
    };
    if (e.seq != expected_seq) {
      if (e.seq > expected_seq)
        fail(expected_seq, "event " + std::to_string(expected_seq) + " has been removed");
      else
        fail(e.seq, "event " + std::to_string(e.seq) + " is out of order");
      return result;
    }
    if (e.prev_hash != prev) {
      fail(e.seq, "event " + std::to_string(e.seq) + " does not follow the event before it");
      return result;
    }
    if (chain_hash(prev, e) != e.hash) {
      fail(e.seq, "event " + std::to_string(e.seq) + " has been changed");
      return result;
    }
    prev = e.hash;
    ++expected_seq;
    ++result.events_checked;
  }
  if (head_seq != expected_seq - 1 || head_hash != prev) {
    result.ok = false;
    result.first_bad_seq = expected_seq - 1 < head_seq ? expected_seq : head_seq;
    result.reason = "the chain ends at event " + std::to_string(expected_seq - 1) + " but its head says " +
                    std::to_string(head_seq) + ": events at the end have been removed or the head changed";
  }
  return result;
}

namespace {

// The org_path column as the dialect compares it in byte order (see
// store::under_any).
std::string path_col(store::Dialect d, const std::string& column) {
  return d == store::Dialect::postgres ? "(" + column + " COLLATE \"C\")" : column;
}

// Whether any event lies outside the prefixes' subtrees (and, unless
// `orgless_visible`, whether any event has no node). Asked gap by gap between
// the prefixes' ranges in path order: the first path at or after the gap's
// start, which both engines take from the org_path index in one probe
// whatever the parameters (a plain "path < ? OR path >= ?" LIMIT 1 was one
// on SQLite, but PostgreSQL's generic plan for a prepared statement, which
// cannot know the range is empty, scanned the whole table). The questions
// are statements for a Tx::query_all, answered by outside_in().
struct OutsideQuestions {
  std::vector<std::string> outer;  // the prefixes not inside an earlier one, in order
  std::vector<store::Query> reads;  // a first path per gap (outer.size() + 1), then the nodeless check
};

OutsideQuestions outside_questions(store::Dialect dialect, std::vector<std::string> prefixes, bool orgless_visible) {
  OutsideQuestions out;
  std::sort(prefixes.begin(), prefixes.end());
  for (const auto& p : prefixes)
    if (out.outer.empty() || p.compare(0, out.outer.back().size(), out.outer.back()) != 0) out.outer.push_back(p);
  const auto col = path_col(dialect, "e.org_path");
  const std::string first_from = "SELECT MIN(" + col + ") FROM audit_event e WHERE " + col + " >= ?";
  std::string gap_start;  // "": from the first path on
  for (const auto& p : out.outer) {
    out.reads.push_back({first_from, {gap_start}});
    gap_start = store::prefix_end(p);
  }
  out.reads.push_back({first_from, {gap_start}});
  out.reads.push_back({orgless_visible ? "SELECT 1 FROM audit_event e WHERE e.org_path IS NULL AND e.org_id IS NOT NULL LIMIT 1"
                                       : "SELECT 1 FROM audit_event e WHERE e.org_path IS NULL LIMIT 1",
                       {}});
  return out;
}

// The answer from the rows of the questions, which start at `answers[0]`.
bool outside_in(const OutsideQuestions& questions, store::Rows* answers) {
  const size_t gaps = questions.outer.size();
  for (size_t i = 0; i < gaps; ++i) {
    auto first = answers[i].next() ? answers[i].opt_str(0) : std::nullopt;
    if (first && *first < questions.outer[i]) return true;
  }
  if (answers[gaps].next() && !answers[gaps].is_null(0)) return true;
  return answers[gaps + 1].next();
}

}  // namespace

Page list(store::Tx& tx, const Query& q) {
  const bool sqlite = tx.dialect() == store::Dialect::sqlite;
  const bool filtered = q.entity || q.entity_id || q.actor_id || q.from || q.to;
  // A caller whose subtrees hold every event (an administrator at the root)
  // needs no scope condition at all: then the page is the newest events by
  // seq and the total, without other filters, is the chain head's seq (seq
  // runs 1, 2, 3 … without gaps, which verify() checks). Counting 800,000
  // rows for the total was what made the page take over a second.
  // The scope's questions and the head in one round trip on PostgreSQL.
  const auto questions = q.org_path_prefixes.empty() ? OutsideQuestions{}
                                                     : outside_questions(tx.dialect(), q.org_path_prefixes, q.include_orgless);
  auto first_reads = questions.reads;
  first_reads.push_back({"SELECT seq FROM audit_head WHERE id = 1", {}});
  auto answers = tx.query_all(first_reads);
  const bool scoped = !q.org_path_prefixes.empty() && outside_in(questions, answers.data());
  const int64_t head = answers.back().first_integer().value_or(0);

  std::string where = " WHERE 1 = 1";
  store::Params params;
  if (q.entity) { where += " AND e.entity = ?"; params.emplace_back(*q.entity); }
  if (q.entity_id) { where += " AND e.entity_id = ?"; params.emplace_back(*q.entity_id); }
  if (q.actor_id) { where += " AND e.actor_id = ?"; params.emplace_back(*q.actor_id); }
  if (q.from) { where += " AND e.at >= ?"; params.emplace_back(*q.from); }
  if (q.to) { where += " AND e.at < ?"; params.emplace_back(*q.to); }
  const std::string from = " FROM audit_event e";
  Page page;
  // `column` is the org_path column as the scope condition names it: with
  // a unary plus SQLite does not use its index for it (see below).
  auto scope_sql = [&](const std::string& column, store::Params& ps) {
    std::string sql = " AND (" + store::under_any(tx.dialect(), column, q.org_path_prefixes, ps);
    if (q.include_orgless) sql += " OR (" + column + " IS NULL AND e.org_id IS NULL)";
    return sql + ")";
  };
  if (scoped) {
    auto count_params = params;
    const std::string count = "SELECT COUNT(*)" + from + where + scope_sql("e.org_path", count_params);
    page.total = tx.scalar_integer(count, count_params).value_or(0);
  } else {
    page.total = filtered ? tx.scalar_integer("SELECT COUNT(*)" + from + where, params).value_or(0) : head;
  }
  // SQLite has no statistics to choose between walking the trail newest
  // first and checking each event's path, and collecting the subtree's
  // events from the org_path index and sorting them; it picks the index,
  // which reads every event of a large subtree whole. The count just taken
  // decides instead: when the scope holds at least one event in 20, walk by
  // seq (at most ~20 events read per event shown); else take the page's
  // seqs from the index (sorting only integers) and read just those rows.
  // PostgreSQL chooses well from its statistics.
  std::string page_where = where;
  if (scoped) {
    const bool walk = sqlite && !filtered && page.total * 20 >= head;
    page_where += scope_sql(walk ? "+e.org_path" : "e.org_path", params);
  }
  params.emplace_back(q.limit);
  params.emplace_back(q.offset);
  auto rows = tx.query(std::string("SELECT ") + kEventColumns + from + " WHERE e.seq IN (SELECT e.seq" + from +
                           page_where + " ORDER BY e.seq DESC LIMIT ? OFFSET ?) ORDER BY e.seq DESC",
                       params);
  while (rows.next()) page.items.push_back(read_event(rows));
  return page;
}

}  // namespace varde::audit
