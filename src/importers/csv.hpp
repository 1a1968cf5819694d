// CSV as spreadsheets write it (RFC 4180): quoted fields with "" for a
// quote, line breaks inside quotes, CRLF or LF. Norwegian Excel separates
// with ';', others with ','; the reader takes whichever the header line uses.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace varde::importers {

struct CsvRow {
  int line = 0;  // the line the row starts on (1-based), for messages
  std::vector<std::string> fields;
};

struct CsvTable {
  char separator = ';';
  std::vector<CsvRow> rows;  // the header row first
  std::string error;         // e.g. an unterminated quote, with its line; empty when fine
};

// Parses CSV text (a UTF-8 byte order mark at the start is skipped).
CsvTable parse_csv(std::string_view text);

// Writes rows as CSV with the separator, quoting where needed, CRLF line
// ends, and a UTF-8 byte order mark so Excel reads æøå right.
std::string write_csv(const std::vector<std::vector<std::string>>& rows, char separator = ';');

}  // namespace varde::importers
