// The risk store on both engines (SQLite always, PostgreSQL when
// VARDE_TEST_PG_URL is set): matrix versions, assessments that keep their
// version, scores derived from the matrix, acceptance at the right leader
// level and its withdrawal, the history, lists filtered by subtree, the heat
// map, its counts kept as risks are scored, and the spreadsheet round trip.
#include <gtest/gtest.h>

#include <algorithm>

#include "api/problem.hpp"
#include "app/migrations.hpp"
#include "core/time.hpp"
#include "engine_fixture.hpp"
#include "org/store.hpp"
#include "risk/heat_count.hpp"
#include "risk/risks_csv.hpp"
#include "risk/store.hpp"

using namespace varde;

namespace {

const audit::Actor kSystem{std::nullopt, "test"};

class RiskStoreTest : public varde_test::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    auto tx = db_->write();
    region = org::create(*tx, kSystem, {"RG", "Region", "region", std::nullopt}).id;
    trust = org::create(*tx, kSystem, {"TR", "Trust", "trust", region}).id;
    other = org::create(*tx, kSystem, {"OT", "Other", "trust", region}).id;
    trust_path = org::find(*tx, trust)->path;
    other_path = org::find(*tx, other)->path;
    leader = user(*tx, "leder", trust, "leader", 3);
    officer = user(*tx, "isl", trust, "security_officer", 0);
    tx->commit();
  }

  int64_t user(store::Tx& tx, const std::string& name, int64_t org, const std::string& role, int level) {
    const auto now = core::now_iso();
    auto id = *tx.scalar_integer(
        "INSERT INTO app_user (username, display_name, password_hash, home_org_id, created_at, updated_at) "
        "VALUES (?, ?, 'x', ?, ?, ?) RETURNING id",
        {name, name, org, now, now});
    std::optional<int> l;
    if (level) l = level;
    tx.exec("INSERT INTO role_grant (user_id, org_id, role, leader_level, created_at) VALUES (?, ?, ?, ?, ?)",
            {id, org, role, l, now});
    return id;
  }

  risk::Assessment assessment(store::Tx& tx, int64_t org, const std::string& title = "ROS") {
    risk::AssessmentFields f;
    f.title = title;
    f.subject_kind = "system";
    return risk::create_assessment(tx, kSystem, org, f);
  }

  risk::RiskFields scored(int l, int c, int rl, int rc) {
    risk::RiskFields f;
    f.title = "Risiko";
    f.likelihood = std::optional<int>(l);
    f.consequence = std::optional<int>(c);
    f.residual_likelihood = std::optional<int>(rl);
    f.residual_consequence = std::optional<int>(rc);
    return f;
  }

  int64_t region = 0, trust = 0, other = 0, leader = 0, officer = 0;
  std::string trust_path, other_path;
};

INSTANTIATE_TEST_SUITE_P(RiskStore, RiskStoreTest, varde_test::engines(), varde_test::engine_name);

template <class Fn>
int status_of(Fn&& fn, std::string* field = nullptr) {
  try {
    fn();
  } catch (const api::Problem& p) {
    if (field) *field = p.field;
    return p.status;
  }
  return 0;
}

}  // namespace

TEST_P(RiskStoreTest, RegionsGetTheDefaultMatrixOnceAndVersionsAreKept) {
  auto tx = db_->write();
  EXPECT_EQ(risk::ensure_default_matrices(*tx, kSystem), 1);
  EXPECT_EQ(risk::ensure_default_matrices(*tx, kSystem), 0);
  auto first = *risk::default_matrix_of(*tx, region);
  EXPECT_EQ(first.matrix.key, "helse-5x5");
  EXPECT_EQ(first.revision, 1);
  auto a = assessment(*tx, trust);
  EXPECT_EQ(a.matrix_id, first.id);

  // A new revision as the default: new assessments use it, the old one keeps its own.
  auto m = risk::default_matrix();
  m.risk_levels[0].label.nb = "Grønn";
  auto second = risk::save_matrix(*tx, kSystem, region, m, "test", true);
  EXPECT_EQ(second.revision, 2);
  EXPECT_EQ(risk::default_matrix_of(*tx, region)->id, second.id);
  EXPECT_EQ(risk::find_assessment(*tx, a.id)->matrix_id, first.id);
  EXPECT_EQ(assessment(*tx, trust, "Ny").matrix_id, second.id);
  EXPECT_EQ(risk::list_matrices(*tx, region).size(), 2u);

  // An invalid matrix is refused naming the field.
  m.cells[1][1].accept_level = 9;
  std::string field;
  EXPECT_EQ(status_of([&] { risk::save_matrix(*tx, kSystem, region, m, "test", false); }, &field), 400);
  EXPECT_EQ(field, "cells[1][1].accept_level");
  tx->commit();
}

