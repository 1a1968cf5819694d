// The CISO Assistant library importer: the four real files in
// ../shared/fixtures/ciso-assistant (read where they are, never copied) and
// files of our own that use the format's other corners.
#include <gtest/gtest.h>

#include "shared_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "risk/import_matrix.hpp"

using namespace varde::risk;

namespace {

std::string fixture(const std::string& name) {
  auto text = varde::test_files::read_shared("fixtures", "ciso-assistant/" + name);
  EXPECT_FALSE(text.empty()) << "cannot read fixture " << varde::test_files::shared_path("fixtures", "ciso-assistant/" + name);
  return text;
}

std::vector<int> row_levels(const Matrix& m, int row) {
  std::vector<int> out;
  for (const auto& c : m.cells[row]) out.push_back(c.risk_level);
  return out;
}

bool warned_about(const MatrixImport& r, const std::string& needle) {
  for (const auto& w : r.warnings)
    if (w.message.find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(RiskImportMatrix, ThreeByThreeFrenchFileGetsEnglishAndNorwegian) {
  auto r = parse_ciso_library(fixture("risk-matrix-3x3-mult.yaml"));
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].message);
  ASSERT_EQ(r.matrices.size(), 1u);
  const auto& m = r.matrices[0];
  EXPECT_EQ(m.key, "risk-matrix-3x3-mult");
  EXPECT_EQ(m.name.en, "3x3 multiplicative matrix");
  EXPECT_EQ(m.likelihood.size(), 3u);
  EXPECT_EQ(m.consequence.size(), 3u);
  ASSERT_EQ(m.risk_levels.size(), 6u);
  // The file is in French: English from its translations, bokmål from the glossary.
  EXPECT_EQ(m.likelihood[0].label.en, "[1] unlikely");
  EXPECT_EQ(m.likelihood[0].label.nb, "[1] Lite sannsynlig");
  EXPECT_EQ(m.consequence[2].label.nb, "[3] Alvorlig");
  EXPECT_EQ(m.risk_levels[5].label.en, "[9] critical");
  EXPECT_EQ(m.risk_levels[5].label.nb, "[9] Kritisk");
  EXPECT_EQ(m.risk_levels[0].colour, "#92D050");
  EXPECT_EQ(m.risk_levels[4].colour, "#FFC000");
  EXPECT_EQ(row_levels(m, 0), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(row_levels(m, 1), (std::vector<int>{1, 3, 4}));
  EXPECT_EQ(row_levels(m, 2), (std::vector<int>{2, 4, 5}));
  // The worst level cannot be accepted without treatment; the lowest by a unit leader.
  EXPECT_EQ(m.cells[2][2].accept_level, kNotAcceptable);
  EXPECT_EQ(m.cells[0][0].accept_level, 1);
  EXPECT_TRUE(warned_about(r, "ingen regler for aksept"));
  EXPECT_TRUE(validate(m).empty());
}

TEST(RiskImportMatrix, FourByFourEbios) {
  auto r = parse_ciso_library(fixture("risk-matrix-4x4-ebios-rm.yaml"));
  ASSERT_TRUE(r.ok());
  const auto& m = r.matrices[0];
  EXPECT_EQ(m.likelihood.size(), 4u);
  EXPECT_EQ(m.consequence.size(), 4u);
  ASSERT_EQ(m.risk_levels.size(), 3u);
  EXPECT_EQ(m.likelihood[3].label.en, "Certain");
  EXPECT_EQ(m.likelihood[3].label.nb, "Sikkert");
  EXPECT_EQ(m.likelihood[0].abbreviation, "V1");
  EXPECT_EQ(m.consequence[3].label.nb, "Kritisk");
  EXPECT_EQ(m.risk_levels[0].label.nb, "Lav");
  EXPECT_EQ(m.risk_levels[2].colour, "#E6686D");
  EXPECT_EQ(m.risk_levels[0].description.en, "Acceptable as is.");
  EXPECT_EQ(row_levels(m, 0), (std::vector<int>{0, 0, 0, 1}));
  EXPECT_EQ(row_levels(m, 3), (std::vector<int>{1, 2, 2, 2}));
  EXPECT_EQ(m.cells[0][3].accept_level, 3);  // medium of three: the trust director
}

TEST(RiskImportMatrix, FiveByFiveIso27005) {
  auto r = parse_ciso_library(fixture("risk-matrix-5x5-iso-27005.yaml"));
  ASSERT_TRUE(r.ok());
  const auto& m = r.matrices[0];
  EXPECT_EQ(m.likelihood.size(), 5u);
  EXPECT_EQ(m.consequence.size(), 5u);
  ASSERT_EQ(m.risk_levels.size(), 5u);
  EXPECT_EQ(m.likelihood[4].label.nb, "5 - Nesten sikkert");
  EXPECT_EQ(m.consequence[4].label.nb, "5 - Katastrofal");
  EXPECT_EQ(m.risk_levels[4].label.nb, "5 - Svært høy");
  EXPECT_EQ(m.risk_levels[1].colour, "#02A45A");
  EXPECT_EQ(row_levels(m, 0), (std::vector<int>{0, 0, 1, 1, 1}));
  EXPECT_EQ(row_levels(m, 1), (std::vector<int>{0, 1, 1, 2, 2}));
}

TEST(RiskImportMatrix, SixBySixDetailed) {
  auto r = parse_ciso_library(fixture("risk-matrix-6x6-detailed.yaml"));
  ASSERT_TRUE(r.ok());
  const auto& m = r.matrices[0];
  EXPECT_EQ(m.likelihood.size(), 6u);
  EXPECT_EQ(m.consequence.size(), 6u);
  ASSERT_EQ(m.risk_levels.size(), 4u);
  // Trailing spaces in the file ("Low ") are trimmed.
  EXPECT_EQ(m.consequence[0].label.en, "Low");
  EXPECT_EQ(m.consequence[0].label.nb, "Lav");
  EXPECT_EQ(m.likelihood[0].label.nb, "Svært sjelden");
  EXPECT_EQ(m.risk_levels[3].label.nb, "Alvorlig");
  EXPECT_EQ(m.risk_levels[3].colour, "#FF0000");
  EXPECT_EQ(row_levels(m, 0), (std::vector<int>{0, 0, 0, 0, 1, 3}));
  EXPECT_EQ(row_levels(m, 5), (std::vector<int>{1, 2, 2, 3, 3, 3}));
}

// A file of our own: Norwegian translations, ids out of order and not from
// 0, a level name the glossary does not know, two matrices in one library.
TEST(RiskImportMatrix, OwnFileWithNorwegianIdsOutOfOrderAndTwoMatrices) {
  const char* yaml = R"(urn: urn:varde:test
locale: en
ref_id: varde-test
name: Test library
objects:
  risk_matrix:
    - ref_id: first
      name: Ward matrix
      translations:
        nb:
          name: Sengepostmatrise
      probability:
        - {id: 12, name: Often, translations: {nb: {name: Ofte}}}
        - {id: 10, name: Seldom}
        - {id: 11, name: Sometimes, translations: {no: {name: Iblant}}}
      impact:
        - {id: 0, name: Small}
        - {id: 1, name: Big}
        - {id: 2, name: Huge}
      risk:
        - {id: 7, name: Green, hexcolor: "#00FF00"}
        - {id: 3, name: Red, hexcolor: "#FF0000"}
      grid:
        - [7, 7, 3]
        - [7, 3, 3]
        - [3, 3, 3]
    - ref_id: second
      name: Second
      probability: [{id: 0, name: Low}, {id: 1, name: Medium}, {id: 2, name: High}]
      impact: [{id: 0, name: Low}, {id: 1, name: Medium}, {id: 2, name: High}]
      risk: [{id: 0, name: Low, hexcolor: "#00FF00"}, {id: 1, name: High, hexcolor: red}]
      grid: [[0, 0, 1], [0, 1, 1], [1, 1, 1]]
)";
  auto r = parse_ciso_library(yaml);
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].message);
  ASSERT_EQ(r.matrices.size(), 2u);
  const auto& m = r.matrices[0];
  EXPECT_EQ(m.name.nb, "Sengepostmatrise");
  // Sorted by id: 10 Seldom, 11 Sometimes, 12 Often.
  EXPECT_EQ(m.likelihood[0].label.en, "Seldom");
  EXPECT_EQ(m.likelihood[1].label.nb, "Iblant");
  EXPECT_EQ(m.likelihood[2].label.nb, "Ofte");
  // Risk ids 3 (Red) and 7 (Green) sort to Red first: the grid follows the ids.
  EXPECT_EQ(m.risk_levels[0].label.en, "Red");
  EXPECT_EQ(m.cells[0][0].risk_level, 1);
  EXPECT_EQ(m.cells[0][2].risk_level, 0);
  // "Seldom", "Small", … are not in the glossary: English stands in, with a warning on its line.
  EXPECT_EQ(m.likelihood[0].label.nb, "Seldom");
  bool found = false;
  for (const auto& w : r.warnings)
    if (w.field == "risk_matrix[0].probability[0].name") {
      found = true;
      EXPECT_EQ(w.line, 14);
    }
  EXPECT_TRUE(found);
  // A colour that is not #RRGGBB becomes grey with a warning.
  EXPECT_EQ(r.matrices[1].risk_levels[1].colour, "#CCCCCC");
  EXPECT_TRUE(warned_about(r, "ingen gyldig farge"));
}

