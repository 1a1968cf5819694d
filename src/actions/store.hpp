// Action plans, their areas, measures, progress updates and links in the
// store. Every change is audited in the caller's transaction; domain errors
// are api::Problem (400 naming the field, 404, 409, 412 with the current
// object).
//
// Who sees a measure: a caller who reads the plan's organisation node sees
// all of its measures; a caller who reads only a node below it (a trust
// under the region's plan) sees the measures that name it responsible, or
// name "de enkelte HF" (every trust of the region). Lists filter by this in
// SQL (Visibility).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "actions/model.hpp"
#include "audit/audit.hpp"
#include "auth/access.hpp"
#include "core/json_writer.hpp"
#include "store/database.hpp"

namespace varde::actions {

// The subtree paths a caller reads (auth::subtrees_with(read)).
struct Visibility {
  std::vector<std::string> paths;
};

// What a caller sees of the action plans: the subtrees it reads.
Visibility visibility_of(const auth::Principal& principal);

struct Area {
  int64_t id = 0;
  int64_t plan_id = 0;
  std::string code;   // "3.1"
  std::string title;  // "Videreutvikling av regionalt styringssystem …"
  std::string intro;  // the area's introductory text
  int position = 0;
};

struct Update {
  int64_t id = 0;
  int64_t measure_id = 0;
  std::string at;  // when it happened: a date or an instant
  std::string author;
  std::optional<std::string> status_from;
  std::optional<std::string> status_to;  // nullopt: a comment only
  std::string comment;
};

struct ResponsibleOrg {
  std::string text;
  std::optional<int64_t> org_id;
  std::string org_code;
  std::string org_name;
  bool each_trust = false;
};

struct Link {
  std::string target_kind;  // "requirement", "risk", "control"
  int64_t target_id = 0;
  std::string label;        // what the target is called, when Varde knows it
};

struct Measure {
  int64_t id = 0;
  int64_t plan_id = 0;
  int64_t area_id = 0;
  std::string area_code;
  int64_t origin_id = 0;  // the measure in the plan's first revision it descends from (itself when new)
  std::optional<int64_t> carried_from_id;
  int position = 0;
  std::string title;
  std::string description;
  std::string status;       // a code on the scale
  StatusKind status_kind = StatusKind::not_started;
  std::string status_text;  // the latest comment: what the seed prints after "Status:"
  Period period;
  std::string responsible_text;  // as written: "Helse Midt-Norge RHF og de enkelte HF"
  std::string responsible_person;
  std::optional<std::string> due_date;
  std::optional<std::string> effective_due;  // due_date, else the end of the period
  std::string last_update_at;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
  std::vector<ResponsibleOrg> responsible;
  std::vector<Update> updates;  // oldest first (filled by find_measure)
  std::vector<Link> links;
};

struct Plan {
  int64_t id = 0;
  int64_t org_id = 0;
  std::string org_code;
  std::string org_name;
  std::string org_path;
  std::string title;
  std::string period_text;
  std::string intro;
  int revision = 1;
  std::optional<int64_t> previous_id;
  std::optional<int64_t> next_id;
  bool superseded = false;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
  std::vector<Area> areas;
  std::vector<Measure> measures;  // those the caller sees
};

// The organisations of the region a plan's node lies in (the node and what
// is under it when there is no region above), for matching responsible
// parties by name.
std::vector<OrgName> orgs_for_matching(store::Tx& tx, const std::string& plan_path);

// The status scale as the store holds it, in order.
Scale load_scale(store::Tx& tx);

std::optional<Plan> find_plan(store::Tx& tx, int64_t id);
// The plan with its areas and the measures `vis` sees (all when null).
std::optional<Plan> find_plan_with_content(store::Tx& tx, int64_t id, const Visibility* vis);
// Plans of nodes the caller reads, and plans with a measure it sees; newest first.
std::vector<Plan> list_plans(store::Tx& tx, const Visibility& vis, std::optional<int64_t> org_id);

struct NewPlan {
  int64_t org_id = 0;
  std::string title;
  std::string period_text;
  std::string intro;
};
Plan create_plan(store::Tx& tx, const audit::Actor& actor, const NewPlan& p);

struct PlanPatch {
  std::optional<std::string> title;
  std::optional<std::string> period_text;
  std::optional<std::string> intro;
};
Plan update_plan(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version, const PlanPatch& p);

// The yearly revision: a new revision of the plan with its areas and every
// measure not closed (with its history and links); closed measures stay in
// the old revision, which is marked superseded. 409 when the plan already
// has a newer revision.
Plan revise_plan(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version, const PlanPatch& p);

Area add_area(store::Tx& tx, const audit::Actor& actor, int64_t plan_id, const Area& a);

struct NewMeasure {
  std::string area_code;
  std::string title;
  std::string description;
  std::string status = "not_started";
  std::string status_text;  // becomes the first progress update's comment
  std::string period_text;
  std::string responsible_text;
  std::string responsible_person;
  std::optional<std::string> due_date;
  std::optional<std::string> at;  // when the first update happened (default now)
};
// Adds a measure to an area of the plan, with a first progress update that
// sets its status. Responsible organisations are matched from the text
// (parse_responsible) against the nodes of the plan's region.
Measure add_measure(store::Tx& tx, const audit::Actor& actor, int64_t plan_id, const NewMeasure& m);

std::optional<Measure> find_measure(store::Tx& tx, int64_t id);

struct MeasurePatch {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::string> period_text;
  std::optional<std::string> responsible_text;
  std::optional<std::string> responsible_person;
  std::optional<std::optional<std::string>> due_date;
  std::optional<std::string> area_code;
};
Measure update_measure(store::Tx& tx, const audit::Actor& actor, int64_t id, int64_t expected_version,
                       const MeasurePatch& p);

struct NewUpdate {
  std::optional<std::string> status;
  std::string comment;
  std::optional<std::string> at;  // a date, not in the future nor before the last update; default now
};
// Records a progress update (a status change and/or a comment) on a measure
// at `expected_version`; the rules of transition_error apply (400 naming
// `status` or `comment`).
Measure add_update(store::Tx& tx, const audit::Actor& actor, int64_t measure_id, int64_t expected_version,
                   const NewUpdate& u);

// Links a measure to a requirement, risk or framework control. Only
// requirements exist yet; the others are taken on trust by kind and id.
Measure add_link(store::Tx& tx, const audit::Actor& actor, int64_t measure_id, const std::string& kind, int64_t target_id);
Measure remove_link(store::Tx& tx, const audit::Actor& actor, int64_t measure_id, const std::string& kind,
                    int64_t target_id);

// Whether `vis` sees the measure (see the header comment).
bool sees_measure(store::Tx& tx, const Visibility& vis, int64_t measure_id);

// What changed from the plan's previous revision to this one.
struct FieldChange {
  std::string field;
  std::string before;
  std::string after;
};
struct MeasureChange {
  int64_t origin_id = 0;
  std::optional<int64_t> old_id;
  std::optional<int64_t> new_id;
  std::string title;
  std::string change;  // "added", "carried", "finished" (kept in the old revision), "removed"
  std::vector<FieldChange> fields;
};
struct PlanChanges {
  std::optional<Plan> from;  // nullopt for a first revision
  Plan to;
  std::vector<FieldChange> plan_fields;
  std::vector<MeasureChange> measures;
};
PlanChanges plan_changes(store::Tx& tx, int64_t plan_id, const Visibility* vis);

// Counts per status, overdue and stale, per area and per responsible
// organisation, of the measures of a plan that `vis` sees; computed in SQL.
struct Counts {
  std::string key;    // area code, or the responsible org's code (or its text)
  std::string label;  // area title, or the org's name
  std::optional<int64_t> org_id;
  std::vector<std::pair<std::string, int64_t>> by_status;  // every status on the scale, in order
  int64_t total = 0;
  int64_t overdue = 0;
  int64_t stale = 0;
};
struct Overview {
  std::vector<Counts> areas;
  std::vector<Counts> responsible;
  Counts all;
  std::string today;
  int stale_days = 90;
};
Overview overview(store::Tx& tx, int64_t plan_id, const Visibility& vis, const std::string& today, int stale_days);

// Measures `vis` sees across plans: of a node (its own plans and the
// measures it is responsible for in plans above it), in a status, overdue or
// stale. Ordered by plan, area and position.
struct MeasureQuery {
  Visibility vis;
  std::optional<std::string> org_path;
  std::optional<int64_t> plan_id;
  std::optional<std::string> status;
  bool only_overdue = false;
  std::optional<int> stale_days;  // only those without an update for this long
  bool current_only = true;       // skip superseded revisions
  std::string today;
  int64_t limit = 50;
  int64_t offset = 0;
};
struct MeasurePage {
  std::vector<Measure> items;
  int64_t total = 0;
};
MeasurePage list_measures(store::Tx& tx, const MeasureQuery& q);

void write_json(core::JsonWriter& w, const Measure& m, const Scale& scale, const std::string& today, int stale_days);
void write_json(core::JsonWriter& w, const Plan& p);  // without areas and measures
void write_json(core::JsonWriter& w, const Area& a);
void write_json(core::JsonWriter& w, const Update& u);

// --- measures seen from what they treat (src/risk links risks to measures) ---

struct LinkedMeasure {
  Measure measure;  // its own fields only (no responsible list, updates or links)
  std::string plan_title;
  std::string plan_org_code;
};

// The measures linked to a target (`kind` "risk", `target_id`) that `vis`
// sees, in one query. A plan's yearly revision copies a measure and its
// links into the new revision; only the newest copy of each shows.
std::vector<LinkedMeasure> measures_linked_to(store::Tx& tx, const Visibility& vis, const std::string& kind,
                                              int64_t target_id);

// Measures that `vis` sees and that the organisation at `org_path` works
// with, to link to a target: those of its own plans (and plans below it) and
// those of plans above it that name it, or every trust, responsible. Current
// revisions only, not yet linked to the target, with `q` in the title (folded
// as core::fold_for_search; empty: all), at most `limit`, by plan and position.
std::vector<LinkedMeasure> measures_for_linking(store::Tx& tx, const Visibility& vis, const std::string& org_path,
                                                const std::string& kind, int64_t target_id, const std::string& q,
                                                int limit);

// Links a measure to a target from the target's side. The route has checked
// that the caller may change the target; here the caller must see the
// measure (404 naming `measure_id`), its plan must be the current revision
// (409) and the link new (409). Audited on the target (`kind`, id) in
// `target_org_id`. The measure's version is left alone: its own fields did
// not change.
void link_from_target(store::Tx& tx, const audit::Actor& actor, const Visibility& vis, int64_t measure_id,
                      const std::string& kind, int64_t target_id, int64_t target_org_id);
// Removes such a link (404 when there is none the caller sees).
void unlink_from_target(store::Tx& tx, const audit::Actor& actor, const Visibility& vis, int64_t measure_id,
                        const std::string& kind, int64_t target_id, int64_t target_org_id);

// {"id","title","status":{code,label_nb,label_en,colour},"plan":{id,title,org_code},
//  "responsible_text","responsible_person","due_date","effective_due","overdue"}
void write_json(core::JsonWriter& w, const LinkedMeasure& m, const Scale& scale, const std::string& today);

}  // namespace varde::actions
