#include "core/json_read.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>

namespace varde::core {

namespace {

[[noreturn]] void wrong(const char* key, const char* what) {
  throw std::runtime_error(std::string("JSON member \"") + key + "\": " + what);
}

}  // namespace

rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.data(), text.size());
  if (d.HasParseError())
    throw std::runtime_error(std::string("JSON: ") + rapidjson::GetParseError_En(d.GetParseError()) + " at offset " +
                             std::to_string(d.GetErrorOffset()));
  return d;
}

const JsonValue* find_member(const JsonValue& object, const char* key) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(key);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

const JsonValue& member(const JsonValue& object, const char* key) {
  if (const auto* v = find_member(object, key)) return *v;
  wrong(key, "missing");
}

std::string as_text(const JsonValue& v) {
  if (!v.IsString()) throw std::runtime_error("JSON: a string was expected");
  return {v.GetString(), v.GetStringLength()};
}

std::string text(const JsonValue& object, const char* key) {
  const auto& v = member(object, key);
  if (!v.IsString()) wrong(key, "not a string");
  return {v.GetString(), v.GetStringLength()};
}

std::optional<std::string> optional_text(const JsonValue& object, const char* key) {
  const auto* v = find_member(object, key);
  if (!v || v->IsNull()) return std::nullopt;
  if (!v->IsString()) wrong(key, "not a string");
  return std::string(v->GetString(), v->GetStringLength());
}

int64_t integer(const JsonValue& object, const char* key) {
  const auto& v = member(object, key);
  if (!v.IsInt64()) wrong(key, "not an integer");
  return v.GetInt64();
}

int64_t integer_or(const JsonValue& object, const char* key, int64_t fallback) {
  const auto* v = find_member(object, key);
  return v && v->IsInt64() ? v->GetInt64() : fallback;
}

bool boolean(const JsonValue& object, const char* key) {
  const auto& v = member(object, key);
  if (!v.IsBool()) wrong(key, "not true or false");
  return v.GetBool();
}

bool boolean_or(const JsonValue& object, const char* key, bool fallback) {
  const auto* v = find_member(object, key);
  return v && v->IsBool() ? v->GetBool() : fallback;
}

const JsonValue& array(const JsonValue& object, const char* key) {
  const auto& v = member(object, key);
  if (!v.IsArray()) wrong(key, "not an array");
  return v;
}

std::vector<std::string> texts(const JsonValue& object, const char* key) {
  std::vector<std::string> out;
  for (const auto& v : array(object, key).GetArray()) out.push_back(as_text(v));
  return out;
}

std::string to_json_text(const JsonValue& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace varde::core
