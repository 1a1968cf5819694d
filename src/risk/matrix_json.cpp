#include "risk/matrix_json.hpp"

#include "api/problem.hpp"

namespace varde::risk {

namespace {

void text(core::JsonWriter& w, std::string_view key, const Text& t) {
  w.key(key).begin_object().field("nb", t.nb).field("en", t.en).end_object();
}

void level(core::JsonWriter& w, const Level& l, int number) {
  w.begin_object().field("level", number).field("abbreviation", l.abbreviation);
  text(w, "label", l.label);
  text(w, "description", l.description);
  if (!l.per_area.empty()) {
    w.key("per_area").begin_object();
    for (const auto& [code, t] : l.per_area) text(w, code, t);
    w.end_object();
  }
  w.end_object();
}

using json = nlohmann::json;

std::string str(const json& j, const char* key, const std::string& field) {
  if (!j.contains(key) || j[key].is_null()) return "";
  if (!j[key].is_string()) throw api::bad_request(field + "." + key, "Må være tekst.");
  return j[key].get<std::string>();
}

Text text_from(const json& j, const char* key, const std::string& field) {
  Text t;
  if (!j.contains(key) || j[key].is_null()) return t;
  const auto& v = j[key];
  if (v.is_string()) return {v.get<std::string>(), v.get<std::string>()};
  if (!v.is_object()) throw api::bad_request(field + "." + key, "Må være {\"nb\", \"en\"}.");
  t.nb = str(v, "nb", field + "." + key);
  t.en = str(v, "en", field + "." + key);
  return t;
}

const json& array(const json& j, const char* key, const std::string& field) {
  static const json empty = json::array();
  if (!j.contains(key)) return empty;
  if (!j[key].is_array()) throw api::bad_request(field.empty() ? key : field + "." + key, "Må være en liste.");
  return j[key];
}

Level level_from(const json& j, const std::string& field) {
  if (!j.is_object()) throw api::bad_request(field, "Må være et objekt.");
  Level l;
  l.abbreviation = str(j, "abbreviation", field);
  l.label = text_from(j, "label", field);
  l.description = text_from(j, "description", field);
  if (j.contains("per_area")) {
    if (!j["per_area"].is_object()) throw api::bad_request(field + ".per_area", "Må være et objekt.");
    for (const auto& [code, v] : j["per_area"].items()) l.per_area[code] = text_from(j["per_area"], code.c_str(), field + ".per_area");
  }
  return l;
}

int integer(const json& j, const char* key, const std::string& field) {
  if (!j.contains(key) || !j[key].is_number_integer()) throw api::bad_request(field + "." + key, "Må være et heltall.");
  return j[key].get<int>();
}

}  // namespace

void write_json(core::JsonWriter& w, const Matrix& m) {
  w.begin_object().field("key", m.key);
  text(w, "name", m.name);
  text(w, "description", m.description);
  w.key("likelihood").begin_array();
  for (std::size_t i = 0; i < m.likelihood.size(); ++i) level(w, m.likelihood[i], static_cast<int>(i + 1));
  w.end_array();
  w.key("consequence").begin_array();
  for (std::size_t i = 0; i < m.consequence.size(); ++i) level(w, m.consequence[i], static_cast<int>(i + 1));
  w.end_array();
  w.key("areas").begin_array();
  for (const auto& a : m.areas) {
    w.begin_object().field("code", a.code);
    text(w, "label", a.label);
    w.end_object();
  }
  w.end_array();
  w.key("risk_levels").begin_array();
  for (std::size_t i = 0; i < m.risk_levels.size(); ++i) {
    const auto& r = m.risk_levels[i];
    w.begin_object().field("index", static_cast<int>(i)).field("abbreviation", r.abbreviation);
    text(w, "label", r.label);
    text(w, "description", r.description);
    w.field("colour", r.colour).end_object();
  }
  w.end_array();
  w.key("cells").begin_array();
  for (const auto& row : m.cells) {
    w.begin_array();
    for (const auto& c : row)
      w.begin_object().field("risk_level", c.risk_level).field("accept_level", c.accept_level).end_object();
    w.end_array();
  }
  w.end_array();
  w.end_object();
}

std::string matrix_to_json(const Matrix& m) {
  core::JsonWriter w;
  write_json(w, m);
  return w.take();
}

Matrix matrix_from_json(const json& j) {
  if (!j.is_object()) throw api::bad_request("matrix", "Matrisen må være et objekt.");
  Matrix m;
  m.key = str(j, "key", "matrix");
  m.name = text_from(j, "name", "matrix");
  m.description = text_from(j, "description", "matrix");
  const auto& lk = array(j, "likelihood", "");
  for (std::size_t i = 0; i < lk.size(); ++i) m.likelihood.push_back(level_from(lk[i], "likelihood[" + std::to_string(i) + "]"));
  const auto& cq = array(j, "consequence", "");
  for (std::size_t i = 0; i < cq.size(); ++i) m.consequence.push_back(level_from(cq[i], "consequence[" + std::to_string(i) + "]"));
  const auto& ar = array(j, "areas", "");
  for (std::size_t i = 0; i < ar.size(); ++i) {
    const auto f = "areas[" + std::to_string(i) + "]";
    if (!ar[i].is_object()) throw api::bad_request(f, "Må være et objekt.");
    m.areas.push_back({str(ar[i], "code", f), text_from(ar[i], "label", f)});
  }
  const auto& rl = array(j, "risk_levels", "");
  for (std::size_t i = 0; i < rl.size(); ++i) {
    const auto f = "risk_levels[" + std::to_string(i) + "]";
    if (!rl[i].is_object()) throw api::bad_request(f, "Må være et objekt.");
    m.risk_levels.push_back({str(rl[i], "abbreviation", f), text_from(rl[i], "label", f),
                             text_from(rl[i], "description", f), str(rl[i], "colour", f)});
  }
  const auto& cells = array(j, "cells", "");
  for (std::size_t l = 0; l < cells.size(); ++l) {
    const auto f = "cells[" + std::to_string(l) + "]";
    if (!cells[l].is_array()) throw api::bad_request(f, "Må være en liste.");
    std::vector<Cell> row;
    for (std::size_t c = 0; c < cells[l].size(); ++c) {
      const auto cf = f + "[" + std::to_string(c) + "]";
      if (!cells[l][c].is_object()) throw api::bad_request(cf, "Må være et objekt.");
      row.push_back({integer(cells[l][c], "risk_level", cf), integer(cells[l][c], "accept_level", cf)});
    }
    m.cells.push_back(std::move(row));
  }
  return m;
}

}  // namespace varde::risk
