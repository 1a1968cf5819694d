// A report document as JSON and back, so a document made once can be kept
// (a closed period's snapshot keeps the risk overview it was sent with) and
// rendered again later exactly as it was. Knows nothing of any domain.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/json_writer.hpp"
#include "reports/document.hpp"

namespace varde::reports {

// {"title", "subtitle", "metadata": {…}, "blocks": [{"kind": "heading",
// "level", "text"} | {"kind": "paragraph", "text"} | {"kind": "field", "label",
// "value", "value_below", "status"?: {"colour", "label"}} | {"kind": "table",
// "caption", "header", "rows": [[{"text", "fill"}]], "widths"} | {"kind":
// "page_break"} | {"kind": "figure", "svg", "caption"}]}
void write_json(core::JsonWriter& w, const Document& doc);
// The inverse of write_json. Throws nlohmann's errors on another shape.
Document document_from_json(const nlohmann::json& j);

}  // namespace varde::reports
