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
    EXPECT_EQ(std::string(level.colour).size(), 7u) << level.code;
    EXPECT_STRNE(level.label_nb, "") << level.code;
  }
  EXPECT_STREQ(achievement("partly")->label_nb, "Delvis oppnådd");
  EXPECT_EQ(achievement("maybe"), nullptr);
}
