#include <gtest/gtest.h>

#include "importers/csv.hpp"

using namespace varde::importers;

TEST(Csv, RoundTripsQuotesSeparatorsAndLineBreaks) {
  std::vector<std::vector<std::string>> rows = {
      {"kapittel", "nummer", "tekst"},
      {"4.2", "27", "Oppdatere planen; \"snarest\",\nog rapportere"},
      {"4.3", "", " innledende mellomrom"},
  };
  auto text = write_csv(rows);
  auto table = parse_csv(text);
  ASSERT_TRUE(table.error.empty()) << table.error;
  ASSERT_EQ(table.rows.size(), 3u);
  for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(table.rows[i].fields, rows[i]) << "row " << i;
  EXPECT_EQ(table.rows[2].line, 4);  // the quoted field of row 2 spans two lines
}

TEST(Csv, TakesCommaSeparatedAndSkipsBlankLines) {
  auto table = parse_csv("a,b\r\n1,\"x,y\"\r\n\r\n2,z\r\n");
  EXPECT_EQ(table.separator, ',');
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[1].fields[1], "x,y");
  EXPECT_EQ(table.rows[2].line, 4);
}

TEST(Csv, UnterminatedQuoteIsAnErrorNamingTheLine) {
  auto table = parse_csv("a;b\n1;\"never ends\n2;3\n");
  EXPECT_NE(table.error.find("linje 2"), std::string::npos) << table.error;
}
