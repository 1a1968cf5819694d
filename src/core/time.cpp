#include "core/time.hpp"

#include <cstdio>
#include <ctime>

namespace varde::core {

std::string iso_utc(Clock::time_point t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

std::string now_iso() { return iso_utc(Clock::now()); }

std::string now_plus_seconds(long long seconds) {
  return iso_utc(Clock::now() + std::chrono::seconds(seconds));
}

std::string local_time_text() {
  // localtime_r follows TZ, which main() sets to Europe/Oslo at start.
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%d.%m.%Y kl. %H.%M", &tm);
  return buf;
}

std::string local_date_iso() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace varde::core
