// Action plans in the store, on SQLite and (with VARDE_TEST_PG_URL) on
// PostgreSQL: measures and their history, who sees which measure, the
// overviews, the yearly revision and what it changed, and that every change
// is audited.
#include <gtest/gtest.h>

#include "actions/store.hpp"
#include "api/problem.hpp"
#include "engine_fixture.hpp"
#include "org/store.hpp"

namespace {

using namespace varde;
using namespace varde::actions;

class ActionsStoreTest : public varde_test::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    auto tx = db_->write();
    region_ = org::create(*tx, actor_, {"RX", "Helse Test RHF", "region", std::nullopt});
    trust_a_ = org::create(*tx, actor_, {"TA", "Sykehuset Alfa HF", "trust", region_.id});
    trust_b_ = org::create(*tx, actor_, {"TB", "Sykehuset Beta HF", "trust", region_.id});
    unit_a_ = org::create(*tx, actor_, {"TA-U", "Avdeling", "unit", trust_a_.id});
    plan_ = create_plan(*tx, actor_, {region_.id, "Regional handlingsplan", "2021–2022", "Innledning."});
    add_area(*tx, actor_, plan_.id, {0, 0, "3.1", "Styringssystem", "Områdets tekst.", 0});
    add_area(*tx, actor_, plan_.id, {0, 0, "3.2", "Kompetanse", "", 0});
    shared_ = add_measure(*tx, actor_, plan_.id, measure("3.1", "Felles tiltak", "Sykehuset Alfa HF og de enkelte HF", "2021-2022"));
    only_a_ = add_measure(*tx, actor_, plan_.id, measure("3.1", "Alfas tiltak", "Sykehuset Alfa", "Q4:2021"));
    region_only_ = add_measure(*tx, actor_, plan_.id, measure("3.2", "Regionens tiltak", "Helse Test RHF og Helse Sør-Øst RHF", "Løpende"));
    tx->commit();
  }

  static NewMeasure measure(const std::string& area, const std::string& title, const std::string& responsible,
                            const std::string& period) {
    NewMeasure m;
    m.area_code = area;
    m.title = title;
    m.description = "Beskrivelse av " + title;
    m.status = "not_started";
    m.status_text = "Ikke startet";
    m.period_text = period;
    m.responsible_text = responsible;
    m.at = "2021-10-01";
    return m;
  }

  int64_t audit_count() { return db_->read()->scalar_integer("SELECT COUNT(*) FROM audit_event").value(); }

  audit::Actor actor_{std::nullopt, "test"};
  org::Node region_, trust_a_, trust_b_, unit_a_;
  Plan plan_;
  Measure shared_, only_a_, region_only_;
};

INSTANTIATE_TEST_SUITE_P(ActionsStore, ActionsStoreTest, varde_test::engines(), varde_test::engine_name);

TEST_P(ActionsStoreTest, AMeasureKeepsItsPeriodResponsibleAndFirstUpdate) {
  auto tx = db_->read();
  auto m = *find_measure(*tx, shared_.id);
  EXPECT_EQ(m.period.kind, PeriodKind::years);
  EXPECT_EQ(m.period.text, "2021-2022");
  EXPECT_EQ(m.effective_due, "2022-12-31");
  ASSERT_EQ(m.responsible.size(), 2u);
  EXPECT_EQ(m.responsible[0].org_id, trust_a_.id);
  EXPECT_TRUE(m.responsible[1].each_trust);
  ASSERT_EQ(m.updates.size(), 1u);
  EXPECT_EQ(m.updates[0].status_to, "not_started");
  EXPECT_EQ(m.updates[0].comment, "Ikke startet");
  EXPECT_EQ(m.origin_id, m.id);
  auto r = *find_measure(*tx, region_only_.id);
  ASSERT_EQ(r.responsible.size(), 2u);
  EXPECT_EQ(r.responsible[0].org_id, region_.id);
  EXPECT_FALSE(r.responsible[1].org_id);  // Helse Sør-Øst RHF is not in this tree: kept as text
  EXPECT_EQ(r.responsible[1].text, "Helse Sør-Øst RHF");
}

