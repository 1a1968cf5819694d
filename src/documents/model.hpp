// Governing documents (styrende dokumenter): plain values and rules, no I/O.
//
// A governing document has a code ("NO 04"), a type, the organisation it
// governs, an owner and an approver, an information classification, a place
// in the document structure (the reference model of the governing system),
// and versions. A version holds the content as Markdown sections and moves
// draft → for approval → approved; an approved version never changes again,
// and a document is taken out of force by withdrawing its approved version.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace varde::documents {

// The kinds of document in the governing system, from the overarching one
// down to the procedures that carry it out.
enum class DocType { overarching, topic, guideline, template_, routine, procedure };
std::string_view type_code(DocType t);  // "overarching", "topic", "guideline", "template", "routine", "procedure"
std::optional<DocType> type_from_code(std::string_view code);
std::string_view type_label_nb(DocType t);  // "Overordnet styrende dokument", ...
const std::vector<DocType>& all_types();

// The life of one version.
enum class Status { draft, for_approval, approved, withdrawn };
std::string_view status_code(Status s);  // "draft", "for_approval", "approved", "withdrawn"
std::optional<Status> status_from_code(std::string_view code);
std::string_view status_label_nb(Status s);  // "Utkast", "Til godkjenning", "Godkjent", "Trukket tilbake"

enum class Action { submit, return_to_draft, approve, withdraw };
std::string_view action_code(Action a);  // "submit", "return", "approve", "withdraw"

// The status an action leads to, or nullopt when it is not allowed from
// `from`: submit a draft, return or approve what is for approval, withdraw a
// draft (discard it) or an approved version (take it out of force).
std::optional<Status> next_status(Status from, Action action);
// Only a draft's content and sections may be edited.
inline bool editable(Status s) { return s == Status::draft; }

// Information classification, ordered: a clearance of a level covers that
// level and those below it.
enum class Classification { open, internal, confidential, strictly_confidential };
std::string_view classification_code(Classification c);  // "open", "internal", "confidential", "strictly_confidential"
std::optional<Classification> classification_from_code(std::string_view code);
std::string_view classification_label_nb(Classification c);  // "Åpen", "Intern", "Fortrolig", "Strengt fortrolig"
// "Fortrolig", "strengt fortrolig", "ÅPEN" … (the Norwegian label in any case).
std::optional<Classification> classification_from_label(std::string_view label);

// The clearance a role carries when an administrator has set none on the
// grant: readers and contributors Intern; officers, leaders, auditors and
// admins Fortrolig. Strengt fortrolig is never a default: it is given to a
// named grant by an administrator.
Classification default_clearance(std::string_view role);
// Whether someone cleared to `clearance` may read content classified `c`.
inline bool cleared_for(Classification clearance, Classification c) { return clearance >= c; }

// Reviews. The next review is the approval date plus the review interval.
// A review is due soon from `soon_days` before it, and overdue after it.
enum class ReviewState { none, ok, due_soon, overdue };
std::string_view review_code(ReviewState r);  // "none", "ok", "due_soon", "overdue"
// `date` ("2026-03-31") plus `months`, the day clamped to the month's last
// (2026-01-31 + 1 month = 2026-02-28). nullopt for a malformed date.
std::optional<std::string> add_months(std::string_view date, int months);
// Days from `from` to `to` (both "YYYY-MM-DD"); negative when `to` is earlier.
std::optional<int> days_between(std::string_view from, std::string_view to);
// `date` plus `days` (negative for earlier); nullopt for a malformed date.
std::optional<std::string> add_days(std::string_view date, int days);
ReviewState review_state(const std::optional<std::string>& next_review, std::string_view today, int soon_days = 30);
constexpr int kDefaultSoonDays = 30;

// A document code: letters, a space and digits, e.g. "NO 04", "TS 12.1".
// Normalises "no04" / "NO  04" to "NO 04"; nullopt when it is not a code.
std::optional<std::string> normalise_code(std::string_view code);

// One section of a version's content: a heading and its Markdown body. The
// section number is its position (1, 2, …), as in the seed.
struct Section {
  std::string heading;
  std::string body;  // Markdown
};

// A problem with a list of sections: the index of the section and the field.
struct SectionProblem {
  std::size_t index = 0;
  std::string field;  // "heading" or "body"
  std::string message;
};
std::optional<SectionProblem> check_sections(const std::vector<Section>& sections);

// The document codes named in a text ("nærmere beskrevet i … NO 04 –"), in
// the order they first appear, each once.
std::vector<std::string> referenced_codes(std::string_view text);

}  // namespace varde::documents
