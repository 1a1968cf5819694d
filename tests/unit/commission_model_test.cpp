// The rules of reporting on the commissioning document, without a store.
#include <gtest/gtest.h>

#include "commission/model.hpp"

using namespace varde::commission;

TEST(CommissionModel, PeriodsOfAYear) {
  EXPECT_EQ(period_start(PeriodKind::tertial1, 2023), "2023-01-01");
  EXPECT_EQ(period_end(PeriodKind::tertial1, 2023), "2023-04-30");
  EXPECT_EQ(period_start(PeriodKind::tertial2, 2023), "2023-05-01");
  EXPECT_EQ(period_end(PeriodKind::tertial2, 2023), "2023-08-31");
  EXPECT_EQ(period_end(PeriodKind::annual, 2023), "2023-12-31");
  EXPECT_EQ(default_due_date(PeriodKind::annual, 2023), "2024-03-01");
  EXPECT_EQ(period_label_nb(PeriodKind::tertial1, 2023), "1. tertial 2023");
  EXPECT_EQ(period_from_code("T2"), PeriodKind::tertial2);
  EXPECT_FALSE(period_from_code("T3"));
}

TEST(CommissionModel, ReportingPointsDecideThePeriods) {
  const std::set<ReportingPoint> first_and_annual = {ReportingPoint::tertial1, ReportingPoint::annual};
  EXPECT_TRUE(reported_in(first_and_annual, PeriodKind::tertial1));
  EXPECT_FALSE(reported_in(first_and_annual, PeriodKind::tertial2));
  EXPECT_TRUE(reported_in(first_and_annual, PeriodKind::annual));
  EXPECT_EQ(points_from_text(points_to_text(first_and_annual)), first_and_annual);
  EXPECT_TRUE(points_from_text("").empty());
}

TEST(CommissionModel, PointsReadLikeTheSeed) {
  using P = ReportingPoint;
  EXPECT_EQ(points_phrase_nb({P::tertial1, P::tertial2, P::annual}), "Tertialrapporter og Årlig melding");
  EXPECT_EQ(points_phrase_nb({P::tertial1, P::annual}), "1. tertial og Årlig melding");
  EXPECT_EQ(points_phrase_nb({P::business_report, P::tertial1, P::tertial2, P::annual}),
            "Virksomhetsrapport, tertialrapport og Årlig melding");
}

TEST(CommissionModel, EntryWorkflow) {
  using S = EntryState;
  using A = EntryAction;
  EXPECT_EQ(next_state(S::draft, A::submit), S::submitted);
  EXPECT_EQ(next_state(S::submitted, A::approve), S::approved);
  EXPECT_EQ(next_state(S::submitted, A::edit), S::draft);  // a changed text must be submitted again
  EXPECT_EQ(next_state(S::approved, A::return_to_draft), S::draft);
  EXPECT_FALSE(next_state(S::draft, A::approve));
  EXPECT_FALSE(next_state(S::approved, A::edit));
  EXPECT_FALSE(next_state(S::locked, A::edit));
  EXPECT_FALSE(next_state(S::locked, A::submit));
  EXPECT_EQ(next_state(S::approved, A::lock), S::locked);
  EXPECT_EQ(next_state(S::locked, A::reopen), S::draft);
  EXPECT_FALSE(next_state(S::draft, A::reopen));
}

TEST(CommissionModel, AchievementScaleHasColoursAndLabels) {
  ASSERT_EQ(achievement_scale().size(), 5u);
  for (const auto& level : achievement_scale()) {
    EXPECT_EQ(level.colour.size(), 7u) << level.code;
    EXPECT_NE(level.label_nb, "") << level.code;
  }
  EXPECT_EQ(achievement("partly")->label_nb, "Delvis oppnådd");
  EXPECT_FALSE(validate_scale(achievement_scale())) << validate_scale(achievement_scale())->message;
  EXPECT_EQ(achievement("maybe"), nullptr);
}

TEST(CommissionModel, ContrastRatioFollowsWcag) {
  EXPECT_NEAR(contrast_ratio("#000000", "#ffffff"), 21.0, 0.01);
  EXPECT_NEAR(contrast_ratio("#ffffff", "#ffffff"), 1.0, 0.01);
  EXPECT_NEAR(contrast_ratio("#767676", "#FFFFFF"), 4.54, 0.01);  // the lightest grey that passes AA
  EXPECT_EQ(contrast_ratio("#12345", "#ffffff"), 0);
  EXPECT_EQ(contrast_ratio("red", "#ffffff"), 0);
}

TEST(CommissionModel, AScaleNeedsUniqueCodesAndLabelsAndReadableColours) {
  auto ok = achievement_scale();
  auto field_of = [](const AchievementScale& s) { auto p = validate_scale(s); return p ? p->field : std::string("ok"); };
  EXPECT_EQ(field_of(ok), "ok");
  auto s = ok;
  s.resize(1);
  EXPECT_EQ(field_of(s), "levels");
  s = ok;
  s[3].code = "achieved";
  EXPECT_EQ(field_of(s), "levels[3].code");
  EXPECT_NE(validate_scale(s)->message.find("to ganger"), std::string::npos);
  s = ok;
  s[1].code = "Delvis";
  EXPECT_EQ(field_of(s), "levels[1].code");
  s = ok;
  s[2].label_en = s[0].label_en;
  EXPECT_EQ(field_of(s), "levels[2].label_en");
  s = ok;
  s[4].label_nb = " ";
  EXPECT_EQ(field_of(s), "levels[4].label_nb");
  s = ok;
  s[0].colour = "green";
  EXPECT_EQ(field_of(s), "levels[0].colour");
  s = ok;
  s[0].colour = "#7fbf7f";  // light green: about 2.1:1 against white
  EXPECT_EQ(field_of(s), "levels[0].colour");
  EXPECT_NE(validate_scale(s)->message.find("kontrast"), std::string::npos);
  s[0].colour = "#767676";
  EXPECT_EQ(field_of(s), "ok");
}

TEST(CommissionModel, APeriodIsPastDueWhenOpenAfterItsDueDate) {
  EXPECT_FALSE(period_past_due("2026-05-15", "open", "2026-05-15"));  // the due day itself is in time
  EXPECT_TRUE(period_past_due("2026-05-15", "open", "2026-05-16"));
  EXPECT_TRUE(period_past_due("2026-05-15", "open", "2027-01-01"));
  EXPECT_FALSE(period_past_due("2026-05-15", "closed", "2026-06-01"));  // closed: locked, not chased
  EXPECT_FALSE(period_past_due("", "open", "2026-06-01"));
}
