// The rules of action plans: periods, statuses and their transitions,
// responsible organisations, overdue and stale measures.
#include <gtest/gtest.h>

#include "actions/model.hpp"

namespace {

using namespace varde::actions;

TEST(ActionsPeriod, ReadsTheSeedsWritings) {
  auto p = parse_period("2021 - 2022");
  EXPECT_EQ(p.kind, PeriodKind::years);
  EXPECT_EQ(p.from_year, 2021);
  EXPECT_EQ(p.to_year, 2022);
  EXPECT_EQ(p.end_date(), "2022-12-31");
  EXPECT_EQ(p.text, "2021 - 2022");

  for (const char* text : {"2019-2021", "2019 -2021", "2019- 2021.", "2019 \xE2\x80\x93 2021", "2019\xE2\x80\x94" "2021"}) {
    auto q = parse_period(text);
    EXPECT_EQ(q.kind, PeriodKind::years) << text;
    EXPECT_EQ(q.from_year, 2019) << text;
    EXPECT_EQ(q.to_year, 2021) << text;
    EXPECT_EQ(q.note, "") << text;
  }

  auto y = parse_period("2021 ");
  EXPECT_EQ(y.kind, PeriodKind::year);
  EXPECT_EQ(y.end_date(), "2021-12-31");
  EXPECT_EQ(y.label(), "2021");
}

TEST(ActionsPeriod, KeepsTheNoteAfterARange) {
  auto p = parse_period("2021 \xE2\x80\x93 2022. Årshjul skal videreføres og kontinuerlig oppdateres");
  EXPECT_EQ(p.kind, PeriodKind::years);
  EXPECT_EQ(p.from_year, 2021);
  EXPECT_EQ(p.to_year, 2022);
  EXPECT_EQ(p.note, "Årshjul skal videreføres og kontinuerlig oppdateres");
  EXPECT_EQ(p.text, "2021 \xE2\x80\x93 2022. Årshjul skal videreføres og kontinuerlig oppdateres");
  EXPECT_EQ(p.label(), "2021\xE2\x80\x93" "2022");
}

TEST(ActionsPeriod, QuartersAndStandingPeriods) {
  auto q = parse_period("Q4:2021");
  EXPECT_EQ(q.kind, PeriodKind::quarter);
  EXPECT_EQ(q.quarter, 4);
  EXPECT_EQ(q.from_year, 2021);
  EXPECT_EQ(q.end_date(), "2021-12-31");
  EXPECT_EQ(parse_period("Q1 2022").end_date(), "2022-03-31");
  EXPECT_EQ(parse_period("2. kvartal 2023").end_date(), "2023-06-30");

  auto l = parse_period("Løpende");
  EXPECT_EQ(l.kind, PeriodKind::ongoing);
  EXPECT_FALSE(l.end_date());
  EXPECT_TRUE(l.is_standing());
  EXPECT_EQ(parse_period("Kontinuerlig").kind, PeriodKind::continuous);
  EXPECT_EQ(parse_period("kontinuerlig.").kind, PeriodKind::continuous);
}

TEST(ActionsPeriod, AnythingElseIsKeptAsText) {
  for (const char* text : {"", "snart", "2022-2021", "Q5:2021", "1890", "20211", "Kontinuerlige møter", "2021 og 2022"}) {
    auto p = parse_period(text);
    EXPECT_EQ(p.kind, PeriodKind::unknown) << text;
    EXPECT_FALSE(p.end_date()) << text;
  }
  EXPECT_EQ(parse_period("  snart  ").text, "snart");
}

TEST(ActionsStatus, DefaultScaleHasTheSixStatusesInOrder) {
  const auto& s = default_scale();
  ASSERT_EQ(s.size(), 6u);
  EXPECT_EQ(s[0].label_nb, "Ikke startet");
  EXPECT_EQ(s[1].label_nb, "Pågår");
  EXPECT_EQ(s[2].label_nb, "Fullført");
  EXPECT_EQ(s[3].label_nb, "Kontinuerlig");
  EXPECT_EQ(s[4].label_nb, "Utsatt");
  EXPECT_EQ(s[5].label_nb, "Avbrutt");
  EXPECT_EQ(status_by_label(s, "pågår.")->code, "in_progress");
  EXPECT_EQ(status_by_label(s, "Completed")->code, "done");
  EXPECT_EQ(status_by_label(s, "Snart ferdig"), nullptr);
}

TEST(ActionsStatus, Transitions) {
  const auto& s = default_scale();
  EXPECT_FALSE(transition_error(s, "not_started", std::string("in_progress"), ""));
  EXPECT_FALSE(transition_error(s, "in_progress", std::string("done"), ""));
  EXPECT_FALSE(transition_error(s, "in_progress", std::nullopt, "Møte holdt i juni."));
  // A comment-only update needs a comment.
  EXPECT_TRUE(transition_error(s, "in_progress", std::nullopt, "  "));
  EXPECT_TRUE(transition_error(s, "in_progress", std::string("in_progress"), ""));
  // Unknown statuses, and why-less postponing, cancelling and reopening.
  EXPECT_TRUE(transition_error(s, "in_progress", std::string("half_done"), "x"));
  EXPECT_TRUE(transition_error(s, "in_progress", std::string("postponed"), ""));
  EXPECT_TRUE(transition_error(s, "in_progress", std::string("cancelled"), ""));
  EXPECT_FALSE(transition_error(s, "in_progress", std::string("cancelled"), "Erstattet av nasjonalt tiltak."));
  EXPECT_TRUE(transition_error(s, "done", std::string("in_progress"), ""));
  EXPECT_FALSE(transition_error(s, "done", std::string("in_progress"), "Nye funn i revisjonen."));
}

TEST(ActionsStatus, InfersTheStatusFromTheSeedsTexts) {
  const auto& s = default_scale();
  EXPECT_EQ(infer_status(s, "Ikke startet ", false).code, "not_started");
  EXPECT_TRUE(infer_status(s, "Ikke startet", false).exact);
  EXPECT_EQ(infer_status(s, "Pågår", false).code, "in_progress");
  EXPECT_EQ(infer_status(s, "Kontinuerlig", false).code, "continuous");
  auto opened = infer_status(s, "Ikke startet som tiltak under handlingsplanen, men det er gjort et arbeid", false);
  EXPECT_EQ(opened.code, "not_started");
  EXPECT_FALSE(opened.exact);
  EXPECT_EQ(infer_status(s, "Pågår nasjonalt arbeid opp mot programvare produsent (Medusa).", false).code, "in_progress");
  EXPECT_EQ(infer_status(s, "Første versjon av regional handlingsplan er utarbeidet.", true).code, "continuous");
  EXPECT_EQ(infer_status(s, "Det er gjennomført to møter.", false).code, "in_progress");
  EXPECT_EQ(infer_status(s, "De prioriterte tiltak er fullført og under kontroll. Det gjenstår kun noen enheter.", false).code,
            "in_progress");
  EXPECT_EQ(infer_status(s, "Arbeidet er fullført.", false).code, "done");
}

const std::vector<OrgName> kOrgs = {
    {1, "HMN", "Helse Midt-Norge RHF", "region"},
    {2, "STO", "St. Olavs hospital HF", "trust"},
    {3, "HEMIT", "Hemit HF", "trust"},
    {4, "HNT", "Helse Nord-Trøndelag HF", "trust"},
};

TEST(ActionsResponsible, MatchesNamesAndEveryTrust) {
  auto r = parse_responsible("Helse Midt-Norge RHF og de enkelte HF", kOrgs);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].text, "Helse Midt-Norge RHF");
  EXPECT_EQ(r[0].org_id, 1);
  EXPECT_TRUE(r[1].each_trust);
  EXPECT_FALSE(r[1].org_id);

  auto h = parse_responsible("Hemit og de enkelte foretak avhengig av tiltak. ", kOrgs);
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].org_id, 3);  // "Hemit" is Hemit HF
  EXPECT_TRUE(h[1].each_trust);
  EXPECT_EQ(h[1].text, "de enkelte foretak avhengig av tiltak");

  auto one = parse_responsible("Hvert enkelt foretak", kOrgs);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_TRUE(one[0].each_trust);
  EXPECT_EQ(parse_responsible("hmn", kOrgs)[0].org_id, 1);
}

