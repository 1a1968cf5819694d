#include "documents/seed_import.hpp"

#include <algorithm>
#include <cctype>

#include "api/problem.hpp"
#include "importers/pdf_text.hpp"

namespace varde::documents {

namespace {

using importers::Line;

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// Bullet glyphs of PDF exports: U+F0B7 (Symbol font), U+2022, U+25AA, and
// the "• " of Varde's own export.
const std::vector<std::string>& bullets() {
  static const std::vector<std::string> all = {"\xEF\x82\xB7", "\xE2\x80\xA2", "\xE2\x96\xAA", "\xEF\x82\xA7"};
  return all;
}
std::optional<std::string> strip_bullet(std::string_view s) {
  const auto t = trim(s);
  for (const auto& b : bullets())
    if (starts_with(t, b)) return trim(std::string_view(t).substr(b.size()));
  return std::nullopt;
}

// Splits a paragraph at bullet glyphs: the text before the first (if any)
// and each item.
std::vector<std::pair<bool, std::string>> split_bullets(const std::string& text) {
  std::vector<std::pair<bool, std::string>> out;
  std::size_t pos = 0;
  bool in_item = false;
  while (pos <= text.size()) {
    std::size_t next = std::string::npos, len = 0;
    for (const auto& b : bullets()) {
      auto f = text.find(b, pos);
      if (f != std::string::npos && f < next) { next = f; len = b.size(); }
    }
    const auto piece = trim(std::string_view(text).substr(pos, next == std::string::npos ? std::string::npos : next - pos));
    if (!piece.empty()) out.push_back({in_item, importers::collapse_spaces(piece)});
    if (next == std::string::npos) break;
    in_item = true;
    pos = next + len;
  }
  return out;
}

std::string fold_ascii(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_definitions_heading(std::string_view heading) {
  const auto h = fold_ascii(heading);
  return starts_with(h, "definisjoner") || starts_with(h, "begreper") || starts_with(h, "begrepsavklaring");
}

// "6 Strategi og prinsipper …" → (6, "Strategi og prinsipper …").
std::optional<std::pair<int, std::string>> numbered_heading(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  if (i == 0 || i > 2 || i >= text.size() || text[i] != ' ') return std::nullopt;
  const auto rest = trim(text.substr(i));
  if (rest.empty() || rest.size() > 120 || !importers::starts_upper(rest) || rest.back() == '.') return std::nullopt;
  return std::make_pair(std::stoi(std::string(text.substr(0, i))), rest);
}

// A heading the export broke before its last word ("… informasjonssikkerhet og" / "personvern").
bool ends_with_function_word(std::string_view heading) {
  const auto space = heading.rfind(' ');
  const auto last = fold_ascii(space == std::string_view::npos ? heading : heading.substr(space + 1));
  for (const char* w : {"og", "for", "i", "av", "med", "til", "om", "samt", "eller", "ved", "mot"})
    if (last == w) return true;
  return last == "p\xc3\xa5";  // "på"
}

// "ansvar.1" at the end of a line: a footnote mark glued to the word before it.
std::optional<int> trailing_footnote_mark(std::string_view text) {
  std::size_t i = text.size();
  while (i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))) --i;
  if (i == text.size() || text.size() - i > 2 || i == 0) return std::nullopt;
  const char before = text[i - 1];
  if (before != '.' && before != ',' && !std::isalpha(static_cast<unsigned char>(before))) return std::nullopt;
  return std::stoi(std::string(text.substr(i)));
}

std::string superscript(int n) {
  static const char* digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out;
  for (char c : std::to_string(n)) out += digits[c - '0'];
  return out;
}

std::string cell(std::string_view s) {
  std::string out;
  for (char c : s) out += c == '|' ? '/' : c;
  return out;
}

std::string definitions_table(const std::vector<std::string>& header, const std::vector<Definition>& rows) {
  std::string out = "| " + cell(header[0]) + " | " + cell(header[1]) + " |\n| --- | --- |";
  for (const auto& r : rows) out += "\n| " + cell(r.term) + " | " + cell(r.explanation) + " |";
  return out;
}

struct RawSection {
  int number = 0;
  std::string heading;
  int line = 0;
  std::vector<Line> lines;
  std::vector<std::pair<int, std::string>> footnotes;  // (number, text)
};

// The definitions table: a header line of two words ("Begreper Forklaring"),
// then rows that start with a term and an explanation that both begin with a
// capital ("Kultur Kultur er …", "HMN Forkortelse for …"); other lines carry
// on the row above (also "Midt-" / "Norges" across a hyphen).
void parse_definitions(const RawSection& s, ParsedDocument& out) {
  out.definition_header = {"Begrep", "Forklaring"};
  bool header_seen = false;
  std::string previous;
  for (const auto& l : s.lines) {
    if (l.text.empty()) continue;
    const auto text = importers::collapse_spaces(l.text);
    const auto space = text.find(' ');
    if (!header_seen) {
      header_seen = true;
      if (space != std::string::npos && text.find(' ', space + 1) == std::string::npos) {
        out.definition_header = {text.substr(0, space), text.substr(space + 1)};
        continue;
      }
    }
    const bool hyphen_before = !previous.empty() && previous.back() == '-';
    const bool new_row = space != std::string::npos && importers::starts_upper(text) &&
                         importers::starts_upper(std::string_view(text).substr(space + 1)) && !hyphen_before;
    if (new_row || out.definitions.empty()) {
      if (space == std::string::npos) {
        out.warnings.push_back({l.number, "definitions", "Begrepet «" + text + "» har ingen forklaring."});
        out.definitions.push_back({text, "", l.number});
      } else {
        out.definitions.push_back({text.substr(0, space), text.substr(space + 1), l.number});
      }
    } else {
      auto& e = out.definitions.back().explanation;
      e = e.empty() ? text : importers::join_broken_lines(e, text);
    }
    previous = text;
  }
  if (out.definitions.empty()) out.warnings.push_back({s.line, "definitions", "Avsnittet «" + s.heading + "» har ingen begreper."});
}

// The body of a section as Markdown: paragraphs mended across the export's
// line breaks, bullets as "- " lists, footnotes as "¹ …" at the end.
std::string section_body(const RawSection& s) {
  std::vector<std::string> blocks;
  std::vector<std::string> items;
  auto flush = [&] {
    if (items.empty()) return;
    std::string list;
    for (const auto& i : items) list += (list.empty() ? "- " : "\n- ") + i;
    blocks.push_back(list);
    items.clear();
  };
  for (const auto& p : importers::join_paragraphs(s.lines)) {
    auto text = p.text;
    for (const auto& [n, fn] : s.footnotes) {
      // The mark glued to a word ("ansvar.1") becomes a superscript.
      for (std::string glue : {".", ",", ""}) {
        const auto mark = glue + std::to_string(n);
        auto at = text.find(mark + " ");
        if (at == std::string::npos && text.size() >= mark.size() && text.compare(text.size() - mark.size(), mark.size(), mark) == 0)
          at = text.size() - mark.size();
        if (at != std::string::npos && at > 0 && (glue.size() || std::isalpha(static_cast<unsigned char>(text[at - 1])))) {
          text.replace(at + glue.size(), std::to_string(n).size(), superscript(n));
          break;
        }
      }
    }
    for (auto& [is_item, piece] : split_bullets(text)) {
      if (is_item) {
        items.push_back(piece);
      } else if (!items.empty() && importers::starts_lower(piece)) {
        items.back() = importers::join_broken_lines(items.back(), piece);  // an item broken over a blank line
      } else {
        flush();
        blocks.push_back(piece);
      }
    }
  }
  flush();
  for (const auto& [n, fn] : s.footnotes) blocks.push_back(superscript(n) + " " + fn);
  std::string body;
  for (const auto& b : blocks) body += (body.empty() ? "" : "\n\n") + b;
  return body;
}

// ---- the PDF-text layout ----

void parse_pdf_layout(std::string_view text, ParsedDocument& out) {
  const auto lines = importers::normalise_pdf_text(text);
  std::vector<RawSection> raw;
  std::vector<int> pending_marks;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    const auto t = trim(l.text);
    if (auto h = numbered_heading(t)) {
      const int expected = static_cast<int>(raw.size()) + 1;
      const bool is_footnote =
          std::find(pending_marks.begin(), pending_marks.end(), h->first) != pending_marks.end() && h->first != expected;
      if (is_footnote && !raw.empty()) {
        std::string fn = h->second;
        // The footnote's text runs to a blank line, or to a line set apart as a
        // new text box once the note has ended its sentence (the body going on
        // after the page's foot).
        while (i + 1 < lines.size() && !lines[i + 1].text.empty() &&
               !(lines[i + 1].leading_space && importers::ends_sentence(fn)))
          fn = importers::join_broken_lines(fn, lines[++i].text);
        raw.back().footnotes.push_back({h->first, importers::collapse_spaces(fn)});
        pending_marks.erase(std::find(pending_marks.begin(), pending_marks.end(), h->first));
        continue;
      }
      if (h->first == 1 && raw.size() >= 2) {
        out.next_part_line = l.number;  // a new document starts: the action plan
        break;
      }
      if (h->first == expected) {
        RawSection s{h->first, h->second, l.number, {}, {}};
        // A heading broken over two lines.
        if (ends_with_function_word(s.heading)) {
          std::size_t j = i + 1;
          while (j < lines.size() && lines[j].text.empty()) ++j;
          if (j < lines.size() && importers::starts_lower(lines[j].text) && lines[j].text.size() < 80 &&
              !importers::ends_sentence(lines[j].text)) {
            s.heading += " " + trim(lines[j].text);
            i = j;
          }
        }
        raw.push_back(std::move(s));
        continue;
      }
      if (!raw.empty() && h->first > expected)
        out.warnings.push_back({l.number, "sections",
                                "Avsnitt " + std::to_string(h->first) + " kommer før avsnitt " + std::to_string(expected) +
                                    "; linjen er tatt inn som tekst."});
    }
    if (raw.empty()) {
      if (!t.empty()) out.warnings.push_back({l.number, "sections", "Tekst før første nummererte avsnitt er hoppet over."});
      continue;
    }
    if (auto mark = trailing_footnote_mark(t)) pending_marks.push_back(*mark);
    raw.back().lines.push_back(l);
  }
  for (const auto& s : raw) {
    ParsedSection ps{s.heading, "", s.line};
    if (is_definitions_heading(s.heading)) {
      parse_definitions(s, out);
      ps.body = definitions_table(out.definition_header, out.definitions);
    } else {
      ps.body = section_body(s);
    }
    if (ps.body.empty()) out.warnings.push_back({s.line, "sections", "Avsnittet «" + s.heading + "» er tomt."});
    out.sections.push_back(std::move(ps));
  }
  for (int mark : pending_marks)
    if (mark <= 9 && !raw.empty())
      (void)mark;  // a trailing number with no footnote text is ordinary text
}

