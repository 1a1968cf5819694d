// Excel (.xlsx) renderer, through libxlsxwriter.
//
// The sheet reads like a form: column A holds labels (field labels, the
// metadata's labels) and headings, column B the values and the body text;
// tables start in column A and take as many columns as they have. Column
// widths are worked out from everything that will stand in each column before
// anything is written. Text cells wrap, and each row is given the height its
// wrapped text needs, by an estimate that errs towards a line too many:
// LibreOffice does not size rows reliably when it opens a file.
//
// The sheet prints on A4, fitted to the page's width. Page breaks are written
// as manual row breaks; LibreOffice keeps them on a fitted sheet, Excel may
// ignore them there (it drops manual breaks under "fit to"). A cut-off column
// on a page of its own would be worse than a lost page break.
//
// The workbook is made and read back by reports::workbook_bytes.
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <map>

#include "reports/render.hpp"
#include "reports/svg_png.hpp"
#include "reports/xlsx_workbook.hpp"

namespace varde::reports {
namespace {

constexpr std::size_t kMaxCellBytes = 32767;  // Excel's limit for a cell's text
constexpr double kLabelMin = 16, kLabelMax = 32;
constexpr double kValueWidth = 65;
constexpr double kTableTotal = 90;  // characters shared by a table's columns
constexpr double kLinePoints = 15;  // height of one line of 11 pt text

// Code points in a UTF-8 string: the width Excel gives it, near enough.
std::size_t chars(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

// `s` cut to Excel's cell limit at a code point boundary.
std::string fit_cell(std::string s) {
  if (s.size() <= kMaxCellBytes) return s;
  std::size_t end = kMaxCellBytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  s.resize(end);
  return s;
}

// Text that may be several paragraphs, in one cell: paragraphs separated by
// an empty line, line breaks kept.
std::string cell_text(const std::string& text) {
  std::string out;
  for (const auto& p : split_paragraphs(text)) out += (out.empty() ? "" : "\n\n") + p;
  return fit_cell(out);
}

std::string one_line(const std::string& text) {
  std::string out;
  for (const auto& p : split_paragraphs(text))
    for (const auto& l : split_lines(p)) out += (out.empty() ? "" : " ") + l;
  return fit_cell(out);
}

// Header/footer text: '&' is a control character there and must be doubled;
// the whole string is limited to 255 bytes.
std::string header_text(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '&') out += '&';
    out += c;
  }
  if (out.size() > 200) {
    std::size_t end = 200;
    while (end > 0 && (static_cast<unsigned char>(out[end]) & 0xC0) == 0x80) --end;
    out.resize(end);
  }
  return out;
}

std::uint32_t colour_value(Rgb c) { return (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | c.b; }

std::size_t table_columns(const Table& t) {
  std::size_t columns = t.header.size();
  for (const auto& row : t.rows) columns = std::max(columns, row.size());
  return columns;
}

// The width, in Excel's character units, that each column needs.
std::vector<double> column_widths(const Document& doc) {
  std::vector<double> width(2, 0.0);
  auto need = [&width](std::size_t col, double w) {
    if (width.size() <= col) width.resize(col + 1, 0.0);
    width[col] = std::max(width[col], w);
  };
  auto label = [&need](const std::string& text) {
    need(0, std::clamp(static_cast<double>(chars(label_with_colon(text))) + 2, kLabelMin, kLabelMax));
  };
  for (const auto& [l, v] : doc.metadata.fields()) {
    label(l);
    need(1, std::min(kValueWidth, static_cast<double>(chars(v)) + 2));
  }
  for (const auto& block : doc.blocks) {
    if (const auto* f = std::get_if<Field>(&block)) {
      label(f->label);
      need(1, kValueWidth);
    } else if (std::holds_alternative<Paragraph>(block) || std::holds_alternative<Figure>(block)) {
      need(1, kValueWidth);
    } else if (const auto* t = std::get_if<Table>(&block)) {
      const std::size_t columns = table_columns(*t);
      if (columns == 0) continue;
      std::vector<double> w(columns, 1.0);
      if (t->widths.size() == columns) {
        for (std::size_t i = 0; i < columns; ++i) w[i] = t->widths[i] > 0 ? t->widths[i] : 1.0;
      }
      double sum = 0;
      for (double v : w) sum += v;
      for (std::size_t i = 0; i < columns; ++i) need(i, std::clamp(kTableTotal * w[i] / sum, 8.0, kValueWidth));
    }
  }
  for (double& w : width)
    if (w == 0) w = kLabelMin;
  return width;
}

// The formats of the sheet, made once per workbook. Fill formats are made on
// first use, one per colour.
class Formats {
 public:
  explicit Formats(lxw_workbook* wb) : wb_(wb) {
    title = make();
    format_set_bold(title);
    format_set_font_size(title, 16);
    subtitle = make();
    format_set_font_size(subtitle, 12);
    for (int i = 0; i < 3; ++i) {
      heading[i] = make();
      format_set_bold(heading[i]);
      format_set_font_size(heading[i], i == 0 ? 14 : i == 1 ? 12 : 11);
    }
    label = make();
    format_set_bold(label);
    format_set_text_wrap(label);
    format_set_align(label, LXW_ALIGN_VERTICAL_TOP);
    value = make();
    format_set_text_wrap(value);
    format_set_align(value, LXW_ALIGN_VERTICAL_TOP);
    caption = make();
    format_set_bold(caption);
    table_header = make();
    format_set_bold(table_header);
    format_set_text_wrap(table_header);
    format_set_align(table_header, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(table_header, 0xE6E6E6);
    format_set_pattern(table_header, LXW_PATTERN_SOLID);
    bordered(table_header);
    table_cell = make();
    format_set_text_wrap(table_cell);
    format_set_align(table_cell, LXW_ALIGN_VERTICAL_TOP);
    bordered(table_cell);
  }

  // A table cell filled with `fill`, text black or white by contrast.
  lxw_format* filled_cell(Rgb fill) { return filled(fill, cells_, false); }
  // A status label filled with `fill`, in bold.
  lxw_format* status(Rgb fill) { return filled(fill, statuses_, true); }

  lxw_format *title, *subtitle, *heading[3], *label, *value, *caption, *table_header, *table_cell;

 private:
  lxw_format* make() { return workbook_add_format(wb_); }

  static void bordered(lxw_format* f) {
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, 0x595959);
  }

  lxw_format* filled(Rgb fill, std::map<std::uint32_t, lxw_format*>& cache, bool bold) {
    const std::uint32_t key = colour_value(fill);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
    lxw_format* f = make();
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    format_set_pattern(f, LXW_PATTERN_SOLID);
    // libxlsxwriter treats 0x000000 as "no colour"; pure black is near enough.
    format_set_bg_color(f, key == 0 ? 0x010101 : key);
    const std::uint32_t text = colour_value(text_colour_on(fill));
    format_set_font_color(f, text == 0 ? 0x010101 : text);
    if (bold) format_set_bold(f);
    bordered(f);
    cache.emplace(key, f);
    return f;
  }

  lxw_workbook* wb_;
  std::map<std::uint32_t, lxw_format*> cells_, statuses_;
};

class SheetWriter {
 public:
  SheetWriter(lxw_worksheet* ws, Formats& fmt, std::vector<double> widths)
      : ws_(ws), fmt_(fmt), widths_(std::move(widths)) {}

  // Writes `text` in the current row. `wraps`: the cell wraps its text, and
  // the row is made tall enough for it.
  void write(std::size_t col, const std::string& text, lxw_format* f, bool wraps = true) {
    worksheet_write_string(ws_, row_, static_cast<lxw_col_t>(col), text.c_str(), f);
    if (wraps && col < widths_.size()) row_lines_ = std::max(row_lines_, wrapped_lines(text, widths_[col]));
  }
  // Moves to the next row, giving the one left the height its wrapped text
  // needs. Excel would size rows itself, LibreOffice not reliably, so the
  // height is set: an estimate that errs towards a line too many.
  void next_row() {
    if (row_lines_ > 1) worksheet_set_row(ws_, row_, row_lines_ * kLinePoints + 3, nullptr);
    row_lines_ = 1;
    ++row_;
  }
  void blank_row() {
    if (!last_blank_) ++row_;
    last_blank_ = true;
  }
  void wrote() { last_blank_ = false; }
  lxw_row_t row() const { return row_; }

  void heading(const Heading& h) {
    const std::string text = one_line(h.text);
    if (text.empty()) return;
    const int level = heading_level(h.level);
    if (level == 1) blank_row();
    write(0, text, fmt_.heading[level - 1], false);
    next_row();
    wrote();
  }

  void paragraph(const Paragraph& p) {
    for (const auto& para : split_paragraphs(p.text)) {
      write(1, fit_cell(para), fmt_.value);
      next_row();
      wrote();
    }
  }

  void field(const Field& f) {
    write(0, one_line(label_with_colon(f.label)), fmt_.label);
    const std::string value = cell_text(f.value);
    if (f.status) {
      const std::string status = one_line(f.status->label);
      const auto fill = parse_colour(f.status->colour);
      write(1, status, fill ? fmt_.status(*fill) : fmt_.label);
      if (!value.empty()) {
        next_row();
        write(1, value, fmt_.value);
      }
    } else {
      write(1, value, fmt_.value);
    }
    next_row();
    wrote();
  }

  void table(const Table& t) {
    const std::size_t columns = table_columns(t);
    if (columns == 0) return;
    if (!split_paragraphs(t.caption).empty()) {
      write(0, one_line(t.caption), fmt_.caption, false);
      next_row();
    }
    if (!t.header.empty()) {
      for (std::size_t c = 0; c < columns; ++c) {
        write(c, c < t.header.size() ? cell_text(t.header[c]) : "", fmt_.table_header);
      }
      next_row();
    }
    for (const auto& r : t.rows) {
      for (std::size_t c = 0; c < columns; ++c) {
        lxw_format* f = fmt_.table_cell;
        std::string text;
        if (c < r.size()) {
          text = cell_text(r[c].text);
          if (const auto fill = parse_colour(r[c].fill)) f = fmt_.filled_cell(*fill);
        }
        write(c, text, f);
      }
      next_row();
    }
    wrote();
    blank_row();
  }

  // The figure as a picture in column B (the PNG is drawn at twice its size
  // and shown at half, sharp when printed), the caption as its alt text and
  // in the row beneath it; rows are skipped for the picture's height.
  // Without a picture only the caption is written.
  void figure(const Figure& f) {
    const std::string caption = one_line(f.caption);
    if (auto png = svg_to_png(f.svg)) {
      images_.push_back(std::move(png->bytes));  // libxlsxwriter reads it at workbook_close()
      lxw_image_options opt{};
      opt.x_scale = png->css_width / png->width;
      opt.y_scale = png->css_height / png->height;
      opt.object_position = LXW_OBJECT_MOVE_DONT_SIZE;
      opt.description = const_cast<char*>(caption.c_str());
      const auto& bytes = images_.back();
      if (worksheet_insert_image_buffer_opt(ws_, row_, 1, reinterpret_cast<const unsigned char*>(bytes.data()),
                                            bytes.size(), &opt) == LXW_NO_ERROR) {
        // CSS pixels are 0.75 pt; a default row is kLinePoints high.
        row_ += static_cast<lxw_row_t>(std::ceil(png->css_height * 0.75 / kLinePoints));
        wrote();
      }
    }
    if (!caption.empty()) paragraph(Paragraph{caption});
  }

  void page_break() {
    if (row_ > 0) breaks_.push_back(row_);
    last_blank_ = true;  // no blank row at the top of a page
  }

  // The page breaks, zero-terminated as libxlsxwriter wants them.
  std::vector<lxw_row_t> breaks() const {
    std::vector<lxw_row_t> out = breaks_;
    out.erase(std::unique(out.begin(), out.end()), out.end());
    out.push_back(0);
    return out;
  }

 private:
  // Lines `text` takes in a column `width` characters wide, wrapping at
  // spaces as a spreadsheet does. The width counts the digit '0'; running
  // text is narrower (Excel and LibreOffice both fit about 1.2 characters of
  // Norwegian prose per unit), so a line is taken to hold width * 1.2 - 1.
  static int wrapped_lines(const std::string& text, double width) {
    const auto capacity = static_cast<std::size_t>(std::max(4.0, width * 1.2 - 1));
    int lines = 0;
    for (const auto& line : split_lines(text)) {
      std::size_t used = 0;
      int n = 1;
      std::size_t start = 0;
      while (start <= line.size()) {
        auto end = line.find(' ', start);
        if (end == std::string::npos) end = line.size();
        const std::size_t word = chars(std::string_view(line).substr(start, end - start));
        if (used > 0 && used + 1 + word > capacity) {
          ++n;
          used = 0;
        }
        used += (used > 0 ? 1 : 0) + word;
        while (used > capacity) {  // a word longer than a line breaks anywhere
          ++n;
          used -= capacity;
        }
        start = end + 1;
      }
      lines += n;
    }
    return std::max(lines, 1);
  }

  lxw_worksheet* ws_;
  Formats& fmt_;
  std::vector<double> widths_;
  int row_lines_ = 1;
  lxw_row_t row_ = 0;
  bool last_blank_ = true;
  std::vector<lxw_row_t> breaks_;
  std::deque<std::string> images_;  // deque: the bytes stay where they are as more are added
};

// Writes the document's sheet into the workbook.
void write_workbook(const Document& doc, lxw_workbook* wb) {

  const std::string title = one_line(doc.title), subject = one_line(doc.subtitle),
                    organisation = one_line(doc.metadata.organisation),
                    classification = one_line(doc.metadata.classification);
  lxw_doc_properties props{};
  props.title = const_cast<char*>(title.c_str());
  props.subject = const_cast<char*>(subject.c_str());
  props.author = const_cast<char*>(organisation.c_str());
  props.company = const_cast<char*>(organisation.c_str());
  props.category = const_cast<char*>(classification.c_str());
  workbook_set_properties(wb, &props);

  lxw_worksheet* ws = workbook_add_worksheet(wb, "Rapport");
  Formats fmt(wb);
  const auto widths = column_widths(doc);
  SheetWriter out(ws, fmt, widths);

  for (std::size_t c = 0; c < widths.size(); ++c) {
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr);
  }
  worksheet_set_paper(ws, 9);
  worksheet_set_margins(ws, 0.6, 0.6, 0.8, 0.8);
  std::string header = organisation;
  if (!classification.empty()) header += (header.empty() ? "" : " – ") + classification;
  if (!header.empty()) worksheet_set_header(ws, ("&R" + header_text(header)).c_str());
  worksheet_set_footer(ws, "&CSide &P av &N");

  if (!title.empty()) {
    out.write(0, title, fmt.title, false);
    out.next_row();
    out.wrote();
  }
  for (const auto& p : split_paragraphs(doc.subtitle)) {
    out.write(0, one_line(p), fmt.subtitle, false);
    out.next_row();
    out.wrote();
  }
  const auto meta = doc.metadata.fields();
  if (!meta.empty()) {
    out.blank_row();
    for (const auto& [label, value] : meta) {
      out.write(0, label + ":", fmt.label);
      out.write(1, one_line(value), fmt.value);
      out.next_row();
    }
    out.wrote();
  }

  for (const auto& block : doc.blocks) {
    if (const auto* h = std::get_if<Heading>(&block)) {
      out.heading(*h);
    } else if (const auto* p = std::get_if<Paragraph>(&block)) {
      out.paragraph(*p);
    } else if (const auto* f = std::get_if<Field>(&block)) {
      out.field(*f);
    } else if (const auto* t = std::get_if<Table>(&block)) {
      out.table(*t);
    } else if (std::holds_alternative<PageBreak>(block)) {
      out.page_break();
    } else if (const auto* fig = std::get_if<Figure>(&block)) {
      out.figure(*fig);
    }
  }
  auto breaks = out.breaks();
  if (breaks.size() > 1) worksheet_set_h_pagebreaks(ws, breaks.data());
  worksheet_fit_to_pages(ws, 1, 0);
}

}  // namespace

std::string render_xlsx(const Document& doc) {
  return workbook_bytes([&](lxw_workbook* wb) { write_workbook(doc, wb); });
}

}  // namespace varde::reports
