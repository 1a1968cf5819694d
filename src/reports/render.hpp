// The four renderers of a report Document (see document.hpp): Markdown,
// printable HTML, Word (.docx) and Excel (.xlsx).
//
// Each prints the title, the subtitle, the metadata (Metadata::fields()) and
// then every block in order, and nothing else: the layout of a report lives
// in its builder, never here. Every piece of text in the document appears in
// every format, escaped for that format, so a reader of any of them reads the
// same report. Status colours and cell fills are always printed together
// with their text.
//
// The renderers are pure functions of the document: no globals, safe to call
// from several threads at once. They never throw for any content of the
// document.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "reports/document.hpp"

namespace varde::reports {

// CommonMark with GitHub tables. Text is escaped so that it reads as written
// ("1. tertial" at the start of a line stays text, not a list); fields are
// "**Label:** value"; status colours are not shown, their labels are; page
// breaks become an HTML comment.
std::string render_markdown(const Document& doc);

// A complete, standalone HTML5 page in UTF-8 (lang="nb"), with its CSS inline
// and no external resources: readable on screen and printable on A4 (page
// margins, headings kept with what follows, table header rows repeated,
// colours printed). Meets WCAG 2.1 AA: the title is <h1>, heading levels 1–3
// are <h2>–<h4>, tables have <th scope="col">, text on a coloured fill is
// black or white, whichever contrasts more.
std::string render_html(const Document& doc);

// The bytes of a Word document (.docx, WordprocessingML in a zip): A4 with a
// header (classification) and a footer (page numbers), Title/Heading1–3
// styles, bordered tables with a repeated header row, shaded cells for fills.
// Returns an empty string only when the archive could not be built (out of
// memory).
std::string render_docx(const Document& doc);

// The bytes of an Excel workbook (.xlsx) with one sheet, "Rapport": the title
// in row 1, headings in bold, fields as label in column A and value in column
// B, tables as a header row and rows, fills and statuses as filled cells;
// wrapped text, set column widths, A4 page setup fitted to the page width.
// Returns an empty string when the workbook could not be written (no
// temporary file could be made; the workbook is built through one, which is
// removed before return).
std::string render_xlsx(const Document& doc);

}  // namespace varde::reports

namespace varde::reports {

// A document rendered as a file of one of the four formats.
struct RenderedFile {
  std::string body;
  std::string content_type;  // the MIME type, with charset for the text formats
  std::string extension;     // "docx", "xlsx", "md" or "html"
};

// The formats render_as takes, for messages and documentation.
inline constexpr const char* kFormats = "docx, xlsx, md, html";

// Renders `doc` as `format` (docx, xlsx, md or html); nullopt for any other
// format, so the caller can name the field or option that gave it.
std::optional<RenderedFile> render_as(const Document& doc, std::string_view format);

}  // namespace varde::reports
