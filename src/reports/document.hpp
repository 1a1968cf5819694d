// The report document model: what a report says, with no notion of how it
// looks in any one format.
//
// A Document is a title, a few lines of metadata and a flat sequence of
// blocks: headings, text, labelled fields, tables and page breaks. Report
// builders (the layout of each kind of report) fill one in; the renderers in
// render.hpp turn it into Markdown, printable HTML, .docx and .xlsx, so every
// format says the same thing in the same order. The model knows nothing of
// requirements, risks or any other domain thing, and does no I/O.
//
// Text rules, the same for every string in the model:
//   - Blank lines (lines empty or of spaces and tabs only) separate
//     paragraphs; a single '\n' is a line break inside a paragraph.
//     "\r\n" and "\r" count as '\n'.
//   - Text is UTF-8. Renderers print it through clean_text(): invalid UTF-8
//     becomes U+FFFD, control characters other than tab and line feed are
//     dropped. Nothing needs escaping by the builder; each renderer escapes
//     for its own format.
//   - Colour never carries meaning alone: a status colour comes with a label
//     and a coloured table cell with its text, and every format prints the
//     text. Colours are "#rrggbb" (or "#rgb"); a colour that does not parse is
//     ignored and the text is printed without it.
//
// A Document is a plain value: copy it, build it on any thread, render it on
// any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace varde::reports {

// A section heading. Levels are 1 (chapter, "4.2 Informasjonssikkerhet og
// personvern"), 2 and 3; the document title sits above level 1. Levels
// outside 1–3 are printed as the nearest of them.
struct Heading {
  int level = 1;
  std::string text;
};

// Body text: one or more paragraphs (see the text rules above).
struct Paragraph {
  std::string text;
};

// A status shown as a coloured mark with its label, e.g. {"#2e7d32",
// "Oppnådd"}. The label is always printed; the colour is an addition.
struct Status {
  std::string colour;  // "#2e7d32"
  std::string label;   // "Oppnådd"
};

// A labelled value: "Gjelder for: Alle". The label is given without the
// colon (renderers add it; a trailing ':' in the label is tolerated). The
// value follows the text rules and may be several paragraphs.
struct Field {
  std::string label;
  std::string value;
  // With a status, the status label is printed in its colour first, then the
  // value (which may be empty when the status says it all).
  std::optional<Status> status;
  // False: label and value side by side ("Gjelder for: Alle"). True: the
  // label on a line of its own and the value beneath it, for long texts
  // ("Rapporteringstekst:" followed by paragraphs).
  bool value_below = false;
};

// A table cell. `fill` is an optional background colour; the cell's text must
// say what the colour means.
struct Cell {
  std::string text;
  std::string fill;  // "#c62828", or "" for none

  Cell() = default;
  Cell(std::string t) : text(std::move(t)) {}                      // NOLINT: implicit on purpose
  Cell(const char* t) : text(t) {}                                 // NOLINT
  Cell(std::string t, std::string f) : text(std::move(t)), fill(std::move(f)) {}
};

// A table with one header row. Rows shorter than the widest row are padded
// with empty cells. Header cells are column headers in every format (<th
// scope="col">, a repeated header row in Word, a bold row in Excel).
struct Table {
  std::string caption;               // optional; printed above the table
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
  // Optional relative column widths, e.g. {1, 5, 2}; empty, or a count that
  // does not match the columns, means equal widths. Non-positive weights
  // count as 1.
  std::vector<double> widths;
};

// Start a new page when printed (HTML print, Word, Excel page setup);
// Markdown has no pages and keeps only a comment.
struct PageBreak {};

// A picture drawn as SVG (e.g. a heat map), with a caption that says in words
// what it shows. `svg` is a complete <svg> element made by the builder, with
// its own text escaped; HTML shows it inline with the caption beneath, the
// other formats print the caption (the numbers belong in a table beside it,
// so no format loses them).
struct Figure {
  std::string svg;
  std::string caption;
};

using Block = std::variant<Heading, Paragraph, Field, Table, PageBreak, Figure>;

// Who the report is for and when it was made. Empty members are left out.
struct Metadata {
  std::string organisation;    // "Helse Nord IKT"
  std::string period;          // "1. tertial 2023"
  std::string generated_at;    // as it should be read: "10.05.2023 kl. 14.02"
  std::string classification;  // "Intern"

  // The non-empty members as (Norwegian label, value) pairs in the order
  // above: "Virksomhet", "Periode", "Generert", "Klassifisering". Every
  // renderer prints exactly these.
  std::vector<std::pair<std::string, std::string>> fields() const;
};

struct Document {
  std::string title;     // "Krav i oppdragsdokument 2023"
  std::string subtitle;  // optional: "Rapportering for 1. tertial"
  Metadata metadata;
  std::vector<Block> blocks;

  // Appenders for builders; each adds one block and returns *this, so a
  // layout reads top to bottom:
  //   doc.heading(1, "4.2 Informasjonssikkerhet og personvern")
  //      .heading(2, "Krav 27")
  //      .paragraph(requirement_text)
  //      .field("Gjelder for", "Alle")
  //      .long_field("Rapporteringstekst", report_text);
  Document& heading(int level, std::string text);
  Document& paragraph(std::string text);
  Document& field(std::string label, std::string value);
  Document& field(std::string label, std::string value, Status status);
  Document& long_field(std::string label, std::string value);  // value_below
  Document& table(Table t);
  Document& page_break();
  Document& figure(std::string svg, std::string caption);
};

// ---- Rules shared by the renderers -------------------------------------

// `text` as renderers print it: valid UTF-8 (each invalid byte becomes
// U+FFFD), line ends as '\n', no control characters but '\t' and '\n', no
// U+FFFE/U+FFFF (not allowed in XML).
std::string clean_text(std::string_view text);

// The cleaned paragraphs of `text`: split at blank lines, each keeping its
// inner '\n' line breaks, trailing spaces of each line removed. Empty for
// text that is empty or blank.
std::vector<std::string> split_paragraphs(std::string_view text);

// The lines of one paragraph (split at '\n'); {""} for "".
std::vector<std::string> split_lines(std::string_view paragraph);

// `label` with exactly one trailing colon: "Gjelder for" → "Gjelder for:".
std::string label_with_colon(std::string_view label);

// `level` clamped to 1–3.
int heading_level(int level);

// A colour in 8-bit RGB.
struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

// Parses "#rrggbb" or "#rgb" (hex digits in either case, surrounding spaces
// allowed). Returns nullopt for anything else, "red" and "rgb(…)" included.
std::optional<Rgb> parse_colour(std::string_view text);

// "2E7D32": six upper-case hex digits without '#', as OOXML wants them.
std::string to_hex(Rgb c);

// Black or white, whichever contrasts more with `fill`. Either choice gives
// at least 4.58:1 (WCAG AA for normal text) on any fill.
Rgb text_colour_on(Rgb fill);

// The WCAG 2.1 contrast ratio of two colours, 1.0 to 21.0.
double contrast_ratio(Rgb a, Rgb b);

}  // namespace varde::reports
