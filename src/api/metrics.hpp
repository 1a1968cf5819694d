// Request counts and latencies per route, in Prometheus text format.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>

namespace varde::api {

class Metrics {
 public:
  // Records one request: the route's template (e.g. "GET /api/orgs/{id}"),
  // the status code and the time it took.
  void record(const std::string& route, int status, double seconds);

  // The Prometheus exposition text of everything recorded so far.
  std::string exposition() const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5};
  struct Series {
    std::map<int, long long> by_status;
    std::array<long long, kBuckets.size()> buckets{};
    long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Series> series_;
};

}  // namespace varde::api
