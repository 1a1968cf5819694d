#include "api/openapi.hpp"

#include <map>
#include <set>

namespace varde::api {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string scope_name(Scope s) {
  switch (s) {
    case Scope::open: return "public";
    case Scope::session: return "session";
    case Scope::node: return "node";
  }
  return "session";
}

// "GET /api/orgs/{id}" → "getApiOrgsId", unique and stable.
std::string operation_id(const Route& r) {
  std::string id = lower(r.method);
  bool upper = true;
  for (char c : r.path) {
    if (c == '/' || c == '{' || c == '}' || c == '.' || c == '-' || c == '_') {
      upper = true;
      continue;
    }
    id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return id;
}

json problem_schema() {
  return {{"type", "object"},
          {"properties",
           {{"type", {{"type", "string"}}},
            {"title", {{"type", "string"}}},
            {"status", {{"type", "integer"}}},
            {"detail", {{"type", "string"}}},
            {"field", {{"type", "string"}}}}},
          {"required", {"title", "status"}}};
}

}  // namespace

std::string openapi_document(const RouteTable& routes, const std::string& version) {
  json paths = json::object();
  for (const auto& r : routes.routes()) {
    json op;
    op["operationId"] = operation_id(r);
    op["summary"] = r.summary;
    op["tags"] = json::array({r.tag});
    json access = {{"scope", scope_name(r.access.scope)}};
    access["permission"] = r.access.permission ? json(std::string(auth::permission_name(*r.access.permission))) : json(nullptr);
    access["org_from"] = r.access.org_from.empty() ? json(nullptr) : json(r.access.org_from);
    if (r.access.reaches_down) access["reaches_down"] = true;
    op["x-access"] = access;
    if (r.access.scope == Scope::open) op["security"] = json::array({json::object()});

    json parameters = json::array();
    std::string::size_type pos = 0;
    while ((pos = r.path.find('{', pos)) != std::string::npos) {
      auto end = r.path.find('}', pos);
      parameters.push_back({{"name", r.path.substr(pos + 1, end - pos - 1)},
                            {"in", "path"},
                            {"required", true},
                            {"schema", {{"type", "string"}}}});
      pos = end;
    }
    for (const auto& q : r.query_params)
      parameters.push_back({{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
    if (r.method == "PATCH" || r.method == "PUT")
      parameters.push_back({{"name", "If-Match"}, {"in", "header"}, {"required", false}, {"schema", {{"type", "string"}}}});
    if (!parameters.empty()) op["parameters"] = parameters;

    if (!r.request_schema.is_null())
      op["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", r.request_schema}}}}}};

    json responses = json::object();
    json ok = {{"description", "OK"}};
    if (!r.response_schema.is_null()) {
      const std::string ct = r.path == "/metrics" ? "text/plain" : "application/json";
      ok["content"] = {{ct, {{"schema", r.response_schema}}}};
    }
    responses[std::to_string(r.success_status)] = ok;
    json problem = {{"description", "Problem"},
                    {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
    responses["4XX"] = problem;
    op["responses"] = responses;
    paths[r.path][lower(r.method)] = op;
  }

  json doc = {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "Varde API"},
        {"version", version},
        {"description", "Styringssystem for informasjonssikkerhet og personvern. Roles are granted per "
                        "organisation node and cover its subtree; see x-access on each operation."}}},
      {"paths", paths},
      {"components",
       {{"schemas", {{"Problem", problem_schema()}}},
        {"securitySchemes",
         {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "varde_session"}}},
          {"csrf", {{"type", "apiKey"}, {"in", "header"}, {"name", "X-CSRF-Token"}}}}}}},
      {"security", json::array({{{"session", json::array()}}})},
  };
  return doc.dump();
}

}  // namespace varde::api
