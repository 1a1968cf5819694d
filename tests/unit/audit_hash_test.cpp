// The audit chain's hashing, without a store: every field is covered, and
// the link to the previous event is part of the hash.
#include <gtest/gtest.h>

#include "audit/audit.hpp"

using namespace varde::audit;

namespace {

Event sample() {
  Event e;
  e.seq = 4;
  e.at = "2026-11-23T18:47:40.123Z";
  e.actor_id = 7;
  e.actor = "unn.isl";
  e.action = "org.update";
  e.entity = "org";
  e.entity_id = "12";
  e.org_id = 12;
  e.before = R"({"name":"Før"})";
  e.after = R"({"name":"Etter"})";
  return e;
}

}  // namespace

TEST(AuditHash, IsStableAndHex) {
  const auto h = chain_hash("abc", sample());
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h, chain_hash("abc", sample()));
}

TEST(AuditHash, EveryFieldCounts) {
  const auto base = chain_hash("abc", sample());
  EXPECT_NE(base, chain_hash("abd", sample()));
  auto changes = std::vector<void (*)(Event&)>{
      [](Event& e) { e.seq = 5; },          [](Event& e) { e.at = "2026-11-23T18:47:40.124Z"; },
      [](Event& e) { e.actor_id = 8; },     [](Event& e) { e.actor_id.reset(); },
      [](Event& e) { e.actor = "x"; },      [](Event& e) { e.action = "org.delete"; },
      [](Event& e) { e.entity = "user"; },  [](Event& e) { e.entity_id = "13"; },
      [](Event& e) { e.org_id = 13; },      [](Event& e) { e.org_path = "/1/13/"; },      [](Event& e) { e.before = R"({"name":"før"})"; },
      [](Event& e) { e.after = "null"; },
  };
  for (std::size_t i = 0; i < changes.size(); ++i) {
    Event e = sample();
    changes[i](e);
    EXPECT_NE(base, chain_hash("abc", e)) << "change " << i << " went unnoticed";
  }
}

TEST(AuditHash, CanonicalJsonEscapesText) {
  Event e = sample();
  e.actor = "a\"b";
  EXPECT_NE(canonical_json(e).find(R"("actor":"a\"b")"), std::string::npos);
}
