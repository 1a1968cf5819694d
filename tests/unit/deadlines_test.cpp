// Deadline phrases in requirement texts: every form the recogniser promises,
// the dates it proposes, and the phrases it must leave alone.
#include <gtest/gtest.h>

#include "commission/deadlines.hpp"

using namespace varde::commission;

namespace {

RecognisedDeadline only(std::string_view text) {
  const auto found = recognise_deadlines(text);
  EXPECT_EQ(found.size(), 1u) << text;
  return found.empty() ? RecognisedDeadline{} : found.front();
}

}  // namespace

TEST(Deadlines, DayAndMonthEveryYear) {
  const std::string text = "Oppdatering skal skje innen 3. april hvert år og det skal rapporteres.";
  const auto d = only(text);
  EXPECT_EQ(d.phrase, "innen 3. april hvert år");
  EXPECT_EQ(text.substr(d.offset, d.phrase.size()), d.phrase);
  EXPECT_EQ(d.kind, DeadlineKind::date);
  EXPECT_EQ(d.month, 4);
  EXPECT_EQ(d.day, 3);
  EXPECT_TRUE(d.yearly);
  EXPECT_FALSE(d.year.has_value());
  EXPECT_FALSE(d.approximate);
  EXPECT_EQ(d.proposed_date(2023), "2023-04-03");
  EXPECT_EQ(d.proposed_date(2024), "2024-04-03");
}

TEST(Deadlines, FirstOfJuneEveryYear) {
  const auto d = only("risiko- og sårbarhetsvurderinger innen 1. juni hvert år. Erfaringer fra");
  EXPECT_EQ(d.phrase, "innen 1. juni hvert år");
  EXPECT_TRUE(d.yearly);
  EXPECT_EQ(d.proposed_date(2023), "2023-06-01");
}

TEST(Deadlines, YearlyWordBeforeTheDate) {
  const auto d = only("Planen skal hvert år innen 1. mars legges fram.");
  EXPECT_EQ(d.phrase, "hvert år innen 1. mars");
  EXPECT_TRUE(d.yearly);
  EXPECT_EQ(d.proposed_date(2025), "2025-03-01");
  EXPECT_TRUE(only("Rapporteres årlig innen 15. januar.").yearly);
  EXPECT_TRUE(only("Rapporteres innen 15. januar årlig.").yearly);
}

TEST(Deadlines, AFullStopEndsThePhrase) {
  // "Hvert år" opens the next sentence; it does not make the date repeat.
  const auto d = only("Leveres innen 3. april. Hvert år skal planen revideres.");
  EXPECT_EQ(d.phrase, "innen 3. april");
  EXPECT_FALSE(d.yearly);
}

TEST(Deadlines, EndOfFirstTertial) {
  const auto d = only("Innen 1. tertial skal foretakene innføre innskjerpet prosedyre");
  EXPECT_EQ(d.phrase, "Innen 1. tertial");
  EXPECT_EQ(d.offset, 0u);
  EXPECT_EQ(d.kind, DeadlineKind::end_of_tertial);
  EXPECT_EQ(d.tertial, 1);
  EXPECT_FALSE(d.yearly);
  EXPECT_EQ(d.proposed_date(2023), "2023-04-30");
}

TEST(Deadlines, OtherTertialsAndWrittenOrdinals) {
  EXPECT_EQ(only("innen 2. tertial").proposed_date(2023), "2023-08-31");
  EXPECT_EQ(only("innen tredje tertial").proposed_date(2023), "2023-12-31");
  EXPECT_EQ(only("innen første tertial").proposed_date(2023), "2023-04-30");
  EXPECT_EQ(only("innen utgangen av andre tertial").proposed_date(2023), "2023-08-31");
  const auto own_year = only("innen 2. tertial 2024");
  EXPECT_EQ(own_year.year, 2024);
  EXPECT_EQ(own_year.proposed_date(2023), "2024-08-31");
}

TEST(Deadlines, EndOfANamedYear) {
  const auto d = only("vikartjenester fra byrå innen utgangen av 2023.");
  EXPECT_EQ(d.phrase, "innen utgangen av 2023");
  EXPECT_EQ(d.kind, DeadlineKind::end_of_year);
  EXPECT_EQ(d.year, 2023);
  // The phrase names its year, so the document's year does not move it.
  EXPECT_EQ(d.proposed_date(2030), "2023-12-31");
  EXPECT_EQ(only("innen slutten av 2024").proposed_date(2023), "2024-12-31");
  EXPECT_EQ(only("i løpet av 2025").proposed_date(2023), "2025-12-31");
}

TEST(Deadlines, EndOfTheDocumentsYear) {
  EXPECT_EQ(only("innen utgangen av året").proposed_date(2023), "2023-12-31");
  EXPECT_EQ(only("innen årets utgang").proposed_date(2024), "2024-12-31");
}

