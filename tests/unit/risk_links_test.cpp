// A report entry's risk assessments, on both engines: the trust's report
// lists, per requirement, the assessments of the trust's subtree with risks
// tied to it (never another trust's), with the levels as the matrix names
// them; closing the period keeps them, so the closed report shows the same
// assessments whatever is rescored or unlinked later; a 1st tertial's
// snapshot keeps the risk overview sent with it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "commission/report_export.hpp"
#include "commission/store.hpp"
#include "core/time.hpp"
#include "engine_fixture.hpp"
#include "org/store.hpp"
#include "reports/render.hpp"
#include "risk/requirement_links.hpp"
#include "risk/store.hpp"

using namespace varde;

namespace {

const audit::Actor kSystem{std::nullopt, "test"};

class RiskLinksTest : public varde_test::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    auto tx = db_->write();
    region = org::create(*tx, kSystem, {"RG", "Region", "region", std::nullopt}).id;
    trust = org::create(*tx, kSystem, {"TR", "Trust", "trust", region}).id;
    unit = org::create(*tx, kSystem, {"TRU", "Trust unit", "unit", trust}).id;
    other = org::create(*tx, kSystem, {"OT", "Other", "trust", region}).id;
    auto doc = commission::create_document(*tx, kSystem, region, 2026, "Krav i oppdragsdokument 2026");
    commission::add_chapter(*tx, kSystem, doc.id, {0, "4.2", "Informasjonssikkerhet", "", 0});
    const std::set<commission::ReportingPoint> all{commission::ReportingPoint::tertial1,
                                                   commission::ReportingPoint::tertial2,
                                                   commission::ReportingPoint::annual};
    r27 = commission::add_requirement(*tx, kSystem, doc.id, {"4.2", "27", "Oppdatere handlingsplanene.", {}, all}).id;
    r28 = commission::add_requirement(*tx, kSystem, doc.id, {"4.2", "28", "Gjennomføre øvelser.", {}, all}).id;
    commission::publish_document(*tx, kSystem, doc.id, doc.version);
    t1 = commission::ensure_period(*tx, kSystem, region, 2026, commission::PeriodKind::tertial1);
    tx->commit();
  }

  risk::Assessment assessment(store::Tx& tx, int64_t org, const std::string& title, const std::string& date) {
    risk::AssessmentFields f;
    f.title = title;
    f.subject_kind = "requirement";
    f.status = "completed";
    f.assessed_on = std::optional<std::string>(date);
    return risk::create_assessment(tx, kSystem, org, f);
  }

  risk::Risk tied(store::Tx& tx, int64_t assessment_id, const std::string& title, std::vector<int64_t> requirements,
                  int l, int c, std::optional<int> rl = std::nullopt, std::optional<int> rc = std::nullopt) {
    risk::RiskFields f;
    f.title = title;
    f.likelihood = std::optional<int>(l);
    f.consequence = std::optional<int>(c);
    if (rl) f.residual_likelihood = std::optional<int>(*rl);
    if (rc) f.residual_consequence = std::optional<int>(*rc);
    f.treatment = std::optional<std::string>("reduce");
    f.requirement_ids = std::move(requirements);
    return risk::create_risk(tx, kSystem, assessment_id, f);
  }

  int64_t region = 0, trust = 0, unit = 0, other = 0, r27 = 0, r28 = 0;
  commission::Period t1;
};

INSTANTIATE_TEST_SUITE_P(RiskLinks, RiskLinksTest, varde_test::engines(), varde_test::engine_name);

}  // namespace

TEST_P(RiskLinksTest, TheTrustReportListsItsSubtreesAssessmentsPerRequirement) {
  auto tx = db_->write();
  auto own = assessment(*tx, trust, "ROS felles journal", "2026-02-01");
  auto in_unit = assessment(*tx, unit, "ROS labsystem", "2026-03-01");
  auto others = assessment(*tx, other, "ROS hos andre", "2026-03-15");
  tied(*tx, own.id, "Tilgang svikter", {r27}, 4, 4, 2, 3);
  tied(*tx, own.id, "Logg mangler", {r27, r28}, 2, 2);
  tied(*tx, own.id, "Ikke knyttet", {}, 5, 5);
  tied(*tx, in_unit.id, "Leverandør", {r27}, 3, 3);
  tied(*tx, others.id, "Andres risiko", {r27, r28}, 5, 5);

  auto report = commission::trust_report(*tx, t1, trust);
  ASSERT_EQ(report.assessments.count(r27), 1u);
  const auto& for27 = report.assessments.at(r27);
  // Most recently assessed first; the other trust's assessment is not there.
  ASSERT_EQ(for27.size(), 2u);
  EXPECT_EQ(for27[0].title, "ROS labsystem");
  EXPECT_EQ(for27[0].org_code, "TRU");
  EXPECT_EQ(for27[1].title, "ROS felles journal");
  EXPECT_EQ(for27[1].status, "completed");
  EXPECT_EQ(for27[1].assessed_on, "2026-02-01");
  // Only the risks tied to the requirement, with their levels as the matrix names them.
  ASSERT_EQ(for27[1].risks.size(), 2u);
  const auto& access = for27[1].risks[0];
  EXPECT_EQ(access.title, "Tilgang svikter");
  ASSERT_TRUE(access.inherent && access.residual);
  EXPECT_EQ(access.inherent->label_nb, "Høy");
  EXPECT_EQ(access.inherent->colour, "#E06666");
  EXPECT_EQ(risk::level_text_nb(access.inherent), "Høy (S4 × K4)");
  EXPECT_EQ(risk::level_text_nb(access.residual), "Middels (S2 × K3)");
  EXPECT_EQ(risk::treatment_text_nb(access), "Redusere");
  EXPECT_FALSE(for27[1].risks[1].residual);
  EXPECT_EQ(risk::level_text_nb(for27[1].risks[1].residual), "Ikke vurdert");

  ASSERT_EQ(report.assessments.at(r28).size(), 1u);
  EXPECT_EQ(report.assessments.at(r28)[0].risks.size(), 1u);
  EXPECT_EQ(report.assessments.at(r28)[0].risks[0].title, "Logg mangler");

  // The other trust sees its own only.
  auto theirs = commission::trust_report(*tx, t1, other);
  ASSERT_EQ(theirs.assessments.at(r27).size(), 1u);
  EXPECT_EQ(theirs.assessments.at(r27)[0].title, "ROS hos andre");

  // As JSON and back, unchanged (the snapshot's way).
  core::JsonWriter w;
  risk::write_json(w, for27[1]);
  const auto back = risk::linked_assessment_from_json(nlohmann::json::parse(w.take()));
  EXPECT_EQ(back.title, for27[1].title);
  ASSERT_EQ(back.risks.size(), 2u);
  EXPECT_EQ(risk::level_text_nb(back.risks[0].residual), "Middels (S2 × K3)");
  EXPECT_EQ(back.risks[0].inherent->colour, "#E06666");
  EXPECT_FALSE(back.risks[1].residual);
  tx->commit();
}

