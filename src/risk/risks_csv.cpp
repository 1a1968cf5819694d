#include "risk/risks_csv.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <map>

#include "api/problem.hpp"
#include "core/text.hpp"
#include "importers/csv.hpp"
#include "importers/xlsx_reader.hpp"
#include "org/store.hpp"
#include "reports/xlsx_workbook.hpp"
#include "store/sql.hpp"

namespace varde::risk {

namespace {

enum Col {
  kId, kAssessment, kTitle, kDescription, kThreat, kVulnerability, kAssets, kControls, kLikelihood, kConsequence,
  kTreatment, kPlan, kResLikelihood, kResConsequence, kOwner, kReview, kRequirements, kFramework, kCount
};

std::string num(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::vector<std::string> split_list(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    auto t = cur;
    while (!t.empty() && t.back() == ' ') t.pop_back();
    std::size_t i = 0;
    while (i < t.size() && t[i] == ' ') ++i;
    if (i < t.size()) out.push_back(t.substr(i));
    cur.clear();
  };
  for (char c : text) {
    if (c == sep) flush();
    else cur += c;
  }
  flush();
  return out;
}

std::vector<std::string> row_of(store::Tx& tx, const Risk& r, std::map<int64_t, std::string>& usernames) {
  std::string owner;
  if (r.owner_id) {
    auto it = usernames.find(*r.owner_id);
    if (it == usernames.end())
      it = usernames.emplace(*r.owner_id, tx.scalar_text("SELECT username FROM app_user WHERE id = ?", {*r.owner_id}).value_or("")).first;
    owner = it->second;
  }
  std::vector<std::string> reqs;
  for (auto id : r.requirement_ids) reqs.push_back(std::to_string(id));
  // With consequences per area, the overall one is the worst of them; the
  // file carries the overall one.
  return {std::to_string(r.id), r.assessment_title, r.title, r.description, r.threat, r.vulnerability, r.assets,
          r.existing_controls, num(r.likelihood), num(r.consequence), r.treatment.value_or(""), r.treatment_plan,
          num(r.residual_likelihood), num(r.residual_consequence), owner, r.review_on.value_or(""), join(reqs, ","),
          join(r.framework_controls, "; ")};
}

}  // namespace

const std::vector<std::string>& csv_header() {
  static const std::vector<std::string> h = {
      "ID", "Risikovurdering", "Tittel", "Beskrivelse", "Trussel", "Sårbarhet", "Verdier og systemer",
      "Eksisterende tiltak", "Sannsynlighet", "Konsekvens", "Behandling", "Tiltaksplan", "Sannsynlighet etter tiltak",
      "Konsekvens etter tiltak", "Eier (brukernavn)", "Neste gjennomgang", "Krav (id)", "Kontrollpunkter"};
  return h;
}

std::string risks_to_csv(store::Tx& tx, const std::vector<Risk>& risks) {
  std::vector<std::vector<std::string>> rows{csv_header()};
  std::map<int64_t, std::string> usernames;
  for (const auto& r : risks) rows.push_back(row_of(tx, r, usernames));
  return importers::write_csv(rows);
}

namespace {

RiskImportPlan plan_rows(store::Tx& tx, int64_t org_id, const std::vector<importers::CsvRow>& rows);

}  // namespace

RiskImportPlan plan_risk_import(store::Tx& tx, int64_t org_id, std::string_view csv) {
  auto table = importers::parse_csv(csv);
  if (!table.error.empty()) {
    RiskImportPlan plan;
    plan.org_id = org_id;
    plan.errors.push_back({0, "csv", table.error});
    return plan;
  }
  return plan_rows(tx, org_id, table.rows);
}

RiskImportPlan plan_risk_import_xlsx(store::Tx& tx, int64_t org_id, std::string_view xlsx) {
  auto table = importers::read_xlsx(xlsx);
  if (!table.error.empty()) {
    RiskImportPlan plan;
    plan.org_id = org_id;
    plan.errors.push_back({0, "xlsx", table.error});
    return plan;
  }
  return plan_rows(tx, org_id, table.rows);
}

namespace {

RiskImportPlan plan_rows(store::Tx& tx, int64_t org_id, const std::vector<importers::CsvRow>& rows) {
  RiskImportPlan plan;
  plan.org_id = org_id;
  auto node = org::find(tx, org_id);
  if (rows.empty()) {
    plan.errors.push_back({1, "csv", "Filen er tom."});
    return plan;
  }
  const auto& head = rows[0].fields;
  const auto& want = csv_header();
  for (std::size_t i = 0; i < want.size(); ++i)
    if (i >= head.size() || core::fold_for_search(head[i]) != core::fold_for_search(want[i])) {
      plan.errors.push_back({rows[0].line, want[i],
                             "Kolonne " + std::to_string(i + 1) + " skal hete «" + want[i] + "»" +
                                 (i < head.size() ? ", ikke «" + head[i] + "»." : ".")});
      return plan;
    }
  for (std::size_t n = 1; n < rows.size(); ++n) {
    const auto& src = rows[n];
    auto cells = src.fields;
    if (std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return core::is_blank(c); })) continue;
    cells.resize(kCount);
    RiskRow row;
    row.line = src.line;
    auto err = [&](Col c, std::string msg) { plan.errors.push_back({src.line, want[c], std::move(msg)}); };
    auto integer = [&](Col c) -> std::optional<int> {
      if (core::is_blank(cells[c])) return std::nullopt;
      auto v = core::parse_id(cells[c]);
      if (!v || *v > 6) {
        err(c, "«" + cells[c] + "» er ikke et nivå (1–6).");
        return std::nullopt;
      }
      return static_cast<int>(*v);
    };
    if (!core::is_blank(cells[kId])) {
      auto id = core::parse_id(cells[kId]);
      auto path = id ? tx.scalar_text("SELECT o.path FROM risk r JOIN org o ON o.id = r.org_id WHERE r.id = ?", {*id})
                     : std::nullopt;
      if (!path || !node || path->rfind(node->path, 0) != 0) {
        err(kId, "Risiko «" + cells[kId] + "» finnes ikke under " + (node ? node->code : std::string("enheten")) + ".");
        continue;
      }
      row.id = *id;
    }
    row.assessment_title = cells[kAssessment];
    if (!row.id && core::is_blank(row.assessment_title)) err(kAssessment, "Oppgi risikovurderingen risikoen hører til.");
    if (core::is_blank(cells[kTitle])) err(kTitle, "Tittelen må fylles ut.");
    auto& f = row.fields;
    f.title = cells[kTitle];
    f.description = cells[kDescription];
    f.threat = cells[kThreat];
    f.vulnerability = cells[kVulnerability];
    f.assets = cells[kAssets];
    f.existing_controls = cells[kControls];
    f.treatment_plan = cells[kPlan];
    f.likelihood = integer(kLikelihood);
    f.consequence = integer(kConsequence);
    f.residual_likelihood = integer(kResLikelihood);
    f.residual_consequence = integer(kResConsequence);
    if (core::is_blank(cells[kTreatment])) f.treatment = std::optional<std::string>();
    else if (!treatment_from_code(cells[kTreatment]))
      err(kTreatment, "«" + cells[kTreatment] + "» er ingen behandling (reduce, accept, avoid, transfer).");
    else f.treatment = std::optional<std::string>(cells[kTreatment]);
    if (core::is_blank(cells[kOwner])) {
      f.owner_id = std::optional<int64_t>();
    } else {
      auto uid = tx.scalar_integer("SELECT id FROM app_user WHERE username = ?", {cells[kOwner]});
      if (!uid) err(kOwner, "Ingen bruker heter «" + cells[kOwner] + "».");
      else f.owner_id = std::optional<int64_t>(*uid);
    }
    if (core::is_blank(cells[kReview])) f.review_on = std::optional<std::string>();
    else if (!core::is_iso_date_or_instant(cells[kReview]) || cells[kReview].size() != 10)
      err(kReview, "«" + cells[kReview] + "» er ingen dato (2027-03-15).");
    else f.review_on = std::optional<std::string>(cells[kReview]);
    std::vector<int64_t> reqs;
    for (const auto& part : split_list(cells[kRequirements], ',')) {
      auto id = core::parse_id(part);
      if (!id) err(kRequirements, "«" + part + "» er ikke id-en til et krav.");
      else reqs.push_back(*id);
    }
    f.requirement_ids = reqs;
    f.framework_controls = split_list(cells[kFramework], ';');
    row.cells = cells;
    plan.rows.push_back(std::move(row));
  }
  if (plan.rows.empty() && plan.errors.empty()) plan.errors.push_back({1, "csv", "Filen har ingen risikoer."});
  return plan;
}

}  // namespace

