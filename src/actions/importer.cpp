#include "actions/importer.hpp"

#include "api/problem.hpp"
#include "org/store.hpp"

namespace varde::actions {

PlanPreview preview_plan_import(store::Tx& tx, int64_t org_id, std::string_view text) {
  auto node = org::find(tx, org_id);
  if (!node) throw api::not_found();
  PlanPreview p;
  p.plan = parse_action_plan(text);
  p.measures = review_plan(p.plan, orgs_for_matching(tx, node->path), load_scale(tx));
  return p;
}

PlanImportSummary apply_plan_import(store::Tx& tx, const audit::Actor& actor, int64_t org_id, ParsedPlan parsed,
                                    const std::optional<std::string>& title, const std::optional<std::string>& as_of,
                                    const std::function<void(int, int)>& progress) {
  auto node = org::find(tx, org_id);
  if (!node) throw api::not_found();
  auto reviewed = review_plan(parsed, orgs_for_matching(tx, node->path), load_scale(tx));
  for (const auto& w : parsed.warnings)
    if (w.error)
      throw api::Problem(400, "Importen kan ikke leses",
                         (w.line > 0 ? "Linje " + std::to_string(w.line) + ": " : std::string()) + w.message, "text");
  const auto plan_title = title.value_or(parsed.title);
  if (tx.scalar_integer("SELECT 1 FROM action_plan WHERE org_id = ? AND title = ?", {org_id, plan_title}))
    throw api::conflict("title", "«" + node->name + "» har allerede en handlingsplan med tittelen «" + plan_title +
                                     "». Revider den, eller gi den nye planen en annen tittel.");
  PlanImportSummary summary;
  summary.warnings = parsed.warnings;
  auto plan = create_plan(tx, actor, {org_id, plan_title, parsed.period_text, parsed.intro});
  summary.plan_id = plan.id;
  for (const auto& a : parsed.areas) {
    add_area(tx, actor, plan.id, {0, plan.id, a.code, a.title, a.intro, 0});
    ++summary.areas_created;
  }
  for (const auto& r : reviewed) {
    const auto& m = *r.parsed;
    NewMeasure nm;
    nm.area_code = m.area_code;
    nm.title = m.title;
    nm.description = m.description;
    nm.status = r.status.code;
    nm.status_text = m.status_text;
    nm.period_text = m.period;
    nm.responsible_text = m.responsible;
    nm.responsible_person = m.responsible_person;
    if (!m.due_date.empty()) nm.due_date = m.due_date;
    nm.at = as_of;
    add_measure(tx, actor, plan.id, nm);
    ++summary.measures_created;
    if (progress) progress(summary.measures_created, static_cast<int>(reviewed.size()));
  }
  return summary;
}

void write_json(core::JsonWriter& w, const PlanWarning& p) {
  w.begin_object().field("line", p.line).field("severity", p.error ? "error" : "warning").field("message", p.message).end_object();
}

void write_json(core::JsonWriter& w, const PlanImportSummary& s) {
  w.begin_object().field("plan_id", s.plan_id).field("areas_created", s.areas_created);
  w.field("measures_created", s.measures_created).key("warnings").begin_array();
  for (const auto& p : s.warnings) write_json(w, p);
  w.end_array().end_object();
}

void write_json(core::JsonWriter& w, const PlanPreview& p, const Scale& scale) {
  w.begin_object().field("title", p.plan.title).field("period_text", p.plan.period_text).field("intro", p.plan.intro);
  w.field("first_line", p.plan.first_line);
  w.key("areas").begin_array();
  for (const auto& a : p.plan.areas)
    w.begin_object().field("code", a.code).field("title", a.title).field("intro", a.intro).field("line", a.line).end_object();
  w.end_array();
  w.key("measures").begin_array();
  for (const auto& r : p.measures) {
    const auto& m = *r.parsed;
    const auto* level = find_status(scale, r.status.code);
    w.begin_object().field("line", m.line).field("area", m.area_code).field("title", m.title);
    w.field("description", m.description).field("status_text", m.status_text);
    w.key("status").begin_object().field("code", r.status.code).field("label_nb", level ? level->label_nb : r.status.code);
    w.field("exact", r.status.exact).end_object();
    w.key("period").begin_object().field("text", r.period.text).field("kind", period_kind_code(r.period.kind));
    w.field("label", r.period.label()).key("end_date").value(r.period.end_date()).end_object();
    w.field("responsible_text", m.responsible).key("responsible").begin_array();
    for (const auto& x : r.responsible)
      w.begin_object().field("text", x.text).key("org_id").value(x.org_id).field("each_trust", x.each_trust).end_object();
    w.end_array();
    w.field("responsible_person", m.responsible_person).field("due_date", m.due_date).end_object();
  }
  w.end_array();
  w.key("warnings").begin_array();
  for (const auto& x : p.plan.warnings) write_json(w, x);
  w.end_array().end_object();
}

}  // namespace varde::actions
