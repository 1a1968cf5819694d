// Writes rows as a plain one-sheet .xlsx, the counterpart of write_csv for
// templates that a user fills in and imports again: the first row is the
// header (bold, frozen, with an autofilter), every cell is text (so "4.2" and
// "027" stay as written), long texts wrap. read_xlsx() gives the same rows back.
#pragma once

#include <string>
#include <vector>

namespace varde::importers {

// The workbook's bytes, or "" when it could not be written (no temporary
// directory, out of memory). `sheet` is the tab's name (at most 31
// characters, none of []:*?/\ — longer or odd names are cut and cleaned).
std::string write_xlsx(const std::vector<std::vector<std::string>>& rows, const std::string& sheet);

}  // namespace varde::importers