std::string risks_to_xlsx(store::Tx& tx, const std::vector<Risk>& risks) {
  std::map<int64_t, std::string> usernames;
  std::vector<std::vector<std::string>> rows{csv_header()};
  for (const auto& r : risks) rows.push_back(row_of(tx, r, usernames));
  return reports::workbook_bytes([&](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Risikoer");
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    // Scores and ids as numbers, so Excel sorts and filters them as such.
    const std::vector<int> numeric = {kId, kLikelihood, kConsequence, kResLikelihood, kResConsequence};
    for (std::size_t r = 0; r < rows.size(); ++r)
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        const auto& v = rows[r][c];
        if (v.empty()) continue;
        const bool number = r > 0 && std::find(numeric.begin(), numeric.end(), static_cast<int>(c)) != numeric.end();
        if (number) worksheet_write_number(ws, r, c, std::stod(v), nullptr);
        else worksheet_write_string(ws, r, c, v.c_str(), r == 0 ? bold : nullptr);
      }
    worksheet_set_column(ws, 0, 0, 6, nullptr);
    worksheet_set_column(ws, 1, 3, 36, nullptr);
    worksheet_set_column(ws, 4, kCount - 1, 18, nullptr);
    worksheet_freeze_panes(ws, 1, 0);
  });
}

