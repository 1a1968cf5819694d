#include "cli/commission_commands.hpp"

#include "cli/files.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/migrations.hpp"
#include "commission/importer.hpp"
#include "commission/matrix.hpp"
#include "commission/region_report.hpp"
#include "commission/report_layout.hpp"
#include "commission/report_export.hpp"
#include "core/time.hpp"
#include "reports/render.hpp"
#include "core/text.hpp"
#include "importers/csv.hpp"
#include "org/store.hpp"

namespace varde::cli {

namespace {

org::Node region_by_code(store::Tx& tx, const std::string& code) {
  auto n = org::find_by_code(tx, code);
  if (!n) throw Failure("no organisation with code " + code + " (see `varde org list`)");
  if (n->kind != "region") throw Failure(code + " is a " + n->kind + "; the commissioning document belongs to a region");
  return *n;
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// "file:line: warning (Column): message"; for an .xlsx the line is the sheet's row.
void print_problems(const std::string& file, const std::vector<commission::ImportProblem>& problems, const char* kind) {
  for (const auto& p : problems)
    std::cerr << file << ":" << p.line << ": " << kind << (p.field.empty() ? "" : " (" + p.field + ")") << ": "
              << p.message << "\n";
}

}  // namespace

void CommissionCommands::add(CLI::App& import_cmd, CLI::App& export_cmd, CLI::App& report_cmd) {
  report_tertial_ = report_cmd.add_subcommand("tertial", "A trust's report for a period (tertial or annual)");
  report_tertial_->add_option("--org", org_, "The trust's code, e.g. HNIKT (with --all-trusts: the region's, e.g. HN)")->required();
  report_tertial_->add_flag("--all-trusts", all_trusts_, "Every trust of the region --org names, one chapter each, in one file");
  report_tertial_->add_option("--year", year_, "The year")->required();
  report_tertial_->add_option("--period", period_, "T1, T2 or ANNUAL")->required()->check(CLI::IsMember({"T1", "T2", "ANNUAL"}));
  report_tertial_->add_option("--format", format_, "docx, xlsx, md or html")->check(CLI::IsMember({"docx", "xlsx", "md", "html"}))->capture_default_str();
  report_tertial_->add_option("--out", out_, "Output file")->required();

  report_matrix_ = report_cmd.add_subcommand("matrix", "The region's overview of a period: requirements × trusts");
  report_matrix_->add_option("--org", org_, "The region's code, e.g. HN")->required();
  report_matrix_->add_option("--year", year_, "The year")->required();
  report_matrix_->add_option("--period", period_, "T1, T2 or ANNUAL")->required()->check(CLI::IsMember({"T1", "T2", "ANNUAL"}));
  report_matrix_->add_option("--format", matrix_format_, "xlsx, md or html")->check(CLI::IsMember({"xlsx", "md", "html"}))->capture_default_str();
  report_matrix_->add_option("--out", out_, "Output file")->required();

  import_report_ = import_cmd.add_subcommand(
      "commission", "Take in a trust's report on the commissioning document (text in the report's layout)");
  import_report_->add_option("file", file_, "Text file (e.g. a PDF export saved as text)")->required();
  import_report_->add_option("--org", org_, "The trust's code, e.g. HNIKT")->required();
  import_report_->add_option("--year", year_, "The year (default: from the title in the text)");
  import_report_->add_option("--period", period_, "T1, T2 or ANNUAL")->required()->check(CLI::IsMember({"T1", "T2", "ANNUAL"}));
  import_report_->add_flag("--dry-run", dry_run_, "Print what would be created and every warning; write nothing");

  import_requirements_ = import_cmd.add_subcommand("requirements", "Import requirements from the template (.csv or .xlsx)");
  import_requirements_->add_option("file", file_, "CSV or .xlsx file (the template `export requirements` writes)")->required();
  import_requirements_->add_option("--org", org_, "The region's code, e.g. HN")->required();
  import_requirements_->add_option("--year", year_, "The document's year")->required();
  import_requirements_->add_flag("--dry-run", dry_run_, "Print what would be created, write nothing");

  export_requirements_ = export_cmd.add_subcommand("requirements", "Export requirements as the template (.csv or .xlsx)");
  export_requirements_->add_option("--org", org_, "The region's code, e.g. HN")->required();
  export_requirements_->add_option("--year", year_, "The document's year")->required();
  export_requirements_->add_option("--format", template_format_, "csv or xlsx (default: from --out's extension)")
      ->check(CLI::IsMember({"csv", "xlsx"}));
  export_requirements_->add_option("--out", out_, "Output file")->required();
}

std::optional<int> CommissionCommands::run(const Globals& g) {
  if (*report_tertial_ && all_trusts_) {
    auto db = open_database(g);
    auto tx = db->read();
    auto region = region_by_code(*tx, org_);
    auto period = commission::find_period_for(*tx, region.id, year_, *commission::period_from_code(period_));
    if (!period) throw Failure(org_ + " has no period " + period_ + " " + std::to_string(year_) + " (see the periods in the web UI)");
    const auto now = core::local_time_text();
    const auto report = commission::region_report(*tx, *period, true, now);
    const auto body = reports::render_as(commission::region_report_document(report, now), format_)->body;
    if (body.empty()) throw Failure("cannot write the file (is the temporary directory writable?)");
    write_file(out_, body);
    std::cout << "Wrote the reports of " << report.trusts.size() << " trust(s) of " << org_ << " for "
              << commission::period_label_nb(period->kind, year_) << " to " << out_ << ".\n";
    return 0;
  }
  if (*report_tertial_) {
    auto db = open_database(g);
    auto tx = db->read();
    auto trust = org::find_by_code(*tx, org_);
    if (!trust || trust->kind != "trust") throw Failure("no trust with code " + org_ + " (see `varde org list`)");
    if (!trust->parent_id) throw Failure(org_ + " has no region above it");
    auto period = commission::find_period_for(*tx, *trust->parent_id, year_, *commission::period_from_code(period_));
    if (!period) throw Failure("the region of " + org_ + " has no period " + period_ + " " + std::to_string(year_));
    auto doc = commission::trust_report_export(*tx, commission::trust_report(*tx, *period, trust->id), *period, *trust,
                                               core::local_time_text());
    const auto body = reports::render_as(doc, format_)->body;
    write_file(out_, body);
    std::cout << "Wrote the report of " << org_ << " for " << commission::period_label_nb(period->kind, year_) << " to "
              << out_ << ".\n";
    return 0;
  }
  if (*report_matrix_) {
    auto db = open_database(g);
    auto tx = db->read();
    auto region = region_by_code(*tx, org_);
    auto period = commission::find_period_for(*tx, region.id, year_, *commission::period_from_code(period_));
    if (!period) throw Failure(org_ + " has no period " + period_ + " " + std::to_string(year_) + " (see the periods in the web UI)");
    const auto m = commission::build_matrix(*tx, *period, core::local_date_iso());
    const auto doc = commission::matrix_document(m, core::local_time_text());
    const auto body = reports::render_as(doc, matrix_format_)->body;
    if (body.empty()) throw Failure("cannot write the workbook (is the temporary directory writable?)");
    write_file(out_, body);
    std::cout << "Wrote the overview of " << org_ << " for " << commission::period_label_nb(period->kind, year_) << " to "
              << out_ << ": " << m.rows.size() << " requirement(s) × " << m.trusts.size() << " trust(s), " << m.missing
              << " missing, " << m.overdue << " overdue.\n";
    return 0;
  }
  if (*import_report_) {
    const auto text = read_file(file_);
    auto parsed = commission::parse_commission_report(text);
    for (const auto& w : parsed.warnings)
      std::cerr << file_ << ":" << w.line << ": " << (w.severity == commission::Severity::error ? "error" : "warning")
                << ": " << w.message << "\n";
    if (parsed.has_errors()) throw Failure(file_ + ": the text cannot be read as a report; nothing was imported");
    const int year = year_ ? year_ : parsed.year.value_or(0);
    if (!year) throw Failure(file_ + ": no year in the title; give --year");
    if (dry_run_) {
      std::cout << "Title: " << parsed.title << " (" << year << ")\n";
      for (const auto& c : parsed.chapters) std::cout << file_ << ":" << c.line << ": chapter " << c.code << " " << c.title << "\n";
      for (const auto& r : parsed.requirements)
        std::cout << file_ << ":" << r.line << ": requirement " << r.number.value_or("(no number)") << " in "
                  << r.chapter_code << " for " << r.applies_to_raw << " (" << r.reporting_points_raw << "): "
                  << core::shorten(r.full_text(), 60) << (r.has_reporting_label ? " [with reporting text]" : "") << "\n";
      std::cout << "Dry run: " << parsed.chapters.size() << " chapter(s), " << parsed.requirements.size()
                << " requirement(s), " << parsed.warnings.size() << " warning(s); nothing written.\n";
      return 0;
    }
    auto db = open_database(g);
    store::migrate(*db, app::migrations());
    auto summary = store::with_write(*db, [&](store::Tx& tx) {
      auto trust = org::find_by_code(tx, org_);
      if (!trust) throw Failure("no organisation with code " + org_ + " (see `varde org list`)");
      return commission::apply_report_import(tx, cli_actor(), trust->id, year, *commission::period_from_code(period_),
                                             parsed);
    });
    std::cout << "Imported the report of " << org_ << " for " << period_ << " " << year << ": "
              << summary.requirements_created << " requirement(s) created, " << summary.requirements_matched
              << " matched, " << summary.chapters_created << " chapter(s), " << summary.entries_written
              << " reporting text(s).\n";
    return 0;
  }
  if (*import_requirements_) {
    const auto text = read_file(file_);
    // An .xlsx is a zip archive; anything else is read as CSV text.
    const bool xlsx = ends_with(file_, ".xlsx") || text.starts_with("PK\x03\x04");
    auto plan = xlsx ? commission::plan_requirements_import_xlsx(text) : commission::plan_requirements_import(text);
    auto db = open_database(g);
    store::migrate(*db, app::migrations());
    print_problems(file_, plan.warnings, "warning");
    if (!plan.errors.empty()) {
      print_problems(file_, plan.errors, "error");
      throw Failure(file_ + ": " + std::to_string(plan.errors.size()) + " error(s); nothing was imported");
    }
    if (dry_run_) {
      for (const auto& c : plan.chapters) std::cout << "chapter " << c.code << " " << c.title << "\n";
      for (const auto& [line, r] : plan.requirements)
        std::cout << file_ << ":" << line << ": requirement " << r.number.value_or("(no number)") << " in "
                  << r.chapter_code << ": " << core::shorten(r.text, 70) << "\n";
      std::cout << "Dry run: " << plan.requirements.size() << " requirement(s) would be imported; nothing written.\n";
      return 0;
    }
    auto summary = store::with_write(*db, [&](store::Tx& tx) {
      auto region = region_by_code(tx, org_);
      auto doc = commission::find_document_for(tx, region.id, year_, false);
      if (!doc) doc = commission::create_document(tx, cli_actor(), region.id, year_, "Krav i oppdragsdokument " + std::to_string(year_));
      return commission::apply_requirements(tx, cli_actor(), doc->id, plan);
    });
    print_problems(file_, summary.warnings, "warning");
    std::cout << "Imported " << summary.requirements_created << " requirement(s) and " << summary.chapters_created
              << " chapter(s); " << summary.requirements_skipped << " already there.\n";
    return 0;
  }
  if (*export_requirements_) {
    auto db = open_database(g);
    auto tx = db->read();
    auto region = region_by_code(*tx, org_);
    auto doc = commission::find_document_for(*tx, region.id, year_, true);
    if (!doc) throw Failure(org_ + " has no commissioning document for " + std::to_string(year_));
    const std::string format = !template_format_.empty() ? template_format_ : ends_with(out_, ".xlsx") ? "xlsx" : "csv";
    const auto body = format == "xlsx" ? commission::template_xlsx(*doc) : importers::write_csv(commission::template_rows(*doc));
    if (body.empty()) throw Failure("cannot write the workbook (is the temporary directory writable?)");
    write_file(out_, body);
    std::cout << "Wrote " << doc->requirements.size() << " requirement(s) to " << out_ << ".\n";
    return 0;
  }
  return std::nullopt;
}

}  // namespace varde::cli
