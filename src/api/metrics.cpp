#include "api/metrics.hpp"

#include <sstream>

namespace varde::api {

void Metrics::record(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  auto& s = series_[route];
  ++s.by_status[status];
  ++s.count;
  s.sum += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++s.buckets[i];
}

namespace {

// Splits "GET /api/orgs/{id}" into Prometheus labels.
std::string labels(const std::string& route) {
  const auto space = route.find(' ');
  std::string method = route.substr(0, space);
  std::string path = space == std::string::npos ? "" : route.substr(space + 1);
  std::string escaped;
  for (char c : path) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return "method=\"" + method + "\",route=\"" + escaped + "\"";
}

}  // namespace

std::string Metrics::exposition() const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  out << "# HELP varde_http_requests_total HTTP requests answered, by route and status.\n"
      << "# TYPE varde_http_requests_total counter\n";
  for (const auto& [route, s] : series_)
    for (const auto& [status, n] : s.by_status)
      out << "varde_http_requests_total{" << labels(route) << ",status=\"" << status << "\"} " << n << "\n";
  out << "# HELP varde_http_request_duration_seconds Time to answer, by route.\n"
      << "# TYPE varde_http_request_duration_seconds histogram\n";
  for (const auto& [route, s] : series_) {
    const auto l = labels(route);
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out << "varde_http_request_duration_seconds_bucket{" << l << ",le=\"" << kBuckets[i] << "\"} " << s.buckets[i]
          << "\n";
    out << "varde_http_request_duration_seconds_bucket{" << l << ",le=\"+Inf\"} " << s.count << "\n";
    out << "varde_http_request_duration_seconds_sum{" << l << "} " << s.sum << "\n";
    out << "varde_http_request_duration_seconds_count{" << l << "} " << s.count << "\n";
  }
  return out.str();
}

}  // namespace varde::api
