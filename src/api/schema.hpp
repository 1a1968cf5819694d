// Request validation against the JSON Schema of the route, the same schema
// that /api/openapi.json publishes, so the document and the checks cannot
// drift apart.
//
// The subset understood: type (one or a list), properties, required,
// additionalProperties (false refuses unknown fields), items, enum,
// minLength/maxLength (counted in characters), minimum/maximum,
// minItems/maxItems; no pattern.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace varde::api {

using json = nlohmann::json;

// Parses a schema literal written in a route definition. Throws
// std::logic_error on a typo, at start-up.
json schema(const char* text);

// Checks `value` against `schema`; throws Problem 400 naming the first field
// that is wrong ("name", "grants[0].role") and what is wrong with it.
void validate(const json& schema, const json& value);

}  // namespace varde::api
