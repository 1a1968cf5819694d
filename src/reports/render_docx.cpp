// Word (.docx) renderer: WordprocessingML parts zipped in memory with libzip.
//
// The package holds the fewest parts Word and LibreOffice need to open the
// file without complaint and show it well:
//   [Content_Types].xml, _rels/.rels, docProps/core.xml (title, subject,
//   creator, language), word/document.xml, word/styles.xml (Normal, Title,
//   Subtitle, Heading1–3, Caption, Header, Footer, TableText, TableGrid),
//   word/settings.xml (current compatibility mode, so Word does not open it in
//   compatibility mode), word/header1.xml (organisation and classification),
//   word/footer1.xml ("Side X av Y"), word/_rels/document.xml.rels; and
//   word/media/imageN.png for each figure (the SVG drawn as PNG by
//   svg_png.hpp), placed inline with its caption as alt text and beneath it.
//
// Element order inside w:pPr, w:rPr, w:tblPr and w:tcPr follows the schema's
// sequences: Word refuses a file whose elements are out of order, even where
// LibreOffice does not mind.
//
// Text: each paragraph of the model (split at blank lines) is a w:p of its
// own; a line break inside it is a w:br, a tab a w:tab, and every string is
// XML-escaped after clean_text(), so no input can break the XML.
#include <zip.h>

#include <algorithm>
#include <memory>
#include <sstream>

#include "reports/render.hpp"
#include "reports/svg_png.hpp"

namespace varde::reports {
namespace {

// A4 in twentieths of a point, with 2 cm side margins.
constexpr int kPageWidth = 11906;
constexpr int kPageHeight = 16838;
constexpr int kMarginSide = 1134;
constexpr int kMarginTopBottom = 1418;
constexpr int kTextWidth = kPageWidth - 2 * kMarginSide;  // 9638

constexpr const char* kXmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kNsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kNsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kNsWp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
constexpr const char* kNsA = "http://schemas.openxmlformats.org/drawingml/2006/main";
constexpr const char* kNsPic = "http://schemas.openxmlformats.org/drawingml/2006/picture";
// English Metric Units: 914400 to the inch, so 9525 to a CSS pixel, 635 to a twip.
constexpr long kEmuPerCssPixel = 9525;
constexpr long kEmuPerTwip = 635;

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

// Run properties for a run of text.
struct RunStyle {
  bool bold = false;
  std::string colour;  // hex without '#', or ""
  std::string fill;    // hex without '#', or ""

  std::string xml() const {
    if (!bold && colour.empty() && fill.empty()) return "";
    std::string out = "<w:rPr>";
    if (bold) out += "<w:b/><w:bCs/>";
    if (!colour.empty()) out += "<w:color w:val=\"" + colour + "\"/>";
    if (!fill.empty()) out += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"" + fill + "\"/>";
    return out + "</w:rPr>";
  }
};

// The runs for one paragraph of text: lines joined by w:br, tabs as w:tab.
std::string runs(const std::string& paragraph, const RunStyle& style = {}) {
  const std::string rpr = style.xml();
  std::string out = "<w:r>" + rpr;
  const auto lines = split_lines(paragraph);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += "<w:br/>";
    std::size_t start = 0;
    const std::string& line = lines[i];
    while (start <= line.size()) {
      auto tab = line.find('\t', start);
      if (tab == std::string::npos) tab = line.size();
      if (tab > start) out += "<w:t xml:space=\"preserve\">" + escape(line.substr(start, tab - start)) + "</w:t>";
      if (tab < line.size()) out += "<w:tab/>";
      start = tab + 1;
    }
  }
  return out + "</w:r>";
}

// Text of a heading or title: one line, breaks as spaces.
std::string one_line(const std::string& text) {
  std::string out;
  for (const auto& p : split_paragraphs(text))
    for (const auto& l : split_lines(p)) out += (out.empty() ? "" : " ") + l;
  return out;
}

std::string paragraph(const std::string& ppr, const std::string& content) {
  return "<w:p>" + (ppr.empty() ? std::string() : "<w:pPr>" + ppr + "</w:pPr>") + content + "</w:p>";
}

std::string style(const char* id) { return std::string("<w:pStyle w:val=\"") + id + "\"/>"; }

class Body {
 public:
  void add(std::string xml) { out_ += std::move(xml); }

  void heading(const Heading& h) {
    const std::string text = one_line(h.text);
    if (text.empty()) return;
    const std::string id = "Heading" + std::to_string(heading_level(h.level));
    add(paragraph(style(id.c_str()), runs(text)));
  }

