#include "app/migrations.hpp"

namespace varde::app {

// Migrations are append-only: a released migration is never edited, a change
// to the schema is a new entry at the end.
const std::vector<store::Migration>& migrations() {
  static const std::vector<store::Migration> all = {
      {1, "foundation: organisation tree, users, role grants, sessions, audit trail", R"SQL(
CREATE TABLE org (
  id {{pk}},
  parent_id {{big}} REFERENCES org(id),
  path TEXT NOT NULL UNIQUE,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  search_text TEXT NOT NULL DEFAULT '',
  name_key TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX org_parent ON org(parent_id);

CREATE TABLE app_user (
  id {{pk}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  email TEXT,
  password_hash TEXT NOT NULL,
  home_org_id {{big}} NOT NULL REFERENCES org(id),
  disabled INTEGER NOT NULL DEFAULT 0,
  locale TEXT NOT NULL DEFAULT 'nb',
  search_text TEXT NOT NULL DEFAULT '',
  name_key TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX app_user_home_org ON app_user(home_org_id);

CREATE TABLE role_grant (
  id {{pk}},
  user_id {{big}} NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  org_id {{big}} NOT NULL REFERENCES org(id),
  role TEXT NOT NULL,
  leader_level INTEGER,
  created_at TEXT NOT NULL,
  UNIQUE (user_id, org_id, role)
);
CREATE INDEX role_grant_org ON role_grant(org_id);

CREATE TABLE session (
  token_hash TEXT PRIMARY KEY,
  user_id {{big}} NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  remote_address TEXT
);
CREATE INDEX session_by_user ON session(user_id);

CREATE TABLE login_attempt (
  bucket TEXT PRIMARY KEY,
  window_start TEXT NOT NULL,
  failures INTEGER NOT NULL
);

CREATE TABLE audit_event (
  seq {{big}} PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id {{big}},
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  org_id {{big}},
  org_path TEXT,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_event_entity ON audit_event(entity, entity_id);
CREATE INDEX audit_event_actor ON audit_event(actor_id);
CREATE INDEX audit_event_at ON audit_event(at);
CREATE INDEX audit_event_org_path ON audit_event(org_path);

CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq {{big}} NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
)SQL", "", ""},
  };
  return all;
}

}  // namespace varde::app