// ---- Varde's Markdown export ----

std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) {
      out += s[++i];
      continue;
    }
    out += s[i];
  }
  return out;
}

std::vector<std::string> table_cells(std::string_view row) {
  std::vector<std::string> cells;
  auto t = trim(row);
  if (starts_with(t, "|")) t.erase(0, 1);
  if (!t.empty() && t.back() == '|' && (t.size() < 2 || t[t.size() - 2] != '\\')) t.pop_back();
  std::string current;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\\' && i + 1 < t.size()) { current += t[i]; current += t[++i]; continue; }
    if (t[i] == '|') { cells.push_back(trim(unescape(current))); current.clear(); continue; }
    current += t[i];
  }
  cells.push_back(trim(unescape(current)));
  return cells;
}

void apply_field(ParsedDocument& out, const std::string& label, const std::string& value, int line) {
  if (label == "Kode") out.code = value;
  else if (label == "Eier") out.owner_role = value;
  else if (label == "Godkjennes av") out.approver = value;
  else if (label == "Unntatt offentlighet") out.exemption = value;
  else if (label == "Klassifisering" || label == "Gradering") {
    if (auto c = classification_from_label(value)) out.classification = *c;
    else out.warnings.push_back({line, "classification", "Ukjent gradering «" + value + "»; satt til Intern."});
  } else if (label == "Dokumenttype") {
    bool found = false;
    for (auto t : all_types())
      if (value == type_label_nb(t)) { out.type = t; found = true; }
    if (!found) out.warnings.push_back({line, "type", "Ukjent dokumenttype «" + value + "»."});
  }
}