  void text(const std::string& text, const std::string& ppr = "") {
    for (const auto& p : split_paragraphs(text)) add(paragraph(ppr, runs(p)));
  }

  void field(const Field& f) {
    const std::string label = one_line(label_with_colon(f.label));
    std::string status;
    if (f.status) {
      RunStyle s{true, "", ""};
      if (const auto fill = parse_colour(f.status->colour)) {
        s.fill = to_hex(*fill);
        s.colour = to_hex(text_colour_on(*fill));
      }
      // Spaces inside the shaded run pad the colour around the label.
      status = runs(" " + one_line(f.status->label) + " ", s);
    }
    const auto paragraphs = split_paragraphs(f.value);
    if (f.value_below) {
      add(paragraph("<w:keepNext/><w:spacing w:before=\"60\" w:after=\"40\"/>",
                    runs(label, {true, "", ""}) + (status.empty() ? "" : runs(" ") + status)));
      for (const auto& p : paragraphs) add(paragraph("", runs(p)));
      return;
    }
    std::string first = runs(label + " ", {true, "", ""}) + status;
    if (!paragraphs.empty()) first += (status.empty() ? "" : runs(" ")) + runs(paragraphs.front());
    add(paragraph("<w:spacing w:after=\"60\"/>", first));
    for (std::size_t i = 1; i < paragraphs.size(); ++i) add(paragraph("", runs(paragraphs[i])));
  }

  void table(const Table& t) {
    std::size_t columns = t.header.size();
    for (const auto& row : t.rows) columns = std::max(columns, row.size());
    if (columns == 0) return;
    const auto widths = column_widths(t, columns);

    if (!split_paragraphs(t.caption).empty()) add(paragraph(style("Caption"), runs(one_line(t.caption))));

    std::string x = "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>";
    x += "<w:tblW w:w=\"" + std::to_string(kTextWidth) + "\" w:type=\"dxa\"/>";
    x += "<w:tblBorders>";
    for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
      x += std::string("<w:") + side + " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"595959\"/>";
    }
    x += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>";
    x += "<w:tblCellMar><w:top w:w=\"45\" w:type=\"dxa\"/><w:left w:w=\"85\" w:type=\"dxa\"/>"
         "<w:bottom w:w=\"45\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>";
    x += "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\""
         " w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>";
    for (int w : widths) x += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
    x += "</w:tblGrid>";

    if (!t.header.empty()) {
      // The header row repeats on every page and is never split.
      x += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
      for (std::size_t c = 0; c < columns; ++c) {
        x += cell(widths[c], c < t.header.size() ? t.header[c] : "", "E6E6E6", "", true);
      }
      x += "</w:tr>";
    }
    for (const auto& row : t.rows) {
      x += "<w:tr>";
      for (std::size_t c = 0; c < columns; ++c) {
        std::string fill, colour;
        if (c < row.size()) {
          if (const auto rgb = parse_colour(row[c].fill)) {
            fill = to_hex(*rgb);
            colour = to_hex(text_colour_on(*rgb));
          }
        }
        x += cell(widths[c], c < row.size() ? row[c].text : "", fill, colour, false);
      }
      x += "</w:tr>";
    }
    x += "</w:tbl>";
    add(x);
    // A paragraph after every table: space below it, and two tables in a row
    // stay two tables (Word joins adjacent ones).
    add(paragraph("<w:spacing w:after=\"120\"/>", ""));
  }

  void page_break() { add("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"); }

