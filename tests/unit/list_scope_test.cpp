// The subtree filter of the list queries and the audit trail's paging, on both
// engines (SQLite always, PostgreSQL when VARDE_TEST_PG_URL is set). The
// filter is a range on the tree path (store::under_any) so that an index
// serves it; these tests pin that it still means "under this node" exactly,
// also next to a sibling whose path shares the prefix's digits ("/1/2/" and
// "/1/20/"), and that the audit page's three ways to page (no scope needed,
// walking the trail, taking the page from the index) give the same events
// and totals.
#include <gtest/gtest.h>

#include <algorithm>

#include "audit/audit.hpp"
#include "core/time.hpp"
#include "engine_fixture.hpp"
#include "store/sql.hpp"

using namespace varde;

namespace {

TEST(StoreSubtreeRange, EndsJustAfterEveryPathUnderThePrefix) {
  EXPECT_EQ(store::prefix_end("/1/2/"), "/1/20");
  EXPECT_EQ(store::prefix_end("/"), "0");
  EXPECT_LT(std::string("/1/2/999/"), store::prefix_end("/1/2/"));
  EXPECT_GE(std::string("/1/20/"), store::prefix_end("/1/2/"));
}

TEST(StoreAncestors, APathListsItselfAndEveryNodeAboveIt) {
  EXPECT_EQ(store::path_and_ancestors("/1/2/40/"), (std::vector<std::string>{"/1/", "/1/2/", "/1/2/40/"}));
  EXPECT_EQ(store::path_and_ancestors("/1/"), (std::vector<std::string>{"/1/"}));
  EXPECT_TRUE(store::path_and_ancestors("").empty());
  store::Params params;
  EXPECT_EQ(store::one_of("o.path", {"/1/", "/1/2/"}, params), "o.path IN (?, ?)");
  EXPECT_EQ(params.size(), 2u);
  EXPECT_EQ(store::one_of("o.path", {}, params), "(1 = 0)");
}

class ListScopeTest : public varde_test::EngineTest {
 protected:
  // Appends an event for a node path (none: an event without a node).
  void event(store::Tx& tx, std::optional<std::string> path, const std::string& entity = "org") {
    audit::Event e;
    e.actor = "test";
    e.action = entity + ".update";
    e.entity = entity;
    e.entity_id = "1";
    if (path) {
      e.org_id = 1;
      e.org_path = path;
    }
    audit::append(tx, e);
  }

