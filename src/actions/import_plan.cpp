#include "actions/import_plan.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

#include "core/text.hpp"
#include "importers/pdf_text.hpp"

namespace varde::actions {

namespace {

using importers::Line;

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The field labels of a measure, longest first so "Ansvarlig person:" wins
// over "Ansvarlig:".
const std::vector<std::string>& labels() {
  static const std::vector<std::string> all = {"Ansvarlig person:", "Beskrivelse:", "Tidsperiode:", "Fremdrift:",
                                               "Ansvarlig:", "Status:", "Frist:"};
  return all;
}

// The label a line opens with, or "".
std::string label_of(std::string_view text) {
  for (const auto& l : labels())
    if (starts_with(text, l)) return l;
  return "";
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "3.1 Videreutvikling …": an area heading. Its title starts upper-case.
bool area_heading(std::string_view t, std::string& code, std::string& title) {
  std::size_t i = 0;
  while (i < t.size() && is_digit(t[i])) ++i;
  if (i == 0 || i > 2 || i >= t.size() || t[i] != '.') return false;
  std::size_t j = i + 1;
  while (j < t.size() && is_digit(t[j])) ++j;
  if (j == i + 1 || j - i > 3 || j >= t.size() || t[j] != ' ') return false;
  const auto rest = t.substr(j + 1);
  if (!importers::starts_upper(rest) || rest.size() > 200) return false;
  code = std::string(t.substr(0, j));
  title = std::string(rest);
  return true;
}

// "1 Innledning", "3 Tiltak": a top-level section heading: a number, a
// capitalised short title that ends no sentence.
bool section_heading(std::string_view t, int& number) {
  std::size_t i = 0;
  while (i < t.size() && is_digit(t[i])) ++i;
  if (i == 0 || i > 2 || i >= t.size() || t[i] != ' ') return false;
  const auto rest = t.substr(i + 1);
  if (!importers::starts_upper(rest) || rest.size() > 80 || importers::ends_sentence(rest)) return false;
  number = std::stoi(std::string(t.substr(0, i)));
  return true;
}

// Varde's Markdown export as plain lines: headings without '#', fields
// without '**', backslash escapes undone.
std::string from_markdown(std::string_view md) {
  std::string out;
  std::size_t start = 0;
  while (start <= md.size()) {
    auto end = md.find('\n', start);
    std::string line(md.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t h = 0;
    while (h < line.size() && line[h] == '#') ++h;
    if (h > 0 && h < line.size() && line[h] == ' ') line = line.substr(h + 1);
    if (starts_with(line, "<!--")) line.clear();
    std::string clean;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\' && i + 1 < line.size() && std::ispunct(static_cast<unsigned char>(line[i + 1]))) {
        clean += line[++i];
      } else if (line.compare(i, 2, "**") == 0) {
        ++i;
      } else {
        clean += line[i];
      }
    }
    out += clean + "\n";
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

bool looks_like_markdown(std::string_view text) {
  auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  return first != std::string_view::npos && text.substr(first, 2) == "# ";
}

std::string join_texts(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const auto& p : paragraphs) out += (out.empty() ? "" : "\n\n") + p;
  return out;
}

// The text of lines [from, to) as paragraphs. A line that the export set
// apart with a stray leading space after a finished sentence begins a new
// paragraph (a page or text box break), as a blank line would.
std::string paragraphs_of(const std::vector<Line>& lines, std::size_t from, std::size_t to) {
  std::vector<Line> part;
  for (std::size_t i = from; i < to; ++i) {
    if (lines[i].leading_space && !part.empty() && !part.back().text.empty() &&
        importers::ends_sentence(part.back().text) && importers::starts_upper(lines[i].text))
      part.push_back({lines[i].number, "", false});
    part.push_back(lines[i]);
  }
  return join_texts(importers::paragraph_texts(part));
}

// "perioden 2021 til og med 2022" / "Planperiode: 2021–2022" → "2021–2022".
std::string plan_period(const std::string& text) {
  static const std::regex to_and_with(R"((\d{4}) til og med (\d{4}))");
  static const std::regex range(R"((?:[Pp]eriode[n]?:?|[Pp]lanperiode:) ?(\d{4}) ?(?:-|–|—) ?(\d{4}))");
  std::smatch m;
  if (std::regex_search(text, m, range) || std::regex_search(text, m, to_and_with))
    return m[1].str() + "\xE2\x80\x93" + m[2].str();
  return "";
}

}  // namespace

bool ParsedPlan::has_errors() const {
  return std::any_of(warnings.begin(), warnings.end(), [](const PlanWarning& w) { return w.error; });
}

ParsedPlan parse_action_plan(std::string_view raw) {
  ParsedPlan plan;
  const std::string text = looks_like_markdown(raw) ? from_markdown(raw) : std::string(raw);
  auto lines = importers::normalise_pdf_text(text);

  // The measures: each "Beskrivelse:" line.
  std::vector<std::size_t> descriptions;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (starts_with(lines[i].text, "Beskrivelse:")) descriptions.push_back(i);
  if (descriptions.empty()) {
    plan.warnings.push_back({0, true, "Fant ingen tiltak: ingen linje begynner med «Beskrivelse:»."});
    return plan;
  }

  // The end: a history appendix (Varde's export) after the last measure.
  std::size_t end = lines.size();
  for (std::size_t i = descriptions.back(); i < lines.size(); ++i)
    if (starts_with(lines[i].text, "Vedlegg")) {
      end = i;
      break;
    }

  // The title of each measure: the lines just before its "Beskrivelse:",
  // upwards to a blank line, a field or heading, or a line the export set
  // apart with a leading space (the start of a new text box).
  std::vector<std::size_t> title_start(descriptions.size());
  std::vector<std::size_t> title_end(descriptions.size());
  for (std::size_t k = 0; k < descriptions.size(); ++k) {
    std::size_t i = descriptions[k];
    while (i > 0 && lines[i - 1].text.empty()) --i;
    title_end[k] = i;
    const std::size_t floor = k ? descriptions[k - 1] + 1 : 0;
    std::string code, title;
    while (i > floor && !lines[i - 1].text.empty() && label_of(lines[i - 1].text).empty() &&
           !area_heading(lines[i - 1].text, code, title)) {
      --i;
      if (lines[i].leading_space) break;
    }
    title_start[k] = i;
  }

  // Areas: headings between the plan's start and the first measure, and between measures.
  struct AreaAt {
    std::size_t line;
    std::size_t end;  // first line after the heading's title
    ParsedArea area;
  };
  std::vector<AreaAt> areas;
  auto scan_areas = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      std::string code, title;
      if (!area_heading(lines[i].text, code, title)) continue;
      std::size_t j = i + 1;
      // A title the export wrapped: the next line goes on in lower case.
      while (j < to && !lines[j].text.empty() && importers::starts_lower(lines[j].text)) {
        title = importers::join_broken_lines(title, lines[j].text);
        ++j;
      }
      areas.push_back({i, j, {code, title, "", lines[i].number}});
      i = j - 1;
    }
  };
  // Where the plan starts: the last "1 …" section before the first area,
  // else the first line. Text before it belongs to another document.
  std::size_t first_area = title_start[0];
  {
    std::string code, title;
    for (std::size_t i = 0; i < title_start[0]; ++i)
      if (area_heading(lines[i].text, code, title)) {
        first_area = i;
        break;
      }
  }
  std::size_t start = 0;
  bool found_start = false;
  for (std::size_t i = 0; i < first_area; ++i) {
    int n = 0;
    if (section_heading(lines[i].text, n) && n == 1) {
      start = i;
      found_start = true;
    }
  }
  // Varde's export opens with the title and "Label: value" metadata.
  std::size_t intro_from = start;
  for (std::size_t i = 0; i < first_area; ++i) {
    if (starts_with(lines[i].text, "Planperiode:") || starts_with(lines[i].text, "Periode:")) {
      for (std::size_t t = 0; t < lines.size(); ++t)
        if (!lines[t].text.empty()) {
          plan.title = lines[t].text;
          break;
        }
      if (!found_start) intro_from = i + 1;
    }
  }
  plan.first_line = lines[start].number;

