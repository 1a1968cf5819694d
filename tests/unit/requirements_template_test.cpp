// The requirements template read from CSV and from .xlsx: the same rows give
// the same plan, and problems name the line (CSV) or sheet row (.xlsx) and the
// column.
#include <gtest/gtest.h>

#include "commission/requirements_csv.hpp"
#include "importers/csv.hpp"
#include "importers/xlsx_writer.hpp"

using namespace varde;
using namespace varde::commission;

namespace {

const std::vector<std::vector<std::string>> kRows = {
    {"Kapittel", "Kapitteltittel", "Nummer", "Krav", "Gjelder for", "Rapportering", "Frister"},
    {"4.2", "Informasjonssikkerhet og personvern", "27", "Oppdatere ROS-analysen for journalsystemet.", "Alle",
     "1. tertial og Årlig melding", "2026-04-03: innen 3. april hvert år"},
    {"4.2", "", "", "Et krav uten nummer.", "HNIKT, UNN", "Tertialrapporter", ""},
    {"4.3", "Beredskap", "31", "Øve på beredskapsplanen.", "", "Årlig melding", ""},
};

void expect_plan(const RequirementsPlan& plan) {
  ASSERT_TRUE(plan.errors.empty()) << plan.errors.front().message;
  ASSERT_EQ(plan.chapters.size(), 2u);
  EXPECT_EQ(plan.chapters[0].code, "4.2");
  EXPECT_EQ(plan.chapters[0].title, "Informasjonssikkerhet og personvern");
  EXPECT_EQ(plan.chapters[1].title, "Beredskap");
  ASSERT_EQ(plan.requirements.size(), 3u);
  const auto& [line1, r1] = plan.requirements[0];
  EXPECT_EQ(line1, 2);
  EXPECT_EQ(r1.number, std::optional<std::string>("27"));
  EXPECT_EQ(r1.text, "Oppdatere ROS-analysen for journalsystemet.");
  EXPECT_TRUE(r1.target_codes.empty());  // "Alle"
  EXPECT_EQ(r1.points, (std::set<ReportingPoint>{ReportingPoint::tertial1, ReportingPoint::annual}));
  ASSERT_EQ(r1.deadlines.size(), 1u);
  EXPECT_EQ(r1.deadlines[0].due_date, "2026-04-03");
  EXPECT_TRUE(r1.deadlines[0].yearly);
  const auto& [line2, r2] = plan.requirements[1];
  EXPECT_FALSE(r2.number.has_value());
  EXPECT_EQ(r2.target_codes, (std::vector<std::string>{"HNIKT", "UNN"}));
  EXPECT_EQ(r2.points, (std::set<ReportingPoint>{ReportingPoint::tertial1, ReportingPoint::tertial2}));
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_EQ(plan.warnings[0].line, line2);
  EXPECT_EQ(plan.warnings[0].field, "Nummer");
}

}  // namespace

TEST(RequirementsTemplate, CsvAndXlsxGiveTheSamePlan) {
  const auto csv = plan_requirements_import(importers::write_csv(kRows));
  expect_plan(csv);
  EXPECT_EQ(csv.line_word, "Linje");
  const auto xlsx = plan_requirements_import_xlsx(importers::write_xlsx(kRows, "Krav"));
  expect_plan(xlsx);
  EXPECT_EQ(xlsx.line_word, "Rad");
}

TEST(RequirementsTemplate, XlsxProblemsNameTheSheetRowAndTheColumn) {
  auto rows = kRows;
  rows.insert(rows.begin() + 2, std::vector<std::string>(7, ""));  // an empty row 3 in the sheet
  rows[3][5] = "hver måned";  // row 4: a reporting point Varde does not know
  rows[4][6] = "3. april";    // row 5: a deadline without a date
  const auto plan = plan_requirements_import_xlsx(importers::write_xlsx(rows, "Krav"));
  ASSERT_EQ(plan.errors.size(), 2u);
  EXPECT_EQ(plan.errors[0].line, 4);
  EXPECT_EQ(plan.errors[0].field, "Rapportering");
  EXPECT_NE(plan.errors[0].message.find("hver måned"), std::string::npos);
  EXPECT_EQ(plan.errors[1].line, 5);
  EXPECT_EQ(plan.errors[1].field, "Frister");
}

TEST(RequirementsTemplate, AFileThatIsNoWorkbookOrLacksColumnsIsRefused) {
  auto plan = plan_requirements_import_xlsx(importers::write_csv(kRows));
  ASSERT_EQ(plan.errors.size(), 1u);
  EXPECT_EQ(plan.errors[0].message, "Filen kan ikke leses som Excel-ark (.xlsx): not an .xlsx file (it is not a zip archive)");
  EXPECT_TRUE(plan.requirements.empty());

  plan = plan_requirements_import_xlsx(importers::write_xlsx({{"Kapittel", "Nummer"}, {"4.2", "27"}}, "Krav"));
  ASSERT_EQ(plan.errors.size(), 2u);
  EXPECT_EQ(plan.errors[0].field, "Krav");
  EXPECT_EQ(plan.errors[1].field, "Rapportering");
  EXPECT_EQ(plan.errors[0].line, 1);
}
