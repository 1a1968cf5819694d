// Commissioning documents, requirements, reporting periods and report
// entries in the store. Every change is audited in the caller's transaction;
// domain errors are api::Problem.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audit/audit.hpp"
#include "commission/model.hpp"
#include "core/json_writer.hpp"
#include "reports/document.hpp"
#include "risk/requirement_links.hpp"
#include "store/database.hpp"

namespace varde::commission {

struct Chapter {
  int64_t id = 0;
  std::string code;
  std::string title;
  std::string general_text;
  int position = 0;
};

struct Deadline {
  int64_t id = 0;
  std::string phrase;
  std::string due_date;
  bool yearly = false;
};

struct Requirement {
  int64_t id = 0;
  int64_t document_id = 0;
  int64_t chapter_id = 0;
  std::string chapter_code;
  std::optional<std::string> number;
  std::string text;
  bool applies_to_all = true;
  std::string applies_to_text = "Alle";
  std::vector<std::string> target_codes;  // the named trusts when not all
  std::set<ReportingPoint> points;
  bool carried_over = false;
  bool needs_number = false;
  int position = 0;
  int64_t version = 1;
  std::vector<Deadline> deadlines;
};

struct Document {
  int64_t id = 0;
  int64_t region_id = 0;
  std::string region_code;
  std::string region_name;
  std::string region_path;
  int year = 0;
  std::string title;
  std::string status = "draft";
  int revision = 1;
  std::optional<std::string> published_at;
  int64_t version = 1;
  std::vector<Chapter> chapters;
  std::vector<Requirement> requirements;
};

std::optional<Document> find_document(store::Tx& tx, int64_t id, bool with_content);
std::optional<Document> find_document_for(store::Tx& tx, int64_t region_id, int year, bool with_content);
// The same in two halves, for a Tx::query_all: the statement, and the
// document from its rows (with its content read after, when asked for).
store::Query document_for_query(int64_t region_id, int year);
std::optional<Document> read_document_found(store::Tx& tx, store::Rows& rows, bool with_content);
// Documents of the regions whose paths are given (the regions a caller
// reaches), newest year first.
std::vector<Document> list_documents(store::Tx& tx, const std::vector<std::string>& region_paths);

Document create_document(store::Tx& tx, const audit::Actor& actor, int64_t region_id, int year, const std::string& title);
// Publishes a draft, or marks a published document revised (revision + 1).
Document publish_document(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version);

struct Revision {
  int revision = 0;
  std::string published_at;
  std::string published_by;
};
// The published revisions of a document, oldest first.
std::vector<Revision> revisions(store::Tx& tx, int64_t document_id);
// A published revision as it was published (JSON text of the document).
std::optional<std::string> revision_content(store::Tx& tx, int64_t document_id, int revision);

Chapter add_chapter(store::Tx& tx, const audit::Actor& actor, int64_t document_id, const Chapter& c);

struct NewRequirement {
  std::string chapter_code;
  std::optional<std::string> number;
  std::string text;
  std::vector<std::string> target_codes;  // empty: applies to all
  std::set<ReportingPoint> points;
  bool needs_number = false;
  std::vector<Deadline> deadlines;
};

Requirement add_requirement(store::Tx& tx, const audit::Actor& actor, int64_t document_id, const NewRequirement& r);

std::optional<Requirement> find_requirement(store::Tx& tx, int64_t id);

struct RequirementPatch {
  std::optional<std::optional<std::string>> number;
  std::optional<std::string> text;
  std::optional<std::vector<std::string>> target_codes;
  std::optional<std::set<ReportingPoint>> points;
  std::optional<std::vector<Deadline>> deadlines;  // replaces them all
};

// Changes a requirement at `expected_version` (412 otherwise). Giving a
// flagged requirement a number clears the flag.
Requirement update_requirement(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version,
                               const RequirementPatch& p);

// The requirements of a document that apply to a trust (all, or naming it).
std::vector<Requirement> requirements_for(store::Tx& tx, int64_t document_id, int64_t trust_id);

struct Period {
  int64_t id = 0;
  int64_t region_id = 0;
  int year = 0;
  PeriodKind kind = PeriodKind::tertial1;
  std::string starts_on;
  std::string ends_on;
  std::string due_on;
  std::string status = "open";
  std::optional<std::string> closed_at;
  int64_t version = 1;
};

std::optional<Period> find_period(store::Tx& tx, int64_t id);
std::optional<Period> find_period_for(store::Tx& tx, int64_t region_id, int year, PeriodKind kind);
std::vector<Period> list_periods(store::Tx& tx, int64_t region_id);
// Creates a period with the default dates (due date `due_on` when given).
Period create_period(store::Tx& tx, const audit::Actor& actor, int64_t region_id, int year, PeriodKind kind,
                     const std::optional<std::string>& due_on);
// The period, created with the default dates when it does not exist yet.
Period ensure_period(store::Tx& tx, const audit::Actor& actor, int64_t region_id, int year, PeriodKind kind);

struct Entry {
  int64_t id = 0;
  int64_t requirement_id = 0;
  int64_t org_id = 0;
  int64_t period_id = 0;
  std::optional<std::string> achievement;
  std::string text;
  EntryState state = EntryState::draft;
  std::optional<std::string> author;
  std::string updated_at;
  std::optional<std::string> submitted_at;
  std::optional<std::string> approved_by;
  std::optional<std::string> approved_at;
  int64_t version = 1;
};

std::optional<Entry> find_entry(store::Tx& tx, int64_t requirement_id, int64_t org_id, int64_t period_id);
std::vector<Entry> entries_for(store::Tx& tx, int64_t org_id, int64_t period_id);
// Every trust's entries in a period, whole (for the snapshots a close takes).
std::vector<Entry> entries_in_period(store::Tx& tx, int64_t period_id);
// The same entries without their texts and authors: what the region's matrix
// shows of them (achievement and state), for every trust at once, ordered by
// requirement and then trust.
std::vector<Entry> entry_states_in_period(store::Tx& tx, int64_t period_id);
store::Query entry_states_query(int64_t period_id);
std::vector<Entry> read_entry_states(store::Rows& rows, int64_t period_id);

// Writes a trust's status and text for a requirement in a period. A new
// entry needs no version; an existing one must be at expected_version (412
// with the current entry otherwise). Refused (409) when the entry or the
// period is locked.
Entry save_entry(store::Tx& tx, const audit::Actor& actor, int64_t requirement_id, int64_t org_id, int64_t period_id,
                 std::optional<int64_t> expected_version, const std::optional<std::string>& achievement,
                 const std::string& text);

// Moves an entry through its workflow (submit, approve, return_to_draft);
// 409 naming the state when the action is not allowed from it.
Entry act_on_entry(store::Tx& tx, const audit::Actor& actor, int64_t entry_id, EntryAction action);

// Closes a period: locks every entry in it and keeps a snapshot of each
// trust's report as it stood (with the risk assessments its requirements rest
// on and, for a 1st or 2nd tertial, the trust's risk overview). Reopening needs a reason and is audited.
Period close_period(store::Tx& tx, const audit::Actor& actor, int64_t period_id);
Period reopen_period(store::Tx& tx, const audit::Actor& actor, int64_t period_id, const std::string& reason);

// The snapshot of a trust's report in a closed period, as JSON text.
std::optional<std::string> snapshot(store::Tx& tx, int64_t period_id, int64_t org_id);

// A trust's report for a period as it stands: the document's chapters, the
// requirements that apply to the trust and are reported in the period, and
// the trust's entries. For a closed period it is read from the snapshot taken
// at the close, so it comes out the same whatever changed since.
struct TrustReport {
  std::optional<Document> document;  // chapters and requirements filled in
  std::vector<Entry> entries;
  bool from_snapshot = false;
  AchievementScale scale;  // the region's, or the one kept in the snapshot
  // Per requirement, the risk assessments of the trust's subtree with risks
  // tied to it (kept in the snapshot as they were at the close).
  risk::AssessmentsByRequirement assessments;
  // A closed 1st or 2nd tertial: the risk overview as it was sent with the
  // report (nullopt for snapshots taken before it was kept, and when open).
  std::optional<reports::Document> risk_overview;
  // Asked for with `with_previous_texts`: per requirement, the trust's text in
  // the latest earlier period of the year, offered as a starting point.
  std::map<int64_t, std::string> previous_texts;
};
TrustReport trust_report(store::Tx& tx, const Period& period, int64_t trust_id, bool with_previous_texts = false);

void write_json(core::JsonWriter& w, const Requirement& r);
void write_json(core::JsonWriter& w, const Document& d);
void write_json(core::JsonWriter& w, const Period& p);
void write_json(core::JsonWriter& w, const Entry& e);
template <class T>
std::string to_json(const T& v) {
  core::JsonWriter w;
  write_json(w, v);
  return w.take();
}

}  // namespace varde::commission