TEST_P(RiskStoreTest, ScoresComeFromTheMatrixAndBadOnesAreRefused) {
  auto tx = db_->write();
  auto a = assessment(*tx, trust);
  auto f = scored(4, 1, 3, 3);
  f.consequences = std::map<std::string, int>{{"privacy", 3}, {"economy", 2}};
  auto r = risk::create_risk(*tx, kSystem, a.id, f);
  EXPECT_EQ(r.consequence, 3);      // the worst area, not the 1 given
  EXPECT_EQ(r.inherent_level, 2);   // 4 × 3 = 12: high
  EXPECT_EQ(r.residual_level, 1);   // 3 × 3 = 9: medium

  std::string field;
  EXPECT_EQ(status_of([&] { risk::create_risk(*tx, kSystem, a.id, scored(6, 1, 1, 1)); }, &field), 400);
  EXPECT_EQ(field, "likelihood");
  auto bad = scored(1, 1, 1, 1);
  bad.consequences = std::map<std::string, int>{{"weather", 2}};
  EXPECT_EQ(status_of([&] { risk::create_risk(*tx, kSystem, a.id, bad); }, &field), 400);
  EXPECT_EQ(field, "consequences.weather");
  auto owned = scored(1, 1, 1, 1);
  owned.owner_id = std::optional<int64_t>(officer);
  EXPECT_EQ(status_of([&] { risk::create_risk(*tx, kSystem, a.id, owned); }, &field), 400);
  EXPECT_EQ(field, "owner_id");
  owned.owner_id = std::optional<int64_t>(leader);
  EXPECT_EQ(risk::create_risk(*tx, kSystem, a.id, owned).owner_id, leader);
  tx->commit();
}

TEST_P(RiskStoreTest, AcceptanceNeedsTheLeaderLevelAndAWorseScoreWithdrawsIt) {
  auto tx = db_->write();
  auto a = assessment(*tx, trust);
  auto r = risk::create_risk(*tx, kSystem, a.id, scored(4, 4, 3, 3));
  const audit::Actor as_leader{leader, "leder"};
  const audit::Actor as_officer{officer, "isl"};
  const auto until = core::now_plus_seconds(30 * 86400).substr(0, 10);

  EXPECT_EQ(status_of([&] { risk::accept_risk(*tx, as_officer, r.id, "Ok", until); }), 403);
  std::string field;
  EXPECT_EQ(status_of([&] { risk::accept_risk(*tx, as_leader, r.id, "Ok", "2020-01-01"); }, &field), 400);
  EXPECT_EQ(field, "expires_on");
  auto accepted = risk::accept_risk(*tx, as_leader, r.id, "Tiltakene holder.", until);
  EXPECT_EQ(accepted.accepted_by, "leder");
  EXPECT_EQ(accepted.accepted_level, 3);
  EXPECT_EQ(risk::acceptance_state(accepted.accepted_until, core::now_iso()), "accepted");

  risk::RiskFields worse;
  worse.residual_likelihood = std::optional<int>(4);
  worse.residual_consequence = std::optional<int>(4);
  EXPECT_EQ(status_of([&] { risk::update_risk(*tx, kSystem, r.id, r.version, worse); }), 412);
  auto changed = risk::update_risk(*tx, kSystem, r.id, accepted.version, worse);
  EXPECT_FALSE(changed.accepted_at);
  EXPECT_FALSE(changed.accepted_until);
  try {
    risk::accept_risk(*tx, as_leader, r.id, "Ok", until);
    ADD_FAILURE() << "a level-3 leader accepted a cell that needs level 4";
  } catch (const api::Problem& p) {
    EXPECT_EQ(p.status, 403);
    EXPECT_EQ(p.detail, "Risikoen må aksepteres av styret eller regionen (nivå 4) eller høyere.");
  }
  std::vector<std::string> kinds;
  for (const auto& h : risk::history(*tx, r.id)) kinds.push_back(h.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"scores", "acceptance", "scores", "acceptance_withdrawn"}));
  EXPECT_EQ(*tx->scalar_integer("SELECT COUNT(*) FROM audit_event WHERE entity = 'risk' AND entity_id = ?",
                                {std::to_string(r.id)}),
            3);
  tx->commit();
}