  // The figure as an inline picture at the size it was drawn for (narrowed
  // to the text width), the caption as its alt text and beneath it. Without
  // a picture (an SVG librsvg cannot draw) only the caption is printed.
  void figure(const Figure& f) {
    const std::string caption = one_line(f.caption);
    if (auto png = svg_to_png(f.svg)) {
      const int n = static_cast<int>(images_.size()) + 1;
      long cx = static_cast<long>(png->css_width * kEmuPerCssPixel);
      long cy = static_cast<long>(png->css_height * kEmuPerCssPixel);
      const long max_cx = static_cast<long>(kTextWidth) * kEmuPerTwip;
      if (cx > max_cx) {
        cy = cy * max_cx / cx;
        cx = max_cx;
      }
      const std::string ext = "<wp:extent cx=\"" + std::to_string(cx) + "\" cy=\"" + std::to_string(cy) + "\"/>";
      const std::string id = std::to_string(n), alt = escape(caption);
      add("<w:p><w:pPr><w:keepNext/><w:spacing w:after=\"60\"/></w:pPr><w:r><w:drawing>"
          "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">" + ext +
          "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
          "<wp:docPr id=\"" + id + "\" name=\"Figur " + id + "\" descr=\"" + alt + "\"/>"
          "<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
          "<a:graphic><a:graphicData uri=\"" + kNsPic + "\"><pic:pic>"
          "<pic:nvPicPr><pic:cNvPr id=\"" + id + "\" name=\"image" + id + ".png\" descr=\"" + alt + "\"/><pic:cNvPicPr/></pic:nvPicPr>"
          "<pic:blipFill><a:blip r:embed=\"rIdImage" + id + "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
          "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"" + std::to_string(cx) + "\" cy=\"" + std::to_string(cy) +
          "\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>"
          "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>");
      images_.push_back(std::move(png->bytes));
    }
    if (!caption.empty()) add(paragraph(style("Caption"), runs(caption)));
  }

  const std::string& xml() const { return out_; }
  // The PNG files of the figures, in order: word/media/image1.png, …
  std::vector<std::string>& images() { return images_; }

 private:
  static std::vector<int> column_widths(const Table& t, std::size_t columns) {
    std::vector<double> w(columns, 1.0);
    if (t.widths.size() == columns) {
      for (std::size_t i = 0; i < columns; ++i) w[i] = t.widths[i] > 0 ? t.widths[i] : 1.0;
    }
    double sum = 0;
    for (double v : w) sum += v;
    std::vector<int> out;
    int used = 0;
    for (std::size_t i = 0; i < columns; ++i) {
      const int width = i + 1 == columns ? kTextWidth - used : static_cast<int>(kTextWidth * w[i] / sum);
      out.push_back(std::max(width, 200));
      used += out.back();
    }
    return out;
  }

  static std::string cell(int width, const std::string& text, const std::string& fill, const std::string& colour,
                          bool header) {
    std::string x = "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
    if (!fill.empty()) x += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"" + fill + "\"/>";
    x += "</w:tcPr>";
    const auto paragraphs = split_paragraphs(text);
    const RunStyle rs{header, colour, ""};
    const std::string ppr = style("TableText") + (header ? "<w:keepNext/>" : "");
    if (paragraphs.empty()) x += paragraph(ppr, "");  // a cell must hold a paragraph
    for (const auto& p : paragraphs) x += paragraph(ppr, runs(p, rs));
    return x + "</w:tc>";
  }

  std::string out_;
  std::vector<std::string> images_;
};

// The document's XML; the figures' PNG files go to `images`.
std::string document_xml(const Document& doc, std::vector<std::string>& images) {
  Body body;
  const std::string title = one_line(doc.title);
  if (!title.empty()) body.add(paragraph(style("Title"), runs(title)));
  for (const auto& p : split_paragraphs(doc.subtitle)) body.add(paragraph(style("Subtitle"), runs(p)));
  const auto meta = doc.metadata.fields();
  for (std::size_t i = 0; i < meta.size(); ++i) {
    std::string ppr = style("Meta");
    if (i + 1 == meta.size()) {
      ppr += "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"6\" w:color=\"1A1A1A\"/></w:pBdr>"
             "<w:spacing w:after=\"360\"/>";
    }
    body.add(paragraph(ppr, runs(meta[i].first + ": ", {true, "", ""}) + runs(one_line(meta[i].second))));
  }

  for (const auto& block : doc.blocks) {
    if (const auto* h = std::get_if<Heading>(&block)) {
      body.heading(*h);
    } else if (const auto* p = std::get_if<Paragraph>(&block)) {
      body.text(p->text);
    } else if (const auto* f = std::get_if<Field>(&block)) {
      body.field(*f);
    } else if (const auto* t = std::get_if<Table>(&block)) {
      body.table(*t);
    } else if (std::holds_alternative<PageBreak>(block)) {
      body.page_break();
    } else if (const auto* fig = std::get_if<Figure>(&block)) {
      body.figure(*fig);
    }
  }
  images = std::move(body.images());

  std::ostringstream x;
  x << kXmlDecl << "<w:document xmlns:w=\"" << kNsW << "\" xmlns:r=\"" << kNsR << "\" xmlns:wp=\"" << kNsWp
    << "\" xmlns:a=\"" << kNsA << "\" xmlns:pic=\"" << kNsPic << "\"><w:body>" << body.xml()
    << "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader1\"/>"
    << "<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>"
    << "<w:pgSz w:w=\"" << kPageWidth << "\" w:h=\"" << kPageHeight << "\"/>"
    << "<w:pgMar w:top=\"" << kMarginTopBottom << "\" w:right=\"" << kMarginSide << "\" w:bottom=\""
    << kMarginTopBottom << "\" w:left=\"" << kMarginSide << "\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>"
    << "<w:cols w:space=\"708\"/></w:sectPr></w:body></w:document>";
  return x.str();
}