  scan_areas(start, title_start[0]);
  for (std::size_t k = 0; k + 1 < descriptions.size(); ++k) scan_areas(descriptions[k] + 1, title_start[k + 1]);
  if (areas.empty()) {
    plan.warnings.push_back({lines[descriptions[0]].number, true,
                             "Fant ingen områder («3.1 Tittel») før tiltakene; tiltak hører til et område."});
    return plan;
  }

  // The introduction: from the start to the first area, without metadata lines.
  {
    std::vector<Line> intro;
    for (std::size_t i = intro_from; i < areas.front().line; ++i) {
      const auto& t = lines[i].text;
      if (starts_with(t, "Virksomhet:") || starts_with(t, "Planperiode:") || starts_with(t, "Periode:") ||
          starts_with(t, "Generert:") || starts_with(t, "Klassifisering:") || starts_with(t, "Versjon:"))
        continue;
      if (!found_start && i == intro_from && !plan.title.empty() && t == plan.title) continue;
      int n = 0;
      // Section headings stand as paragraphs of their own.
      if (section_heading(t, n) && !intro.empty()) intro.push_back({lines[i].number, "", false});
      intro.push_back(lines[i]);
      if (section_heading(t, n)) intro.push_back({lines[i].number, "", false});
    }
    plan.intro = join_texts(importers::paragraph_texts(intro));
  }

