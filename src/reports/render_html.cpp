// Printable HTML renderer.
//
// One standalone page: the CSS is inline and nothing is fetched, so the file
// can be mailed, archived or printed to PDF from a browser as it is. The
// title is the page's only <h1>, inside <header>; the blocks go in <main>.
// Consecutive fields form one description list (<dl>), so a screen reader
// hears "Gjelder for: Alle" as a term and its value. Colours come only from
// parse_colour(), never from the builder's string, so a colour cannot inject
// CSS; the text on a fill is black or white by contrast_ratio().
#include <algorithm>
#include <cstdio>
#include <sstream>

#include "reports/render.hpp"

namespace varde::reports {
namespace {

constexpr const char* kCss = R"css(
@page { size: A4; margin: 20mm 18mm 22mm 18mm; }
html { color: #1a1a1a; background: #ffffff; }
body {
  font-family: Calibri, Carlito, "Liberation Sans", Arial, sans-serif;
  font-size: 11pt; line-height: 1.4;
  max-width: 48em; margin: 2em auto; padding: 0 1.5em;
}
header { border-bottom: 2px solid #1a1a1a; margin-bottom: 1.5em; padding-bottom: .5em; }
h1 { font-size: 20pt; margin: 0 0 .2em; }
h2 { font-size: 15pt; margin: 1.6em 0 .4em; }
h3 { font-size: 12.5pt; margin: 1.3em 0 .3em; }
h4 { font-size: 11pt; margin: 1.1em 0 .2em; }
h1, h2, h3, h4 { line-height: 1.2; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 .6em; orphans: 3; widows: 3; }
.subtitle { font-size: 13pt; margin: 0 0 .6em; }
dl { margin: 0 0 .8em; display: grid; grid-template-columns: minmax(12em, max-content) 1fr; gap: .15em 1em; }
dl.meta { grid-template-columns: minmax(8em, max-content) 1fr; }
dt { font-weight: bold; grid-column: 1; break-after: avoid; page-break-after: avoid; }
dd { margin: 0; grid-column: 2; }
dt.below, dd.below { grid-column: 1 / -1; }
dd.below { margin-bottom: .4em; }
dd p:last-child { margin-bottom: 0; }
dl.meta { color: #333333; font-size: 10pt; margin: 0; }
.status {
  display: inline-block; font-weight: bold; padding: 0 .45em; border-radius: .25em;
  border: 1px solid #1a1a1a; margin-right: .3em;
}
table { border-collapse: collapse; width: 100%; margin: .4em 0 1.2em; }
caption { text-align: left; font-weight: bold; padding-bottom: .3em; }
th, td { border: 1px solid #595959; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #e6e6e6; }
td p, th p { margin: 0 0 .4em; }
td p:last-child, th p:last-child { margin-bottom: 0; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.page-break { break-after: page; page-break-after: always; height: 0; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .page-break { border: 0; }
}
@media screen { .page-break { border-top: 1px dashed #595959; margin: 2em 0; } }
)css";

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// One paragraph's lines, escaped, joined with <br>.
std::string lines_html(const std::string& paragraph) {
  std::string out;
  const auto lines = split_lines(paragraph);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += "<br>\n";
    out += escape(lines[i]);
  }
  return out;
}

// Text that may be several paragraphs, for inside a <dd> or a cell: a single
// paragraph stays inline, several become <p> elements.
std::string flow_html(const std::string& text) {
  const auto paragraphs = split_paragraphs(text);
  if (paragraphs.size() == 1) return lines_html(paragraphs.front());
  std::string out;
  for (const auto& p : paragraphs) out += "<p>" + lines_html(p) + "</p>";
  return out;
}

// Text of a heading or title: on one line, breaks as spaces.
std::string one_line(const std::string& text) {
  std::string out;
  for (const auto& p : split_paragraphs(text))
    for (const auto& l : split_lines(p)) out += (out.empty() ? "" : " ") + escape(l);
  return out;
}

// ` style="…"` for a fill colour, or "" when there is none or it does not parse.
std::string fill_style(const std::string& colour) {
  const auto fill = parse_colour(colour);
  if (!fill) return "";
  return " style=\"background-color:#" + to_hex(*fill) + ";color:#" + to_hex(text_colour_on(*fill)) + "\"";
}

void render_field(std::ostringstream& out, const Field& f) {
  const char* cls = f.value_below ? " class=\"below\"" : "";
  out << "<dt" << cls << ">" << one_line(label_with_colon(f.label)) << "</dt>\n<dd" << cls << ">";
  if (f.status) {
    const std::string style = fill_style(f.status->colour);
    out << "<span class=\"status\"" << style << ">" << one_line(f.status->label) << "</span>";
    if (!split_paragraphs(f.value).empty()) out << " ";
  }
  out << flow_html(f.value) << "</dd>\n";
}

std::vector<double> column_percentages(const Table& t, std::size_t columns) {
  std::vector<double> w(columns, 1.0);
  if (t.widths.size() == columns) {
    for (std::size_t i = 0; i < columns; ++i) w[i] = t.widths[i] > 0 ? t.widths[i] : 1.0;
  }
  double sum = 0;
  for (double v : w) sum += v;
  for (double& v : w) v = v * 100.0 / sum;
  return w;
}

void render_table(std::ostringstream& out, const Table& t) {
  std::size_t columns = t.header.size();
  for (const auto& row : t.rows) columns = std::max(columns, row.size());
  if (columns == 0) return;
  out << "<table>\n";
  if (!split_paragraphs(t.caption).empty()) out << "<caption>" << one_line(t.caption) << "</caption>\n";
  out << "<colgroup>";
  char buf[32];
  for (double pct : column_percentages(t, columns)) {
    std::snprintf(buf, sizeof buf, "%.1f", pct);
    out << "<col style=\"width:" << buf << "%\">";
  }
  out << "</colgroup>\n";
  if (!t.header.empty()) {
    out << "<thead><tr>";
    for (std::size_t c = 0; c < columns; ++c) {
      out << "<th scope=\"col\">" << (c < t.header.size() ? flow_html(t.header[c]) : "") << "</th>";
    }
    out << "</tr></thead>\n";
  }
  out << "<tbody>\n";
  for (const auto& row : t.rows) {
    out << "<tr>";
    for (std::size_t c = 0; c < columns; ++c) {
      if (c >= row.size()) {
        out << "<td></td>";
        continue;
      }
      out << "<td" << fill_style(row[c].fill) << ">" << flow_html(row[c].text) << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

}  // namespace

std::string render_html(const Document& doc) {
  std::ostringstream out;
  const std::string title = one_line(doc.title);
  out << "<!DOCTYPE html>\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"Varde\">\n"
      << "<title>" << (title.empty() ? "Rapport" : title) << "</title>\n"
      << "<style>" << kCss << "</style>\n</head>\n<body>\n<header>\n";
  if (!title.empty()) out << "<h1>" << title << "</h1>\n";
  for (const auto& p : split_paragraphs(doc.subtitle)) out << "<p class=\"subtitle\">" << lines_html(p) << "</p>\n";
  const auto meta = doc.metadata.fields();
  if (!meta.empty()) {
    out << "<dl class=\"meta\">\n";
    for (const auto& [label, value] : meta) {
      out << "<dt>" << escape(label) << ":</dt><dd>" << one_line(value) << "</dd>\n";
    }
    out << "</dl>\n";
  }
  out << "</header>\n<main>\n";

  bool in_fields = false;
  for (const auto& block : doc.blocks) {
    const auto* field = std::get_if<Field>(&block);
    if (field && !in_fields) out << "<dl>\n";
    if (!field && in_fields) out << "</dl>\n";
    in_fields = field != nullptr;

    if (field) {
      render_field(out, *field);
    } else if (const auto* h = std::get_if<Heading>(&block)) {
      const std::string text = one_line(h->text);
      if (text.empty()) continue;
      const int tag = heading_level(h->level) + 1;
      out << "<h" << tag << ">" << text << "</h" << tag << ">\n";
    } else if (const auto* p = std::get_if<Paragraph>(&block)) {
      for (const auto& para : split_paragraphs(p->text)) out << "<p>" << lines_html(para) << "</p>\n";
    } else if (const auto* t = std::get_if<Table>(&block)) {
      render_table(out, *t);
    } else if (std::holds_alternative<PageBreak>(block)) {
      out << "<div class=\"page-break\"></div>\n";
    } else if (const auto* fig = std::get_if<Figure>(&block)) {
      out << "<figure>\n" << fig->svg << "\n<figcaption>" << one_line(fig->caption) << "</figcaption>\n</figure>\n";
    }
  }
  if (in_fields) out << "</dl>\n";
  out << "</main>\n</body>\n</html>\n";
  return out.str();
}

}  // namespace varde::reports