TEST_P(RiskStoreTest, ListsStayInsideTheSubtreesAndFindWhatNeedsAttention) {
  auto tx = db_->write();
  auto mine = assessment(*tx, trust);
  auto theirs = assessment(*tx, other);
  auto f = scored(3, 4, 2, 2);
  f.owner_id = std::optional<int64_t>(leader);
  auto r1 = risk::create_risk(*tx, kSystem, mine.id, f);
  risk::create_risk(*tx, kSystem, mine.id, scored(1, 1, 1, 1));
  risk::create_risk(*tx, kSystem, theirs.id, scored(5, 5, 5, 5));
  // An acceptance that ran out yesterday.
  tx->exec("UPDATE risk SET accepted_at = '2025-01-01T00:00:00.000Z', accepted_until = ? WHERE id = ?",
           {core::now_plus_seconds(-86400).substr(0, 10), r1.id});

  risk::RiskQuery q;
  q.subtrees = {trust_path};
  q.today = core::now_iso().substr(0, 10);
  auto [items, total] = risk::list_risks(*tx, q);
  EXPECT_EQ(total, 2);
  for (const auto& r : items) EXPECT_EQ(r.org_id, trust);
  q.status = "expired";
  EXPECT_EQ(risk::list_risks(*tx, q).second, 1);
  q.status.reset();
  q.needs_attention = true;
  EXPECT_EQ(risk::list_risks(*tx, q).first.at(0).id, r1.id);
  q.needs_attention = false;
  q.owner_id = leader;
  EXPECT_EQ(risk::list_risks(*tx, q).second, 1);
  q.owner_id.reset();
  q.without_owner = true;
  EXPECT_EQ(risk::list_risks(*tx, q).second, 1);
  q.without_owner = false;
  q.subtrees = {};
  EXPECT_EQ(risk::list_risks(*tx, q).second, 0);

  // A risk not scored yet counts in the total and as unscored, in no cell.
  risk::RiskFields bare;
  bare.title = "Ikke vurdert ennå";
  risk::create_risk(*tx, kSystem, mine.id, bare);
  auto m = *risk::find_matrix(*tx, mine.matrix_id);
  auto region_path = org::find(*tx, region)->path;
  auto h = risk::heat_map(*tx, m, region_path, {region_path});
  EXPECT_EQ(h.total, 4);
  EXPECT_EQ(h.unscored, 1);
  EXPECT_EQ(h.inherent[0][0], 1);
  EXPECT_EQ(h.inherent[2][3], 1);
  EXPECT_EQ(h.inherent[4][4], 1);
  EXPECT_EQ(h.residual[0][0], 1);
  EXPECT_EQ(h.residual[1][1], 1);
  EXPECT_EQ(h.residual[4][4], 1);
  // The caller who reads only the trust sees only its risks, even for the region's map.
  EXPECT_EQ(risk::heat_map(*tx, m, region_path, {trust_path}).total, 3);
  tx->commit();
}

