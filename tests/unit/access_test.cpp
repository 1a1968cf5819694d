// The authorisation rules, tested directly: grants cover subtrees, the
// decision separates "hidden" from "forbidden", list filters drop nested roots.
#include <gtest/gtest.h>

#include "auth/access.hpp"

using namespace varde::auth;

namespace {

Principal with_grants(std::vector<std::pair<std::string, std::string>> role_paths) {
  Principal p;
  p.user_id = 7;
  for (auto& [role, path] : role_paths) {
    Grant g;
    g.role = role;
    g.org_path = path;
    p.grants.push_back(g);
  }
  return p;
}

}  // namespace

TEST(Access, GrantCoversItsSubtreeOnly) {
  auto reader = with_grants({{"reader", "/1/2/3/"}});
  EXPECT_EQ(decide(reader, "/1/2/3/", Permission::read), Decision::allow);
  EXPECT_EQ(decide(reader, "/1/2/3/9/12/", Permission::read), Decision::allow);
  // The parent region and a sibling trust are another trust's business.
  EXPECT_EQ(decide(reader, "/1/2/", Permission::read), Decision::hidden);
  EXPECT_EQ(decide(reader, "/1/2/4/", Permission::read), Decision::hidden);
}

TEST(Access, PathPrefixIsByWholeIds) {
  // Node 3 must not cover node 30: paths end with '/' so "/1/3/" is no prefix of "/1/30/".
  auto reader = with_grants({{"reader", "/1/3/"}});
  EXPECT_EQ(decide(reader, "/1/30/", Permission::read), Decision::hidden);
}

TEST(Access, VisibleButNotAllowedIsForbidden) {
  auto reader = with_grants({{"reader", "/1/2/3/"}});
  EXPECT_EQ(decide(reader, "/1/2/3/5/", Permission::administer), Decision::forbidden);
  EXPECT_EQ(decide(reader, "/1/2/3/", Permission::audit), Decision::forbidden);
}

TEST(Access, AnyCoveringGrantMayAllow) {
  auto both = with_grants({{"reader", "/1/2/"}, {"admin", "/1/2/3/"}});
  EXPECT_EQ(decide(both, "/1/2/3/4/", Permission::administer), Decision::allow);
  EXPECT_EQ(decide(both, "/1/2/4/", Permission::administer), Decision::forbidden);
}

TEST(Access, NoGrantsSeesNothing) {
  Principal nobody;
  EXPECT_EQ(decide(nobody, "/1/", Permission::read), Decision::hidden);
  EXPECT_TRUE(subtrees_with(nobody, Permission::read).empty());
}

TEST(Access, RoleTable) {
  EXPECT_TRUE(role_allows("admin", Permission::administer));
  EXPECT_TRUE(role_allows("auditor", Permission::audit));
  EXPECT_FALSE(role_allows("auditor", Permission::contribute));
  EXPECT_TRUE(role_allows("leader", Permission::approve));
  EXPECT_FALSE(role_allows("security_officer", Permission::administer));
  EXPECT_FALSE(role_allows("reader", Permission::contribute));
  EXPECT_FALSE(role_allows("nonsense", Permission::read));
  for (const auto& role : role_names()) EXPECT_TRUE(role_allows(role, Permission::read)) << role;
  EXPECT_TRUE(is_role("privacy_officer"));
  EXPECT_FALSE(is_role("superuser"));
}

TEST(Access, SubtreesDropNestedRootsAndUnrelatedRoles) {
  auto p = with_grants({{"security_officer", "/1/2/3/"}, {"admin", "/1/2/"}, {"reader", "/1/5/"}});
  EXPECT_EQ(subtrees_with(p, Permission::manage), (std::vector<std::string>{"/1/2/"}));
  EXPECT_EQ(subtrees_with(p, Permission::read), (std::vector<std::string>{"/1/2/", "/1/5/"}));
  EXPECT_EQ(subtrees_with(p, Permission::audit), (std::vector<std::string>{"/1/2/"}));
}

TEST(Access, PermissionNamesRoundTrip) {
  for (auto p : {Permission::read, Permission::contribute, Permission::approve, Permission::manage,
                 Permission::administer, Permission::audit})
    EXPECT_EQ(permission_from_name(permission_name(p)), p);
  EXPECT_FALSE(permission_from_name("root").has_value());
}

TEST(Access, HoldsBelowFindsGrantsInTheSubtree) {
  auto trust_reader = with_grants({{"reader", "/1/2/3/"}});
  EXPECT_TRUE(holds_below(trust_reader, "/1/2/", Permission::read));   // the trust's region
  EXPECT_TRUE(holds_below(trust_reader, "/1/2/3/", Permission::read));
  EXPECT_FALSE(holds_below(trust_reader, "/1/5/", Permission::read));  // another region
  EXPECT_FALSE(holds_below(trust_reader, "/1/2/", Permission::manage));
}
