#include "auth/hash_limit.hpp"

#include <algorithm>

namespace varde::auth {

ConcurrencyLimit::ConcurrencyLimit(int slots) : slots_(std::max(1, slots)) {}

void ConcurrencyLimit::acquire() {
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [this] { return in_use_ < slots_; });
  ++in_use_;
  peak_ = std::max(peak_, in_use_);
}

void ConcurrencyLimit::release() {
  {
    std::lock_guard lock(mutex_);
    --in_use_;
  }
  freed_.notify_one();
}

int ConcurrencyLimit::peak() const {
  std::lock_guard lock(mutex_);
  return peak_;
}

ConcurrencyLimit& password_hash_limit() {
  static ConcurrencyLimit limit(2);
  return limit;
}

}  // namespace varde::auth
