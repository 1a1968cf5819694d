// The rules of the organisation tree and of users, without a store.
#include <gtest/gtest.h>

#include "org/model.hpp"
#include "users/model.hpp"

using namespace varde;

TEST(OrgModel, Codes) {
  EXPECT_FALSE(org::code_problem("HNIKT"));
  EXPECT_FALSE(org::code_problem("UNN-HJE"));
  EXPECT_FALSE(org::code_problem("ØST_2"));
  EXPECT_TRUE(org::code_problem("H"));
  EXPECT_TRUE(org::code_problem("unn"));
  EXPECT_TRUE(org::code_problem("2UNN"));
  EXPECT_TRUE(org::code_problem("UNN HJE"));
  EXPECT_TRUE(org::code_problem("ABCDEFGHIJKLMNOPQ"));
}

TEST(OrgModel, Paths) {
  EXPECT_EQ(org::child_path("", 1), "/1/");
  EXPECT_EQ(org::child_path("/1/2/", 17), "/1/2/17/");
  EXPECT_EQ(org::depth("/1/"), 1);
  EXPECT_EQ(org::depth("/1/2/17/"), 3);
}

TEST(OrgModel, WhatMaySitUnderWhat) {
  EXPECT_TRUE(org::may_contain("nation", "region"));
  EXPECT_TRUE(org::may_contain("region", "trust"));
  EXPECT_TRUE(org::may_contain("trust", "unit"));
  EXPECT_TRUE(org::may_contain("division", "division"));
  EXPECT_TRUE(org::may_contain("unit", "unit"));
  EXPECT_FALSE(org::may_contain("trust", "region"));
  EXPECT_FALSE(org::may_contain("unit", "division"));
  EXPECT_FALSE(org::may_contain("region", "nation"));
  EXPECT_FALSE(org::is_kind("department"));
}

TEST(UserModel, UsernamesAndPasswords) {
  EXPECT_FALSE(users::username_problem("unn.isl"));
  EXPECT_TRUE(users::username_problem("Unn.Isl"));
  EXPECT_TRUE(users::username_problem("o"));
  EXPECT_TRUE(users::username_problem("ola nordmann"));
  EXPECT_TRUE(users::password_problem("kort"));
  EXPECT_TRUE(users::password_problem("æøåæøåæøå"));  // 9 characters, 18 bytes
  EXPECT_FALSE(users::password_problem("æøåæøåæøåæ"));
}

#include "core/text.hpp"

TEST(Text, FoldsNorwegianLettersForSearch) {
  EXPECT_EQ(core::fold_for_search("ÆØÅ Blåbær UNN"), "æøå blåbær unn");
  EXPECT_EQ(core::fold_for_search("É×"), "é×");  // × is no letter
}

TEST(Text, LikePatternTakesWildcardsLiterally) {
  EXPECT_EQ(core::contains_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
}

TEST(Text, StrictIds) {
  EXPECT_EQ(core::parse_id("12"), 12);
  EXPECT_FALSE(core::parse_id("1e3"));
  EXPECT_FALSE(core::parse_id("+1"));
  EXPECT_FALSE(core::parse_id("0"));
  EXPECT_FALSE(core::parse_id(""));
  EXPECT_FALSE(core::parse_id("99999999999999999999"));
}

TEST(Text, DatesAndEmails) {
  EXPECT_TRUE(core::is_iso_date_or_instant("2026-11-23"));
  EXPECT_TRUE(core::is_iso_date_or_instant("2026-11-23T08:00:00Z"));
  EXPECT_FALSE(core::is_iso_date_or_instant("31.12.2024"));
  EXPECT_FALSE(core::is_iso_date_or_instant("2026-13-01"));
  EXPECT_FALSE(core::is_iso_date_or_instant("2090-02-30"));
  EXPECT_FALSE(core::is_iso_date_or_instant("2096-04-31"));
  EXPECT_TRUE(core::is_iso_date_or_instant("2024-02-29"));
  EXPECT_FALSE(core::is_iso_date_or_instant("2100-02-29"));
  EXPECT_TRUE(core::is_plausible_email("kari@unn.no"));
  EXPECT_FALSE(core::is_plausible_email("ikke-en-adresse"));
  EXPECT_FALSE(core::is_plausible_email("a@b"));
}

TEST(Text, SortKeyOrdersNorwegianLetters) {
  EXPECT_LT(core::sort_key("Zebra"), core::sort_key("Ærfugl"));
  EXPECT_LT(core::sort_key("Ærfugl"), core::sort_key("Øya"));
  EXPECT_LT(core::sort_key("Øya"), core::sort_key("Ålesund"));
  EXPECT_LT(core::sort_key("alta"), core::sort_key("Bodø"));
}

TEST(Text, ShortenCutsBetweenCharacters) {
  EXPECT_EQ(core::shorten("blåbær", 3), "blå…");
  EXPECT_EQ(core::shorten("blåbær", 6), "blåbær");
  EXPECT_EQ(core::shorten("", 2), "");
}

TEST(OrgModel, VisiblePartOfASubtree) {
  using V = std::vector<std::string>;
  // A grant above or on the node: the whole node.
  EXPECT_EQ(org::visible_part("/1/2/", {"/1/"}), V{"/1/2/"});
  EXPECT_EQ(org::visible_part("/1/2/", {"/1/2/"}), V{"/1/2/"});
  // Grants inside it: the outermost of them, nested ones dropped.
  EXPECT_EQ(org::visible_part("/1/2/", {"/1/2/7/8/", "/1/2/5/", "/1/2/7/", "/1/3/"}), (V{"/1/2/5/", "/1/2/7/"}));
  // Grants beside it: nothing, and "/1/20/" is not under "/1/2/".
  EXPECT_TRUE(org::visible_part("/1/2/", {"/1/3/", "/1/20/"}).empty());
  EXPECT_TRUE(org::visible_part("/1/2/", {}).empty());
}
