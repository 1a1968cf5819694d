// Risk matrices, risk assessments and risks in the store. Every change is
// audited in the caller's transaction and, for a risk's scores, treatment and
// acceptance, written to its history; domain errors are api::Problem.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit.hpp"
#include "core/json_writer.hpp"
#include "risk/model.hpp"
#include "store/database.hpp"

namespace varde::risk {

// One version of a region's matrix. A version never changes: a new
// definition under the same key is the next revision, and assessments keep
// the version they were made with.
struct StoredMatrix {
  int64_t id = 0;
  int64_t region_id = 0;
  int revision = 1;
  std::string source;  // "default", or the file it was imported from
  bool is_default = false;  // the one new assessments in the region get
  std::string created_at;
  std::string created_by;
  Matrix matrix;
};

std::optional<StoredMatrix> find_matrix(store::Tx& tx, int64_t id);
// Every version of the region's matrices, newest revision of each key first.
std::vector<StoredMatrix> list_matrices(store::Tx& tx, int64_t region_id);
// The region's default matrix (nullopt when it has none yet).
std::optional<StoredMatrix> default_matrix_of(store::Tx& tx, int64_t region_id);

// Stores a matrix (400 naming the field when validate() finds a problem) as
// the next revision of its key in the region. `make_default`: new
// assessments in the region use it from now on.
StoredMatrix save_matrix(store::Tx& tx, const audit::Actor& actor, int64_t region_id, const Matrix& m,
                         const std::string& source, bool make_default);

// Gives every region that has no matrix the default 5×5 one (init and the
// demo). Returns how many were created.
int ensure_default_matrices(store::Tx& tx, const audit::Actor& actor);

// The region of a node: itself, or its nearest ancestor of kind region.
std::optional<int64_t> region_of(store::Tx& tx, int64_t org_id);

struct Assessment {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string org_code;
  std::string org_name;
  std::string org_path;
  int64_t matrix_id = 0;
  std::string title;
  std::string scope;
  std::string subject_kind = "system";  // system, change, process, requirement
  std::string subject;
  std::string method;
  std::string participants;
  std::optional<std::string> assessed_on;
  std::string status = "planned";
  std::optional<std::string> next_review_on;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
  int64_t risk_count = 0;
};

struct AssessmentFields {
  std::optional<std::string> title, scope, subject_kind, subject, method, participants, status;
  std::optional<std::optional<std::string>> assessed_on, next_review_on;
};

// Creates an assessment on the region's default matrix (created when the
// region has none). 400 naming the field for a bad status, kind or date.
Assessment create_assessment(store::Tx& tx, const audit::Actor& actor, int64_t org_id, const AssessmentFields& f);
std::optional<Assessment> find_assessment(store::Tx& tx, int64_t id);
Assessment update_assessment(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version,
                             const AssessmentFields& f);

struct AssessmentQuery {
  std::vector<std::string> subtrees;  // required: the caller's read subtrees
  std::optional<int64_t> org_id;      // under this node
  std::optional<std::string> status;
  std::string order_by = "a.updated_at DESC, a.id";
  int64_t limit = 50, offset = 0;
};
std::pair<std::vector<Assessment>, int64_t> list_assessments(store::Tx& tx, const AssessmentQuery& q);

struct Risk {
  int64_t id = 0;
  int64_t assessment_id = 0;
  std::string assessment_title;
  int64_t matrix_id = 0;
  int64_t org_id = 0;
  std::string org_code;
  std::string org_path;
  std::string title, description, threat, vulnerability, assets, existing_controls;
  std::vector<std::string> framework_controls;  // e.g. "NSM 2.1.1", "ISO 27001 A.8.13"
  std::optional<int> likelihood, consequence;
  std::map<std::string, int> consequences;  // per area
  std::optional<int> inherent_level;
  std::optional<std::string> treatment;
  std::string treatment_plan;
  std::optional<int> residual_likelihood, residual_consequence;
  std::optional<int> residual_level;
  std::optional<int64_t> owner_id;
  std::optional<std::string> owner_name;
  std::optional<std::string> review_on;
  std::optional<std::string> accepted_by;
  std::optional<int> accepted_level;
  std::optional<std::string> accepted_at, accepted_until, acceptance_rationale;
  std::vector<int64_t> requirement_ids;
  int64_t version = 1;
  std::string created_at, updated_at;
};

struct RiskFields {
  std::optional<std::string> title, description, threat, vulnerability, assets, existing_controls, treatment_plan;
  std::optional<std::vector<std::string>> framework_controls;
  std::optional<std::optional<int>> likelihood, consequence, residual_likelihood, residual_consequence;
  std::optional<std::map<std::string, int>> consequences;  // replaces them; sets consequence to the worst
  std::optional<std::optional<std::string>> treatment, review_on;
  std::optional<std::optional<int64_t>> owner_id;
  std::optional<std::vector<int64_t>> requirement_ids;
};

// Adds a risk to an assessment. Scores are checked against the
// assessment's matrix (400 naming the field); the owner must be a leader with
// a grant covering the risk's node; requirements must belong to the node's
// region.
Risk create_risk(store::Tx& tx, const audit::Actor& actor, int64_t assessment_id, const RiskFields& f);
std::optional<Risk> find_risk(store::Tx& tx, int64_t id);
// Changes a risk at `expected_version` (412 otherwise). A change of the
// residual score or the treatment withdraws an acceptance: what was accepted
// is no longer what is there.
Risk update_risk(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version, const RiskFields& f);

// The highest leader level `who` holds on a grant covering `org_path`.
std::optional<int> leader_level_at(store::Tx& tx, int64_t user_id, const std::string& org_path);

// Accepts the risk's residual risk: 409 when it has no residual score, 403
// naming the level required when the actor's leader level on the risk's node
// is too low or the cell cannot be accepted without treatment. The expiry
// date must be after today.
Risk accept_risk(store::Tx& tx, const audit::Actor& actor, int64_t id, const std::string& rationale,
                 const std::string& expires_on);

struct RiskQuery {
  std::vector<std::string> subtrees;  // required
  std::optional<int64_t> org_id, assessment_id, owner_id, requirement_id, matrix_id;
  std::optional<int> level;            // residual level, else inherent
  std::optional<std::string> status;   // acceptance: none, accepted, expired
  std::optional<std::string> treatment;
  bool without_owner = false;
  bool needs_attention = false;        // acceptance expired or review overdue
  std::optional<std::pair<int, int>> inherent_cell, residual_cell;  // (likelihood, consequence)
  std::string today;                   // YYYY-MM-DD
  std::string order_by = "r.id";
  int64_t limit = 50, offset = 0;
};
std::pair<std::vector<Risk>, int64_t> list_risks(store::Tx& tx, const RiskQuery& q);

struct HistoryEntry {
  std::string at, actor, kind, before, after;  // before/after: JSON text
};
std::vector<HistoryEntry> history(store::Tx& tx, int64_t risk_id);

// The number of risks per cell of one matrix, inherent and residual, under
// the given node paths (and the caller's subtrees).
struct HeatMap {
  std::vector<std::vector<int64_t>> inherent, residual;  // [likelihood][consequence]
  int64_t unscored = 0;
  int64_t total = 0;
};
HeatMap heat_map(store::Tx& tx, const StoredMatrix& m, const std::string& under_path,
                 const std::vector<std::string>& subtrees);
// The heat maps of several nodes on one matrix, in their order: on
// PostgreSQL one round trip for all (a region's trusts side by side).
std::vector<HeatMap> heat_maps(store::Tx& tx, const StoredMatrix& m, const std::vector<std::string>& under_paths,
                               const std::vector<std::string>& subtrees);

void write_json(core::JsonWriter& w, const StoredMatrix& m, bool with_definition);
void write_json(core::JsonWriter& w, const Assessment& a);
// A risk with its levels as the matrix names them (label, colour) and its
// acceptance state on `today`.
void write_json(core::JsonWriter& w, const Risk& r, const Matrix* m, const std::string& today);

// --- risks as other areas show them (a measure's links, src/actions) ---

struct RiskRef {
  int64_t id = 0;
  std::string title;
  int64_t assessment_id = 0;
  std::string assessment_title;
  std::string org_code;
};
// The risks among `ids` that lie under one of `subtrees`, by id, in one query.
std::vector<RiskRef> risk_refs(store::Tx& tx, const std::vector<int64_t>& ids, const std::vector<std::string>& subtrees);

}  // namespace varde::risk
