#include "actions/measures_csv.hpp"

#include <algorithm>
#include <map>

#include "api/problem.hpp"
#include "core/text.hpp"
#include "importers/csv.hpp"
#include "importers/xlsx_reader.hpp"

namespace varde::actions {

bool MeasuresCsv::has_errors() const {
  return std::any_of(warnings.begin(), warnings.end(), [](const PlanWarning& w) { return w.error; });
}

MeasuresCsv parse_measures_csv(std::string_view text, const Scale& scale) {
  auto table = importers::parse_csv(text);
  if (!table.error.empty()) {
    MeasuresCsv out;
    out.warnings.push_back({0, true, table.error});
    return out;
  }
  return parse_measures_rows(table.rows, scale);
}

MeasuresCsv parse_measures_xlsx(std::string_view bytes, const Scale& scale) {
  auto table = importers::read_xlsx(bytes);
  if (!table.error.empty()) {
    MeasuresCsv out;
    out.warnings.push_back({0, true, table.error});
    return out;
  }
  return parse_measures_rows(table.rows, scale);
}

MeasuresCsv parse_measures_rows(const std::vector<importers::CsvRow>& rows, const Scale& scale) {
  MeasuresCsv out;
  struct {
    const std::vector<importers::CsvRow>& rows;
  } table{rows};
  if (table.rows.empty()) {
    out.warnings.push_back({1, true, "Filen er tom; første linje skal være overskriftene (Område;Tiltak;…)."});
    return out;
  }
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < table.rows[0].fields.size(); ++i) col[core::fold_for_search(table.rows[0].fields[i])] = i;
  for (const char* need : {"område", "tiltak"})
    if (!col.count(need)) {
      out.warnings.push_back({table.rows[0].line, true, std::string("Kolonnen «") + (need[0] == 'o' ? "Område" : "Tiltak") + "» mangler."});
      return out;
    }
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    auto get = [&](const char* name) -> std::string {
      auto it = col.find(name);
      return it != col.end() && it->second < row.fields.size() ? row.fields[it->second] : "";
    };
    if (std::all_of(row.fields.begin(), row.fields.end(), [](const std::string& f) { return core::is_blank(f); })) continue;
    CsvMeasure m;
    m.line = row.line;
    m.measure.area_code = get("område");
    m.measure.title = get("tiltak");
    m.measure.description = get("beskrivelse");
    m.measure.status_text = get("status");
    m.measure.period_text = get("tidsperiode");
    m.measure.responsible_text = get("ansvarlig");
    m.measure.responsible_person = get("ansvarlig person");
    const auto due = get("frist");
    if (!due.empty()) m.measure.due_date = due;
    m.measure.status = scale.empty() ? "" : scale.front().code;
    const auto progress = get("fremdrift");
    if (!progress.empty()) {
      if (const auto* l = status_by_label(scale, progress)) {
        m.measure.status = l->code;
      } else {
        out.warnings.push_back({row.line, true, "Fremdrift: «" + progress + "» er ingen status på skalaen."});
      }
    }
    if (core::is_blank(m.measure.area_code)) out.warnings.push_back({row.line, true, "Område: mangler."});
    if (core::is_blank(m.measure.title)) out.warnings.push_back({row.line, true, "Tiltak: mangler tittel."});
    if (!due.empty() && !(due.size() == 10 && core::is_iso_date_or_instant(due)))
      out.warnings.push_back({row.line, true, "Frist: «" + due + "» er ingen gyldig dato (2026-03-15)."});
    if (!m.measure.period_text.empty() && parse_period(m.measure.period_text).kind == PeriodKind::unknown)
      out.warnings.push_back({row.line, false, "Tidsperiode: «" + m.measure.period_text + "» er ingen kjent periode; beholdt som tekst."});
    out.rows.push_back(std::move(m));
  }
  return out;
}

int apply_measures_csv(store::Tx& tx, const audit::Actor& actor, int64_t plan_id, const MeasuresCsv& csv) {
  for (const auto& w : csv.warnings)
    if (w.error) throw api::Problem(400, "Importen kan ikke leses", "Linje " + std::to_string(w.line) + ": " + w.message, "csv");
  int n = 0;
  for (const auto& row : csv.rows) {
    try {
      add_measure(tx, actor, plan_id, row.measure);
    } catch (api::Problem& p) {
      // Say which line of the file the store refused.
      p.detail = "Linje " + std::to_string(row.line) + ": " + p.detail;
      throw;
    }
    ++n;
  }
  return n;
}

}  // namespace varde::actions
