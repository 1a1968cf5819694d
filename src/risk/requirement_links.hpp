// The risk assessments a report entry rests on (issue 3: "links to the risk
// assessments it rests on"; the seed's chapter 11 asks for them). The link is
// kept on the risk side (risk_requirement): an assessment of a node counts for
// a requirement when one of its risks is tied to it. This file reads those
// links for the requirements of one trust's report in one query, and writes
// and reads them as JSON, so a closed period's snapshot keeps them as they
// were: levels with their labels and colours, acceptance as it stood.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/json_writer.hpp"
#include "store/database.hpp"

namespace varde::risk {

// A risk level as the matrix named it when read: "Høy", "#c62828", from
// likelihood 4 × consequence 4.
struct LinkedLevel {
  int index = 0;
  int likelihood = 0;
  int consequence = 0;
  std::string label_nb, label_en, colour;
};

struct LinkedRisk {
  int64_t id = 0;
  std::string title;
  std::optional<LinkedLevel> inherent, residual;  // nullopt: not scored
  std::optional<std::string> treatment;           // reduce, accept, avoid, transfer
  std::string acceptance = "none";                // none, accepted, expired (on the day read)
  std::optional<std::string> accepted_by, accepted_until;
};

struct LinkedAssessment {
  int64_t id = 0;
  std::string title;
  std::string status;                     // planned, in_progress, completed, reassess
  std::optional<std::string> assessed_on; // YYYY-MM-DD
  std::string org_code, org_name;
  std::vector<LinkedRisk> risks;          // only the risks tied to the requirement
};

// requirement id → the assessments under `subtree_path` (a trust's path) with
// a risk tied to it, most recently assessed first, each with those risks.
// Requirements with none are absent. One query for all the ids, plus one read
// per distinct matrix (for the level names).
using AssessmentsByRequirement = std::map<int64_t, std::vector<LinkedAssessment>>;
AssessmentsByRequirement assessments_for_requirements(store::Tx& tx, const std::vector<int64_t>& requirement_ids,
                                                      const std::string& subtree_path, const std::string& today);

// {"id", "title", "status", "assessed_on", "org": {"code", "name"}, "risks": [{"id",
// "title", "likelihood", "consequence", "inherent_level": {"index", "label": {"nb",
// "en"}, "colour"} | null, "residual_likelihood", "residual_consequence",
// "residual_level", "treatment", "acceptance": {"state", "accepted_by",
// "expires_on"}}]}: the level shape is the one of the risk API.
void write_json(core::JsonWriter& w, const LinkedAssessment& a);
// The inverse of write_json (for snapshots). Throws nlohmann's errors on a
// shape it does not know.
LinkedAssessment linked_assessment_from_json(const nlohmann::json& j);

// "Høy (S4 × K4)" / "Ikke vurdert".
std::string level_text_nb(const std::optional<LinkedLevel>& level);
// "Redusere; akseptert av Kari til 2027-01-01" / "Ikke bestemt".
std::string treatment_text_nb(const LinkedRisk& r);

}  // namespace varde::risk
