// Text exported from a PDF, made fit to parse.
//
// A PDF export carries noise that has nothing to do with the document:
// Windows line ends, no-break and soft-hyphen characters, form feeds between
// pages, page numbers alone on a line, running headers and footers, stray
// spaces. The normaliser removes that noise and nothing else. It knows nothing
// about what the document means, so every importer of PDF text can use it.
//
// Lines keep the line number they had in the original text, so an importer can
// point a user at the right line in the file they gave it.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace varde::importers {

// One line of normalised text.
struct Line {
  int number = 0;              // 1-based line number in the original text
  std::string text;            // cleaned text; "" for a blank line
  bool leading_space = false;  // the export put one stray space before it, which in
                               // PDF exports often marks the start of a new text box
};

// Normalises a PDF export:
//  - CRLF and lone CR become line ends; a form feed ends a page (the text on both
//    sides of it keeps the original line number);
//  - no-break spaces (U+00A0, U+202F, U+2007) become spaces; soft hyphens (U+00AD),
//    zero-width spaces and byte-order marks are removed, as are control characters;
//  - trailing white space is trimmed, and one stray leading space is removed (and
//    remembered in Line::leading_space); lines of only white space become "";
//  - page furniture is dropped: lines that open or close most pages (running
//    headers and footers, needs form feeds to know the pages), decorated page
//    numbers ("Side 3 av 9", "- 3 -", "Page 3"), and a bare number alone on a line
//    when the context says it is a page number: it sits at a page break, it splits
//    a sentence in two, or it ends the text. A bare number anywhere else is kept,
//    since documents also put numbers (of sections, of items) on their own line;
//  - where page furniture split a sentence, the blank lines around it go too.
// Never fails; empty input gives no lines.
std::vector<Line> normalise_pdf_text(std::string_view raw);

// A paragraph built from consecutive lines, with the line number it starts at.
struct Paragraph {
  int line = 0;
  std::string text;
};

// Joins lines into paragraphs. Blank lines separate paragraphs, except where
// the export broke a sentence over a blank line (the paragraph before ends
// mid-sentence and the next starts with a lower-case letter); those are mended.
// Lines inside a paragraph are joined by join_broken_lines.
std::vector<Paragraph> join_paragraphs(std::span<const Line> lines);

// The texts of join_paragraphs, without line numbers.
std::vector<std::string> paragraph_texts(std::span<const Line> lines);

// Joins two pieces of one paragraph that the export put on separate lines.
// Spaces are collapsed. A line ending in a hyphen after a letter keeps the
// hyphen and joins without a space ("IKT-" + "portefølje"), unless the next
// word is a conjunction ("risiko-" + "og sårbarhet" → "risiko- og sårbarhet").
std::string join_broken_lines(std::string_view first, std::string_view second);

// Runs of spaces and tabs become one space; both ends are trimmed.
std::string collapse_spaces(std::string_view text);

// True when the text (trimmed) ends a sentence: . ! ? or : possibly followed by
// a closing quote or parenthesis. A heading or a line broken mid-sentence does not.
bool ends_sentence(std::string_view text);

// True when the first letter-or-digit of the text is a lower-case letter
// (ASCII or Latin-1, so æ ø å count), false for upper case, digits and "".
bool starts_lower(std::string_view text);

// True when the first character is an upper-case letter (ASCII or Latin-1).
bool starts_upper(std::string_view text);

}  // namespace varde::importers
