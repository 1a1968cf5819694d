// A blocking pool of database connections, private to the store.
//
// Connections are made on demand up to a limit; when all are lent out, a
// borrower waits, and after a long wait gives up with ErrorKind::busy rather
// than hang (a thread holding as many Tx as the pool has connections and
// asking for one more would otherwise wait forever). A connection that came back broken is dropped (give back
// nullptr) and its slot freed, so the next borrower makes a new one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace varde::store::detail {

template <class Conn>
class Pool {
 public:
  using Factory = std::function<std::unique_ptr<Conn>()>;

  Pool(int max_size, Factory make) : max_(max_size < 1 ? 1 : max_size), make_(std::move(make)) {}

  std::unique_ptr<Conn> acquire() {
    std::unique_lock lock(mutex_);
    if (!available_.wait_for(lock, std::chrono::seconds(30), [&] { return !idle_.empty() || total_ < max_; }))
      throw Error(ErrorKind::busy, "all " + std::to_string(max_) + " database connections stayed in use for 30 s");
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    ++total_;
    lock.unlock();
    // Connecting may be slow (network, WAL recovery): not under the lock.
    try {
      return make_();
    } catch (...) {
      give_back(nullptr);
      throw;
    }
  }

  // Returns a connection to the pool; nullptr frees the slot of a dropped one.
  void give_back(std::unique_ptr<Conn> conn) {
    {
      std::lock_guard lock(mutex_);
      if (conn)
        idle_.push_back(std::move(conn));
      else
        --total_;
    }
    available_.notify_one();
  }

 private:
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Conn>> idle_;
  int total_ = 0;
  const int max_;
  Factory make_;
};

}  // namespace varde::store::detail
