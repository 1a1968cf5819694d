// Import of risk matrices from a CISO Assistant library file (YAML).
//
// The format (intuitem/ciso-assistant-community, backend/library/libraries):
// a library with `locale`, `name`, `translations` and `objects.risk_matrix`,
// a list of matrices, each with `ref_id`, `name`, `description`,
// `translations`, the level lists `probability`, `impact` and `risk` (each
// level: `id`, `abbreviation`, `name`, `description`, `translations`,
// `hexcolor`) and `grid`: one row per probability id, one risk id per impact
// id. Texts are in the file's `locale`; `translations` maps other locales to
// `name`/`description`.
//
// The parser is pure: text in, matrices and line-numbered warnings out.
// Varde's matrices speak bokmål and English: English comes from the file
// (its locale, or its `en` translation); bokmål from an `nb`/`no`
// translation when there is one, else from a small glossary of the usual
// level names ("Low" → "Lav"), else the English text with a warning, so a
// person can see which labels to translate. The file carries no acceptance
// rule: each risk level gets default_accept_level(), and the import says so.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "risk/model.hpp"

namespace varde::risk {

struct ImportNote {
  int line = 0;        // 1-based line in the file; 0 when it concerns the whole file
  std::string field;   // e.g. "risk_matrix[0].probability[2].name"
  std::string message; // Norwegian
};

struct MatrixImport {
  std::string library_name;
  std::vector<Matrix> matrices;
  std::vector<ImportNote> warnings;
  std::vector<ImportNote> errors;  // any error: nothing may be imported
  bool ok() const { return errors.empty() && !matrices.empty(); }
};

MatrixImport parse_ciso_library(std::string_view yaml_text);

// The bokmål for a common English level name ("very likely" → "Svært
// sannsynlig"), keeping a leading "[1] " or "1 - " as it is; empty when the
// glossary has no entry.
std::string glossary_nb(std::string_view english);

}  // namespace varde::risk
