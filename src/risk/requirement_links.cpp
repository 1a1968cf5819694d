#include "risk/requirement_links.hpp"

#include <nlohmann/json.hpp>

#include "risk/model.hpp"
#include "risk/store.hpp"
#include "store/sql.hpp"

namespace varde::risk {

namespace {

std::optional<LinkedLevel> level_of(const std::optional<int64_t>& index, const std::optional<int64_t>& l,
                                    const std::optional<int64_t>& c, const Matrix& m) {
  if (!index || !l || !c || *index < 0 || *index >= static_cast<int64_t>(m.risk_levels.size())) return std::nullopt;
  const auto& rl = m.risk_levels[static_cast<std::size_t>(*index)];
  return LinkedLevel{static_cast<int>(*index), static_cast<int>(*l), static_cast<int>(*c), rl.label.nb, rl.label.en,
                     rl.colour};
}

void level_json(core::JsonWriter& w, const char* name, const std::optional<LinkedLevel>& level) {
  w.key(name);
  if (!level) {
    w.null();
    return;
  }
  w.begin_object().field("index", level->index);
  w.key("label").begin_object().field("nb", level->label_nb).field("en", level->label_en).end_object();
  w.field("colour", level->colour).end_object();
}

std::optional<LinkedLevel> level_from_json(const nlohmann::json& j, const char* name, const char* l, const char* c) {
  const auto& v = j.at(name);
  if (v.is_null() || j.at(l).is_null() || j.at(c).is_null()) return std::nullopt;
  return LinkedLevel{v.at("index"), j.at(l), j.at(c), v.at("label").at("nb"), v.at("label").at("en"), v.at("colour")};
}

std::optional<std::string> opt_string(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
  return j.at(key).get<std::string>();
}

}  // namespace

AssessmentsByRequirement assessments_for_requirements(store::Tx& tx, const std::vector<int64_t>& requirement_ids,
                                                      const std::string& subtree_path, const std::string& today) {
  AssessmentsByRequirement out;
  if (requirement_ids.empty()) return out;
  std::string in;
  store::Params params;
  for (auto id : requirement_ids) {
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  const auto in_subtree = store::under_any(tx.dialect(), "o.path", {subtree_path}, params);
  // The assessment's node decides whose it is (a risk lives in its assessment).
  auto rows = tx.query(
      "SELECT rq.requirement_id, a.id, a.title, a.status, a.assessed_on, o.code, o.name, a.matrix_id, "
      "r.id, r.title, r.likelihood, r.consequence, r.inherent_level, r.residual_likelihood, r.residual_consequence, "
      "r.residual_level, r.treatment, r.accepted_by, r.accepted_until "
      "FROM risk_requirement rq JOIN risk r ON r.id = rq.risk_id JOIN risk_assessment a ON a.id = r.assessment_id "
      "JOIN org o ON o.id = a.org_id WHERE rq.requirement_id IN (" + in + ") AND " + in_subtree +
      " "
      "ORDER BY rq.requirement_id, COALESCE(a.assessed_on, '') DESC, a.title, a.id, r.id",
      params);
  std::map<int64_t, Matrix> matrices;
  while (rows.next()) {
    auto& list = out[rows.integer(0)];
    const auto assessment_id = rows.integer(1);
    if (list.empty() || list.back().id != assessment_id) {
      LinkedAssessment a;
      a.id = assessment_id;
      a.title = rows.str(2);
      a.status = rows.str(3);
      a.assessed_on = rows.opt_str(4);
      a.org_code = rows.str(5);
      a.org_name = rows.str(6);
      list.push_back(std::move(a));
    }
    const auto matrix_id = rows.integer(7);
    auto m = matrices.find(matrix_id);
    if (m == matrices.end()) m = matrices.emplace(matrix_id, find_matrix(tx, matrix_id)->matrix).first;
    LinkedRisk r;
    r.id = rows.integer(8);
    r.title = rows.str(9);
    r.inherent = level_of(rows.opt_integer(12), rows.opt_integer(10), rows.opt_integer(11), m->second);
    r.residual = level_of(rows.opt_integer(15), rows.opt_integer(13), rows.opt_integer(14), m->second);
    r.treatment = rows.opt_str(16);
    r.accepted_by = rows.opt_str(17);
    r.accepted_until = rows.opt_str(18);
    r.acceptance = acceptance_state(r.accepted_until, today);
    list.back().risks.push_back(std::move(r));
  }
  return out;
}

void write_json(core::JsonWriter& w, const LinkedAssessment& a) {
  w.begin_object().field("id", a.id).field("title", a.title).field("status", a.status);
  w.field("assessed_on", a.assessed_on);
  w.key("org").begin_object().field("code", a.org_code).field("name", a.org_name).end_object();
  w.key("risks").begin_array();
  for (const auto& r : a.risks) {
    w.begin_object().field("id", r.id).field("title", r.title);
    w.key("likelihood").value(r.inherent ? std::optional<int>(r.inherent->likelihood) : std::nullopt);
    w.key("consequence").value(r.inherent ? std::optional<int>(r.inherent->consequence) : std::nullopt);
    level_json(w, "inherent_level", r.inherent);
    w.key("residual_likelihood").value(r.residual ? std::optional<int>(r.residual->likelihood) : std::nullopt);
    w.key("residual_consequence").value(r.residual ? std::optional<int>(r.residual->consequence) : std::nullopt);
    level_json(w, "residual_level", r.residual);
    w.field("treatment", r.treatment);
    w.key("acceptance").begin_object().field("state", r.acceptance).field("accepted_by", r.accepted_by);
    w.field("expires_on", r.accepted_until).end_object();
    w.end_object();
  }
  w.end_array().end_object();
}

LinkedAssessment linked_assessment_from_json(const nlohmann::json& j) {
  LinkedAssessment a;
  a.id = j.at("id");
  a.title = j.at("title");
  a.status = j.at("status");
  a.assessed_on = opt_string(j, "assessed_on");
  a.org_code = j.at("org").at("code");
  a.org_name = j.at("org").at("name");
  for (const auto& jr : j.at("risks")) {
    LinkedRisk r;
    r.id = jr.at("id");
    r.title = jr.at("title");
    r.inherent = level_from_json(jr, "inherent_level", "likelihood", "consequence");
    r.residual = level_from_json(jr, "residual_level", "residual_likelihood", "residual_consequence");
    r.treatment = opt_string(jr, "treatment");
    r.acceptance = jr.at("acceptance").at("state");
    r.accepted_by = opt_string(jr.at("acceptance"), "accepted_by");
    r.accepted_until = opt_string(jr.at("acceptance"), "expires_on");
    a.risks.push_back(std::move(r));
  }
  return a;
}

std::string level_text_nb(const std::optional<LinkedLevel>& level) {
  if (!level) return "Ikke vurdert";
  return level->label_nb + " (S" + std::to_string(level->likelihood) + " × K" + std::to_string(level->consequence) + ")";
}

std::string treatment_text_nb(const LinkedRisk& r) {
  std::string out = "Ikke bestemt";
  if (r.treatment)
    if (auto t = treatment_from_code(*r.treatment)) out = std::string(treatment_label_nb(*t));
  if (r.acceptance == "accepted")
    out += "; akseptert av " + r.accepted_by.value_or("") + " til " + r.accepted_until.value_or("");
  else if (r.acceptance == "expired")
    out += "; aksepten utløp " + r.accepted_until.value_or("");
  return out;
}

}  // namespace varde::risk