TEST_P(RiskLinksTest, AClosedPeriodKeepsTheAssessmentsAndTheOverviewAsTheyWere) {
  int64_t risk_id = 0, version = 0;
  {
    auto tx = db_->write();
    auto own = assessment(*tx, trust, "ROS felles journal", "2026-02-01");
    auto r = tied(*tx, own.id, "Tilgang svikter", {r27}, 4, 4, 2, 3);
    risk_id = r.id;
    version = r.version;
    commission::close_period(*tx, kSystem, t1.id);
    tx->commit();
  }
  {
    // Rescored and unlinked after the close.
    auto tx = db_->write();
    risk::RiskFields f;
    f.likelihood = std::optional<int>(1);
    f.consequence = std::optional<int>(1);
    f.requirement_ids = std::vector<int64_t>{};
    risk::update_risk(*tx, kSystem, risk_id, version, f);
    tx->commit();
  }
  auto tx = db_->read();
  auto period = *commission::find_period(*tx, t1.id);
  auto closed = commission::trust_report(*tx, period, trust);
  ASSERT_TRUE(closed.from_snapshot);
  ASSERT_EQ(closed.assessments.count(r27), 1u);
  EXPECT_EQ(risk::level_text_nb(closed.assessments.at(r27)[0].risks[0].inherent), "Høy (S4 × K4)");
  // The export's appendix is the overview kept at the close: the risk still
  // stands under requirement 27 there, scored as it was.
  ASSERT_TRUE(closed.risk_overview);
  auto trust_node = *org::find(*tx, trust);
  auto md = reports::render_as(commission::trust_report_export(*tx, closed, period, trust_node, "nå"), "md")->body;
  EXPECT_NE(md.find("Risikovurderinger:"), std::string::npos);
  EXPECT_NE(md.find("iboende risiko Høy (S4 × K4), restrisiko Middels (S2 × K3); Redusere"), std::string::npos) << md;
  const auto appendix = md.find("Vedlegg: Risikooversikt");
  ASSERT_NE(appendix, std::string::npos);
  EXPECT_NE(md.find("Krav 27", appendix), std::string::npos);
  EXPECT_NE(md.find("Høy (S4 × K4)", appendix), std::string::npos);

  // The open report as it stands now: no link any more, and no field.
  tx.reset();
  auto wtx = db_->write();
  commission::reopen_period(*wtx, kSystem, t1.id, "rettelse av tekst");
  auto open = commission::trust_report(*wtx, *commission::find_period(*wtx, t1.id), trust);
  EXPECT_EQ(open.assessments.count(r27), 0u);
  auto md_open = reports::render_as(commission::trust_report_export(*wtx, open, *commission::find_period(*wtx, t1.id),
                                                                   trust_node, "nå"), "md")->body;
  EXPECT_EQ(md_open.find("Risikovurderinger:"), std::string::npos);
  EXPECT_NE(md_open.find("Vedlegg: Risikooversikt"), std::string::npos);
}

TEST_P(RiskLinksTest, TheAnnualReportHasNoAppendix) {
  auto tx = db_->write();
  auto annual = commission::ensure_period(*tx, kSystem, region, 2026, commission::PeriodKind::annual);
  auto node = *org::find(*tx, trust);
  auto md = reports::render_as(commission::trust_report_export(*tx, commission::trust_report(*tx, annual, trust), annual,
                                                               node, "nå"), "md")->body;
  EXPECT_NE(md.find("27"), std::string::npos);
  EXPECT_EQ(md.find("Vedlegg: Risikooversikt"), std::string::npos);
  EXPECT_FALSE(commission::has_risk_appendix(commission::PeriodKind::annual));
  EXPECT_TRUE(commission::has_risk_appendix(commission::PeriodKind::tertial2));
}
