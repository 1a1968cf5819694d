// The workbook is made and read back by reports::workbook_bytes.
#include "importers/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstring>

#include "reports/xlsx_workbook.hpp"

namespace varde::importers {
namespace {

constexpr std::size_t kMaxCellBytes = 32767;  // Excel's limit for a cell's text
constexpr double kMaxWidth = 60;

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (const char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

// The longest line of a cell, in characters: its width in Excel, near enough.
double width_of(const std::string& s) {
  std::size_t longest = 0, start = 0;
  while (start <= s.size()) {
    auto end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    longest = std::max(longest, code_points(s.substr(start, end - start)));
    start = end + 1;
  }
  return static_cast<double>(longest);
}

std::string sheet_name(const std::string& wanted) {
  std::string out;
  for (const char c : wanted)
    if (!std::strchr("[]:*?/\\", c)) out += c;
  if (out.size() > 31) {
    std::size_t end = 31;
    while (end > 0 && (static_cast<unsigned char>(out[end]) & 0xC0) == 0x80) --end;
    out.resize(end);
  }
  return out.empty() ? "Ark1" : out;
}

std::string fit_cell(const std::string& s) {
  if (s.size() <= kMaxCellBytes) return s;
  std::size_t end = kMaxCellBytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

void write_sheet(const std::vector<std::vector<std::string>>& rows, const std::string& sheet, lxw_workbook* wb) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(sheet).c_str());
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xD9E2F3);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* body = workbook_add_format(wb);
  format_set_text_wrap(body);
  format_set_align(body, LXW_ALIGN_VERTICAL_TOP);
  format_set_num_format(body, "@");  // text: what is typed stays as typed

  std::size_t columns = 0;
  for (const auto& r : rows) columns = std::max(columns, r.size());
  std::vector<double> widths(columns, 8);
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t c = 0; c < rows[i].size(); ++c) {
      const auto text = fit_cell(rows[i][c]);
      worksheet_write_string(ws, static_cast<lxw_row_t>(i), static_cast<lxw_col_t>(c), text.c_str(),
                             i == 0 ? header : body);
      widths[c] = std::min(kMaxWidth, std::max(widths[c], width_of(text) + 2));
    }
  for (std::size_t c = 0; c < columns; ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], body);
  if (!rows.empty() && columns > 0) {
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(rows.size() - 1), static_cast<lxw_col_t>(columns - 1));
  }
}

}  // namespace

std::string write_xlsx(const std::vector<std::vector<std::string>>& rows, const std::string& sheet) {
  return reports::workbook_bytes([&](lxw_workbook* wb) { write_sheet(rows, sheet, wb); });
}

}  // namespace varde::importers
