#include <gtest/gtest.h>

#include "calendar/ical.hpp"

using namespace varde::calendar;

TEST(Ical, AllDayEventsWithEscapedText) {
  auto text = render("Varde – frister", {{"period-1@varde", "2026-05-15", "Frist: 1. tertial, rapport; UNN",
                                           "Linje én\nLinje to, med komma", ""}},
                     "20261123T184740Z");
  EXPECT_NE(text.find("BEGIN:VCALENDAR\r\n"), std::string::npos);
  EXPECT_NE(text.find("DTSTART;VALUE=DATE:20260515\r\n"), std::string::npos);
  EXPECT_NE(text.find("SUMMARY:Frist: 1. tertial\\, rapport\\; UNN\r\n"), std::string::npos);
  EXPECT_NE(text.find("DESCRIPTION:Linje én\\nLinje to\\, med komma\r\n"), std::string::npos);
  EXPECT_NE(text.find("END:VCALENDAR\r\n"), std::string::npos);
}

TEST(Ical, LongLinesFoldWithoutSplittingCharacters) {
  std::string summary(40, 'x');
  for (int i = 0; i < 30; ++i) summary += "æ";  // two bytes each
  auto text = render("c", {{"u", "2026-01-01", summary, "", ""}}, "20260101T000000Z");
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u);
    // A line never starts in the middle of a UTF-8 character.
    if (end > start) {
      const unsigned char first = static_cast<unsigned char>(text[start == 0 || text[start] != ' ' ? start : start + 1]);
      EXPECT_NE(first & 0xC0, 0x80);
    }
    start = end + 2;
  }
}
