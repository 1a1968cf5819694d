// Reading a JSON text that this program wrote itself (a report's snapshot),
// fast: rapidjson's DOM, which parses several times faster than the
// nlohmann::json that requests are read with, where a closed period's report
// is read from a 60 kB snapshot on every view and export (docs/performance.md,
// Findings, session 5). A member that is missing or of the wrong type throws
// std::runtime_error naming it: the snapshot is damaged, not the caller's input.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace varde::core {

using JsonValue = rapidjson::Value;

// Parses `text`; throws std::runtime_error when it is not JSON.
rapidjson::Document parse_json(const std::string& text);

const JsonValue& member(const JsonValue& object, const char* key);
const JsonValue* find_member(const JsonValue& object, const char* key);  // nullptr when missing
std::string text(const JsonValue& object, const char* key);
std::optional<std::string> optional_text(const JsonValue& object, const char* key);  // null or missing: none
int64_t integer(const JsonValue& object, const char* key);
int64_t integer_or(const JsonValue& object, const char* key, int64_t fallback);
bool boolean(const JsonValue& object, const char* key);
bool boolean_or(const JsonValue& object, const char* key, bool fallback);
const JsonValue& array(const JsonValue& object, const char* key);
std::vector<std::string> texts(const JsonValue& object, const char* key);  // an array of strings
std::string as_text(const JsonValue& v);  // a string value
std::string to_json_text(const JsonValue& v);  // written back as JSON text

}  // namespace varde::core
