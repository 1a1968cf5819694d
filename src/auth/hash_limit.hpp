// A cap on how many password hashes run at once. Argon2id at libsodium's
// INTERACTIVE limits takes 64 MiB of memory per hash: 64 logins at once
// would take 4 GiB, so a burst of logins could push the server out of memory
// while every other request is cheap. hash_password and verify_password
// pass through one of these; a login beyond the cap waits for a slot (it
// would wait for a core anyway: a hash is ~75 ms of CPU).
#pragma once

#include <condition_variable>
#include <mutex>

namespace varde::auth {

// A counting semaphore that also keeps the most slots ever held at once, so
// a test can see the cap hold.
class ConcurrencyLimit {
 public:
  explicit ConcurrencyLimit(int slots);
  ConcurrencyLimit(const ConcurrencyLimit&) = delete;
  ConcurrencyLimit& operator=(const ConcurrencyLimit&) = delete;

  void acquire();  // waits until a slot is free
  void release();
  int slots() const { return slots_; }
  int peak() const;  // the most slots held at once so far

  // Holds one slot for its lifetime.
  class Slot {
   public:
    explicit Slot(ConcurrencyLimit& l) : limit_(l) { limit_.acquire(); }
    ~Slot() { limit_.release(); }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    ConcurrencyLimit& limit_;
  };

 private:
  const int slots_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  int in_use_ = 0;
  int peak_ = 0;
};

// The process's one limit for password hashes: two at once (128 MiB at
// most), whatever the number of workers, so peak memory stays the same on a
// larger machine; two keep both cores of the reference machine busy.
ConcurrencyLimit& password_hash_limit();

}  // namespace varde::auth