std::string header_xml(const Document& doc) {
  std::string text = one_line(doc.metadata.organisation);
  const std::string cls = one_line(doc.metadata.classification);
  if (!cls.empty()) text += (text.empty() ? "" : " – ") + cls;
  return std::string(kXmlDecl) + "<w:hdr xmlns:w=\"" + kNsW + "\" xmlns:r=\"" + kNsR + "\">" +
         paragraph(style("Header") + "<w:jc w:val=\"right\"/>", text.empty() ? "" : runs(text)) + "</w:hdr>";
}

std::string footer_xml() {
  auto field = [](const char* instr) {
    return std::string("<w:fldSimple w:instr=\" ") + instr + " \"><w:r><w:t>1</w:t></w:r></w:fldSimple>";
  };
  return std::string(kXmlDecl) + "<w:ftr xmlns:w=\"" + kNsW + "\" xmlns:r=\"" + kNsR + "\">" +
         paragraph(style("Footer") + "<w:jc w:val=\"center\"/>",
                   runs("Side ") + field("PAGE") + runs(" av ") + field("NUMPAGES")) +
         "</w:ftr>";
}

std::string styles_xml() {
  auto para_style = [](const char* id, const char* name, const std::string& ppr, const std::string& rpr,
                       const char* extra = "") {
    return std::string("<w:style w:type=\"paragraph\" w:styleId=\"") + id + "\"><w:name w:val=\"" + name +
           "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>" + extra + "<w:qFormat/>" +
           (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + (rpr.empty() ? "" : "<w:rPr>" + rpr + "</w:rPr>") +
           "</w:style>";
  };
  auto size = [](int half_points) {
    const std::string v = std::to_string(half_points);
    return "<w:sz w:val=\"" + v + "\"/><w:szCs w:val=\"" + v + "\"/>";
  };
  std::string x = kXmlDecl;
  x += std::string("<w:styles xmlns:w=\"") + kNsW + "\">";
  x += "<w:docDefaults><w:rPrDefault><w:rPr>"
       "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/>" +
       size(21) +
       "<w:lang w:val=\"nb-NO\" w:eastAsia=\"nb-NO\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
       "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr>"
       "</w:pPrDefault></w:docDefaults>";
  x += "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
       "<w:pPr><w:widowControl/></w:pPr><w:rPr><w:color w:val=\"1A1A1A\"/></w:rPr></w:style>";
  x += "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
       "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
       "<w:unhideWhenUsed/></w:style>";
  x += para_style("Title", "Title", "<w:spacing w:after=\"60\"/>", "<w:b/><w:bCs/>" + size(40));
  x += para_style("Subtitle", "Subtitle", "<w:spacing w:after=\"160\"/>", "<w:color w:val=\"333333\"/>" + size(26));
  x += para_style("Heading1", "heading 1",
                  "<w:keepNext/><w:keepLines/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/>",
                  "<w:b/><w:bCs/>" + size(30), "<w:uiPriority w:val=\"9\"/>");
  x += para_style("Heading2", "heading 2",
                  "<w:keepNext/><w:keepLines/><w:spacing w:before=\"280\" w:after=\"80\"/><w:outlineLvl w:val=\"1\"/>",
                  "<w:b/><w:bCs/>" + size(25), "<w:uiPriority w:val=\"9\"/><w:unhideWhenUsed/>");
  x += para_style("Heading3", "heading 3",
                  "<w:keepNext/><w:keepLines/><w:spacing w:before=\"200\" w:after=\"60\"/><w:outlineLvl w:val=\"2\"/>",
                  "<w:b/><w:bCs/>" + size(22), "<w:uiPriority w:val=\"9\"/><w:unhideWhenUsed/>");
  x += para_style("Caption", "caption", "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\"/>",
                  "<w:b/><w:bCs/>" + size(20), "<w:uiPriority w:val=\"35\"/><w:unhideWhenUsed/>");
  x += para_style("Meta", "Varde metadata", "<w:spacing w:after=\"0\"/>", "<w:color w:val=\"333333\"/>" + size(19));
  x += para_style("TableText", "Varde table text", "<w:spacing w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\"/>",
                  size(19));
  x += para_style("Header", "header", "", "<w:color w:val=\"404040\"/>" + size(17), "<w:unhideWhenUsed/>");
  x += para_style("Footer", "footer", "", "<w:color w:val=\"404040\"/>" + size(17), "<w:unhideWhenUsed/>");
  x += "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
       "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
       "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
       "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>";
  x += "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
       "<w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"59\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr>"
       "<w:tblPr><w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
    x += std::string("<w:") + side + " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"595959\"/>";
  }
  x += "</w:tblBorders></w:tblPr></w:style></w:styles>";
  return x;
}