TEST(Deadlines, EndOfAMonth) {
  const auto d = only("innen utgangen av februar");
  EXPECT_EQ(d.kind, DeadlineKind::end_of_month);
  EXPECT_EQ(d.proposed_date(2023), "2023-02-28");
  EXPECT_EQ(d.proposed_date(2024), "2024-02-29");
  EXPECT_EQ(only("i løpet av mai 2023").proposed_date(2020), "2023-05-31");
}

TEST(Deadlines, MonthAndYearIsApproximate) {
  const auto d = only("rapporteres på utviklingen i tertialoppfølgingsmøtet i juni 2023.");
  EXPECT_EQ(d.phrase, "i juni 2023");
  EXPECT_EQ(d.kind, DeadlineKind::during_month);
  EXPECT_TRUE(d.approximate);
  EXPECT_EQ(d.month, 6);
  EXPECT_EQ(d.year, 2023);
  // The first of the month: a reminder too early rather than too late.
  EXPECT_EQ(d.proposed_date(2023), "2023-06-01");
}

TEST(Deadlines, NumericDates) {
  EXPECT_EQ(only("innen 01.06.2023").proposed_date(2020), "2023-06-01");
  EXPECT_EQ(only("innen 1.6.24").proposed_date(2020), "2024-06-01");
  EXPECT_EQ(only("senest 15.09").proposed_date(2023), "2023-09-15");
}

TEST(Deadlines, CaseDoesNotMatter) {
  EXPECT_EQ(only("INNEN 3. APRIL HVERT ÅR").proposed_date(2023), "2023-04-03");
  EXPECT_TRUE(only("INNEN 3. APRIL HVERT ÅR").yearly);
  EXPECT_EQ(only("Innen den 15. Desember").proposed_date(2023), "2023-12-15");
}

TEST(Deadlines, EveryMonthName) {
  const char* names[] = {"januar", "februar", "mars",      "april",   "mai",      "juni",
                         "juli",   "august",  "september", "oktober", "november", "desember"};
  for (int m = 1; m <= 12; ++m) {
    EXPECT_EQ(norwegian_month(names[m - 1]), m);
    const auto d = only(std::string("innen 1. ") + names[m - 1]);
    EXPECT_EQ(d.month, m);
  }
  EXPECT_EQ(norwegian_month("Mars"), 3);
  EXPECT_EQ(norwegian_month("DESEMBER"), 12);
  EXPECT_EQ(norwegian_month("march"), 0);
  EXPECT_EQ(norwegian_month(""), 0);
}

TEST(Deadlines, LeapDayEveryYearFallsBackInCommonYears) {
  const auto d = only("innen 29. februar hvert år");
  EXPECT_EQ(d.proposed_date(2024), "2024-02-29");
  EXPECT_EQ(d.proposed_date(2023), "2023-02-28");
}

TEST(Deadlines, DatesThatDoNotExistAreNotRecognised) {
  EXPECT_TRUE(recognise_deadlines("innen 31. april").empty());
  EXPECT_TRUE(recognise_deadlines("innen 0. mai").empty());
  EXPECT_TRUE(recognise_deadlines("innen 29. februar 2023").empty());
  EXPECT_TRUE(recognise_deadlines("innen 32.13.2023").empty());
  EXPECT_TRUE(recognise_deadlines("innen 4. tertial").empty());
}

TEST(Deadlines, TextWithoutDeadlinesGivesNone) {
  EXPECT_TRUE(recognise_deadlines("").empty());
  EXPECT_TRUE(recognise_deadlines("Delta i arbeidet med å kartlegge og definere kritiske produkter.").empty());
  // A month without a year, "innen" without a date, tertial reports as such.
  EXPECT_TRUE(recognise_deadlines("Det skal rapporteres i juni.").empty());
  EXPECT_TRUE(recognise_deadlines("innen fristen, innen rammen").empty());
  EXPECT_TRUE(recognise_deadlines("ved rapportering til 1. og 2. tertial").empty());
  EXPECT_TRUE(recognise_deadlines("innen").empty());
  EXPECT_TRUE(recognise_deadlines("innen 3.").empty());
}

TEST(Deadlines, SeveralInTextOrder) {
  const std::string text = "Innen 1. tertial skal planen lages, og innen 1. juni hvert år skal den oppdateres, "
                           "senest innen utgangen av 2025.";
  const auto found = recognise_deadlines(text);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].phrase, "Innen 1. tertial");
  EXPECT_EQ(found[1].phrase, "innen 1. juni hvert år");
  EXPECT_EQ(found[2].phrase, "innen utgangen av 2025");
  for (const auto& d : found) EXPECT_EQ(text.substr(d.offset, d.phrase.size()), d.phrase);
  EXPECT_LT(found[0].offset, found[1].offset);
}

TEST(Deadlines, PhraseBrokenOverLinesIsCollapsed) {
  const auto d = only("innen 3.\n  april hvert\når");
  EXPECT_EQ(d.phrase, "innen 3. april hvert år");
  EXPECT_EQ(d.offset, 0u);
}