TEST_P(ActionsStoreTest, UpdatesChangeTheStatusAndKeepTheHistory) {
  const auto before = audit_count();
  {
    auto tx = db_->write();
    add_update(*tx, actor_, shared_.id, shared_.version, {std::string("in_progress"), "Arbeidet er i gang.", std::string("2022-01-15")});
    tx->commit();
  }
  auto tx = db_->write();
  auto m = *find_measure(*tx, shared_.id);
  EXPECT_EQ(m.status, "in_progress");
  EXPECT_EQ(m.status_text, "Arbeidet er i gang.");
  EXPECT_EQ(m.last_update_at, "2022-01-15");
  ASSERT_EQ(m.updates.size(), 2u);
  EXPECT_EQ(m.updates[1].status_from, "not_started");
  EXPECT_EQ(m.updates[1].status_to, "in_progress");
  EXPECT_EQ(audit_count(), before + 1);

  // A stale version: 412 with the measure as it is now.
  try {
    add_update(*tx, actor_, shared_.id, shared_.version, {std::nullopt, "Kommentar", std::nullopt});
    FAIL() << "no 412";
  } catch (const api::Problem& p) {
    EXPECT_EQ(p.status, 412);
    EXPECT_NE(p.extra_json.find("\"current\""), std::string::npos);
  }
  // Postponing without saying why, an unknown status, an empty update, a future date: 400 naming the field.
  auto expect_400 = [&](const NewUpdate& u, const std::string& field) {
    try {
      add_update(*tx, actor_, m.id, m.version, u);
      FAIL() << "no 400 for " << field;
    } catch (const api::Problem& p) {
      EXPECT_EQ(p.status, 400);
      EXPECT_EQ(p.field, field);
    }
  };
  expect_400({std::string("postponed"), "", std::nullopt}, "comment");
  expect_400({std::string("half"), "x", std::nullopt}, "status");
  expect_400({std::nullopt, " ", std::nullopt}, "comment");
  expect_400({std::nullopt, "x", std::string("2999-01-01")}, "at");
}

TEST_P(ActionsStoreTest, ATrustSeesTheRegionalMeasuresItIsResponsibleFor) {
  auto tx = db_->read();
  const Visibility region{{region_.path}}, a{{trust_a_.path}}, b{{trust_b_.path}}, unit{{unit_a_.path}}, none{{}};
  auto whole = find_plan_with_content(*tx, plan_.id, &region);
  EXPECT_EQ(whole->measures.size(), 3u);
  auto for_a = find_plan_with_content(*tx, plan_.id, &a);
  ASSERT_EQ(for_a->measures.size(), 2u);
  EXPECT_EQ(for_a->measures[0].title, "Felles tiltak");
  EXPECT_EQ(for_a->measures[1].title, "Alfas tiltak");
  auto for_b = find_plan_with_content(*tx, plan_.id, &b);
  ASSERT_EQ(for_b->measures.size(), 1u);  // "de enkelte HF" names every trust
  EXPECT_EQ(for_b->measures[0].title, "Felles tiltak");
  EXPECT_TRUE(sees_measure(*tx, a, only_a_.id));
  // A unit inside the trust reaches neither what its trust answers for nor every trust's measures.
  EXPECT_FALSE(sees_measure(*tx, unit, only_a_.id));
  EXPECT_FALSE(sees_measure(*tx, unit, shared_.id));
  EXPECT_FALSE(sees_measure(*tx, b, only_a_.id));
  EXPECT_FALSE(sees_measure(*tx, none, shared_.id));
  EXPECT_EQ(list_plans(*tx, b, std::nullopt).size(), 1u);
  EXPECT_TRUE(list_plans(*tx, none, std::nullopt).empty());

  // A trust's own plan beside the regional measures it answers for.
  auto wtx = db_->write();
  auto own = create_plan(*wtx, actor_, {trust_b_.id, "Betas plan", "2022", ""});
  add_area(*wtx, actor_, own.id, {0, 0, "1", "Lokalt", "", 0});
  add_measure(*wtx, actor_, own.id, measure("1", "Betas eget tiltak", "Sykehuset Beta HF", "2022"));
  MeasureQuery q;
  q.vis = region;
  q.org_path = trust_b_.path;
  q.today = "2023-01-01";
  auto page = list_measures(*wtx, q);
  ASSERT_EQ(page.total, 2);
  EXPECT_EQ(page.items[0].title, "Felles tiltak");
  EXPECT_EQ(page.items[1].title, "Betas eget tiltak");
  q.vis = a;  // Alfa reads none of Beta's own plan
  EXPECT_EQ(list_measures(*wtx, q).total, 1);
}