std::string settings_xml() {
  return std::string(kXmlDecl) + "<w:settings xmlns:w=\"" + kNsW + "\"><w:defaultTabStop w:val=\"709\"/>" +
         "<w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:compatSetting " +
         "w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>" +
         "</w:compat></w:settings>";
}

std::string core_xml(const Document& doc) {
  std::string x = kXmlDecl;
  x += "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
       " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
       " xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
  x += "<dc:title>" + escape(one_line(doc.title)) + "</dc:title>";
  if (const auto s = one_line(doc.subtitle); !s.empty()) x += "<dc:subject>" + escape(s) + "</dc:subject>";
  if (const auto o = one_line(doc.metadata.organisation); !o.empty()) x += "<dc:creator>" + escape(o) + "</dc:creator>";
  if (const auto c = one_line(doc.metadata.classification); !c.empty()) {
    x += "<cp:category>" + escape(c) + "</cp:category>";
  }
  x += "<dc:language>nb-NO</dc:language></cp:coreProperties>";
  return x;
}

constexpr const char* kContentTypes =
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/header1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>";

constexpr const char* kPackageRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "</Relationships>";

constexpr const char* kDocumentRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rIdStyles\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rIdSettings\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rIdHeader1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>"
    "<Relationship Id=\"rIdFooter1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>";

// Zips `parts` (name, content) in memory, in the order given. Returns the
// archive's bytes, or "" when libzip fails (out of memory).
std::string zip_in_memory(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) {
    zip_error_fini(&error);
    return "";
  }
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (!archive) {
    zip_source_free(buffer);
    return "";
  }
  zip_source_keep(buffer);  // read it after zip_close()

  bool ok = true;
  for (const auto& [name, content] : parts) {
    // The contents outlive the archive: `parts` is not touched until we return.
    zip_source_t* src = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (!src) {
      ok = false;
      break;
    }
    const zip_int64_t index = zip_file_add(archive, name.c_str(), src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(src);
      ok = false;
      break;
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 6);
  }
  if (!ok) {
    zip_discard(archive);
    zip_source_free(buffer);
    return "";
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    zip_source_free(buffer);
    return "";
  }

  std::string bytes;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(buffer, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && zip_source_open(buffer) == 0) {
    bytes.resize(st.size);
    const zip_int64_t n = zip_source_read(buffer, bytes.data(), st.size);
    if (n != static_cast<zip_int64_t>(st.size)) bytes.clear();
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return bytes;
}

}  // namespace

std::string render_docx(const Document& doc) {
  std::vector<std::string> images;
  std::string document = document_xml(doc, images);
  std::string rels = std::string(kXmlDecl) + kDocumentRels;
  for (std::size_t i = 1; i <= images.size(); ++i)
    rels += "<Relationship Id=\"rIdImage" + std::to_string(i) +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image" +
            std::to_string(i) + ".png\"/>";
  rels += "</Relationships>";
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml", std::string(kXmlDecl) + kContentTypes},
      {"_rels/.rels", std::string(kXmlDecl) + kPackageRels},
      {"docProps/core.xml", core_xml(doc)},
      {"word/document.xml", std::move(document)},
      {"word/styles.xml", styles_xml()},
      {"word/settings.xml", settings_xml()},
      {"word/header1.xml", header_xml(doc)},
      {"word/footer1.xml", footer_xml()},
      {"word/_rels/document.xml.rels", std::move(rels)},
  };
  for (std::size_t i = 0; i < images.size(); ++i)
    parts.emplace_back("word/media/image" + std::to_string(i + 1) + ".png", std::move(images[i]));
  return zip_in_memory(parts);
}

}  // namespace varde::reports