  if (plan.title.empty()) {
    // The seed names itself only in its text: "… en del av Regional handlingsplan for … i Helse Midt-Norge."
    static const std::regex named(R"(Regional handlingsplan for ([^.]*?)(?: i [A-ZÆØÅ][^.]*)?\.)");
    std::string whole;
    for (std::size_t i = start; i < areas.front().line; ++i) whole = importers::join_broken_lines(whole, lines[i].text);
    std::smatch m;
    if (std::regex_search(whole, m, named)) {
      plan.title = "Regional handlingsplan for " + m[1].str();
    } else {
      plan.title = "Handlingsplan";
      plan.warnings.push_back({lines[start].number, false, "Fant ingen tittel; planen kalles «Handlingsplan»."});
    }
  }
  {
    std::string whole;
    for (std::size_t i = 0; i < areas.front().line; ++i) whole = importers::join_broken_lines(whole, lines[i].text);
    plan.period_text = plan_period(whole);
    if (plan.period_text.empty())
      plan.warnings.push_back({lines[start].number, false, "Fant ingen planperiode («perioden 2021 til og med 2022»)."});
  }

  // Each area's introduction: from its heading to the next measure's title.
  for (std::size_t a = 0; a < areas.size(); ++a) {
    std::size_t to = end;
    for (std::size_t k = 0; k < descriptions.size(); ++k)
      if (title_start[k] >= areas[a].end) {
        to = title_start[k];
        break;
      }
    if (a + 1 < areas.size()) to = std::min(to, areas[a + 1].line);
    areas[a].area.intro = paragraphs_of(lines, areas[a].end, to);
    plan.areas.push_back(areas[a].area);
  }

