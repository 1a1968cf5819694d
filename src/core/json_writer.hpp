// A streaming JSON writer for responses (rapidjson's Writer underneath: it
// builds list answers several times faster than a DOM would).
//
//   JsonWriter w;
//   w.begin_object().key("id").value(id).key("name").value(name).end_object();
//   std::string body = w.take();
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace varde::core {

class JsonWriter {
 public:
  // A list page is 30–70 kB: starting at 16 kB saves most of the regrowing
  // (and copying) of rapidjson's 256-byte default.
  JsonWriter() : buffer_(nullptr, 16 * 1024), writer_(buffer_) {}

  JsonWriter& begin_object() { writer_.StartObject(); return *this; }
  JsonWriter& end_object() { writer_.EndObject(); return *this; }
  JsonWriter& begin_array() { writer_.StartArray(); return *this; }
  JsonWriter& end_array() { writer_.EndArray(); return *this; }
  JsonWriter& key(std::string_view k) {
    writer_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
    return *this;
  }
  JsonWriter& value(std::string_view v) {
    writer_.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    return *this;
  }
  JsonWriter& value(const char* v) { return value(std::string_view(v)); }
  JsonWriter& value(const std::string& v) { return value(std::string_view(v)); }
  JsonWriter& value(int v) { writer_.Int64(v); return *this; }
  JsonWriter& value(long v) { writer_.Int64(v); return *this; }
  JsonWriter& value(long long v) { writer_.Int64(v); return *this; }
  JsonWriter& value(double v) { writer_.Double(v); return *this; }
  JsonWriter& value(bool v) { writer_.Bool(v); return *this; }
  JsonWriter& null() { writer_.Null(); return *this; }
  template <class T>
  JsonWriter& value(const std::optional<T>& v) {
    if (v) return value(*v);
    return null();
  }
  // Embeds text that is already valid JSON (e.g. a stored JSON column).
  JsonWriter& raw(std::string_view json) {
    writer_.RawValue(json.data(), json.size(), rapidjson::kObjectType);
    return *this;
  }
  // Shorthand for key(k).value(v).
  template <class T>
  JsonWriter& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }

  std::string take() { return std::string(buffer_.GetString(), buffer_.GetSize()); }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace varde::core
