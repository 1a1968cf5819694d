#include "cli/commission_commands.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/migrations.hpp"
#include "commission/importer.hpp"
#include "core/text.hpp"
#include "importers/csv.hpp"
#include "org/store.hpp"

namespace varde::cli {

namespace {

audit::Actor cli_actor() {
  const char* user = std::getenv("USER");
  return {std::nullopt, std::string("cli:") + (user ? user : "unknown")};
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Failure("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  if (!out || !out.write(content.data(), static_cast<std::streamsize>(content.size())))
    throw Failure("cannot write " + path);
}

org::Node region_by_code(store::Tx& tx, const std::string& code) {
  auto n = org::find_by_code(tx, code);
  if (!n) throw Failure("no organisation with code " + code + " (see `varde org list`)");
  if (n->kind != "region") throw Failure(code + " is a " + n->kind + "; the commissioning document belongs to a region");
  return *n;
}

void print_problems(const std::string& file, const std::vector<commission::ImportProblem>& problems, const char* kind) {
  for (const auto& p : problems)
    std::cerr << file << ":" << p.line << ": " << kind << (p.field.empty() ? "" : " (" + p.field + ")") << ": "
              << p.message << "\n";
}

}  // namespace

void CommissionCommands::add(CLI::App& import_cmd, CLI::App& export_cmd) {
  import_requirements_ = import_cmd.add_subcommand("requirements", "Import requirements from the CSV template");
  import_requirements_->add_option("file", file_, "CSV file (the template `export requirements` writes)")->required();
  import_requirements_->add_option("--org", org_, "The region's code, e.g. HN")->required();
  import_requirements_->add_option("--year", year_, "The document's year")->required();
  import_requirements_->add_flag("--dry-run", dry_run_, "Print what would be created, write nothing");

  export_requirements_ = export_cmd.add_subcommand("requirements", "Export requirements as the CSV template");
  export_requirements_->add_option("--org", org_, "The region's code, e.g. HN")->required();
  export_requirements_->add_option("--year", year_, "The document's year")->required();
  export_requirements_->add_option("--out", out_, "Output file")->required();
}

std::optional<int> CommissionCommands::run(const Globals& g) {
  if (*import_requirements_) {
    const auto text = read_file(file_);
    auto plan = commission::plan_requirements_import(text);
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
    write_file(out_, importers::write_csv(commission::template_rows(*doc)));
    std::cout << "Wrote " << doc->requirements.size() << " requirement(s) to " << out_ << ".\n";
    return 0;
  }
  return std::nullopt;
}

}  // namespace varde::cli
