// The register of governing documents in the store: documents, their
// versions and sections, the document structure, and clearances on grants.
// Every change is audited in the caller's transaction; domain errors are
// api::Problem (400 naming the field, 404, 409 for a refused move, 412 for a
// stale version).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit.hpp"
#include "auth/access.hpp"
#include "core/json_writer.hpp"
#include "documents/model.hpp"
#include "store/database.hpp"

namespace varde::documents {

// A node of the document structure (the reference model of the governing
// system), e.g. "1 Overordnet" → "1.2 Temaspesifikke dokumenter".
struct StructureNode {
  int64_t id = 0;
  int64_t org_id = 0;
  std::optional<int64_t> parent_id;
  std::string title;
  int position = 0;
};

struct Document {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string org_code;
  std::string org_name;
  std::string org_path;
  std::string code;
  std::string title;
  DocType type = DocType::topic;
  std::optional<int64_t> owner_id;    // the user who keeps it (their list, their calendar)
  std::string owner_name;             // that user's display name, when there is one
  std::string owner_role;             // e.g. "Fagdirektør"
  std::string approver;               // e.g. "Administrerende direktør"
  Classification classification = Classification::internal;
  std::optional<std::string> exemption;  // "Unntatt offentlighet, offl. § 24 tredje ledd"
  int review_interval_months = 12;
  std::optional<std::string> next_review_on;
  std::optional<int64_t> structure_id;
  // The newest version and its status, and the version in force.
  int current_number = 0;
  Status status = Status::draft;
  std::optional<int> approved_number;
  std::optional<std::string> approved_on;  // the date the version in force was approved
  int64_t version = 1;                     // optimistic version of the register row
  std::string updated_at;
};

struct Version {
  int64_t id = 0;
  int64_t document_id = 0;
  int number = 0;
  Status status = Status::draft;
  std::string change_note;
  std::string created_at;
  std::string created_by;
  std::optional<std::string> submitted_at, submitted_by;
  std::optional<std::string> approved_at, approved_by;
  std::optional<std::string> withdrawn_at, withdrawn_by;
  int64_t version = 1;
  std::vector<Section> sections;  // filled when asked for
};

struct NewDocument {
  int64_t org_id = 0;
  std::string code;
  std::string title;
  DocType type = DocType::topic;
  std::optional<int64_t> owner_id;
  std::string owner_role;
  std::string approver;
  Classification classification = Classification::internal;
  std::optional<std::string> exemption;
  int review_interval_months = 12;
  std::optional<std::string> next_review_on;
  std::optional<int64_t> structure_id;
  std::vector<Section> sections;  // the content of version 1 (a draft)
  std::string change_note;
};

// Creates the document with version 1 as a draft. 409 when the organisation
// already has a document with the code.
Document create(store::Tx& tx, const audit::Actor& actor, const NewDocument& d);

std::optional<Document> find(store::Tx& tx, int64_t id);
std::optional<Document> find_by_code(store::Tx& tx, int64_t org_id, const std::string& code);

struct ListQuery {
  std::vector<std::string> subtrees;   // documents of nodes under these paths …
  std::vector<std::string> ancestors;  // … or of exactly these nodes (what governs the caller from above)
  std::optional<int64_t> org_id;
  std::optional<DocType> type;
  std::optional<Status> status;
  std::optional<Classification> classification;
  std::optional<ReviewState> review;  // due_soon or overdue (of a version in force)
  std::optional<int64_t> owner_id;
  std::optional<std::string> q;       // in code and title
  std::string today;                  // "2026-12-01"
  std::string order_by = "d.code, d.id";
  int64_t limit = 50;
  int64_t offset = 0;
};
struct Page {
  std::vector<Document> items;
  int64_t total = 0;
};
Page list(store::Tx& tx, const ListQuery& q);

struct Patch {
  std::optional<std::string> code, title;
  std::optional<DocType> type;
  std::optional<std::optional<int64_t>> owner_id;
  std::optional<std::string> owner_role, approver;
  std::optional<Classification> classification;
  std::optional<std::optional<std::string>> exemption;
  std::optional<int> review_interval_months;
  std::optional<std::optional<std::string>> next_review_on;
  std::optional<std::optional<int64_t>> structure_id;
};
// Changes the register row at `expected_version` (412 with the current row
// otherwise).
Document update(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version, const Patch& p);

// The versions of a document, oldest first, without sections.
std::vector<Version> versions(store::Tx& tx, int64_t document_id);
// One version with its sections.
std::optional<Version> find_version(store::Tx& tx, int64_t document_id, int number);

// A new draft version with a copy of the newest version's sections; 409 when
// a draft or a version for approval is still open.
Version new_version(store::Tx& tx, const audit::Actor& actor, int64_t document_id, const std::string& change_note);

// Replaces the sections of a draft version at `expected_version` (412
// otherwise); 409 when the version is not a draft (an approved one never
// changes).
Version save_sections(store::Tx& tx, const audit::Actor& actor, int64_t document_id, int number,
                      int64_t expected_version, const std::vector<Section>& sections,
                      const std::optional<std::string>& change_note);

// Moves a version through its workflow; 409 naming the status when the move
// is not allowed. Approving records who and when, makes the version the one
// in force and sets the next review date from the review interval.
Version act(store::Tx& tx, const audit::Actor& actor, int64_t document_id, int number, Action action);

// The document structure of an organisation and of the nodes above it, in
// tree order (parents before children, by position).
std::vector<StructureNode> structure(store::Tx& tx, const std::vector<int64_t>& org_ids);
StructureNode add_structure_node(store::Tx& tx, const audit::Actor& actor, int64_t org_id,
                                 std::optional<int64_t> parent_id, const std::string& title);

// Clearance: the level set on a grant by an administrator, or the role's
// default. The caller's clearance for a document is the highest of the
// grants that cover the document's node or lie below it (those that read it
// because it governs them from above).
std::optional<Classification> clearance_override(store::Tx& tx, int64_t grant_id);
Classification clearance_of_grant(store::Tx& tx, const auth::Grant& g);
std::optional<Classification> clearance_for(store::Tx& tx, const auth::Principal& who, const std::string& org_path);
// Sets (or with nullopt clears) the clearance on a grant; audited.
void set_clearance(store::Tx& tx, const audit::Actor& actor, int64_t grant_id, std::optional<Classification> level);

void write_json(core::JsonWriter& w, const Document& d, std::string_view today);
void write_json(core::JsonWriter& w, const Version& v, bool with_sections);
void write_json(core::JsonWriter& w, const StructureNode& n);

// The next reviews of the documents in force that `owner_id` owns, for the
// calendar feed: (document, next review date), soonest first.
std::vector<Document> reviews_owned_by(store::Tx& tx, int64_t owner_id);

// Today's date in Norway ("2026-12-01"), for review states.
std::string today();

}  // namespace varde::documents
