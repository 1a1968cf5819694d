#include "cli/risk_commands.hpp"

#include "cli/files.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "api/problem.hpp"
#include "app/migrations.hpp"
#include "core/time.hpp"
#include "org/store.hpp"
#include "reports/render.hpp"
#include "risk/import_matrix.hpp"
#include "risk/overview.hpp"
#include "risk/risks_csv.hpp"
#include "risk/store.hpp"
#include "store/migrate.hpp"

namespace varde::cli {

namespace {

bool is_xlsx(const std::string& path) {
  return path.size() > 5 && path.compare(path.size() - 5, 5, ".xlsx") == 0;
}

void print_notes(const std::string& file, const std::vector<risk::ImportNote>& notes, const char* kind) {
  for (const auto& n : notes)
    std::cerr << file << ":" << n.line << ": " << kind << (n.field.empty() ? "" : " (" + n.field + ")") << ": "
              << n.message << "\n";
}

}  // namespace

int risk_ensure_default_matrices(store::Tx& tx) { return risk::ensure_default_matrices(tx, cli_actor()); }

void RiskCommands::add(CLI::App& import_cmd, CLI::App& export_cmd) {
  import_matrix_ = import_cmd.add_subcommand("risk-matrix", "Import risk matrices from a CISO Assistant library (YAML)");
  import_matrix_->add_option("file", file_, "The library file (.yaml)")->required();
  import_matrix_->add_option("--org", org_, "The region's code, e.g. HN")->required();
  import_matrix_->add_flag("--dry-run", dry_run_, "Print the matrices and every warning; write nothing");
  import_matrix_->add_flag("--default", make_default_, "New assessments in the region use the (first) imported matrix");

  import_risks_ = import_cmd.add_subcommand("risks", "Import risks from CSV or .xlsx (the file `export risks` writes)");
  import_risks_->add_option("file", file_, "CSV or .xlsx file")->required();
  import_risks_->add_option("--org", org_, "The node the risks belong to, e.g. UNN")->required();
  import_risks_->add_flag("--dry-run", dry_run_, "Print what would be created or changed; write nothing");

  export_risks_ = export_cmd.add_subcommand("risks", "Export the risks under a node as CSV, or .xlsx when --out ends so");
  export_risks_->add_option("--org", org_, "The node, e.g. UNN")->required();
  export_risks_->add_option("--out", out_, "Output file")->required();

  export_overview_ = export_cmd.add_subcommand("risk-overview", "The risk overview per requirement (for a tertial report)");
  export_overview_->add_option("--org", org_, "The node, e.g. UNN")->required();
  export_overview_->add_option("--format", format_, "docx, xlsx, md or html")->check(CLI::IsMember({"docx", "xlsx", "md", "html"}))->capture_default_str();
  export_overview_->add_option("--out", out_, "Output file")->required();
}

std::optional<int> RiskCommands::run(const Globals& g) {
  if (*import_matrix_) {
    const auto parsed = risk::parse_ciso_library(read_file(file_));
    print_notes(file_, parsed.warnings, "warning");
    if (!parsed.ok()) {
      print_notes(file_, parsed.errors, "error");
      throw Failure(file_ + ": " + std::to_string(parsed.errors.size()) + " error(s); nothing was imported");
    }
    if (dry_run_) {
      for (const auto& m : parsed.matrices) {
        std::cout << "matrix " << m.key << " \"" << m.name.nb << "\": " << m.likelihood.size() << "×"
                  << m.consequence.size() << ", " << m.risk_levels.size() << " risk level(s)\n";
        for (const auto& r : m.risk_levels) std::cout << "  level " << r.label.nb << " (" << r.label.en << ") " << r.colour << "\n";
        for (std::size_t l = m.cells.size(); l-- > 0;) {
          std::cout << "  " << m.likelihood[l].label.nb << ":";
          for (const auto& c : m.cells[l]) std::cout << " " << m.risk_levels[c.risk_level].label.nb;
          std::cout << "\n";
        }
      }
      std::cout << "Dry run: " << parsed.matrices.size() << " matrix/matrices would be imported; nothing written.\n";
      return 0;
    }
    auto db = open_database(g);
    store::migrate(*db, app::migrations());
    const auto source = std::filesystem::path(file_).filename().string();
    auto saved = store::with_write(*db, [&](store::Tx& tx) {
      auto region = node_by_code(tx, org_);
      if (region.kind != "region") throw Failure(org_ + " is a " + region.kind + "; risk matrices belong to a region");
      std::vector<risk::StoredMatrix> out;
      for (std::size_t i = 0; i < parsed.matrices.size(); ++i) {
        std::cout << "Importing " << (i + 1) << "/" << parsed.matrices.size() << ": " << parsed.matrices[i].key << "\n";
        out.push_back(risk::save_matrix(tx, cli_actor(), region.id, parsed.matrices[i], source, make_default_ && i == 0));
      }
      return out;
    });
    for (const auto& m : saved)
      std::cout << "Imported " << m.matrix.key << " revision " << m.revision << " (id " << m.id << ")"
                << (m.is_default ? ", now the region's default" : "") << ".\n";
    return 0;
  }
  if (*import_risks_) {
    const auto text = read_file(file_);
    auto db = open_database(g);
    store::migrate(*db, app::migrations());
    auto plan = [&] {
      auto tx = db->read();
      const auto id = node_by_code(*tx, org_).id;
      return is_xlsx(file_) ? risk::plan_risk_import_xlsx(*tx, id, text) : risk::plan_risk_import(*tx, id, text);
    }();
    print_notes(file_, plan.warnings, "warning");
    if (!plan.errors.empty()) {
      print_notes(file_, plan.errors, "error");
      throw Failure(file_ + ": " + std::to_string(plan.errors.size()) + " error(s); nothing was imported");
    }
    if (dry_run_) {
      for (const auto& r : plan.rows)
        std::cout << file_ << ":" << r.line << ": " << (r.id ? "update risk " + std::to_string(*r.id) : std::string("new risk"))
                  << " in \"" << r.assessment_title << "\": " << r.fields.title.value_or("") << "\n";
      std::cout << "Dry run: " << plan.rows.size() << " row(s); nothing written.\n";
      return 0;
    }
    std::cout << "Importing " << plan.rows.size() << " row(s)…\n";
    auto s = store::with_write(*db, [&](store::Tx& tx) {
      try {
        return risk::apply_risk_import(tx, cli_actor(), plan);
      } catch (const api::Problem& p) {
        throw Failure(file_ + ": " + p.detail + (p.field.empty() ? "" : " (" + p.field + ")") + "; nothing was imported");
      }
    });
    std::cout << "Imported: " << s.risks_created << " risk(s) created, " << s.risks_updated << " changed, "
              << s.assessments_created << " assessment(s) created.\n";
    return 0;
  }
  if (*export_risks_) {
    auto db = open_database(g);
    auto tx = db->read();
    auto node = node_by_code(*tx, org_);
    risk::RiskQuery q;
    q.subtrees = {node.path};
    q.today = core::now_iso().substr(0, 10);
    q.limit = 1000000;
    q.order_by = "r.assessment_id, r.id";
    auto risks = risk::list_risks(*tx, q).first;
    write_file(out_, is_xlsx(out_) ? risk::risks_to_xlsx(*tx, risks) : risk::risks_to_csv(*tx, risks));
    std::cout << "Wrote " << risks.size() << " risk(s) to " << out_ << ".\n";
    return 0;
  }
  if (*export_overview_) {
    auto db = open_database(g);
    auto tx = db->read();
    auto node = node_by_code(*tx, org_);
    auto doc = risk::risk_overview_document(*tx, node, core::local_time_text());
    write_file(out_, reports::render_as(doc, format_)->body);
    std::cout << "Wrote the risk overview of " << org_ << " to " << out_ << ".\n";
    return 0;
  }
  return std::nullopt;
}

}  // namespace varde::cli
