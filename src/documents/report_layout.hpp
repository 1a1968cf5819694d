// The layout of a governing document as the seed looks: the title, a block
// of register fields (code, type, version, approval, owner, next review,
// classification and any exemption from public access), then the numbered
// sections with their text, lists and the definitions table. One layout; the
// renderers in src/reports make .docx, .md and printable HTML of it, and
// parse_document_text reads the Markdown back.
#pragma once

#include <string>

#include "documents/store.hpp"
#include "reports/document.hpp"

namespace varde::documents {

// `v` is the version to print (with its sections); `generated_at` the local
// time to print ("23.11.2026 kl. 19.47").
reports::Document document_report(const Document& d, const Version& v, const std::string& generated_at);

// A section's Markdown body as report blocks: a table for "| … |" lines,
// "• " lines for a "- " list, paragraphs for the rest.
void append_markdown(reports::Document& out, const std::string& body);

}  // namespace varde::documents
