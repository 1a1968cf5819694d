#include "commission/requirements_csv.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "importers/csv.hpp"
#include "importers/xlsx_reader.hpp"
#include "importers/xlsx_writer.hpp"

namespace varde::commission {

namespace {

enum Column { kChapter, kChapterTitle, kNumber, kText, kAppliesTo, kReporting, kDeadlines, kColumnCount };

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    if (auto part = trim(s.substr(start, end - start)); !part.empty()) out.push_back(part);
    start = end + 1;
  }
  return out;
}

std::string deadlines_cell(const std::vector<Deadline>& ds) {
  std::string out;
  for (const auto& d : ds) out += (out.empty() ? "" : "\n") + d.due_date + ": " + d.phrase;
  return out;
}

}  // namespace

const std::vector<std::string>& template_columns() {
  static const std::vector<std::string> columns = {"Kapittel", "Kapitteltittel", "Nummer", "Krav",
                                                   "Gjelder for", "Rapportering", "Frister"};
  return columns;
}

std::vector<std::vector<std::string>> template_rows(const Document& d) {
  std::vector<std::vector<std::string>> rows = {template_columns()};
  for (const auto& r : d.requirements) {
    std::string title;
    for (const auto& c : d.chapters)
      if (c.code == r.chapter_code) title = c.title;
    rows.push_back({r.chapter_code, title, r.number.value_or(""), r.text, r.applies_to_text,
                    points_phrase_nb(r.points), deadlines_cell(r.deadlines)});
  }
  return rows;
}

std::set<ReportingPoint> points_from_words(std::string_view text) {
  const auto t = core::fold_for_search(text);
  std::set<ReportingPoint> out;
  auto has = [&](std::string_view word) { return t.find(word) != std::string::npos; };
  if (has("1. tertial") || has("t1")) out.insert(ReportingPoint::tertial1);
  if (has("2. tertial") || has("t2")) out.insert(ReportingPoint::tertial2);
  if (has("tertialrapport")) {
    out.insert(ReportingPoint::tertial1);
    out.insert(ReportingPoint::tertial2);
  }
  if (has("årlig") || has("annual")) out.insert(ReportingPoint::annual);
  if (has("virksomhet") || has("business")) out.insert(ReportingPoint::business_report);
  return out;
}

namespace {

// The template's rows (header first), from either format, into a plan.
RequirementsPlan plan_from_rows(const std::vector<importers::CsvRow>& rows, RequirementsPlan plan) {
  if (rows.empty()) {
    plan.errors.push_back({1, "", "Filen er tom."});
    return plan;
  }
  // Columns are found by their header, so a sheet with reordered or extra
  // columns still reads.
  std::vector<int> at(kColumnCount, -1);
  const auto& header = rows[0].fields;
  for (std::size_t i = 0; i < header.size(); ++i)
    for (int c = 0; c < kColumnCount; ++c)
      if (core::fold_for_search(trim(header[i])) == core::fold_for_search(template_columns()[c])) at[c] = static_cast<int>(i);
  for (int c : {kChapter, kText, kReporting})
    if (at[c] < 0) plan.errors.push_back({rows[0].line, template_columns()[c], "Kolonnen «" + template_columns()[c] + "» mangler i overskriftsraden."});
  if (!plan.errors.empty()) return plan;

  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    auto cell = [&](Column c) { return at[c] >= 0 && at[c] < static_cast<int>(row.fields.size()) ? trim(row.fields[at[c]]) : std::string(); };
    NewRequirement r;
    r.chapter_code = cell(kChapter);
    r.text = cell(kText);
    if (r.chapter_code.empty()) plan.errors.push_back({row.line, "Kapittel", "Kapittel mangler."});
    if (r.text.empty()) plan.errors.push_back({row.line, "Krav", "Kravteksten mangler."});
    if (auto n = cell(kNumber); !n.empty()) r.number = n;
    else plan.warnings.push_back({row.line, "Nummer", "Kravet mangler nummer; det blir merket for nummerering."});
    const auto applies = cell(kAppliesTo);
    if (!applies.empty() && core::fold_for_search(applies) != "alle") r.target_codes = split(applies, ',');
    r.points = points_from_words(cell(kReporting));
    if (r.points.empty())
      plan.errors.push_back({row.line, "Rapportering", "Ukjent rapportering «" + cell(kReporting) + "»; skriv f.eks. «Tertialrapporter og Årlig melding»."});
    for (const auto& line : split(cell(kDeadlines), '\n')) {
      const auto colon = line.find(':');
      const auto date = trim(line.substr(0, colon));
      if (colon == std::string::npos || date.size() != 10 || !core::is_iso_date_or_instant(date)) {
        plan.errors.push_back({row.line, "Frister", "Fristen «" + line + "» må skrives «2026-03-15: innen 15. mars hvert år»."});
        continue;
      }
      const auto phrase = trim(line.substr(colon + 1));
      r.deadlines.push_back({0, phrase.empty() ? date : phrase, date, core::fold_for_search(phrase).find("hvert år") != std::string::npos});
    }
    if (!r.chapter_code.empty() &&
        std::none_of(plan.chapters.begin(), plan.chapters.end(), [&](const Chapter& c) { return c.code == r.chapter_code; })) {
      Chapter c;
      c.code = r.chapter_code;
      c.title = cell(kChapterTitle).empty() ? "Kapittel " + r.chapter_code : cell(kChapterTitle);
      plan.chapters.push_back(c);
    }
    plan.requirements.emplace_back(row.line, std::move(r));
  }
  if (plan.requirements.empty() && plan.errors.empty()) plan.errors.push_back({1, "", "Filen har ingen krav under overskriftsraden."});
  return plan;
}

}  // namespace

RequirementsPlan plan_requirements_import(std::string_view csv_text) {
  RequirementsPlan plan;
  auto table = importers::parse_csv(csv_text);
  if (!table.error.empty()) {
    plan.errors.push_back({0, "", "Filen kan ikke leses som CSV: " + table.error});
    return plan;
  }
  return plan_from_rows(table.rows, std::move(plan));
}

std::string template_xlsx(const Document& d) {
  return importers::write_xlsx(template_rows(d), "Krav " + d.region_code + " " + std::to_string(d.year));
}

RequirementsPlan plan_requirements_import_xlsx(std::string_view xlsx_bytes) {
  RequirementsPlan plan;
  plan.line_word = "Rad";
  auto table = importers::read_xlsx(xlsx_bytes);
  if (!table.error.empty()) {
    plan.errors.push_back({0, "", "Filen kan ikke leses som Excel-ark (.xlsx): " + table.error});
    return plan;
  }
  return plan_from_rows(table.rows, std::move(plan));
}

}  // namespace varde::commission
