// Plain HTTP request and response values. The transport (server.hpp) fills a
// Request and writes back a Response; nothing outside src/http sees Beast.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace varde::http {

struct Request {
  std::string method;        // "GET", "POST", ...
  std::string target;        // as sent: path and query
  std::string path;          // percent-decoded path, without query
  std::map<std::string, std::string> query;  // decoded query parameters
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;
  std::string request_id;
  bool tls = false;

  // The first header of that name (case-insensitive), or "".
  std::string_view header(std::string_view name) const;
  // The value of a cookie from the Cookie header, or "".
  std::string cookie(std::string_view name) const;
  // A query parameter, or fallback.
  std::string query_param(const std::string& name, const std::string& fallback = "") const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  void set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// Decodes %XX escapes (and '+' as space when form is true). Invalid escapes
// are kept as they are.
std::string percent_decode(std::string_view s, bool form = false);

// Splits "a=1&b=x%20y" into decoded pairs.
std::map<std::string, std::string> parse_query(std::string_view query);

}  // namespace varde::http