void parse_markdown_layout(std::string_view text, ParsedDocument& out) {
  // Blocks separated by blank lines, each with the line it starts at.
  std::vector<std::pair<int, std::vector<std::string>>> blocks;
  int number = 0;
  bool open = false;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    auto line = std::string(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    ++number;
    if (trim(line).empty()) open = false;
    else {
      if (!open) blocks.push_back({number, {}});
      open = true;
      blocks.back().second.push_back(line);
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  ParsedSection* current = nullptr;
  for (const auto& [line, ls] : blocks) {
    const auto& first = ls.front();
    if (starts_with(first, "# ") && out.title.empty()) { out.title = unescape(trim(first.substr(2))); continue; }
    if (starts_with(first, "## ")) {
      auto h = trim(unescape(first.substr(3)));
      auto num = numbered_heading(h);
      out.sections.push_back({num ? num->second : h, "", line});
      current = &out.sections.back();
      continue;
    }
    if (starts_with(first, "<!--")) continue;
    if (!current) {
      // Metadata and fields before the first section: "**Kode:** NO 01".
      for (auto l : ls) {
        if (!l.empty() && l.back() == '\\') l.pop_back();
        if (!starts_with(l, "**")) continue;
        const auto close = l.find(":**");
        if (close == std::string::npos) continue;
        apply_field(out, unescape(l.substr(2, close - 2)), trim(unescape(l.substr(close + 3))), line);
      }
      continue;
    }
    std::string block;
    if (starts_with(trim(first), "|")) {
      for (std::size_t i = 0; i < ls.size(); ++i) {
        auto cells = table_cells(ls[i]);
        if (i == 1) { block += "\n| --- | --- |"; continue; }
        std::string row = "|";
        for (const auto& c : cells) row += " " + cell(c) + " |";
        block += (block.empty() ? "" : "\n") + row;
      }
    } else {
      for (auto l : ls) {
        if (!l.empty() && l.back() == '\\' && (l.size() < 2 || l[l.size() - 2] != '\\')) l.pop_back();
        auto t = unescape(trim(l));
        if (starts_with(t, "\xE2\x80\xA2 ")) t = "- " + t.substr(4);
        block += (block.empty() ? "" : "\n") + t;
      }
    }
    current->body += (current->body.empty() ? "" : "\n\n") + block;
  }
  for (const auto& s : out.sections) {
    if (!is_definitions_heading(s.heading)) continue;
    std::size_t p = 0;
    int row = 0;
    while (p < s.body.size()) {
      auto e = s.body.find('\n', p);
      auto l = s.body.substr(p, e == std::string::npos ? std::string::npos : e - p);
      if (starts_with(l, "|")) {
        auto cells = table_cells(l);
        if (row == 0 && cells.size() >= 2) out.definition_header = {cells[0], cells[1]};
        else if (row >= 2 && cells.size() >= 2) out.definitions.push_back({cells[0], cells[1], s.line});
        ++row;
      }
      if (e == std::string::npos) break;
      p = e + 1;
    }
  }
}

}  // namespace

ParsedDocument parse_document_text(std::string_view text, const ParseOptions& options) {
  ParsedDocument out;
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && starts_with(text.substr(first), "# ")) {
    parse_markdown_layout(text, out);
  } else {
    parse_pdf_layout(text, out);
  }
  if (options.code) out.code = *options.code;
  if (options.title) out.title = *options.title;
  if (out.code.empty()) {
    out.code = kDefaultCode;
    out.warnings.push_back({1, "code", std::string("Teksten har ingen dokumentkode; brukte «") + kDefaultCode + "» (oppgi en annen med --code)."});
  }
  if (auto c = normalise_code(out.code)) out.code = *c;
  else out.errors.push_back({1, "code", "«" + out.code + "» er ingen dokumentkode (f.eks. «NO 04»)."});
  if (out.title.empty()) {
    out.title = kDefaultTitle;
    out.warnings.push_back({1, "title", std::string("Teksten har ingen tittel; brukte «") + kDefaultTitle + "» (oppgi en annen med --title)."});
  }
  if (out.sections.empty())
    out.errors.push_back({1, "sections", "Fant ingen nummererte avsnitt («1 Definisjoner», «2 Formål og omfang» …)."});
  return out;
}

std::vector<Section> sections_of(const ParsedDocument& d) {
  std::vector<Section> out;
  for (const auto& s : d.sections) out.push_back({s.heading, s.body});
  return out;
}

Document write_document(store::Tx& tx, const audit::Actor& actor, int64_t org_id, const ParsedDocument& d) {
  if (!d.errors.empty()) {
    const auto& e = d.errors.front();
    throw api::Problem(400, "Importen kan ikke leses", "Linje " + std::to_string(e.line) + ": " + e.message, e.field);
  }
  NewDocument n;
  n.org_id = org_id;
  n.code = d.code;
  n.title = d.title;
  n.type = d.type;
  n.owner_role = d.owner_role;
  n.approver = d.approver;
  n.classification = d.classification;
  n.exemption = d.exemption;
  n.sections = sections_of(d);
  n.change_note = "Importert fra tekst";
  return create(tx, actor, n);
}

}  // namespace varde::documents
