// The risk matrix rules without a store: scoring, the acceptance check,
// validation and the default matrix.
#include <gtest/gtest.h>

#include "risk/model.hpp"

using namespace varde::risk;

namespace {

bool has_field(const std::vector<Problem>& ps, const std::string& field) {
  for (const auto& p : ps)
    if (p.field == field) return true;
  return false;
}

}  // namespace

TEST(RiskModel, DefaultMatrixIsValidFiveByFive) {
  const auto m = default_matrix();
  EXPECT_TRUE(validate(m).empty());
  EXPECT_EQ(m.likelihood.size(), 5u);
  EXPECT_EQ(m.consequence.size(), 5u);
  EXPECT_EQ(m.areas.size(), 5u);
  EXPECT_EQ(m.risk_levels[0].label.nb, "Lav");
  EXPECT_EQ(m.risk_levels[2].label.nb, "Høy");
  EXPECT_EQ(m.consequence[4].per_area.at("patient_safety").nb, "Død eller varig skade");
}

TEST(RiskModel, ScoringLooksUpTheCell) {
  const auto m = default_matrix();
  EXPECT_EQ(level_of(m, {1, 1}), 0);    // 1: low
  EXPECT_EQ(level_of(m, {2, 3}), 1);    // 6: medium
  EXPECT_EQ(level_of(m, {3, 4}), 2);    // 12: high
  EXPECT_EQ(level_of(m, {5, 5}), 2);
  EXPECT_FALSE(level_of(m, {0, 1}));
  EXPECT_FALSE(level_of(m, {6, 1}));
  EXPECT_FALSE(level_of(m, {1, 6}));
  EXPECT_FALSE(on_matrix(m, {-1, 3}));
}

TEST(RiskModel, TheWorstAreaGivesTheConsequence) {
  EXPECT_EQ(overall_consequence({{"privacy", 4}, {"economy", 2}}), 4);
  EXPECT_EQ(overall_consequence({{"privacy", 1}}), 1);
  EXPECT_FALSE(overall_consequence({}));
}

TEST(RiskModel, AcceptanceNeedsTheCellsLeaderLevel) {
  const auto m = default_matrix();
  // 3 × 3 = 9: medium, the trust director.
  auto a = check_acceptance(m, {3, 3}, 3);
  EXPECT_TRUE(a.allowed);
  EXPECT_EQ(a.required, 3);
  a = check_acceptance(m, {3, 3}, 2);
  EXPECT_FALSE(a.allowed);
  EXPECT_EQ(a.required, 3);
  EXPECT_EQ(refusal_nb(a), "Risikoen må aksepteres av administrerende direktør (nivå 3) eller høyere.");
  // Not a leader at all.
  a = check_acceptance(m, {1, 1}, std::nullopt);
  EXPECT_FALSE(a.allowed);
  EXPECT_EQ(a.required, 1);
  // 4 × 4 = 16: the board.
  a = check_acceptance(m, {4, 4}, 3);
  EXPECT_FALSE(a.allowed);
  EXPECT_EQ(a.required, 4);
  EXPECT_TRUE(check_acceptance(m, {4, 4}, 4).allowed);
  // 5 × 4 = 20: nobody without treatment, not even the board.
  a = check_acceptance(m, {5, 4}, 4);
  EXPECT_FALSE(a.allowed);
  EXPECT_FALSE(a.acceptable);
  EXPECT_NE(refusal_nb(a).find("ikke kan aksepteres uten tiltak"), std::string::npos);
  // Off the matrix: not acceptable.
  EXPECT_FALSE(check_acceptance(m, {9, 9}, 4).acceptable);
}

TEST(RiskModel, ValidationNamesTheField) {
  auto m = default_matrix();
  m.likelihood.resize(2);
  m.cells.resize(2);
  auto ps = validate(m);
  EXPECT_TRUE(has_field(ps, "likelihood"));

  m = default_matrix();
  m.likelihood.resize(7, m.likelihood[0]);
  EXPECT_TRUE(has_field(validate(m), "likelihood"));
  EXPECT_TRUE(has_field(validate(m), "cells"));

  m = default_matrix();
  m.cells[2][1].risk_level = 7;
  m.cells[0][4].accept_level = 5;
  m.risk_levels[1].colour = "yellow";
  m.risk_levels[0].label.nb = "";
  m.areas[1].code = m.areas[0].code;
  ps = validate(m);
  EXPECT_TRUE(has_field(ps, "cells[2][1].risk_level"));
  EXPECT_TRUE(has_field(ps, "cells[0][4].accept_level"));
  EXPECT_TRUE(has_field(ps, "risk_levels[1].colour"));
  EXPECT_TRUE(has_field(ps, "risk_levels[0].label.nb"));
  EXPECT_TRUE(has_field(ps, "areas[1].code"));

  m = default_matrix();
  m.cells[3].pop_back();
  EXPECT_TRUE(has_field(validate(m), "cells[3]"));
  m = default_matrix();
  m.risk_levels.clear();
  EXPECT_TRUE(has_field(validate(m), "risk_levels"));
}

