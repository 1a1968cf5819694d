// Markdown renderer (CommonMark plus GitHub tables).
//
// Blocks are separated by one blank line. Text is escaped twice over: inline
// characters that would start emphasis, code, links, HTML or a table cell are
// backslash-escaped everywhere, and the characters that would turn a line
// into a heading, quote, list or rule are escaped at the start of each line.
// Leading spaces are dropped (four would make a code block). A line break
// inside a paragraph is a backslash at the end of the line, which CommonMark
// reads as a hard break and which no editor strips.
#include <algorithm>
#include <cctype>
#include <sstream>

#include "reports/render.hpp"

namespace varde::reports {
namespace {

bool is_entity_start(std::string_view s, std::size_t amp) {
  // "&amp;", "&#229;": an '&' followed by letters, digits or '#', then ';'.
  std::size_t i = amp + 1;
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '#')) ++i;
  return i > amp + 1 && i < s.size() && s[i] == ';';
}

// Escapes characters with inline meaning, anywhere in a line.
std::string escape_inline(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']':
      case '<': case '>': case '|': case '~':
        out += '\\';
        out += c;
        break;
      case '&':
        if (is_entity_start(s, i)) out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

// One line of running text: leading spaces dropped, inline characters
// escaped, and a block marker at its start escaped ("# ", "- ", "+ ", "= ",
// "1. ", "1) ").
std::string escape_line(std::string_view line) {
  const auto first = line.find_first_not_of(" \t");
  line = first == std::string_view::npos ? std::string_view{} : line.substr(first);
  std::string out = escape_inline(line);
  if (out.empty()) return out;
  const char c = out[0];
  if (c == '#' || c == '-' || c == '+' || c == '=') return "\\" + out;
  std::size_t digits = 0;
  while (digits < out.size() && digits < 10 && std::isdigit(static_cast<unsigned char>(out[digits]))) ++digits;
  if (digits > 0 && digits < out.size() && (out[digits] == '.' || out[digits] == ')')) {
    out.insert(digits, "\\");
  }
  return out;
}

// Text that must stay on one line (a heading, a label, a status): all its
// lines joined with spaces, escaped.
std::string one_line(const std::string& text) {
  std::string out;
  for (const auto& p : split_paragraphs(text))
    for (const auto& l : split_lines(p)) out += (out.empty() ? "" : " ") + escape_inline(l);
  return out;
}

// A paragraph's lines joined with hard breaks.
std::string paragraph_text(const std::string& paragraph) {
  std::string out;
  const auto lines = split_lines(paragraph);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += "\\\n";
    out += escape_line(lines[i]);
  }
  return out;
}

// Text for a table cell: one line, breaks as <br>.
std::string cell_text(const std::string& text) {
  std::string out;
  const auto paragraphs = split_paragraphs(text);
  for (std::size_t p = 0; p < paragraphs.size(); ++p) {
    if (p > 0) out += "<br><br>";
    const auto lines = split_lines(paragraphs[p]);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) out += "<br>";
      out += escape_inline(lines[i]);
    }
  }
  return out;
}

class Writer {
 public:
  // Starts a new block: a blank line before every block but the first.
  std::ostringstream& block() {
    if (!first_) out_ << "\n";
    first_ = false;
    return out_;
  }
  std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
  bool first_ = true;
};

void render_text(Writer& w, const std::string& text) {
  for (const auto& p : split_paragraphs(text)) w.block() << paragraph_text(p) << "\n";
}

void render_field(Writer& w, const Field& f) {
  const std::string label = "**" + one_line(label_with_colon(f.label)) + "**";
  const auto paragraphs = split_paragraphs(f.value);
  const std::string lead = f.status ? one_line(f.status->label) : "";
  if (f.value_below) {
    w.block() << label << (lead.empty() ? "" : " " + lead) << "\n";
    for (const auto& p : paragraphs) w.block() << paragraph_text(p) << "\n";
    return;
  }
  std::string first = lead;
  if (!paragraphs.empty()) {
    const std::string value = paragraph_text(paragraphs.front());
    first = lead.empty() ? value : lead + " – " + value;
  }
  w.block() << label << (first.empty() ? "" : " " + first) << "\n";
  for (std::size_t i = 1; i < paragraphs.size(); ++i) w.block() << paragraph_text(paragraphs[i]) << "\n";
}

void render_table(Writer& w, const Table& t) {
  std::size_t columns = t.header.size();
  for (const auto& row : t.rows) columns = std::max(columns, row.size());
  if (columns == 0) return;
  if (const std::string caption = one_line(t.caption); !caption.empty()) w.block() << "*" << caption << "*\n";
  auto& out = w.block();
  out << "|";
  for (std::size_t c = 0; c < columns; ++c) {
    out << " " << (c < t.header.size() ? cell_text(t.header[c]) : "") << " |";
  }
  out << "\n|";
  for (std::size_t c = 0; c < columns; ++c) out << " --- |";
  out << "\n";
  for (const auto& row : t.rows) {
    out << "|";
    for (std::size_t c = 0; c < columns; ++c) out << " " << (c < row.size() ? cell_text(row[c].text) : "") << " |";
    out << "\n";
  }
}

}  // namespace

std::string render_markdown(const Document& doc) {
  Writer w;
  if (const std::string title = one_line(doc.title); !title.empty()) w.block() << "# " << title << "\n";
  for (const auto& p : split_paragraphs(doc.subtitle)) w.block() << "*" << paragraph_text(p) << "*\n";
  const auto meta = doc.metadata.fields();
  if (!meta.empty()) {
    auto& out = w.block();
    for (std::size_t i = 0; i < meta.size(); ++i) {
      if (i > 0) out << "\\\n";
      out << "**" << meta[i].first << ":** " << one_line(meta[i].second);
    }
    out << "\n";
  }

  for (const auto& block : doc.blocks) {
    if (const auto* h = std::get_if<Heading>(&block)) {
      const std::string text = one_line(h->text);
      if (text.empty()) continue;
      w.block() << std::string(heading_level(h->level) + 1, '#') << " " << text << "\n";
    } else if (const auto* p = std::get_if<Paragraph>(&block)) {
      render_text(w, p->text);
    } else if (const auto* f = std::get_if<Field>(&block)) {
      render_field(w, *f);
    } else if (const auto* t = std::get_if<Table>(&block)) {
      render_table(w, *t);
    } else if (std::holds_alternative<PageBreak>(block)) {
      w.block() << "<!-- sideskift -->\n";
    } else if (const auto* fig = std::get_if<Figure>(&block)) {
      render_text(w, fig->caption);
    }
  }
  return w.str();
}

}  // namespace varde::reports