  std::vector<std::string> codes_under(const std::vector<std::string>& prefixes) {
    auto tx = db_->read();
    store::Params params;
    auto rows = tx->query("SELECT code FROM org o WHERE " + store::under_any(tx->dialect(), "o.path", prefixes, params) +
                              " ORDER BY code",
                          params);
    std::vector<std::string> out;
    while (rows.next()) out.push_back(rows.str(0));
    return out;
  }
};

TEST_P(ListScopeTest, UnderAnyIsExactlyTheSubtreesAlsoBesideASiblingWithTheSameDigits) {
  {
    auto tx = db_->write();
    const auto now = core::now_iso();
    for (auto [code, path] : std::vector<std::pair<std::string, std::string>>{
             {"NO", "/1/"}, {"R2", "/1/2/"}, {"U2", "/1/2/7/"}, {"U2b", "/1/2/7/9/"}, {"R20", "/1/20/"},
             {"U20", "/1/20/3/"}, {"R3", "/1/3/"}})
      tx->exec("INSERT INTO org (path, code, name, kind, created_at, updated_at) VALUES (?, ?, ?, 'unit', ?, ?)",
               {path, code, code, now, now});
    tx->commit();
  }
  EXPECT_EQ(codes_under({"/1/2/"}), (std::vector<std::string>{"R2", "U2", "U2b"}));
  EXPECT_EQ(codes_under({"/1/20/"}), (std::vector<std::string>{"R20", "U20"}));
  EXPECT_EQ(codes_under({"/1/2/7/", "/1/3/"}), (std::vector<std::string>{"R3", "U2", "U2b"}));
  EXPECT_EQ(codes_under({"/1/"}).size(), 7u);
  EXPECT_TRUE(codes_under({"/1/4/"}).empty());
  // Above "/1/2/7/9/" are its own node, /1/2/7/, /1/2/ and /1/, and not
  // /1/20/, whose path starts with the same characters as /1/2/.
  auto tx = db_->read();
  store::Params params;
  auto rows = tx->query("SELECT code FROM org WHERE " +
                            store::one_of("path", store::path_and_ancestors("/1/2/7/9/"), params) + " ORDER BY path",
                        params);
  std::vector<std::string> above;
  while (rows.next()) above.push_back(rows.str(0));
  EXPECT_EQ(above, (std::vector<std::string>{"NO", "R2", "U2", "U2b"}));
}

TEST_P(ListScopeTest, AuditPagesAreTheSameEventsWhicheverWayTheyAreTaken) {
  // 200 events of one trust, 5 of its sibling /1/20/, 3 without a node, 2 on
  // the root node: 210 in all, newest first.
  std::vector<std::optional<std::string>> paths;
  for (int i = 0; i < 200; ++i) {
    paths.push_back(i % 2 ? "/1/2/" : "/1/2/7/");
    if (i % 40 == 0) paths.push_back("/1/20/");
    if (i % 70 == 0) paths.push_back(std::nullopt);
    if (i % 100 == 0) paths.push_back("/1/");
  }
  ASSERT_EQ(paths.size(), 210u);
  {
    auto tx = db_->write();
    for (const auto& p : paths) event(*tx, p);
    tx->commit();
  }
  // The expected page: the seqs (1-based positions) matching, newest first.
  auto expected = [&](auto keep, int64_t limit, int64_t offset) {
    std::vector<int64_t> seqs;
    for (int64_t s = static_cast<int64_t>(paths.size()); s >= 1; --s)
      if (keep(paths[s - 1])) seqs.push_back(s);
    const auto total = static_cast<int64_t>(seqs.size());
    seqs.erase(seqs.begin(), seqs.begin() + std::min<int64_t>(offset, total));
    if (static_cast<int64_t>(seqs.size()) > limit) seqs.resize(limit);
    return std::make_pair(seqs, total);
  };
  auto listed = [&](audit::Query q) {
    auto tx = db_->read();
    auto page = audit::list(*tx, q);
    std::vector<int64_t> seqs;
    for (const auto& e : page.items) seqs.push_back(e.seq);
    return std::make_pair(seqs, page.total);
  };
  auto under = [](const std::string& prefix) {
    return [prefix](const std::optional<std::string>& p) { return p && p->rfind(prefix, 0) == 0; };
  };

  audit::Query q;
  q.limit = 50;
  // The sibling: 5 of 210, taken from the index; none of /1/2/'s events.
  q.org_path_prefixes = {"/1/20/"};
  EXPECT_EQ(listed(q), expected(under("/1/20/"), 50, 0));
  // The trust: most of the trail, walked newest first; the last page too.
  q.org_path_prefixes = {"/1/2/"};
  EXPECT_EQ(listed(q), expected(under("/1/2/"), 50, 0));
  q.offset = 180;
  EXPECT_EQ(listed(q), expected(under("/1/2/"), 50, 180));
  EXPECT_EQ(listed(q).first.size(), 20u);
  // The root with events without a node: no scope needed, the total is the
  // chain head.
  q.offset = 60;
  q.org_path_prefixes = {"/1/"};
  q.include_orgless = true;
  EXPECT_EQ(listed(q), expected([](const auto&) { return true; }, 50, 60));
  EXPECT_EQ(listed(q).second, 210);
  // The root without them: the three events without a node are hidden.
  q.include_orgless = false;
  EXPECT_EQ(listed(q), expected(under("/1/"), 50, 60));
  EXPECT_EQ(listed(q).second, 207);
  // Two subtrees and events without a node.
  q.offset = 0;
  q.org_path_prefixes = {"/1/20/", "/1/2/7/"};
  q.include_orgless = true;
  auto two = [](const std::optional<std::string>& p) {
    return !p || p->rfind("/1/20/", 0) == 0 || p->rfind("/1/2/7/", 0) == 0;
  };
  EXPECT_EQ(listed(q), expected(two, 50, 0));
}

TEST_P(ListScopeTest, AuditFiltersCountOnlyTheirEvents) {
  {
    auto tx = db_->write();
    for (int i = 0; i < 30; ++i) event(*tx, "/1/2/", i % 3 ? "org" : "risk");
    event(*tx, std::nullopt, "session");
    tx->commit();
  }
  audit::Query q;
  q.entity = "risk";
  q.org_path_prefixes = {"/1/"};
  q.include_orgless = true;
  auto tx = db_->read();
  auto page = audit::list(*tx, q);
  EXPECT_EQ(page.total, 10);
  ASSERT_EQ(page.items.size(), 10u);
  EXPECT_EQ(page.items.front().seq, 28);
  for (const auto& e : page.items) EXPECT_EQ(e.entity, "risk");
}

INSTANTIATE_TEST_SUITE_P(ListScope, ListScopeTest, varde_test::engines(), varde_test::engine_name);

}  // namespace