TEST(RiskModel, PerAreaTextsBelongToConsequenceLevelsAndTheMatrixAreas) {
  auto m = default_matrix();
  // Missing or one-language texts are fine: an imported matrix has none.
  m.consequence[0].per_area.erase("privacy");
  m.consequence[1].per_area["privacy"].en = "";
  m.consequence[2].per_area["privacy"] = {"", "Only in English"};
  EXPECT_TRUE(validate(m).empty());

  m.consequence[3].per_area["weather"] = {"Storm", "Storm"};
  m.likelihood[0].per_area["privacy"] = {"Sjelden", "Rare"};
  m.consequence[4].per_area["privacy"].nb = std::string(501, 'x');
  auto ps = validate(m);
  EXPECT_TRUE(has_field(ps, "consequence[3].per_area.weather"));
  EXPECT_TRUE(has_field(ps, "likelihood[0].per_area"));
  EXPECT_TRUE(has_field(ps, "consequence[4].per_area.privacy.nb"));
  EXPECT_EQ(ps.size(), 3u);

  // 500 characters, not bytes: "ø" is two bytes in UTF-8.
  m = default_matrix();
  std::string long_nb;
  for (int i = 0; i < 500; ++i) long_nb += "ø";
  m.consequence[4].per_area["privacy"].nb = long_nb;
  EXPECT_TRUE(validate(m).empty());
  m.consequence[4].per_area["privacy"].nb += "ø";
  EXPECT_TRUE(has_field(validate(m), "consequence[4].per_area.privacy.nb"));
}

TEST(RiskModel, ImportedLevelsGetAcceptanceRulesFromLowToTreatment) {
  // Three levels: unit leader, trust director, not acceptable.
  EXPECT_EQ(default_accept_level(0, 3), 1);
  EXPECT_EQ(default_accept_level(1, 3), 3);
  EXPECT_EQ(default_accept_level(2, 3), kNotAcceptable);
  // Four: 1, 2, 3, not acceptable.
  EXPECT_EQ(default_accept_level(1, 4), 2);
  EXPECT_EQ(default_accept_level(2, 4), 3);
  EXPECT_EQ(default_accept_level(3, 4), kNotAcceptable);
  // Six never go past the trust director before the last.
  for (int i = 0; i < 5; ++i) EXPECT_LE(default_accept_level(i, 6), 3);
  EXPECT_EQ(default_accept_level(5, 6), kNotAcceptable);
  EXPECT_EQ(default_accept_level(0, 1), 1);
}

TEST(RiskModel, AcceptanceExpiresAndReviewsFallDue) {
  EXPECT_EQ(acceptance_state(std::nullopt, "2026-12-01"), "none");
  EXPECT_EQ(acceptance_state(std::string("2026-12-01"), "2026-12-01"), "accepted");
  EXPECT_EQ(acceptance_state(std::string("2026-11-30"), "2026-12-01"), "expired");
  EXPECT_TRUE(review_overdue(std::string("2026-11-30"), "2026-12-01T10:00:00.000Z"));
  EXPECT_FALSE(review_overdue(std::string("2026-12-01"), "2026-12-01"));
  EXPECT_FALSE(review_overdue(std::nullopt, "2026-12-01"));
}

TEST(RiskModel, CodesAndLabels) {
  EXPECT_EQ(treatment_from_code("transfer"), Treatment::transfer);
  EXPECT_FALSE(treatment_from_code("ignore"));
  EXPECT_EQ(treatment_label_nb(Treatment::avoid), "Unngå");
  EXPECT_TRUE(is_assessment_status("reassess"));
  EXPECT_FALSE(is_assessment_status("done"));
  EXPECT_EQ(assessment_status_label_nb("in_progress"), "Pågår");
  EXPECT_TRUE(is_subject_kind("requirement"));
  EXPECT_FALSE(is_subject_kind("person"));
  EXPECT_EQ(leader_level_name_en(4), "board or region (level 4)");
}