  for (std::size_t k = 0; k < descriptions.size(); ++k) {
    ParsedMeasure m;
    m.line = lines[title_start[k]].number;
    for (std::size_t i = title_start[k]; i < title_end[k]; ++i) m.title = importers::join_broken_lines(m.title, lines[i].text);
    for (const auto& a : areas)
      if (a.line < title_start[k]) m.area_code = a.area.code;
    if (m.title.empty()) plan.warnings.push_back({lines[descriptions[k]].number, true, "Tiltaket har ingen tittel over «Beskrivelse:»."});
    // The fields: from "Beskrivelse:" to the next measure's title, area or the end.
    std::size_t to = k + 1 < descriptions.size() ? title_start[k + 1] : end;
    for (const auto& a : areas)
      if (a.line > descriptions[k] && a.line < to) to = a.line;
    std::string label;
    std::vector<Line> value;
    auto flush = [&] {
      if (label.empty()) return;
      std::vector<Line> copy = value;
      const auto v = paragraphs_of(copy, 0, copy.size());
      if (label == "Beskrivelse:") m.description = v;
      else if (label == "Status:") m.status_text = v;
      else if (label == "Fremdrift:") m.progress = v;
      else if (label == "Tidsperiode:") m.period = v;
      else if (label == "Ansvarlig:") m.responsible = v;
      else if (label == "Ansvarlig person:") m.responsible_person = v;
      else if (label == "Frist:") m.due_date = v;
      value.clear();
    };
    for (std::size_t i = descriptions[k]; i < to; ++i) {
      const auto l = label_of(lines[i].text);
      if (!l.empty()) {
        flush();
        label = l;
        Line first = lines[i];
        first.text = importers::collapse_spaces(first.text.substr(l.size()));
        first.leading_space = false;
        if (!first.text.empty()) value.push_back(first);
        continue;
      }
      if (value.empty() && lines[i].text.empty()) continue;
      value.push_back(lines[i]);
    }
    flush();
    for (auto [field, name] : {std::pair{&m.status_text, "Status"}, std::pair{&m.period, "Tidsperiode"},
                               std::pair{&m.responsible, "Ansvarlig"}})
      if (field->empty())
        plan.warnings.push_back({m.line, false, "Tiltaket «" + core::shorten(m.title, 60) + "» mangler «" + name + ":»."});
    if (m.area_code.empty())
      plan.warnings.push_back({m.line, true, "Tiltaket «" + core::shorten(m.title, 60) + "» står før første område."});
    plan.measures.push_back(std::move(m));
  }
  return plan;
}

std::vector<ReviewedMeasure> review_plan(ParsedPlan& plan, const std::vector<OrgName>& orgs, const Scale& scale) {
  std::vector<ReviewedMeasure> out;
  for (const auto& m : plan.measures) {
    ReviewedMeasure r;
    r.parsed = &m;
    r.period = parse_period(m.period);
    if (!m.progress.empty()) {
      if (const auto* l = status_by_label(scale, m.progress)) {
        r.status = {l->code, true};
      } else {
        plan.warnings.push_back({m.line, true, "Ukjent fremdrift «" + m.progress + "» for «" + core::shorten(m.title, 60) + "»."});
      }
    }
    if (r.status.code.empty()) {
      r.status = infer_status(scale, m.status_text, r.period.is_standing());
      if (!r.status.exact) {
        const auto* l = find_status(scale, r.status.code);
        plan.warnings.push_back({m.line, false, "Status for «" + core::shorten(m.title, 60) + "» er tolket som «" +
                                                    (l ? l->label_nb : r.status.code) + "» ut fra teksten."});
      }
    }
    if (r.period.kind == PeriodKind::unknown && !m.period.empty())
      plan.warnings.push_back({m.line, false, "Tidsperioden «" + m.period + "» er ingen kjent periode; beholdt som tekst."});
    if (!m.due_date.empty() && !(m.due_date.size() == 10 && core::is_iso_date_or_instant(m.due_date)))
      plan.warnings.push_back({m.line, true, "Fristen «" + m.due_date + "» er ingen gyldig dato (2026-03-15)."});
    r.responsible = parse_responsible(m.responsible, orgs);
    for (const auto& p : r.responsible)
      if (!p.org_id && !p.each_trust)
        plan.warnings.push_back({m.line, false, "«" + p.text + "» er ingen enhet i Varde; ansvaret beholdes som tekst."});
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace varde::actions
