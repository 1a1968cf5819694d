// Import of a governing document from text: the PDF export of a document in
// the layout of "Mål og strategi for informasjonssikkerhet og personvern"
// (numbered sections "1 Definisjoner", "2 Formål og omfang" …, a definitions
// table, bullet lists, footnotes), or Varde's own Markdown export of a
// governing document.
//
// The parser is pure: it turns the text into a plain result (the document's
// fields, its sections as Markdown, the definitions) and warnings that point
// at lines of the text given. It stops where a second document begins (the
// numbering starts again at 1: in the seed, the regional action plan) and
// says at which line, so an importer of the whole file can hand the rest to
// the action-plan parser. Writing the result is write_document's job, in the
// caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit.hpp"
#include "documents/model.hpp"
#include "documents/store.hpp"
#include "store/database.hpp"

namespace varde::documents {

struct ImportWarning {
  int line = 0;       // 1-based line in the text given
  std::string field;  // what it concerns: "code", "title", "sections", "definitions", …
  std::string message;
};

// One row of the definitions table ("Begreper | Forklaring").
struct Definition {
  std::string term;
  std::string explanation;
  int line = 0;
};

struct ParsedSection {
  std::string heading;  // without its number: "Formål og omfang"
  std::string body;     // Markdown: paragraphs, "- " lists, a table, footnotes as "¹ …"
  int line = 0;
};

struct ParsedDocument {
  std::string code;   // "NO 01"
  std::string title;  // "Mål og strategi for informasjonssikkerhet og personvern"
  DocType type = DocType::overarching;
  Classification classification = Classification::internal;
  std::optional<std::string> exemption;
  std::string owner_role, approver;
  std::vector<std::string> definition_header;  // {"Begreper", "Forklaring"}
  std::vector<Definition> definitions;
  std::vector<ParsedSection> sections;
  std::optional<int> next_part_line;  // where the text goes on with another document (not read)
  std::vector<ImportWarning> warnings;
  std::vector<ImportWarning> errors;  // an import with errors writes nothing
};

struct ParseOptions {
  std::optional<std::string> code;   // when the text names none (the seed does not)
  std::optional<std::string> title;  // likewise
};

// The code and title used when neither the text nor the options give one:
// the seed's first part is the region's overarching document.
inline constexpr const char* kDefaultCode = "NO 01";
inline constexpr const char* kDefaultTitle = "Mål og strategi for informasjonssikkerhet og personvern";

ParsedDocument parse_document_text(std::string_view text, const ParseOptions& options = {});

// The sections as the store keeps them.
std::vector<Section> sections_of(const ParsedDocument& d);

// Creates the document (version 1, a draft) for the organisation in the
// caller's transaction; every change audited. Throws api::Problem 400 naming
// the first error's line when the result has errors, 409 when the
// organisation already has a document with the code. Nothing is written
// then (the caller's transaction rolls back).
Document write_document(store::Tx& tx, const audit::Actor& actor, int64_t org_id, const ParsedDocument& d);

}  // namespace varde::documents