TEST(RiskImportMatrix, BrokenFilesAreRefusedWithTheLine) {
  auto r = parse_ciso_library("objects:\n  risk_matrix:\n    - ref_id: x\n      name: [unclosed\n");
  EXPECT_FALSE(r.ok());
  ASSERT_FALSE(r.errors.empty());
  EXPECT_GE(r.errors[0].line, 4);

  r = parse_ciso_library("name: a framework\nobjects:\n  framework:\n    ref_id: nsm\n");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].field, "objects.risk_matrix");

  // A grid row too short, and a grid value that names no risk level.
  const char* bad = R"(objects:
  risk_matrix:
    - ref_id: bad
      name: Bad
      probability: [{id: 0, name: Low}, {id: 1, name: Medium}, {id: 2, name: High}]
      impact: [{id: 0, name: Low}, {id: 1, name: Medium}, {id: 2, name: High}]
      risk: [{id: 0, name: Low, hexcolor: "#00FF00"}]
      grid:
        - [0, 0]
        - [0, 0, 0]
        - [0, 0, 5]
)";
  r = parse_ciso_library(bad);
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].field, "risk_matrix[0].grid[0]");
  EXPECT_EQ(r.errors[0].line, 9);
  EXPECT_EQ(r.errors[1].field, "risk_matrix[0].grid[2][2]");
  EXPECT_EQ(r.errors[1].line, 11);
  EXPECT_TRUE(r.matrices.empty());

  // Two levels only: the matrix rules refuse it.
  r = parse_ciso_library(R"(objects:
  risk_matrix:
    - ref_id: small
      name: Small
      probability: [{id: 0, name: Low}, {id: 1, name: High}]
      impact: [{id: 0, name: Low}, {id: 1, name: Medium}, {id: 2, name: High}]
      risk: [{id: 0, name: Low, hexcolor: "#00FF00"}]
      grid: [[0, 0, 0], [0, 0, 0]]
)");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].field, "risk_matrix[0].likelihood");
}

TEST(RiskImportMatrix, GlossaryKeepsNumberPrefixes) {
  EXPECT_EQ(glossary_nb("Very likely"), "Svært sannsynlig");
  EXPECT_EQ(glossary_nb("[2] medium"), "[2] Middels");
  EXPECT_EQ(glossary_nb("3 - serious"), "3 - Alvorlig");
  EXPECT_EQ(glossary_nb("Critical "), "Kritisk");
  EXPECT_EQ(glossary_nb("Purple"), "");
}
