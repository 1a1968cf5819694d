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
      {2, "commissioning documents, requirements, reporting periods and report entries", R"SQL(
CREATE TABLE commission_document (
  id {{pk}},
  region_id {{big}} NOT NULL REFERENCES org(id),
  year INTEGER NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft',
  revision INTEGER NOT NULL DEFAULT 1,
  published_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (region_id, year)
);

CREATE TABLE commission_revision (
  document_id {{big}} NOT NULL REFERENCES commission_document(id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  content TEXT NOT NULL,
  PRIMARY KEY (document_id, revision)
);

CREATE TABLE commission_chapter (
  id {{pk}},
  document_id {{big}} NOT NULL REFERENCES commission_document(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  general_text TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL,
  UNIQUE (document_id, code)
);

CREATE TABLE requirement (
  id {{pk}},
  document_id {{big}} NOT NULL REFERENCES commission_document(id) ON DELETE CASCADE,
  chapter_id {{big}} NOT NULL REFERENCES commission_chapter(id) ON DELETE CASCADE,
  number TEXT,
  text TEXT NOT NULL,
  applies_to_all INTEGER NOT NULL DEFAULT 1,
  applies_to_text TEXT NOT NULL DEFAULT 'Alle',
  reporting_points TEXT NOT NULL DEFAULT '',
  carried_over INTEGER NOT NULL DEFAULT 0,
  needs_number INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX requirement_document ON requirement(document_id, position);

CREATE TABLE requirement_target (
  requirement_id {{big}} NOT NULL REFERENCES requirement(id) ON DELETE CASCADE,
  org_id {{big}} NOT NULL REFERENCES org(id),
  PRIMARY KEY (requirement_id, org_id)
);
CREATE INDEX requirement_target_org ON requirement_target(org_id);

CREATE TABLE requirement_deadline (
  id {{pk}},
  requirement_id {{big}} NOT NULL REFERENCES requirement(id) ON DELETE CASCADE,
  phrase TEXT NOT NULL,
  due_date TEXT NOT NULL,
  yearly INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX requirement_deadline_requirement ON requirement_deadline(requirement_id);

CREATE TABLE reporting_period (
  id {{pk}},
  region_id {{big}} NOT NULL REFERENCES org(id),
  year INTEGER NOT NULL,
  kind TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  closed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (region_id, year, kind)
);

CREATE TABLE report_entry (
  id {{pk}},
  requirement_id {{big}} NOT NULL REFERENCES requirement(id) ON DELETE CASCADE,
  org_id {{big}} NOT NULL REFERENCES org(id),
  period_id {{big}} NOT NULL REFERENCES reporting_period(id),
  achievement TEXT,
  text TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'draft',
  author_id {{big}},
  author TEXT,
  updated_at TEXT NOT NULL,
  submitted_at TEXT,
  approved_by TEXT,
  approved_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (requirement_id, org_id, period_id)
);
CREATE INDEX report_entry_period_org ON report_entry(period_id, org_id);

CREATE TABLE report_snapshot (
  period_id {{big}} NOT NULL REFERENCES reporting_period(id),
  org_id {{big}} NOT NULL REFERENCES org(id),
  taken_at TEXT NOT NULL,
  content TEXT NOT NULL,
  PRIMARY KEY (period_id, org_id)
);
)SQL", "", ""},
      {3, "calendar feed tokens", R"SQL(
CREATE TABLE feed_token (
  user_id {{big}} PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
)SQL", "", ""},
      // Issue 3: each region's achievement scale, as a JSON array of levels
      // (code, label_nb, label_en, colour); no row means the default scale.
      {4, "achievement scale per region", R"SQL(
CREATE TABLE achievement_scale (
  region_id {{big}} PRIMARY KEY REFERENCES org(id) ON DELETE CASCADE,
  levels TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
)SQL", "", ""},
      {5, "risk management: matrices (versioned per region), assessments, risks, their requirements and history", R"SQL(
CREATE TABLE risk_matrix (
  id {{pk}},
  region_id {{big}} NOT NULL REFERENCES org(id),
  matrix_key TEXT NOT NULL,
  revision INTEGER NOT NULL,
  name_nb TEXT NOT NULL,
  name_en TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  definition TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (region_id, matrix_key, revision)
);

CREATE TABLE risk_assessment (
  id {{pk}},
  org_id {{big}} NOT NULL REFERENCES org(id),
  matrix_id {{big}} NOT NULL REFERENCES risk_matrix(id),
  title TEXT NOT NULL,
  scope TEXT NOT NULL DEFAULT '',
  subject_kind TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  method TEXT NOT NULL DEFAULT '',
  participants TEXT NOT NULL DEFAULT '',
  assessed_on TEXT,
  status TEXT NOT NULL DEFAULT 'planned',
  next_review_on TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX risk_assessment_org ON risk_assessment(org_id);

CREATE TABLE risk (
  id {{pk}},
  assessment_id {{big}} NOT NULL REFERENCES risk_assessment(id) ON DELETE CASCADE,
  org_id {{big}} NOT NULL REFERENCES org(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  threat TEXT NOT NULL DEFAULT '',
  vulnerability TEXT NOT NULL DEFAULT '',
  assets TEXT NOT NULL DEFAULT '',
  existing_controls TEXT NOT NULL DEFAULT '',
  framework_controls TEXT NOT NULL DEFAULT '[]',
  likelihood INTEGER,
  consequence INTEGER,
  consequences TEXT NOT NULL DEFAULT '{}',
  inherent_level INTEGER,
  treatment TEXT,
  treatment_plan TEXT NOT NULL DEFAULT '',
  residual_likelihood INTEGER,
  residual_consequence INTEGER,
  residual_level INTEGER,
  owner_id {{big}} REFERENCES app_user(id),
  review_on TEXT,
  accepted_by_id {{big}},
  accepted_by TEXT,
  accepted_level INTEGER,
  accepted_at TEXT,
  accepted_until TEXT,
  acceptance_rationale TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX risk_assessment_position ON risk(assessment_id);
CREATE INDEX risk_org ON risk(org_id);
CREATE INDEX risk_owner ON risk(owner_id);

CREATE TABLE risk_requirement (
  risk_id {{big}} NOT NULL REFERENCES risk(id) ON DELETE CASCADE,
  requirement_id {{big}} NOT NULL REFERENCES requirement(id) ON DELETE CASCADE,
  PRIMARY KEY (risk_id, requirement_id)
);
CREATE INDEX risk_requirement_requirement ON risk_requirement(requirement_id);

CREATE TABLE risk_history (
  id {{pk}},
  risk_id {{big}} NOT NULL REFERENCES risk(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  before TEXT NOT NULL,
  after TEXT NOT NULL
);
CREATE INDEX risk_history_risk ON risk_history(risk_id, id);
)SQL", "", ""},
      // ---- 6: action plans (src/actions) ----
      {6, "action plans: plans, areas, measures, progress updates, links, the status scale", R"SQL(
CREATE TABLE action_status (
  code TEXT PRIMARY KEY,
  label_nb TEXT NOT NULL,
  label_en TEXT NOT NULL,
  colour TEXT NOT NULL,
  kind TEXT NOT NULL,
  position INTEGER NOT NULL
);
INSERT INTO action_status (code, label_nb, label_en, colour, kind, position) VALUES
  ('not_started', 'Ikke startet', 'Not started', '#616161', 'not_started', 1),
  ('in_progress', 'Pågår', 'In progress', '#1565c0', 'active', 2),
  ('done', 'Fullført', 'Completed', '#2e7d32', 'closed', 3),
  ('continuous', 'Kontinuerlig', 'Continuous', '#6a1b9a', 'continuous', 4),
  ('postponed', 'Utsatt', 'Postponed', '#a84300', 'paused', 5),
  ('cancelled', 'Avbrutt', 'Cancelled', '#b71c1c', 'closed', 6);

CREATE TABLE action_plan (
  id {{pk}},
  org_id {{big}} NOT NULL REFERENCES org(id),
  title TEXT NOT NULL,
  period_text TEXT NOT NULL DEFAULT '',
  intro TEXT NOT NULL DEFAULT '',
  revision INTEGER NOT NULL DEFAULT 1,
  previous_id {{big}} REFERENCES action_plan(id),
  superseded INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX action_plan_org ON action_plan(org_id);

CREATE TABLE action_area (
  id {{pk}},
  plan_id {{big}} NOT NULL REFERENCES action_plan(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  intro TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL,
  UNIQUE (plan_id, code)
);

CREATE TABLE measure (
  id {{pk}},
  plan_id {{big}} NOT NULL REFERENCES action_plan(id) ON DELETE CASCADE,
  area_id {{big}} NOT NULL REFERENCES action_area(id) ON DELETE CASCADE,
  origin_id {{big}},
  carried_from_id {{big}} REFERENCES measure(id),
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL REFERENCES action_status(code),
  status_text TEXT NOT NULL DEFAULT '',
  period_text TEXT NOT NULL DEFAULT '',
  period_kind TEXT NOT NULL DEFAULT 'unknown',
  period_from INTEGER,
  period_to INTEGER,
  period_quarter INTEGER,
  period_note TEXT NOT NULL DEFAULT '',
  responsible_text TEXT NOT NULL DEFAULT '',
  responsible_person TEXT NOT NULL DEFAULT '',
  due_date TEXT,
  effective_due TEXT,
  last_update_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX measure_plan ON measure(plan_id, position);
CREATE INDEX measure_origin ON measure(origin_id);

CREATE TABLE measure_responsible (
  measure_id {{big}} NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  org_id {{big}} REFERENCES org(id),
  each_trust INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (measure_id, position)
);
CREATE INDEX measure_responsible_org ON measure_responsible(org_id);

CREATE TABLE measure_update (
  id {{pk}},
  measure_id {{big}} NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  author_id {{big}},
  author TEXT NOT NULL,
  status_from TEXT,
  status_to TEXT,
  comment TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX measure_update_measure ON measure_update(measure_id, at);

CREATE TABLE measure_link (
  measure_id {{big}} NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  target_kind TEXT NOT NULL,
  target_id {{big}} NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (measure_id, target_kind, target_id)
);
)SQL", "", ""},
      // --- governing documents (styrende dokumenter), src/documents/ ---
      {7, "governing documents: register, versions with sections, document structure, clearance on grants", R"SQL(
CREATE TABLE doc_structure_node (
  id {{pk}},
  org_id {{big}} NOT NULL REFERENCES org(id),
  parent_id {{big}} REFERENCES doc_structure_node(id),
  title TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX doc_structure_node_org ON doc_structure_node(org_id);

CREATE TABLE governing_document (
  id {{pk}},
  org_id {{big}} NOT NULL REFERENCES org(id),
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  owner_id {{big}} REFERENCES app_user(id),
  owner_role TEXT NOT NULL DEFAULT '',
  approver TEXT NOT NULL DEFAULT '',
  classification TEXT NOT NULL DEFAULT 'internal',
  exemption TEXT,
  review_interval_months INTEGER NOT NULL DEFAULT 12,
  next_review_on TEXT,
  structure_id {{big}} REFERENCES doc_structure_node(id),
  search_text TEXT NOT NULL DEFAULT '',
  current_number INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL DEFAULT 'draft',
  approved_number INTEGER,
  approved_on TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_id, code)
);
CREATE INDEX governing_document_owner ON governing_document(owner_id);

CREATE TABLE governing_document_version (
  id {{pk}},
  document_id {{big}} NOT NULL REFERENCES governing_document(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft',
  change_note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  submitted_at TEXT,
  submitted_by TEXT,
  approved_at TEXT,
  approved_by TEXT,
  approved_by_id {{big}},
  withdrawn_at TEXT,
  withdrawn_by TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (document_id, number)
);

CREATE TABLE governing_document_section (
  id {{pk}},
  version_id {{big}} NOT NULL REFERENCES governing_document_version(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  heading TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT ''
);
CREATE INDEX governing_document_section_version ON governing_document_section(version_id, position);

CREATE TABLE grant_clearance (
  grant_id {{big}} PRIMARY KEY REFERENCES role_grant(id) ON DELETE CASCADE,
  level TEXT NOT NULL,
  set_at TEXT NOT NULL,
  set_by TEXT NOT NULL
);
)SQL", "", ""},
      // --- risk ↔ measure links seen from the risk (src/risk/measure_routes.cpp) ---
      {9, "indexes for a risk's measures: links by target, a measure's next revision", R"SQL(
CREATE INDEX measure_link_target ON measure_link(target_kind, target_id);
CREATE INDEX measure_carried_from ON measure(carried_from_id);
)SQL", "", ""},
      // Indexes for the list pages at region and national scale (see
      // docs/performance.md, Findings): the heat map counted from a
      // covering index, assessments by node and update time, measures by
      // plan and status, the few "every trust" responsibles. PostgreSQL
      // also needs the tree paths in byte order for the range predicates of
      // store::under_any, which its database collation need not be.
      {10, "indexes for the list pages: heat map, assessments, measures, tree paths in byte order", "", R"SQL(
CREATE INDEX risk_heat ON risk(org_id, assessment_id, likelihood, consequence, residual_likelihood, residual_consequence);
CREATE INDEX risk_assessment_org_updated ON risk_assessment(org_id, updated_at);
CREATE INDEX measure_plan_status ON measure(plan_id, status);
CREATE INDEX measure_responsible_each_trust ON measure_responsible(measure_id) WHERE each_trust = 1;
)SQL", R"SQL(
CREATE INDEX risk_heat ON risk(org_id, assessment_id, likelihood, consequence, residual_likelihood, residual_consequence);
CREATE INDEX risk_assessment_org_updated ON risk_assessment(org_id, updated_at);
CREATE INDEX measure_plan_status ON measure(plan_id, status);
CREATE INDEX measure_responsible_each_trust ON measure_responsible(measure_id) WHERE each_trust = 1;
CREATE INDEX org_path_c ON org ((path COLLATE "C"));
CREATE INDEX audit_event_org_path_c ON audit_event ((org_path COLLATE "C"));
)SQL"},
      // A risk keeps its assessment's matrix, which never changes (the
      // store sets it once, when the assessment is made), so the heat map
      // counts a node's risks from one covering index instead of reading
      // every risk's assessment (docs/performance.md, Findings).
      // The trusts of a region (the matrix, the region's reports) are found
      // by kind and path range instead of reading every node of the region.
      {11, "risk.matrix_id, in the heat map's covering index; nodes by kind and path", "", R"SQL(
ALTER TABLE risk ADD COLUMN matrix_id INTEGER REFERENCES risk_matrix(id);
UPDATE risk SET matrix_id = (SELECT a.matrix_id FROM risk_assessment a WHERE a.id = risk.assessment_id);
DROP INDEX risk_heat;
CREATE INDEX risk_heat ON risk(org_id, matrix_id, likelihood, consequence, residual_likelihood, residual_consequence);
CREATE INDEX org_kind_path ON org(kind, path);
)SQL", R"SQL(
ALTER TABLE risk ADD COLUMN matrix_id BIGINT REFERENCES risk_matrix(id);
UPDATE risk SET matrix_id = a.matrix_id FROM risk_assessment a WHERE a.id = risk.assessment_id;
DROP INDEX risk_heat;
CREATE INDEX risk_heat ON risk(org_id, matrix_id, likelihood, consequence, residual_likelihood, residual_consequence);
CREATE INDEX org_kind_path_c ON org (kind, (path COLLATE "C"));
)SQL"},
      // A measure list's ids come from the index alone: the visible plan and
      // status, then the area and position it is ordered by. Read from the
      // table, a trust's in-progress measures were some 300 random pages per
      // count and again per page (docs/performance.md). It replaces the
      // (plan_id, status) index of migration 10, which it begins with.
      // On SQLite the heat map also counts the residual cells in index order
      // (src/risk/store.cpp, heat_map); PostgreSQL groups in a hash table.
      {12, "measures listed from one covering index; the heat map's residual cells", "", R"SQL(
DROP INDEX measure_plan_status;
CREATE INDEX measure_list ON measure(plan_id, status, area_id, position);
CREATE INDEX risk_heat_residual ON risk(org_id, matrix_id, residual_likelihood, residual_consequence);
)SQL", R"SQL(
DROP INDEX measure_plan_status;
CREATE INDEX measure_list ON measure(plan_id, status, area_id, position);
)SQL"},
      // The heat map counted: per node, matrix and cell, the risks in the
      // node's whole subtree, kept by the risk store as risks are made and
      // scored (src/risk/heat_count.cpp). A trust's map then sums a few
      // dozen rows instead of counting its 10,000 risks (docs/performance.md,
      // Findings, session 5). Cell 0, 0 of the inherent counts holds the
      // risks not scored yet; a risk without a residual score has no
      // residual count. Filled here from the risks there are, through each
      // node's ancestors. SQLite's index for counting residual cells
      // (migration 12) has no reader left.
      {13, "the heat map's counts kept per subtree and cell", R"SQL(
CREATE TABLE risk_heat_count (
  org_id {{big}} NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  matrix_id {{big}} NOT NULL REFERENCES risk_matrix(id) ON DELETE CASCADE,
  residual INTEGER NOT NULL,
  likelihood INTEGER NOT NULL,
  consequence INTEGER NOT NULL,
  n {{big}} NOT NULL,
  PRIMARY KEY (org_id, matrix_id, residual, likelihood, consequence)
);
WITH RECURSIVE up(node_id, ancestor_id) AS (
  SELECT id, id FROM org
  UNION ALL
  SELECT up.node_id, o.parent_id FROM up JOIN org o ON o.id = up.ancestor_id WHERE o.parent_id IS NOT NULL
), cell(org_id, matrix_id, residual, likelihood, consequence, n) AS (
  SELECT org_id, matrix_id, 0,
         CASE WHEN likelihood IS NULL OR consequence IS NULL THEN 0 ELSE likelihood END,
         CASE WHEN likelihood IS NULL OR consequence IS NULL THEN 0 ELSE consequence END, COUNT(*)
  FROM risk WHERE matrix_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5
  UNION ALL
  SELECT org_id, matrix_id, 1, residual_likelihood, residual_consequence, COUNT(*)
  FROM risk WHERE matrix_id IS NOT NULL AND residual_likelihood IS NOT NULL AND residual_consequence IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5
)
INSERT INTO risk_heat_count (org_id, matrix_id, residual, likelihood, consequence, n)
SELECT up.ancestor_id, cell.matrix_id, cell.residual, cell.likelihood, cell.consequence, SUM(cell.n)
FROM cell JOIN up ON up.node_id = cell.org_id
GROUP BY up.ancestor_id, cell.matrix_id, cell.residual, cell.likelihood, cell.consequence;
DROP INDEX IF EXISTS risk_heat_residual;
)SQL", "", ""},
      // The region's matrix reads every entry's state in a period: from this
      // index alone, not from 500 rows of the table, each with its text.
      {14, "report entries' states in a period from one covering index", R"SQL(
CREATE INDEX report_entry_period_state ON report_entry(period_id, requirement_id, org_id, state, achievement, version, id);
)SQL", "", ""},
      // PostgreSQL's indexes do not hold the row's id, as SQLite's all do, so
      // a page's ids came from the table: a trust's assessments by update
      // time read 1,974 table pages for a page of 50, and its in-progress
      // measures 303 (docs/performance.md, Findings, session 6). With the id
      // in the index both are index-only scans.
      {15, "list pages' ids from the index on PostgreSQL: assessments by update time, measures", "", R"SQL(
-- SQLite's indexes end with the rowid, which is the id.
)SQL", R"SQL(
DROP INDEX risk_assessment_org_updated;
CREATE INDEX risk_assessment_org_updated ON risk_assessment(org_id, updated_at, id);
DROP INDEX measure_list;
CREATE INDEX measure_list ON measure(plan_id, status, area_id, position) INCLUDE (id);
)SQL"},
      // A risk list sorted by level, review date or update time read the sort
      // column from every risk of the subtree: a region's 75,000 wide rows
      // (90-150 ms on SQLite; PostgreSQL read the whole table, 140-210 ms).
      // With the columns in one index the page's ids come from it alone
      // (17-28 ms for a region, 5 ms for a trust; docs/performance.md).
      {16, "risk lists sorted by level, review date or update time from one index", "", R"SQL(
CREATE INDEX risk_list_sort ON risk(org_id, inherent_level, residual_level, review_on, updated_at);
)SQL", R"SQL(
CREATE INDEX risk_list_sort ON risk(org_id) INCLUDE (id, inherent_level, residual_level, review_on, updated_at);
)SQL"},
      // The same for the assessment list sorted by title, status or next
      // review: a region's 15,000 assessments were read whole for the column
      // (85 ms on SQLite). By update time it had its index already.
      {17, "assessment lists sorted by title, status or next review from one index", "", R"SQL(
CREATE INDEX risk_assessment_list_sort ON risk_assessment(org_id, status, next_review_on, title);
)SQL", R"SQL(
CREATE INDEX risk_assessment_list_sort ON risk_assessment(org_id) INCLUDE (id, status, next_review_on, title);
)SQL"},
  };
  return all;
}

}  // namespace varde::app
