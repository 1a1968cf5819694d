// Reads one worksheet of an Excel workbook (.xlsx, Office Open XML) into rows
// of cell texts, in the same shape as the CSV reader's rows, so an importer can
// take a template either as .csv or as .xlsx and read the rows the same way.
//
// What a cell becomes:
//   - text (shared strings, inline strings, a formula's text result): the text,
//     rich-text runs joined, phonetic guides left out;
//   - a number: as Excel would show it in General format, at most 15
//     significant digits ("3", "1.5", "0.3"), '.' as the decimal mark;
//   - a number with a date or time format: ISO 8601 text ("2026-04-30",
//     "2026-04-30T12:30:00", or "12:30:00" for a time alone), 1900 and 1904
//     date systems both;
//   - a boolean: "TRUE" or "FALSE"; an error value: its text ("#N/A");
//   - a formula: its cached result (the reader does not calculate).
// A row keeps its sheet row number (1-based, as Excel shows it) in `line`;
// `fields[0]` is column A, gaps are empty strings, trailing empty cells are
// dropped. Rows with no text at all are left out.
//
// Bounded input: the archive's parts are read up to kMaxPartBytes each
// (uncompressed), so a zip bomb ends as an error rather than filling memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "importers/csv.hpp"

namespace varde::importers {

struct XlsxTable {
  std::string sheet;          // the name of the sheet that was read
  std::vector<CsvRow> rows;   // line = the sheet's row number
  std::string error;          // why the file could not be read; empty when fine
};

// The largest uncompressed part (a sheet, the shared strings) the reader takes.
constexpr std::size_t kMaxPartBytes = 64u << 20;

// Reads the sheet named `sheet` (exactly as in Excel's tab), or the first
// sheet of the workbook when `sheet` is empty. On failure `error` says why in a
// sentence fit for a user ("not an .xlsx file", "the workbook has no sheet
// named …") and `rows` is empty.
XlsxTable read_xlsx(std::string_view bytes, std::string_view sheet = {});

// The names of the workbook's sheets in tab order; empty when `bytes` is not
// a readable workbook.
std::vector<std::string> xlsx_sheet_names(std::string_view bytes);

}  // namespace varde::importers