TEST(ActionsResponsible, SentencesGiveTheirSubjectsAndUnknownNamesStayText) {
  auto r = parse_responsible(
      "Helse Sør-Øst RHF er ansvarlig for innkalling og møteledelse. Helse Midt-Norge RHF er ansvarlig for "
      "deltakelse fra vår region.",
      kOrgs);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].text, "Helse Sør-Øst RHF");
  EXPECT_FALSE(r[0].org_id);
  EXPECT_FALSE(r[0].each_trust);
  EXPECT_EQ(r[1].org_id, 1);

  auto regions = parse_responsible("De regionale helseforetakene", kOrgs);
  ASSERT_EQ(regions.size(), 1u);
  EXPECT_FALSE(regions[0].org_id);
  EXPECT_TRUE(parse_responsible("  ", kOrgs).empty());
}

TEST(ActionsFollowUp, OverdueAndStale) {
  EXPECT_EQ(days_between("2024-02-28", "2024-03-01"), 2);
  EXPECT_EQ(days_between("2023-12-31T10:00:00.000Z", "2024-01-01"), 1);
  EXPECT_FALSE(days_between("i går", "2024-01-01"));
  EXPECT_EQ(add_days("2024-03-01", -2), "2024-02-28");
  EXPECT_EQ(add_days("2023-12-31", 1), "2024-01-01");

  const auto due = effective_due_date(std::nullopt, parse_period("2021-2022"));
  EXPECT_EQ(due, "2022-12-31");
  EXPECT_EQ(effective_due_date(std::string("2022-06-01"), parse_period("2021-2022")), "2022-06-01");
  EXPECT_FALSE(effective_due_date(std::nullopt, parse_period("Løpende")));

  EXPECT_TRUE(is_overdue(StatusKind::active, due, "2023-01-01"));
  EXPECT_FALSE(is_overdue(StatusKind::active, due, "2022-12-31"));
  EXPECT_FALSE(is_overdue(StatusKind::closed, due, "2023-01-01"));
  EXPECT_FALSE(is_overdue(StatusKind::continuous, due, "2023-01-01"));
  EXPECT_FALSE(is_overdue(StatusKind::active, std::nullopt, "2023-01-01"));

  EXPECT_TRUE(is_stale(StatusKind::active, "2023-01-01T08:00:00.000Z", "2023-04-02", 90));
  EXPECT_FALSE(is_stale(StatusKind::active, "2023-01-01T08:00:00.000Z", "2023-03-31", 90));
  EXPECT_FALSE(is_stale(StatusKind::closed, "2020-01-01", "2023-04-02", 90));

  EXPECT_TRUE(carries_over(StatusKind::not_started));
  EXPECT_TRUE(carries_over(StatusKind::continuous));
  EXPECT_TRUE(carries_over(StatusKind::paused));
  EXPECT_FALSE(carries_over(StatusKind::closed));
}

}  // namespace
