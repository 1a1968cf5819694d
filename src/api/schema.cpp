#include "api/schema.hpp"

#include <stdexcept>

#include "api/problem.hpp"

namespace varde::api {

json schema(const char* text) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    throw std::logic_error(std::string("invalid schema literal: ") + e.what());
  }
}

namespace {

std::size_t utf8_length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool has_type(const json& v, const std::string& type) {
  if (type == "string") return v.is_string();
  if (type == "integer") return v.is_number_integer();
  if (type == "number") return v.is_number();
  if (type == "boolean") return v.is_boolean();
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "null") return v.is_null();
  return false;
}

std::string type_words(const std::string& type) {
  if (type == "string") return "tekst";
  if (type == "integer") return "et heltall";
  if (type == "number") return "et tall";
  if (type == "boolean") return "true eller false";
  if (type == "object") return "et objekt";
  if (type == "array") return "en liste";
  return type;
}

std::string child(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

void check(const json& s, const json& v, const std::string& path) {
  const std::string field = path.empty() ? "body" : path;
  if (auto t = s.find("type"); t != s.end()) {
    bool ok = false;
    std::string expected;
    if (t->is_array()) {
      for (const auto& one : *t) {
        ok = ok || has_type(v, one.get<std::string>());
        if (one != "null") expected = type_words(one.get<std::string>());
      }
    } else {
      ok = has_type(v, t->get<std::string>());
      expected = type_words(t->get<std::string>());
    }
    if (!ok) throw bad_request(field, "Feltet «" + field + "» må være " + expected + ".");
  }
  if (auto e = s.find("enum"); e != s.end()) {
    bool found = false;
    for (const auto& one : *e) found = found || one == v;
    if (!found) throw bad_request(field, "Feltet «" + field + "» har en ugyldig verdi; tillatt: " + e->dump() + ".");
  }
  if (v.is_string()) {
    if (v.get_ref<const std::string&>().find('\0') != std::string::npos)
      throw bad_request(field, "Feltet «" + field + "» inneholder et NUL-tegn, som ikke kan lagres.");
    const auto len = utf8_length(v.get_ref<const std::string&>());
    if (auto m = s.find("minLength"); m != s.end() && len < m->get<std::size_t>())
      throw bad_request(field, len == 0 ? "Feltet «" + field + "» må fylles ut."
                                        : "Feltet «" + field + "» er for kort (minst " + std::to_string(m->get<std::size_t>()) + " tegn).");
    if (auto m = s.find("maxLength"); m != s.end() && len > m->get<std::size_t>())
      throw bad_request(field, "Feltet «" + field + "» er for langt (høyst " + std::to_string(m->get<std::size_t>()) + " tegn).");
  }
  if (v.is_number()) {
    if (auto m = s.find("minimum"); m != s.end() && v.get<double>() < m->get<double>())
      throw bad_request(field, "Feltet «" + field + "» må være minst " + m->dump() + ".");
    if (auto m = s.find("maximum"); m != s.end() && v.get<double>() > m->get<double>())
      throw bad_request(field, "Feltet «" + field + "» kan være høyst " + m->dump() + ".");
  }
  if (v.is_object()) {
    const auto props = s.find("properties");
    if (auto r = s.find("required"); r != s.end()) {
      for (const auto& name : *r) {
        if (!v.contains(name.get<std::string>())) {
          const auto f = child(path, name.get<std::string>());
          throw bad_request(f, "Feltet «" + f + "» mangler.");
        }
      }
    }
    const bool closed = s.value("additionalProperties", true) == false;
    for (const auto& [name, member] : v.items()) {
      const auto f = child(path, name);
      if (props != s.end() && props->contains(name)) {
        check((*props)[name], member, f);
      } else if (closed) {
        throw bad_request(f, "Ukjent felt «" + f + "».");
      }
    }
  }
  if (v.is_array()) {
    if (auto m = s.find("minItems"); m != s.end() && v.size() < m->get<std::size_t>())
      throw bad_request(field, "Feltet «" + field + "» må ha minst " + m->dump() + " verdi(er).");
    if (auto m = s.find("maxItems"); m != s.end() && v.size() > m->get<std::size_t>())
      throw bad_request(field, "Feltet «" + field + "» kan ha høyst " + m->dump() + " verdier.");
    if (auto items = s.find("items"); items != s.end()) {
      for (std::size_t i = 0; i < v.size(); ++i) check(*items, v[i], field + "[" + std::to_string(i) + "]");
    }
  }
}

}  // namespace

void validate(const json& s, const json& value) { check(s, value, ""); }

}  // namespace varde::api
