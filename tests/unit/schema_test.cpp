// Request validation: every refusal names the field to blame.
#include <gtest/gtest.h>

#include "api/problem.hpp"
#include "api/schema.hpp"

using namespace varde::api;

namespace {

const json kOrg = schema(R"({"type":"object","additionalProperties":false,"required":["code","name"],
  "properties":{"code":{"type":"string","minLength":2,"maxLength":4},"name":{"type":"string","minLength":1},
  "kind":{"type":"string","enum":["trust","unit"]},"level":{"type":["integer","null"],"minimum":1,"maximum":4},
  "tags":{"type":"array","items":{"type":"string"}}}})");

std::string blamed(const json& value) {
  try {
    validate(kOrg, value);
  } catch (const Problem& p) {
    EXPECT_EQ(p.status, 400);
    EXPECT_FALSE(p.detail.empty());
    return p.field;
  }
  return "(accepted)";
}

}  // namespace

TEST(Schema, AcceptsValidBody) {
  EXPECT_EQ(blamed({{"code", "UNN"}, {"name", "Universitetssykehuset"}, {"level", nullptr}}), "(accepted)");
  EXPECT_EQ(blamed({{"code", "ÆØÅ"}, {"name", "x"}, {"tags", {"a", "b"}}}), "(accepted)");
}

TEST(Schema, NamesTheFieldThatIsWrong) {
  EXPECT_EQ(blamed(json::array()), "body");
  EXPECT_EQ(blamed({{"name", "x"}}), "code");
  EXPECT_EQ(blamed({{"code", 12}, {"name", "x"}}), "code");
  EXPECT_EQ(blamed({{"code", "U"}, {"name", "x"}}), "code");
  EXPECT_EQ(blamed({{"code", "UNNXX"}, {"name", "x"}}), "code");
  EXPECT_EQ(blamed({{"code", "UNN"}, {"name", ""}}), "name");
  EXPECT_EQ(blamed({{"code", "UNN"}, {"name", "x"}, {"kind", "region"}}), "kind");
  EXPECT_EQ(blamed({{"code", "UNN"}, {"name", "x"}, {"level", 9}}), "level");
  EXPECT_EQ(blamed({{"code", "UNN"}, {"name", "x"}, {"level", 1.5}}), "level");
  EXPECT_EQ(blamed({{"code", "UNN"}, {"name", "x"}, {"tags", {"a", 3}}}), "tags[1]");
  EXPECT_EQ(blamed({{"code", "UNN"}, {"name", "x"}, {"owner", "y"}}), "owner");
}

TEST(Schema, CountsCharactersNotBytes) {
  // "ÆØÅ" is 6 bytes but 3 characters, within maxLength 4.
  EXPECT_EQ(blamed({{"code", "ÆØÅÆ"}, {"name", "x"}}), "(accepted)");
  EXPECT_EQ(blamed({{"code", "ÆØÅÆØ"}, {"name", "x"}}), "code");
}

TEST(Schema, TypoInSchemaLiteralFailsAtStartUp) {
  EXPECT_THROW(schema("{not json"), std::logic_error);
}

TEST(Problem, JsonHasTitleStatusAndField) {
  Problem p(412, "Endret", "Noen andre har endret dette.", "version");
  p.extra_json = "\"current\":{\"version\":4}";
  auto j = json::parse(problem_json(p));
  EXPECT_EQ(j["status"], 412);
  EXPECT_EQ(j["field"], "version");
  EXPECT_EQ(j["errors"][0]["field"], "version");
  EXPECT_EQ(j["current"]["version"], 4);
}
