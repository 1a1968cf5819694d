// The tamper-evident audit trail.
//
// Every write appends an AuditEvent in the same transaction as the change it
// records. Events form a hash chain: hash = SHA-256(prev_hash || canonical
// JSON of the event's other fields), hex-encoded. The chain head is taken under
// the write lock of the transaction (SQLite: the database write lock held by a
// write Tx; PostgreSQL: the one-row table audit_head read FOR UPDATE), so the
// chain stays a single chain with many writers and several servers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace varde::audit {

struct Event {
  int64_t seq = 0;                    // assigned by append()
  std::string at;                     // UTC, "2026-11-23T18:47:40.123Z"; set by append() when empty
  std::optional<int64_t> actor_id;    // the user, or none for the system/CLI
  std::string actor;                  // username, "system" or "cli:<os user>"
  std::string action;                 // e.g. "org.create", "session.login"
  std::string entity;                 // e.g. "org", "user", "grant"
  std::string entity_id;              // the object's id as text
  std::optional<int64_t> org_id;      // the organisation node it belongs to
  std::optional<std::string> org_path;  // that node's tree path, kept so a deleted node's events stay findable
  std::string before;                 // JSON text of the fields before, or "null"
  std::string after;                  // JSON text of the fields after, or "null"
  std::string prev_hash;              // set by append()
  std::string hash;                   // set by append()
};

// Who made a change: a user, or a named system actor ("system", "cli").
struct Actor {
  std::optional<int64_t> id;
  std::string name;
};

// Appends an event for a change by `actor` (the common case of append()).
void record(store::Tx& tx, const Actor& actor, const std::string& action, const std::string& entity,
            const std::string& entity_id, std::optional<int64_t> org_id, std::string before_json,
            std::string after_json);

// Appends the event to the chain inside `tx` (a write Tx) and returns it with
// seq, at, prev_hash and hash filled in.
Event append(store::Tx& tx, Event event);

// The canonical text that is hashed for an event (without prev_hash).
std::string canonical_json(const Event& e);

// hex(SHA-256(prev_hash || canonical_json(e))).
std::string chain_hash(const std::string& prev_hash, const Event& e);

struct VerifyResult {
  bool ok = true;
  int64_t events_checked = 0;
  std::optional<int64_t> first_bad_seq;  // the first event that was changed, removed or moved
  std::string reason;                    // one line, for a person
};

// Recomputes the chain from the first event and compares it with the stored
// hashes and the chain head. Reads in one snapshot.
VerifyResult verify(store::Database& db);

struct Query {
  std::optional<std::string> entity;
  std::optional<std::string> entity_id;
  std::optional<int64_t> actor_id;
  std::optional<std::string> from;   // inclusive, ISO instant
  std::optional<std::string> to;     // exclusive, ISO instant
  std::vector<std::string> org_path_prefixes;  // limit to these subtrees; empty: no limit (caller's choice)
  bool include_orgless = false;      // also events without an organisation (admins)
  int64_t limit = 50;
  int64_t offset = 0;
};

struct Page {
  std::vector<Event> items;
  int64_t total = 0;
};

// Events matching the query, newest first.
Page list(store::Tx& tx, const Query& q);

}  // namespace varde::audit
