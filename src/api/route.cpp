#include "api/route.hpp"

#include <charconv>

#include "api/problem.hpp"
#include "core/text.hpp"

namespace varde::api {

namespace {

std::optional<int64_t> parse_positive(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

}  // namespace

const std::string& Context::param(const std::string& name) const {
  static const std::string empty;
  auto it = params_.find(name);
  return it == params_.end() ? empty : it->second;
}

int64_t Context::id_param(const std::string& name) const {
  auto v = parse_positive(param(name));
  if (!v) throw not_found();
  return *v;
}

int64_t Context::expected_version() const {
  auto header = req.header("If-Match");
  if (!header.empty()) {
    std::string_view v = header;
    if (v.substr(0, 2) == "W/") v.remove_prefix(2);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    if (auto n = parse_positive(v)) return *n;
    throw Problem(400, "Ugyldig forespørsel", "If-Match må være en versjon som «\"3\"».", "If-Match");
  }
  if (body_.is_object() && body_.contains("version") && body_["version"].is_number_integer())
    return body_["version"].get<int64_t>();
  throw Problem(428, "Versjon mangler",
                "Endringen må si hvilken versjon den bygger på (If-Match eller «version»), så ingen "
                "overskriver andres endringer.",
                "version");
}

std::optional<int64_t> Context::query_id(const std::string& name) const {
  auto raw = req.query_param(name);
  if (raw.empty()) return std::nullopt;
  auto v = core::parse_id(raw);
  if (!v) throw bad_request(name, "«" + name + "» må være et positivt heltall.");
  return *v;
}

std::optional<std::string> Context::query_text(const std::string& name) const {
  auto raw = req.query_param(name);
  if (raw.empty()) return std::nullopt;
  return raw;
}

std::string Context::order_by(const std::map<std::string, std::string>& columns, const std::string& fallback,
                              const std::string& tiebreak) const {
  auto raw = req.query_param("sort");
  if (raw.empty()) return fallback + ", " + tiebreak;
  const bool descending = raw[0] == '-';
  const auto name = descending ? raw.substr(1) : raw;
  auto it = columns.find(name);
  if (it == columns.end()) {
    std::string known;
    for (const auto& [k, v] : columns) known += (known.empty() ? "" : ", ") + k;
    throw bad_request("sort", "Kan ikke sortere på «" + name + "»; velg blant: " + known + " (med - foran for synkende).");
  }
  return it->second + (descending ? " DESC" : " ASC") + ", " + tiebreak;
}

int64_t Context::limit() const {
  auto raw = req.query_param("limit");
  if (raw.empty()) return 50;
  auto v = parse_positive(raw);
  if (!v || *v > 500) throw bad_request("limit", "«limit» må være et heltall fra 1 til 500.");
  return *v;
}

int64_t Context::offset() const {
  auto raw = req.query_param("offset");
  if (raw.empty() || raw == "0") return 0;
  auto v = parse_positive(raw);
  if (!v) throw bad_request("offset", "«offset» må være et heltall, 0 eller mer.");
  return *v;
}

audit::Actor Context::actor() const {
  if (principal) return {principal->user_id, principal->username};
  return {std::nullopt, "system"};
}

http::Response json_response(std::string body, int status) {
  http::Response r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = std::move(body);
  return r;
}

http::Response versioned_response(std::string body, int64_t version, int status) {
  auto r = json_response(std::move(body), status);
  r.set_header("ETag", "\"" + std::to_string(version) + "\"");
  return r;
}

http::Response no_content() {
  http::Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

void RouteTable::add(Route route) { routes_.push_back(std::move(route)); }

const Route* RouteTable::match(const std::string& method, const std::string& path,
                               std::map<std::string, std::string>& params, std::string& allowed) const {
  allowed.clear();
  const auto wanted = segments(path);
  const std::string effective = method == "HEAD" ? "GET" : method;
  for (const auto& route : routes_) {
    const auto pattern = segments(route.path);
    if (pattern.size() != wanted.size()) continue;
    std::map<std::string, std::string> found;
    bool ok = true;
    for (std::size_t i = 0; i < pattern.size() && ok; ++i) {
      const auto p = pattern[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        if (wanted[i].empty()) ok = false;
        else found[std::string(p.substr(1, p.size() - 2))] = std::string(wanted[i]);
      } else {
        ok = p == wanted[i];
      }
    }
    if (!ok) continue;
    allowed += allowed.empty() ? route.method : ", " + route.method;
    if (route.method == effective) {
      params = std::move(found);
      return &route;
    }
  }
  return nullptr;
}

}  // namespace varde::api