TEST_P(ActionsStoreTest, OverviewCountsPerAreaAndResponsibleWithOverdueAndStale) {
  {
    auto tx = db_->write();
    add_update(*tx, actor_, only_a_.id, only_a_.version, {std::string("done"), "Ferdig.", std::string("2021-12-01")});
    tx->commit();
  }
  auto tx = db_->read();
  const Visibility region{{region_.path}};
  // 2023-01-01: the shared measure (2021–2022, not started) is overdue; all three
  // were last updated more than 90 days before, but the done one is not stale.
  auto o = overview(*tx, plan_.id, region, "2023-01-01", 90);
  ASSERT_EQ(o.areas.size(), 2u);
  EXPECT_EQ(o.areas[0].key, "3.1");
  EXPECT_EQ(o.areas[0].total, 2);
  EXPECT_EQ(o.areas[0].overdue, 1);
  EXPECT_EQ(o.areas[0].stale, 1);
  auto count_of = [](const Counts& c, const std::string& code) {
    for (const auto& [k, n] : c.by_status)
      if (k == code) return n;
    return int64_t{-1};
  };
  EXPECT_EQ(count_of(o.areas[0], "done"), 1);
  EXPECT_EQ(count_of(o.areas[0], "not_started"), 1);
  EXPECT_EQ(o.areas[1].overdue, 0);  // Løpende is never overdue
  EXPECT_EQ(o.all.total, 3);
  EXPECT_EQ(o.all.stale, 2);
  // Per responsible: Alfa (2), every trust (1), the region (1), and Helse Sør-Øst as text (1).
  std::map<std::string, int64_t> by;
  for (const auto& c : o.responsible) by[c.key] = c.total;
  EXPECT_EQ(by["TA"], 2);
  EXPECT_EQ(by["*"], 1);
  EXPECT_EQ(by["RX"], 1);
  EXPECT_EQ(by["Helse Sør-Øst RHF"], 1);
  // Beta sees only the shared measure in its overview.
  auto ob = overview(*tx, plan_.id, Visibility{{trust_b_.path}}, "2023-01-01", 90);
  EXPECT_EQ(ob.all.total, 1);
  EXPECT_EQ(overview(*tx, plan_.id, region, "2022-01-01", 400).all.stale, 0);
}

