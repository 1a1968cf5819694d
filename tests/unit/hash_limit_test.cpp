// The cap on concurrent password hashes: however many threads hash at once,
// no more than the cap run together, and every one of them finishes.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "auth/crypto.hpp"
#include "auth/hash_limit.hpp"

using namespace varde::auth;

TEST(HashLimit, NoMoreThanTheSlotsRunAtOnce) {
  ConcurrencyLimit limit(2);
  std::atomic<int> running{0}, most{0}, done{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      ConcurrencyLimit::Slot slot(limit);
      const int now = ++running;
      for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
      --running;
      ++done;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(done.load(), 8);
  EXPECT_EQ(most.load(), 2);  // eight threads sleeping 30 ms each do overlap
  EXPECT_EQ(limit.peak(), 2);
}

TEST(HashLimit, ASlotIsFreedWhenItsHolderThrows) {
  ConcurrencyLimit limit(1);
  EXPECT_THROW(
      {
        ConcurrencyLimit::Slot slot(limit);
        throw std::runtime_error("the hash failed");
      },
      std::runtime_error);
  ConcurrencyLimit::Slot again(limit);  // would wait forever if the slot had leaked
  EXPECT_EQ(limit.peak(), 1);
}

TEST(HashLimit, PasswordHashesRunTwoAtATime) {
  const auto hash = hash_password("korrekt hest batteri");
  std::atomic<int> matched{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i)
    threads.emplace_back([&] {
      if (verify_password(hash, "korrekt hest batteri")) ++matched;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(matched.load(), 6);
  EXPECT_EQ(password_hash_limit().slots(), 2);
  EXPECT_EQ(password_hash_limit().peak(), 2);  // six at once: the cap was reached, never passed
}
