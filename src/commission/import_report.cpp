#include "commission/import_report.hpp"

#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "importers/pdf_text.hpp"

namespace varde::commission {

namespace {

using importers::Line;
using importers::collapse_spaces;
using importers::ends_sentence;
using importers::join_broken_lines;
using importers::starts_lower;
using importers::starts_upper;

// ---------------------------------------------------------------------------
// Words

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> out;
  const std::string collapsed = collapse_spaces(text);
  std::size_t start = 0;
  while (start < collapsed.size()) {
    const auto space = collapsed.find(' ', start);
    const auto end = space == std::string::npos ? collapsed.size() : space;
    out.emplace_back(collapsed.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string join_words(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += (i > from ? " " : "") + words[i];
  return out;
}

std::string strip_trailing(std::string word, char c) {
  while (!word.empty() && word.back() == c) word.pop_back();
  return word;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Lower-case form of a reporting-points word, without a separating comma.
std::string points_key(std::string_view word) {
  return strip_trailing(core::fold_for_search(word), ',');
}

// ---------------------------------------------------------------------------
// Reporting points: "Tertialrapporter og Årlig melding" and its kin

bool is_points_word(std::string_view word) {
  static const std::vector<std::string> kWords = {
      "og", "1.", "2.", "tertial", "tertialrapport", "tertialrapporter", "årlig", "melding",
      "virksomhetsrapport", "virksomhetsrapporter"};
  const std::string key = points_key(word);
  return std::find(kWords.begin(), kWords.end(), key) != kWords.end();
}

// The words a reporting-points phrase may start with.
bool is_points_start(std::string_view word) {
  const std::string key = points_key(word);
  return key == "1." || key == "2." || key == "tertial" || key == "tertialrapport" || key == "tertialrapporter" ||
         key == "årlig" || key == "virksomhetsrapport" || key == "virksomhetsrapporter";
}

bool all_points_words(const std::vector<std::string>& words) {
  return !words.empty() && std::all_of(words.begin(), words.end(), [](auto& w) { return is_points_word(w); });
}

enum class PointsState { complete, incomplete, invalid };

struct PointsReading {
  PointsState state = PointsState::invalid;
  std::set<ReportingPoint> points;
};

// Reads the words of a phrase. "incomplete" means the line was cut and the
// phrase goes on on the next line ("Tertialrapporter og" / "Årlig melding").
PointsReading read_points(const std::vector<std::string>& words) {
  PointsReading r;
  std::vector<ReportingPoint> ordinals;  // "1." and "2." waiting for their "tertial"
  bool needs_more = true;                // nothing read yet, or a joining word last
  bool annual_pending = false;           // "Årlig" read, "melding" not yet
  for (const auto& word : words) {
    const std::string key = points_key(word);
    const bool comma = !word.empty() && word.back() == ',';
    if (annual_pending) {
      if (key != "melding") return r;
      r.points.insert(ReportingPoint::annual);
      annual_pending = false;
    } else if (key == "og") {
      // "1. og 2. tertial" joins ordinals; otherwise "og" joins whole points.
      if (needs_more && ordinals.empty()) return r;
    } else if (key == "1." || key == "2.") {
      ordinals.push_back(key == "1." ? ReportingPoint::tertial1 : ReportingPoint::tertial2);
    } else if (key == "tertial" || key == "tertialrapport" || key == "tertialrapporter") {
      // "Tertialrapporter" alone means both tertials; "1. tertial" only the first.
      if (ordinals.empty()) {
        r.points.insert({ReportingPoint::tertial1, ReportingPoint::tertial2});
      } else {
        r.points.insert(ordinals.begin(), ordinals.end());
      }
      ordinals.clear();
    } else if (key == "årlig") {
      if (!ordinals.empty()) return r;
      annual_pending = true;
    } else if (key == "virksomhetsrapport" || key == "virksomhetsrapporter") {
      if (!ordinals.empty()) return r;
      r.points.insert(ReportingPoint::business_report);
    } else {
      return r;
    }
    needs_more = key == "og" || comma || annual_pending || !ordinals.empty();
  }
  r.state = needs_more ? PointsState::incomplete : PointsState::complete;
  return r;
}

// ---------------------------------------------------------------------------
// Who a requirement applies to: "Alle", or trust codes such as "HNIKT"

// Whether the character at `i` may be part of a trust code: a capital
// (counted in `letters`), a digit or a hyphen. Steps `i` over Æ, Ø and Å.
bool is_code_character(std::string_view s, std::size_t& i, int& letters) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c >= 'A' && c <= 'Z') { ++letters; return true; }
  if ((c >= '0' && c <= '9') || c == '-') return true;
  // Æ Ø Å
  if (c == 0xC3 && i + 1 < s.size()) {
    const auto next = static_cast<unsigned char>(s[i + 1]);
    if (next == 0x86 || next == 0x98 || next == 0x85) { ++i; ++letters; return true; }
  }
  return false;
}

// A trust's short code: capitals (and digits), "HNIKT", "UNN", "HF2"; or
// several joined by '/'.
bool is_trust_code(std::string_view word) {
  if (word.size() < 2 || word.size() > 24) return false;
  std::size_t start = 0;
  while (start <= word.size()) {
    const auto slash = word.find('/', start);
    const auto part = word.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    int letters = 0;
    for (std::size_t i = 0; i < part.size(); ++i)
      if (!is_code_character(part, i, letters)) return false;
    if (letters < 2 || part == "OG") return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

struct AppliesMatch {
  std::string prefix;  // the text before it on the line (the requirement's last words)
  std::string applies_raw;
  std::vector<std::string> point_words;
};

// Walks back from word `q` (a code) over "A, B og C" and returns where the list starts.
std::size_t start_of_code_list(const std::vector<std::string>& words, std::size_t q) {
  while (true) {
    if (q >= 2 && words[q - 1] == "og" && is_trust_code(strip_trailing(words[q - 2], ','))) {
      q -= 2;
    } else if (q >= 1 && !words[q - 1].empty() && words[q - 1].back() == ',' &&
               is_trust_code(strip_trailing(words[q - 1], ','))) {
      q -= 1;
    } else {
      break;
    }
  }
  // Codes written with a space ("HN IKT") when nothing else is on the line.
  bool only_codes = true;
  for (std::size_t k = 0; k < q; ++k) only_codes = only_codes && is_trust_code(strip_trailing(words[k], ','));
  return only_codes ? 0 : q;
}

// Finds "<applies-to> <reporting points>" at the end of a line: "Alle
// Tertialrapporter og", "HNIKT 1. tertial og Årlig", "... avtalelojalitet. Alle
// Virksomhetsrapport,". A line holding only the applies-to matches too, with
// no point words (they are then on the next line).
std::optional<AppliesMatch> match_applies(std::string_view text) {
  const auto words = split_words(text);
  // points_from[p]: whether words p.. are all reporting-point words.
  std::vector<bool> points_from(words.size() + 1, true);
  for (std::size_t p = words.size(); p-- > 0;) points_from[p] = points_from[p + 1] && is_points_word(words[p]);
  for (std::size_t p = 1; p <= words.size(); ++p) {
    if (p < words.size() && (!is_points_start(words[p]) || !points_from[p])) continue;
    std::size_t q;
    const std::string& last = words[p - 1];
    if (last == "Alle" || last == "ALLE") {
      q = p - 1;
    } else if (is_trust_code(strip_trailing(last, ','))) {
      q = start_of_code_list(words, p - 1);
    } else {
      continue;
    }
    // An applies-to alone on its line must be the whole line, or the last
    // capitals of any sentence would look like one.
    if (p == words.size() && q != 0) return std::nullopt;
    AppliesMatch m;
    m.prefix = join_words(words, 0, q);
    m.applies_raw = join_words(words, q, p);
    m.point_words.assign(words.begin() + static_cast<std::ptrdiff_t>(p), words.end());
    return m;
  }
  return std::nullopt;
}

// "UNN, NLSH og FH" → {"UNN", "NLSH", "FH"}; "HNIKT/UNN" → {"HNIKT", "UNN"}.
std::vector<std::string> split_codes(std::string_view raw) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    std::string code = collapse_spaces(current);
    if (!code.empty()) out.push_back(code);
    current.clear();
  };
  const auto words = split_words(raw);
  for (const auto& word : words) {
    if (word == "og") { flush(); continue; }
    for (char c : word) {
      if (c == ',' || c == '/') { flush(); continue; }
      current += c;
    }
    current += ' ';
    if (!word.empty() && word.back() == ',') flush();
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------
// Labels, numbers and headings

// "Rapporteringstekst:" with, possibly, text after the colon.
std::optional<std::string> match_label(std::string_view text) {
  const std::string collapsed = collapse_spaces(text);
  const std::string folded = core::fold_for_search(collapsed);
  constexpr std::string_view kLabel = "rapporteringstekst";
  if (folded.rfind(kLabel, 0) != 0) return std::nullopt;
  std::string_view rest = std::string_view(collapsed).substr(kLabel.size());
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.empty()) return std::string();
  if (rest.front() != ':') return std::nullopt;
  return collapse_spaces(rest.substr(1));
}

// The label of Varde's own "Risikovurderinger:" field: the risk assessments
// the requirement rests on, listed by the export between the fields and
// "Rapporteringstekst:". They live in the risk register, so the importer
// skips them, without a warning: they are not the trust's text.
bool is_risk_label(std::string_view text) {
  std::string folded = core::fold_for_search(collapse_spaces(text));
  while (!folded.empty() && (folded.back() == '*' || folded.back() == ':' || folded.back() == ' ')) folded.pop_back();
  while (!folded.empty() && folded.front() == '*') folded.erase(0, 1);
  return folded == "risikovurderinger";
}

// The heading of the appendix Varde's export of a 1st or 2nd tertial report
// ends with ("Vedlegg: Risikooversikt"). Everything from there on is the risk
// overview, not part of the last chapter.
bool is_appendix_heading(std::string_view text) {
  const std::string folded = core::fold_for_search(collapse_spaces(text));
  return folded.rfind("vedlegg: risikooversikt", 0) == 0 || folded.rfind("# vedlegg: risikooversikt", 0) == 0;
}

// "Måloppnåelse: Delvis oppnådd": a short label (up to three words, starting
// with a capital) and a value on the same line.
std::optional<ParsedField> match_field(const Line& line) {
  const std::string collapsed = collapse_spaces(line.text);
  const auto colon = collapsed.find(':');
  if (colon == std::string::npos || colon == 0 || colon > 40) return std::nullopt;
  ParsedField f{collapsed.substr(0, colon), collapse_spaces(std::string_view(collapsed).substr(colon + 1)), line.number};
  if (f.value.empty() || !starts_upper(f.label) || split_words(f.label).size() > 3) return std::nullopt;
  if (match_label(collapsed)) return std::nullopt;
  return f;
}

// "27" or "44 Innen 1. tertial skal ...": a requirement's number, alone or
// before its text (which starts with a capital).
struct NumberStart {
  std::string number;
  std::string rest;
};

std::optional<NumberStart> match_number_start(std::string_view text) {
  const std::string collapsed = collapse_spaces(text);
  const auto space = collapsed.find(' ');
  const std::string digits = collapsed.substr(0, space);
  if (!all_digits(digits) || digits.size() > 3 || std::stoi(digits) == 0) return std::nullopt;
  NumberStart n{digits, space == std::string::npos ? std::string() : collapsed.substr(space + 1)};
  if (!n.rest.empty() && !starts_upper(n.rest)) return std::nullopt;
  return n;
}

struct HeadingMatch {
  std::string code;
  std::string title;
  bool dotted = false;  // "4.2" rather than "11"
  int major = 0;
};

// "4.2 Informasjonssikkerhet og personvern", "11 Risikostyring": a code of up
// to four numbers and a title that starts with a capital and ends without a
// full stop (a heading is no sentence).
std::optional<HeadingMatch> match_heading_shape(std::string_view text) {
  const std::string collapsed = collapse_spaces(text);
  const auto space = collapsed.find(' ');
  if (space == std::string::npos) return std::nullopt;
  std::string code = collapsed.substr(0, space);
  if (code.size() > 1 && code.back() == '.') code.pop_back();  // "4.2." as well as "4.2"
  int parts = 0;
  std::size_t start = 0;
  while (start <= code.size()) {
    const auto dot = code.find('.', start);
    const auto part = code.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!all_digits(part) || part.size() > 2) return std::nullopt;
    ++parts;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (parts > 4) return std::nullopt;
  HeadingMatch h;
  h.code = code;
  h.title = collapsed.substr(space + 1);
  h.dotted = parts > 1;
  h.major = std::stoi(code.substr(0, code.find('.')));
  if (!starts_upper(h.title) || h.title.size() > 120) return std::nullopt;
  const char last = h.title.back();
  if (last == '.' || last == ',' || last == ';' || last == ':') return std::nullopt;
  return h;
}

// ---------------------------------------------------------------------------
// The parser

// The line with the applies-to and reporting points that closes a
// requirement, and the "Rapporteringstekst:" that follows it. These lines
// are the anchors of the layout: everything else is placed relative to them.
struct Anchor {
  std::size_t applies = 0;  // index of the line holding the applies-to
  std::size_t end = 0;      // one past the last line of the reporting points
  AppliesMatch match;
  std::string points_raw;
  std::set<ReportingPoint> points;
  std::vector<ParsedField> fields;   // "Måloppnåelse: ..." before the label
  std::optional<std::size_t> label;  // index of the "Rapporteringstekst:" line
  std::string label_rest;            // text after its colon
  std::size_t body = 0;              // first line of the reporting text
};

constexpr const char* kNoNumber = "kravet mangler nummer; gi det et nummer";

// A chapter heading too long for the page's width comes out of a PDF on two
// lines: "3.0 Vår felles helsetjeneste - felles krav for alle" and
// "tjenesteområder". The second line is taken back into the heading when it
// reads as the rest of a title (starts lower-case, a few words, no sentence)
// and what follows it opens a new block (a blank line, a requirement number or
// a heading), so that the number below the heading is seen as a number.
std::vector<Line> join_wrapped_headings(std::vector<Line> lines) {
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    auto& rest = lines[i + 1];
    if (rest.text.empty() || !starts_lower(rest.text) || ends_sentence(rest.text)) continue;
    if (split_words(rest.text).size() > 8 || !match_heading_shape(lines[i].text)) continue;
    const bool block_follows = i + 2 == lines.size() || lines[i + 2].text.empty() ||
                               match_number_start(lines[i + 2].text) || match_heading_shape(lines[i + 2].text);
    if (!block_follows) continue;
    auto joined = join_broken_lines(lines[i].text, rest.text);
    if (!match_heading_shape(joined)) continue;
    lines[i].text = std::move(joined);
    rest.text.clear();
    rest.leading_space = false;
  }
  return lines;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : lines_(join_wrapped_headings(importers::normalise_pdf_text(text))) {}

  ParsedReport run() {
    cut_at_appendix();
    const auto first = next_filled(0);
    if (!first) {
      error(0, "teksten er tom");
      return std::move(report_);
    }
    std::size_t start = read_title(*first);
    find_anchors(start);
    if (anchors_.empty()) {
      // Whatever else was noticed about such a text would only be noise.
      report_.warnings.clear();
      error(0,
            "fant ingen krav: teksten ser ikke ut som en rapport om krav i oppdragsdokumentet "
            "(ingen linje som «Alle Tertialrapporter og Årlig melding» fulgt av «Rapporteringstekst:»)");
      report_.title.clear();
      report_.year.reset();
      return std::move(report_);
    }
    for (std::size_t k = 0; k <= anchors_.size(); ++k) read_region(k, start);
    for (auto& r : report_.requirements) r.deadlines = recognise_deadlines(r.full_text());
    check_numbers();
    std::stable_sort(report_.warnings.begin(), report_.warnings.end(),
                     [](const ImportWarning& a, const ImportWarning& b) { return a.line < b.line; });
    return std::move(report_);
  }

 private:
  void warn(int line, std::string message) { report_.warnings.push_back({line, Severity::warning, std::move(message)}); }
  void error(int line, std::string message) { report_.warnings.push_back({line, Severity::error, std::move(message)}); }

  // The appendix is read by no one here: the report ends where it begins.
  void cut_at_appendix() {
    for (std::size_t i = 0; i < lines_.size(); ++i)
      if (is_appendix_heading(lines_[i].text)) {
        warn(lines_[i].number, "vedlegget «Risikooversikt» fra denne linjen er ikke tatt med: risikoene hører til "
                               "risikoregisteret");
        lines_.resize(i);
        return;
      }
  }

  std::optional<std::size_t> next_filled(std::size_t from) const {
    for (std::size_t i = from; i < lines_.size(); ++i)
      if (!lines_[i].text.empty()) return i;
    return std::nullopt;
  }

  // The first line is the title ("Krav i oppdragsdokument 2023:") unless it is
  // already part of the body. Returns where the body starts.
  std::size_t read_title(std::size_t first) {
    const std::string& text = lines_[first].text;
    if (match_heading_shape(text) || match_number_start(text) || match_applies(text)) {
      warn(lines_[first].number, "fant ingen tittel øverst i teksten");
      return first;
    }
    std::string title = collapse_spaces(text);
    while (!title.empty() && (title.back() == ':' || title.back() == ' ')) title.pop_back();
    report_.title = title;
    for (const auto& word : split_words(title)) {
      const std::string w = strip_trailing(strip_trailing(word, ','), '.');
      if (w.size() == 4 && all_digits(w) && std::stoi(w) >= 1900 && std::stoi(w) <= 2199) report_.year = std::stoi(w);
    }
    if (!report_.year) warn(lines_[first].number, "fant ikke årstallet i tittelen «" + title + "»");
    return first + 1;
  }

  // ----- anchors

  void find_anchors(std::size_t from) {
    std::size_t i = from;
    while (i < lines_.size()) {
      if (auto anchor = anchor_at(i)) {
        i = anchor->body;
        anchors_.push_back(std::move(*anchor));
      } else {
        ++i;
      }
    }
  }

  // Lines directly after the applies-to that hold only reporting-point words
  // belong to it; when the phrase is cut off it may also go on after blank lines.
  void gather_points(Anchor& a, std::vector<std::string>& words) const {
    std::size_t j = a.applies + 1;
    while (j < lines_.size()) {
      std::size_t k = j;
      if (lines_[k].text.empty()) {
        if (read_points(words).state != PointsState::incomplete) break;
        while (k < lines_.size() && lines_[k].text.empty()) ++k;
        if (k == lines_.size()) break;
      }
      const auto more = split_words(lines_[k].text);
      if (!all_points_words(more)) break;
      words.insert(words.end(), more.begin(), more.end());
      j = k + 1;
    }
    a.end = j;
  }

  std::optional<Anchor> anchor_at(std::size_t i) const {
    auto match = match_applies(lines_[i].text);
    if (!match) return std::nullopt;
    Anchor a;
    a.applies = i;
    std::vector<std::string> words = match->point_words;
    gather_points(a, words);
    const PointsReading reading = read_points(words);
    if (reading.state != PointsState::complete) return std::nullopt;
    a.points = reading.points;
    a.points_raw = join_words(words, 0, words.size());
    a.match = std::move(*match);
    // What follows must be the reporting text's label, or the next part of
    // the document; otherwise the words were only prose that looked alike.
    // A few "Label: value" lines may come first.
    auto next = next_filled(a.end);
    a.body = a.end;
    constexpr std::size_t kMaxFields = 4;
    while (next && a.fields.size() < kMaxFields && !match_label(lines_[*next].text)) {
      auto field = match_field(lines_[*next]);
      if (!field) break;
      a.fields.push_back(std::move(*field));
      a.body = *next + 1;
      next = next_filled(*next + 1);
    }
    // Varde's "Risikovurderinger:" with its list, up to the reporting label.
    if (next && is_risk_label(lines_[*next].text)) {
      constexpr std::size_t kMaxRiskLines = 2000;
      for (std::size_t j = *next + 1; j < lines_.size() && j <= *next + kMaxRiskLines; ++j)
        if (match_label(lines_[j].text)) {
          next = j;
          break;
        }
    }
    if (!next) return a;
    if (auto rest = match_label(lines_[*next].text)) {
      a.label = *next;
      a.label_rest = *rest;
      a.body = *next + 1;
      return a;
    }
    if (match_heading_shape(lines_[*next].text) || match_number_start(lines_[*next].text)) return a;
    return std::nullopt;
  }

  // ----- regions: the lines between one anchor and the next

  // Region k holds what comes between anchor k-1 and anchor k: the reporting
  // text of the requirement before, chapter headings with their prose, and
  // the number and text of requirement k. The last region has no requirement.
  void read_region(std::size_t k, std::size_t body_start) {
    std::vector<Line> region;
    const std::size_t from = k == 0 ? body_start : anchors_[k - 1].body;
    const std::size_t to = k < anchors_.size() ? anchors_[k].applies : lines_.size();
    if (k > 0 && !anchors_[k - 1].label_rest.empty())
      region.push_back({lines_[*anchors_[k - 1].label].number, anchors_[k - 1].label_rest, false});
    for (std::size_t i = from; i < to; ++i) region.push_back(lines_[i]);
    if (k < anchors_.size() && !anchors_[k].match.prefix.empty())
      region.push_back({lines_[to].number, anchors_[k].match.prefix, lines_[to].leading_space});
    warn_stray_labels(region);

    const Anchor* next = k < anchors_.size() ? &anchors_[k] : nullptr;
    const auto number_at = next ? find_number_start(region) : std::nullopt;
    const std::size_t limit = number_at ? *number_at : region.size();
    const auto headings = find_headings(region, limit);

    std::size_t req_begin = limit;
    if (next && !number_at) req_begin = unnumbered_start(region, headings);
    // The marker itself belongs to neither text.
    if (req_begin > 0 && req_begin <= region.size() && is_no_number_marker(region[req_begin - 1].text))
      region[req_begin - 1].text.clear();

    // Before the first heading: the previous requirement's reporting text.
    const std::size_t first_part_end = headings.empty() ? req_begin : headings.front().first;
    assign_leading_text(k, region, first_part_end);
    add_chapters(region, headings, req_begin);
    if (next) add_requirement(*next, region, req_begin, number_at.has_value());
  }

  // Where the number of the next requirement stands: the last line shaped like
  // "27" or "44 Innen ..." that starts a block, after the last dotted heading.
  // (Earlier ones belong to the reporting text before it.)
  std::optional<std::size_t> find_number_start(const std::vector<Line>& region) const {
    std::size_t after = 0;
    for (std::size_t x = 0; x < region.size(); ++x) {
      auto h = match_heading_shape(region[x].text);
      if (h && h->dotted && starts_block(region, x) && h->major >= current_major()) after = x + 1;
    }
    std::optional<std::size_t> found;
    for (std::size_t x = after; x < region.size(); ++x)
      if (match_number_start(region[x].text) && starts_block(region, x)) found = x;
    return found;
  }

  // A line starts a block when something visibly ends before it: the region's
  // start, a blank line, a sentence, a heading, or the export's stray space.
  static bool starts_block(const std::vector<Line>& region, std::size_t x) {
    if (x == 0 || region[x].leading_space) return true;
    const std::string& prev = region[x - 1].text;
    return prev.empty() || ends_sentence(prev) || match_heading_shape(prev).has_value();
  }

  int current_major() const {
    if (report_.chapters.empty()) return 0;
    const std::string& code = report_.chapters.back().code;
    return std::stoi(code.substr(0, code.find('.')));
  }

  // Headings before `limit`, as (line index, heading). A dotted code reads as
  // a heading wherever a block starts; a plain number ("11 Risikostyring")
  // only when it is short and heading-like, since reporting text may start a
  // line with a number too. Codes never go back: a heading's first number is
  // at least the one of the chapter before.
  std::vector<std::pair<std::size_t, HeadingMatch>> find_headings(const std::vector<Line>& region,
                                                                   std::size_t limit) const {
    std::vector<std::pair<std::size_t, HeadingMatch>> out;
    int major = current_major();
    for (std::size_t x = 0; x < limit; ++x) {
      auto h = match_heading_shape(region[x].text);
      if (!h || !starts_block(region, x) || h->major < major) continue;
      if (!h->dotted && !plain_heading_fits(region, x, *h)) continue;
      major = h->major;
      out.emplace_back(x, std::move(*h));
    }
    return out;
  }

  static bool plain_heading_fits(const std::vector<Line>& region, std::size_t x, const HeadingMatch& h) {
    if (h.title.size() > 60 || split_words(h.title).size() > 8) return false;
    for (std::size_t y = x + 1; y < region.size(); ++y)
      if (!region[y].text.empty()) return !starts_lower(region[y].text);
    return true;
  }

  // The text of a requirement whose number the export lost starts after the
  // last heading, or else where the block before the applies-to starts.
  // Varde's own export marks such a requirement with a line "(uten nummer)"
  // where the number would stand, so its reports read back exactly.
  std::size_t unnumbered_start(const std::vector<Line>& region,
                               const std::vector<std::pair<std::size_t, HeadingMatch>>& headings) const {
    const std::size_t after_heading = headings.empty() ? 0 : headings.back().first + 1;
    for (std::size_t x = region.size(); x-- > after_heading;)
      if (is_no_number_marker(region[x].text)) return x + 1;
    if (!headings.empty()) return after_heading;
    return split_unnumbered(region);
  }

  static bool is_no_number_marker(std::string_view text) {
    const auto c = collapse_spaces(text);
    return c == "(uten nummer)" || c == "(Uten nummer)";
  }

  static std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
  }

  // Separates the reporting text of the requirement before from the text of
  // an unnumbered requirement when no heading or number stands between them.
  // Signs, in order of trust: the export's stray leading space that opens a
  // new text box; a sentence end after which the lines get clearly narrower
  // (the requirement column is narrower than the reporting text); a blank line.
  static std::size_t split_unnumbered(const std::vector<Line>& region) {
    std::optional<std::size_t> last;
    for (std::size_t x = 0; x < region.size(); ++x)
      if (!region[x].text.empty()) last = x;
    if (!last) return region.size();
    std::size_t begin = *last;
    while (begin > 0 && !region[begin - 1].text.empty()) --begin;
    // A blank line inside a sentence does not end the block.
    while (begin > 0) {
      std::size_t prev = begin;
      while (prev > 0 && region[prev - 1].text.empty()) --prev;
      if (prev == 0 || ends_sentence(region[prev - 1].text) || !starts_lower(region[begin].text)) break;
      begin = prev - 1;
      while (begin > 0 && !region[begin - 1].text.empty()) --begin;
    }
    for (std::size_t x = *last + 1; x-- > begin;)
      if (region[x].leading_space) return x;
    // widest_after[k - begin]: the widest line from k to the last.
    std::vector<std::size_t> widest_after(*last - begin + 2, 0);
    for (std::size_t y = *last + 1; y-- > begin;)
      widest_after[y - begin] = std::max(widest_after[y - begin + 1], code_points(region[y].text));
    std::size_t widest_before = code_points(region[begin].text);
    for (std::size_t k = begin + 1; k <= *last; ++k) {
      const bool sentence_ends = !region[k - 1].text.empty() && ends_sentence(region[k - 1].text);
      if (sentence_ends && widest_after[k - begin] * 10 <= widest_before * 8) return k;
      widest_before = std::max(widest_before, code_points(region[k].text));
    }
    return begin;
  }

  // The lines from the region's start to `end`: the reporting text of the
  // requirement before (region k > 0), or what stands between the title and
  // the first chapter (region 0): "Label: value" lines are kept as metadata,
  // other text is not understood.
  void assign_leading_text(std::size_t k, const std::vector<Line>& region, std::size_t end) {
    if (k > 0) {
      auto& previous = report_.requirements.back();
      for (auto& p : importers::join_paragraphs(std::span<const Line>(region.data(), end)))
        previous.reporting_text.push_back(std::move(p.text));
      return;
    }
    std::vector<Line> unknown;
    for (std::size_t x = 0; x < end; ++x) {
      if (auto field = match_field(region[x])) {
        report_.metadata.push_back(std::move(*field));
        unknown.push_back({region[x].number, "", false});  // keeps paragraphs apart
      } else {
        unknown.push_back(region[x]);
      }
    }
    const auto paragraphs = importers::join_paragraphs(unknown);
    if (!paragraphs.empty())
      warn(paragraphs.front().line, "teksten før første kapittel ble ikke gjenkjent og er ikke tatt med");
  }

  void add_chapters(const std::vector<Line>& region, const std::vector<std::pair<std::size_t, HeadingMatch>>& headings,
                    std::size_t req_begin) {
    for (std::size_t h = 0; h < headings.size(); ++h) {
      const auto& [x, heading] = headings[h];
      const std::size_t end = h + 1 < headings.size() ? headings[h + 1].first : std::min(req_begin, region.size());
      auto paragraphs = importers::paragraph_texts(std::span<const Line>(region.data() + x + 1, end - x - 1));
      // A heading repeated on a new page continues its chapter.
      if (!report_.chapters.empty() && report_.chapters.back().code == heading.code) {
        auto& general = report_.chapters.back().general_text;
        general.insert(general.end(), paragraphs.begin(), paragraphs.end());
        continue;
      }
      ParsedChapter chapter;
      chapter.code = heading.code;
      chapter.title = heading.title;
      chapter.line = region[x].number;
      chapter.general_text = std::move(paragraphs);
      report_.chapters.push_back(std::move(chapter));
    }
  }

  void add_requirement(const Anchor& anchor, const std::vector<Line>& region, std::size_t begin, bool numbered) {
    ParsedRequirement r;
    std::vector<Line> text(region.begin() + static_cast<std::ptrdiff_t>(begin), region.end());
    if (numbered) {
      const auto n = match_number_start(text.front().text);
      r.number = n->number;
      r.line = text.front().number;
      text.front().text = n->rest;
    }
    const auto paragraphs = importers::join_paragraphs(text);
    for (const auto& p : paragraphs) r.text.push_back(p.text);
    if (!numbered) {
      r.line = paragraphs.empty() ? lines_[anchor.applies].number : paragraphs.front().line;
      warn(r.line, kNoNumber);
    }
    if (r.text.empty()) warn(r.line, "kravet har ingen tekst");
    if (report_.chapters.empty()) warn(r.line, "kravet står ikke under noe kapittel");
    else r.chapter_code = report_.chapters.back().code;

    r.applies_to_raw = anchor.match.applies_raw;
    r.applies_to_all = r.applies_to_raw == "Alle" || r.applies_to_raw == "ALLE";
    if (!r.applies_to_all) r.applies_to = split_codes(r.applies_to_raw);
    r.reporting_points_raw = anchor.points_raw;
    r.reporting_points = anchor.points;
    r.fields = anchor.fields;
    r.has_reporting_label = anchor.label.has_value();
    if (!r.has_reporting_label) warn(lines_[anchor.applies].number, "kravet mangler «Rapporteringstekst:»");
    report_.requirements.push_back(std::move(r));
  }

  // A label the anchors did not use has lost the line before it that says
  // whom the requirement applies to; its text is read as part of the region.
  void warn_stray_labels(const std::vector<Line>& region) {
    for (const auto& line : region)
      if (match_label(line.text))
        warn(line.number,
             "«Rapporteringstekst:» uten krav foran: fant ikke linjen om hvem kravet gjelder og når det rapporteres");
  }

  void check_numbers() {
    std::map<std::string, int> seen;
    for (const auto& r : report_.requirements) {
      if (!r.number) continue;
      auto [it, fresh] = seen.emplace(*r.number, r.line);
      if (!fresh)
        warn(r.line, "kravnummer " + *r.number + " er brukt før, på linje " + std::to_string(it->second));
    }
  }

  std::vector<Line> lines_;
  std::vector<Anchor> anchors_;
  ParsedReport report_;
};

}  // namespace

std::string ParsedRequirement::full_text() const {
  std::string out;
  for (const auto& p : text) out += (out.empty() ? "" : "\n\n") + p;
  return out;
}

bool ParsedReport::has_errors() const {
  return std::any_of(warnings.begin(), warnings.end(), [](const ImportWarning& w) { return w.severity == Severity::error; });
}

ParsedReport parse_commission_report(std::string_view text) { return Parser(text).run(); }

std::optional<std::set<ReportingPoint>> parse_reporting_points(std::string_view phrase) {
  const auto reading = read_points(split_words(phrase));
  if (reading.state != PointsState::complete) return std::nullopt;
  return reading.points;
}

}  // namespace varde::commission
