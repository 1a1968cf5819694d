#include "cli/action_commands.hpp"

#include "cli/files.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "actions/importer.hpp"
#include "actions/measures_csv.hpp"
#include "actions/plan_layout.hpp"
#include "app/migrations.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "documents/seed_import.hpp"
#include "importers/csv.hpp"
#include "importers/xlsx_writer.hpp"
#include "org/store.hpp"
#include "reports/render.hpp"
#include "store/migrate.hpp"

namespace varde::cli {

namespace {

// The plan --plan names, else the organisation's current plan (the newest
// revision not superseded).
actions::Plan plan_of(store::Tx& tx, const std::string& org_code, int64_t plan_id) {
  auto node = node_by_code(tx, org_code);
  if (plan_id) {
    auto p = actions::find_plan_with_content(tx, plan_id, nullptr);
    if (!p || p->org_id != node.id) throw Failure(org_code + " has no action plan " + std::to_string(plan_id));
    return *p;
  }
  auto id = tx.scalar_integer(
      "SELECT id FROM action_plan WHERE org_id = ? AND superseded = 0 ORDER BY created_at DESC, id DESC LIMIT 1", {node.id});
  if (!id) throw Failure(org_code + " has no action plan (import one with `varde import plan`)");
  return *actions::find_plan_with_content(tx, *id, nullptr);
}

void print_warnings(const std::string& file, const std::vector<actions::PlanWarning>& warnings,
                    std::ostream& os = std::cerr) {
  for (const auto& w : warnings)
    os << file << ":" << w.line << ": " << (w.error ? "error" : "warning") << ": " << w.message << "\n";
}

}  // namespace

void ActionCommands::add(CLI::App& import_cmd, CLI::App& export_cmd) {
  import_plan_ = import_cmd.add_subcommand("plan", "Take in an action plan written as a document (e.g. a PDF export as text), and the governing document before it when the file holds one");
  import_plan_->add_option("file", file_, "Text or Markdown file")->required();
  import_plan_->add_option("--org", org_, "The organisation the plan belongs to, e.g. HMN")->required();
  import_plan_->add_option("--title", title_, "The plan's title (default: from the text)");
  import_plan_->add_flag("--dry-run", dry_run_, "Print what would be created and every warning; write nothing");

  export_plan_ = export_cmd.add_subcommand("plan", "An action plan in the layout of the regional action plan");
  export_plan_->add_option("--org", org_, "The organisation, e.g. HMN")->required();
  export_plan_->add_option("--plan", plan_id_, "The plan's id (default: the organisation's current plan)");
  export_plan_->add_option("--format", format_, "docx, xlsx, md or html")->check(CLI::IsMember({"docx", "xlsx", "md", "html"}))->capture_default_str();
  export_plan_->add_option("--out", out_, "Output file")->required();

  export_measures_ = export_cmd.add_subcommand("measures", "The measures of an action plan as CSV, or .xlsx when --out ends so");
  export_measures_->add_option("--org", org_, "The organisation, e.g. HMN")->required();
  export_measures_->add_option("--plan", plan_id_, "The plan's id (default: the organisation's current plan)");
  export_measures_->add_option("--out", out_, "Output file")->required();

  import_measures_ = import_cmd.add_subcommand("measures", "Add measures to an action plan from CSV or .xlsx (the export's columns)");
  import_measures_->add_option("file", file_, "CSV or .xlsx file")->required();
  import_measures_->add_option("--org", org_, "The organisation, e.g. HMN")->required();
  import_measures_->add_option("--plan", plan_id_, "The plan's id (default: the organisation's current plan)");
  import_measures_->add_flag("--dry-run", dry_run_, "Print what would be created, write nothing");
}

std::optional<int> ActionCommands::run(const Globals& g) {
  if (*import_plan_) {
    const auto text = read_file(file_);
    auto db = open_database(g);
    store::migrate(*db, app::migrations());
    std::optional<std::string> title;
    if (!title_.empty()) title = title_;
    // A file that holds a governing document before the plan (the seed: "Mål og
    // strategi …", then "Regional handlingsplan …") gives both; the document part
    // is read by the documents area's parser, which says where the plan starts.
    const auto document = documents::parse_document_text(text);
    const bool holds_document = document.next_part_line.has_value() && !document.sections.empty();
    if (holds_document) {
      for (const auto& w : document.warnings)
        std::cout << file_ << ":" << w.line << ": warning (" << w.field << "): " << w.message << "\n";
      for (const auto& e : document.errors)
        std::cerr << file_ << ":" << e.line << ": error (" << e.field << "): " << e.message << "\n";
      if (!document.errors.empty())
        throw Failure(file_ + ": the governing document in the file has " + std::to_string(document.errors.size()) +
                      " error(s); nothing " + (dry_run_ ? "would be" : "was") + " imported");
    }
    if (dry_run_) {
      auto tx = db->read();
      auto node = node_by_code(*tx, org_);
      if (holds_document) {
        std::cout << "Governing document: " << document.code << " «" << document.title << "», "
                  << document.sections.size() << " section(s), " << document.definitions.size() << " definition(s)\n";
        for (const auto& sec : document.sections)
          std::cout << file_ << ":" << sec.line << ": section " << sec.heading << "\n";
      }
      auto preview = actions::preview_plan_import(*tx, node.id, text);
      const auto& p = preview.plan;
      // A dry run's warnings are part of what it was asked for: on stdout.
      print_warnings(file_, p.warnings, p.has_errors() ? std::cerr : std::cout);
      if (p.has_errors()) throw Failure(file_ + ": the text cannot be read as an action plan; nothing would be imported");
      std::cout << "Plan: " << title.value_or(p.title) << " (" << (p.period_text.empty() ? "no period" : p.period_text)
                << ") for " << node.code << ", from line " << p.first_line << "\n";
      for (const auto& a : p.areas) std::cout << file_ << ":" << a.line << ": area " << a.code << " " << a.title << "\n";
      for (const auto& r : preview.measures) {
        const auto& m = *r.parsed;
        std::cout << file_ << ":" << m.line << ": measure in " << m.area_code << " [" << r.status.code << "] ("
                  << r.period.label() << ") " << core::shorten(m.title, 70) << " — " << m.responsible << "\n";
      }
      std::cout << "Dry run: " << p.areas.size() << " area(s), " << p.measures.size() << " measure(s), "
                << p.warnings.size() << " warning(s); nothing written.\n";
      return 0;
    }
    auto parsed = actions::parse_action_plan(text);
    if (parsed.has_errors()) {
      print_warnings(file_, parsed.warnings);
      throw Failure(file_ + ": the text cannot be read as an action plan; nothing was imported");
    }
    std::optional<std::string> document_code;
    auto summary = store::with_write(*db, [&](store::Tx& tx) {
      const auto node = node_by_code(tx, org_);
      // Both or neither: the document and the plan are written in one transaction.
      if (holds_document) document_code = documents::write_document(tx, cli_actor(), node.id, document).code;
      return actions::apply_plan_import(tx, cli_actor(), node.id, parsed, title, std::nullopt,
                                        [](int done, int total) {
                                          std::cerr << "\rImporting measures: " << done << "/" << total << std::flush;
                                          if (done == total) std::cerr << "\n";
                                        });
    });
    print_warnings(file_, summary.warnings);
    if (document_code)
      std::cout << "Imported the governing document " << *document_code << " «" << document.title << "» for " << org_
                << " as a draft (" << document.sections.size() << " sections).\n";
    std::cout << "Imported the action plan " << summary.plan_id << " for " << org_ << ": " << summary.areas_created
              << " area(s), " << summary.measures_created << " measure(s).\n";
    return 0;
  }
  if (*export_plan_) {
    auto db = open_database(g);
    auto tx = db->read();
    auto plan = plan_of(*tx, org_, plan_id_);
    for (auto& m : plan.measures) m.updates = actions::find_measure(*tx, m.id)->updates;
    auto doc = actions::plan_document(plan, actions::load_scale(*tx), core::local_time_text());
    const auto body = reports::render_as(doc, format_)->body;
    write_file(out_, body);
    std::cout << "Wrote the action plan of " << org_ << " (version " << plan.revision << ", " << plan.measures.size()
              << " measures) to " << out_ << ".\n";
    return 0;
  }
  if (*export_measures_) {
    auto db = open_database(g);
    auto tx = db->read();
    auto plan = plan_of(*tx, org_, plan_id_);
    const auto rows = actions::measure_rows(plan, actions::load_scale(*tx));
    const bool xlsx = out_.size() > 5 && out_.substr(out_.size() - 5) == ".xlsx";
    write_file(out_, xlsx ? importers::write_xlsx(rows, "Tiltak") : importers::write_csv(rows));
    std::cout << "Wrote " << plan.measures.size() << " measure(s) to " << out_ << ".\n";
    return 0;
  }
  if (*import_measures_) {
    const auto text = read_file(file_);
    auto db = open_database(g);
    store::migrate(*db, app::migrations());
    const bool xlsx = file_.size() > 5 && file_.substr(file_.size() - 5) == ".xlsx";
    const auto scale = actions::load_scale(*db->read());
    auto csv = xlsx ? actions::parse_measures_xlsx(text, scale) : actions::parse_measures_csv(text, scale);
    print_warnings(file_, csv.warnings);
    if (csv.has_errors()) throw Failure(file_ + ": errors; nothing was imported");
    if (dry_run_) {
      for (const auto& r : csv.rows)
        std::cout << file_ << ":" << r.line << ": measure in " << r.measure.area_code << " [" << r.measure.status << "] "
                  << core::shorten(r.measure.title, 70) << "\n";
      std::cout << "Dry run: " << csv.rows.size() << " measure(s) would be imported; nothing written.\n";
      return 0;
    }
    auto n = store::with_write(*db, [&](store::Tx& tx) {
      return actions::apply_measures_csv(tx, cli_actor(), plan_of(tx, org_, plan_id_).id, csv);
    });
    std::cout << "Imported " << n << " measure(s).\n";
    return 0;
  }
  return std::nullopt;
}

}  // namespace varde::cli