TEST_P(RiskStoreTest, TheHeatMapsKeptCountsFollowEveryScoringAndMatchARecount) {
  auto tx = db_->write();
  const auto unit = org::create(*tx, kSystem, {"UN", "Enhet", "unit", trust}).id;
  const auto unit_path = org::find(*tx, unit)->path;
  const auto region_path = org::find(*tx, region)->path;
  auto at_unit = assessment(*tx, unit);
  auto at_trust = assessment(*tx, trust);
  auto m = *risk::find_matrix(*tx, at_unit.matrix_id);
  auto moved = risk::create_risk(*tx, kSystem, at_unit.id, scored(2, 3, 1, 1));
  risk::create_risk(*tx, kSystem, at_unit.id, scored(2, 3, 1, 1));
  risk::create_risk(*tx, kSystem, at_trust.id, scored(4, 4, 2, 2));

  // Rescored: out of (2, 3) into (5, 1); the residual score taken away.
  risk::RiskFields f;
  f.likelihood = std::optional<int>(5);
  f.consequence = std::optional<int>(1);
  f.residual_likelihood = std::optional<int>();
  f.residual_consequence = std::optional<int>();
  moved = risk::update_risk(*tx, kSystem, moved.id, moved.version, f);
  ASSERT_FALSE(moved.residual_likelihood);
  // A change to the text alone moves nothing.
  risk::RiskFields text;
  text.title = "Ny tittel";
  risk::update_risk(*tx, kSystem, moved.id, moved.version, text);

  auto unit_map = risk::heat_map(*tx, m, unit_path, {region_path});
  EXPECT_EQ(unit_map.total, 2);
  EXPECT_EQ(unit_map.inherent[1][2], 1);
  EXPECT_EQ(unit_map.inherent[4][0], 1);
  EXPECT_EQ(unit_map.residual[0][0], 1);
  auto trust_map = risk::heat_map(*tx, m, trust_path, {trust_path});
  EXPECT_EQ(trust_map.total, 3);
  EXPECT_EQ(trust_map.inherent[3][3], 1);
  EXPECT_EQ(trust_map.residual[0][0] + trust_map.residual[1][1], 2);
  // A caller who reads only the unit (and, overlapping, a node under it)
  // sees the unit's risks on the trust's map, once each.
  EXPECT_EQ(risk::heat_map(*tx, m, trust_path, {unit_path, unit_path}).total, 2);
  EXPECT_EQ(risk::heat_map(*tx, m, trust_path, {other_path}).total, 0);
  // A risk list filtered by the tree alone takes its total from the same
  // counts; with another filter it counts the risks.
  auto total = [&](std::optional<int64_t> org_id, std::vector<std::string> subtrees) {
    risk::RiskQuery q;
    q.org_id = org_id;
    q.subtrees = std::move(subtrees);
    q.today = core::now_iso().substr(0, 10);
    return risk::list_risks(*tx, q).second;
  };
  EXPECT_EQ(total(region, {region_path}), 3);
  EXPECT_EQ(total(std::nullopt, {unit_path, trust_path}), 3);
  EXPECT_EQ(total(trust, {unit_path}), 2);
  EXPECT_EQ(total(unit, {other_path}), 0);
  risk::RiskQuery by_cell;
  by_cell.subtrees = {region_path};
  by_cell.inherent_cell = std::make_pair(5, 1);
  EXPECT_EQ(risk::list_risks(*tx, by_cell).second, 1);

  // The counts rebuilt from the risks, as migration 13 fills them, are the
  // counts the store kept.
  auto counts = [&] {
    std::vector<std::string> out;
    auto rows = tx->query("SELECT org_id, residual, likelihood, consequence, n FROM risk_heat_count WHERE n <> 0 "
                          "ORDER BY org_id, residual, likelihood, consequence");
    while (rows.next()) {
      out.push_back(std::to_string(rows.integer(0)) + ":" + std::to_string(rows.integer(1)) + ":" +
                    std::to_string(rows.integer(2)) + "," + std::to_string(rows.integer(3)) + "=" +
                    std::to_string(rows.integer(4)));
    }
    return out;
  };
  const auto kept = counts();
  // The unit: (2, 3), (5, 1) and residual (1, 1); the trust and the region
  // also the trust's own (4, 4) and residual (2, 2).
  EXPECT_EQ(kept.size(), 3u + 5u + 5u);
  const auto& all = app::migrations();
  const auto& fill = *std::find_if(all.begin(), all.end(), [](const auto& m) { return m.version == 13; });
  const auto sql = store::migration_sql(fill, tx->dialect());
  const auto begin = sql.find("WITH RECURSIVE"), end = sql.find(";", sql.find("INSERT INTO risk_heat_count"));
  tx->exec("DELETE FROM risk_heat_count");
  tx->exec(sql.substr(begin, end - begin));
  EXPECT_EQ(counts(), kept);
  tx->commit();
}

TEST_P(RiskStoreTest, TheSpreadsheetComesBackUnchangedAndAnEditedRowChangesOneRisk) {
  auto tx = db_->write();
  auto a = assessment(*tx, trust, "Journal");
  auto f = scored(3, 4, 2, 2);
  f.owner_id = std::optional<int64_t>(leader);
  f.framework_controls = std::vector<std::string>{"NSM 2.1.1", "ISO 27001 A.8.13"};
  f.description = "Linje én\nlinje to; med «sitat» og \"anførsel\"";
  risk::create_risk(*tx, kSystem, a.id, f);
  risk::RiskQuery q;
  q.subtrees = {trust_path};
  q.today = core::now_iso().substr(0, 10);
  auto risks = risk::list_risks(*tx, q).first;

  for (const bool xlsx : {false, true}) {
    auto plan = xlsx ? risk::plan_risk_import_xlsx(*tx, trust, risk::risks_to_xlsx(*tx, risks))
                     : risk::plan_risk_import(*tx, trust, risk::risks_to_csv(*tx, risks));
    ASSERT_TRUE(plan.errors.empty()) << plan.errors[0].message;
    auto s = risk::apply_risk_import(*tx, kSystem, plan);
    EXPECT_EQ(s.risks_updated, 0) << (xlsx ? "xlsx" : "csv");
    EXPECT_EQ(s.risks_created, 0);
  }
  auto csv = risk::risks_to_csv(*tx, risks);
  auto pos = csv.find(";2;2;");
  ASSERT_NE(pos, std::string::npos);
  csv.replace(pos, 5, ";1;2;");
  auto s = risk::apply_risk_import(*tx, kSystem, risk::plan_risk_import(*tx, trust, csv));
  EXPECT_EQ(s.risks_updated, 1);
  EXPECT_EQ(risk::find_risk(*tx, risks[0].id)->residual_likelihood, 1);

  // A row with a risk of another trust, and a score off the scale, are errors with their line.
  auto plan = risk::plan_risk_import(*tx, other, csv);
  ASSERT_FALSE(plan.errors.empty());
  EXPECT_EQ(plan.errors[0].field, "ID");
  EXPECT_EQ(plan.errors[0].line, 2);
  tx->commit();
}
