#include "api/problem.hpp"

#include "core/json_writer.hpp"

namespace varde::api {

std::string problem_json(const Problem& p) {
  core::JsonWriter w;
  w.begin_object();
  w.field("type", "about:blank").field("title", p.title).field("status", p.status);
  if (!p.detail.empty()) w.field("detail", p.detail);
  if (!p.field.empty()) {
    w.field("field", p.field);
    w.key("errors").begin_array().begin_object().field("field", p.field).field("detail", p.detail).end_object().end_array();
  }
  w.end_object();
  std::string out = w.take();
  if (!p.extra_json.empty()) {
    out.pop_back();  // reopen the object to add the extra members
    out += ",";
    out += p.extra_json;
    out += "}";
  }
  return out;
}

}  // namespace varde::api