TEST_P(ActionsStoreTest, TheYearlyRevisionCarriesOverUnfinishedMeasuresWithTheirHistory) {
  int64_t new_id = 0;
  {
    auto tx = db_->write();
    add_update(*tx, actor_, only_a_.id, only_a_.version, {std::string("done"), "Ferdig.", std::string("2021-12-01")});
    auto fresh = revise_plan(*tx, actor_, plan_.id, find_plan(*tx, plan_.id)->version, {std::nullopt, std::string("2022–2023"), std::nullopt});
    new_id = fresh.id;
    EXPECT_EQ(fresh.revision, 2);
    EXPECT_EQ(fresh.previous_id, plan_.id);
    tx->commit();
  }
  auto tx = db_->write();
  auto old_plan = *find_plan_with_content(*tx, plan_.id, nullptr);
  auto new_plan = *find_plan_with_content(*tx, new_id, nullptr);
  EXPECT_TRUE(old_plan.superseded);
  EXPECT_EQ(old_plan.next_id, new_id);
  EXPECT_EQ(old_plan.measures.size(), 3u);  // the old revision keeps everything as it was
  ASSERT_EQ(new_plan.measures.size(), 2u);  // the finished one stays behind
  EXPECT_EQ(new_plan.areas.size(), 2u);
  EXPECT_EQ(new_plan.period_text, "2022–2023");
  const auto& carried = new_plan.measures[0];
  EXPECT_EQ(carried.title, "Felles tiltak");
  EXPECT_EQ(carried.origin_id, shared_.id);
  EXPECT_EQ(carried.carried_from_id, shared_.id);
  auto full = *find_measure(*tx, carried.id);
  EXPECT_EQ(full.updates.size(), 1u);
  EXPECT_EQ(full.responsible.size(), 2u);

  // Changes since: a new status on a carried measure, a new measure.
  add_update(*tx, actor_, carried.id, carried.version, {std::string("in_progress"), "Startet.", std::nullopt});
  add_measure(*tx, actor_, new_id, measure("3.2", "Nytt tiltak", "Helse Test RHF", "2023"));
  auto changes = plan_changes(*tx, new_id, nullptr);
  ASSERT_TRUE(changes.from);
  std::map<std::string, std::string> kind_of;
  for (const auto& c : changes.measures) kind_of[c.title] = c.change;
  EXPECT_EQ(kind_of["Felles tiltak"], "carried");
  EXPECT_EQ(kind_of["Regionens tiltak"], "carried");
  EXPECT_EQ(kind_of["Alfas tiltak"], "finished");
  EXPECT_EQ(kind_of["Nytt tiltak"], "added");
  for (const auto& c : changes.measures)
    if (c.title == "Felles tiltak") {
      bool status_changed = false;
      for (const auto& f : c.fields)
        if (f.field == "status" && f.before == "Ikke startet" && f.after == "Pågår") status_changed = true;
      EXPECT_TRUE(status_changed);
    }
  ASSERT_EQ(changes.plan_fields.size(), 1u);
  EXPECT_EQ(changes.plan_fields[0].field, "period");

  // The old revision is closed to changes, and cannot be revised twice.
  try {
    add_measure(*tx, actor_, plan_.id, measure("3.1", "For sent", "", ""));
    FAIL() << "no 409";
  } catch (const api::Problem& p) {
    EXPECT_EQ(p.status, 409);
  }
  try {
    revise_plan(*tx, actor_, plan_.id, find_plan(*tx, plan_.id)->version, {});
    FAIL() << "no 409";
  } catch (const api::Problem& p) {
    EXPECT_EQ(p.status, 409);
  }
}

TEST_P(ActionsStoreTest, EditsLinksAndTheirAudit) {
  auto tx = db_->write();
  const auto before = audit_count();
  MeasurePatch p;
  p.period_text = "Q2 2022";
  p.responsible_text = "Sykehuset Beta HF";
  p.due_date = std::optional<std::string>("2022-05-01");
  auto m = update_measure(*tx, actor_, only_a_.id, only_a_.version, p);
  EXPECT_EQ(m.period.kind, PeriodKind::quarter);
  EXPECT_EQ(m.effective_due, "2022-05-01");
  ASSERT_EQ(m.responsible.size(), 1u);
  EXPECT_EQ(m.responsible[0].org_id, trust_b_.id);
  try {
    update_measure(*tx, actor_, only_a_.id, only_a_.version, p);
    FAIL() << "no 412";
  } catch (const api::Problem& e) {
    EXPECT_EQ(e.status, 412);
  }
  m = add_link(*tx, actor_, m.id, "risk", 42);
  ASSERT_EQ(m.links.size(), 1u);
  EXPECT_EQ(m.links[0].target_kind, "risk");
  try {
    add_link(*tx, actor_, m.id, "requirement", 999999);
    FAIL() << "no 400";
  } catch (const api::Problem& e) {
    EXPECT_EQ(e.field, "target_id");
  }
  m = remove_link(*tx, actor_, m.id, "risk", 42);
  EXPECT_TRUE(m.links.empty());
  tx->commit();
  EXPECT_EQ(audit_count(), before + 3);
}

}  // namespace