RiskImportSummary apply_risk_import(store::Tx& tx, const audit::Actor& actor, const RiskImportPlan& plan) {
  RiskImportSummary s;
  if (!plan.errors.empty()) throw api::bad_request(plan.errors[0].field, plan.errors[0].message);
  auto node = org::find(tx, plan.org_id);
  std::map<std::string, int64_t> assessments;
  std::map<int64_t, std::string> usernames;
  for (const auto& row : plan.rows) {
    try {
      if (row.id) {
        auto current = find_risk(tx, *row.id);
        auto now = row_of(tx, *current, usernames);
        now.resize(kCount);
        // Compare without the assessment title, which a row cannot move.
        auto a = now, b = row.cells;
        a[kAssessment] = b[kAssessment] = "";
        if (a == b) continue;
        update_risk(tx, actor, *row.id, current->version, row.fields);
        ++s.risks_updated;
        continue;
      }
      auto it = assessments.find(row.assessment_title);
      if (it == assessments.end()) {
        store::Params params{row.assessment_title};
        auto id = tx.scalar_integer(
            "SELECT a.id FROM risk_assessment a JOIN org o ON o.id = a.org_id WHERE a.title = ? AND " +
                store::under_any(tx.dialect(), "o.path", {node->path}, params) + " ORDER BY a.id LIMIT 1",
            params);
        if (!id) {
          AssessmentFields f;
          f.title = row.assessment_title;
          f.subject_kind = "system";
          f.status = "in_progress";
          id = create_assessment(tx, actor, plan.org_id, f).id;
          ++s.assessments_created;
        }
        it = assessments.emplace(row.assessment_title, *id).first;
      }
      create_risk(tx, actor, it->second, row.fields);
      ++s.risks_created;
    } catch (const api::Problem& p) {
      if (p.status != 400) throw;
      throw api::Problem(400, "Importen kan ikke leses", "Linje " + std::to_string(row.line) + ": " + p.detail, p.field);
    }
  }
  return s;
}

void write_json(core::JsonWriter& w, const RiskImportPlan& plan, bool dry_run) {
  w.begin_object().field("dry_run", dry_run);
  auto notes = [&](const char* key, const std::vector<ImportNote>& ns) {
    w.key(key).begin_array();
    for (const auto& n : ns) w.begin_object().field("line", n.line).field("field", n.field).field("message", n.message).end_object();
    w.end_array();
  };
  notes("errors", plan.errors);
  notes("warnings", plan.warnings);
  w.key("rows").begin_array();
  for (const auto& r : plan.rows) {
    w.begin_object().field("line", r.line).field("id", r.id).field("assessment", r.assessment_title);
    w.field("title", r.fields.title.value_or("")).field("action", r.id ? "update" : "create").end_object();
  }
  w.end_array().end_object();
}

}  // namespace varde::risk
