#include "cli/document_commands.hpp"

#include "cli/files.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/migrations.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "documents/report_layout.hpp"
#include "reports/render.hpp"
#include "documents/seed_import.hpp"
#include "org/store.hpp"
#include "users/store.hpp"
#include "store/migrate.hpp"

namespace varde::cli {

void DocumentCommands::add(CLI::App& import_cmd, CLI::App& export_cmd) {
  import_ = import_cmd.add_subcommand("document", "Take in a governing document (PDF text in the seed's layout, or Varde's Markdown export)");
  import_->add_option("file", file_, "Text or Markdown file")->required();
  import_->add_option("--org", org_, "The organisation it governs, e.g. HMN")->required();
  import_->add_option("--code", code_, "The document code when the text names none, e.g. \"NO 01\"");
  import_->add_option("--title", title_, "The title when the text names none");
  import_->add_flag("--dry-run", dry_run_, "Print what would be created and every warning; write nothing");

  export_ = export_cmd.add_subcommand("document", "Write a governing document in the seed's layout");
  export_->add_option("--org", org_, "The organisation it belongs to, e.g. HMN")->required();
  export_->add_option("--code", code_, "The document code, e.g. \"NO 04\"")->required();
  export_->add_option("--format", format_, "docx, md or html")->check(CLI::IsMember({"docx", "md", "html"}))->capture_default_str();
  export_->add_option("--out", out_, "Output file")->required();
}

void DocumentCommands::add_user(CLI::App& user_cmd) {
  clearance_ = user_cmd.add_subcommand("clearance", "Set the clearance for governing documents on one of a user's role grants");
  clearance_->add_option("username", username_, "The user")->required();
  clearance_->add_option("--org", org_, "The organisation of the grant, e.g. UNN")->required();
  clearance_->add_option("--role", role_, "The role of the grant, e.g. reader")->required();
  clearance_->add_option("--level", level_, "open, internal, confidential, strictly_confidential, or default (the role's)")
      ->required()
      ->check(CLI::IsMember({"open", "internal", "confidential", "strictly_confidential", "default"}));
}

std::optional<int> DocumentCommands::run(const Globals& g) {
  if (clearance_ && *clearance_) {
    auto db = open_database(g);
    store::migrate(*db, app::migrations());
    const auto effective = store::with_write(*db, [&](store::Tx& tx) {
      auto user = users::find_by_username(tx, username_);
      if (!user) throw Failure("no user " + username_);
      auto node = node_by_code(tx, org_);
      auto grant = tx.scalar_integer("SELECT id FROM role_grant WHERE user_id = ? AND org_id = ? AND role = ?",
                                     {user->id, node.id, role_});
      if (!grant) throw Failure(username_ + " has no " + role_ + " role at " + org_);
      std::optional<documents::Classification> level;
      if (level_ != "default") level = documents::classification_from_code(level_);
      documents::set_clearance(tx, cli_actor(), *grant, level);
      return level.value_or(documents::default_clearance(role_));
    });
    std::cout << username_ << " (" << role_ << " at " << org_ << ") is cleared for "
              << documents::classification_label_nb(effective) << (level_ == "default" ? " (the role's default)" : "")
              << ".\n";
    return 0;
  }
  if (*import_) {
    documents::ParseOptions options;
    if (!code_.empty()) options.code = code_;
    if (!title_.empty()) options.title = title_;
    std::cerr << "Reading " << file_ << " …\n";
    const auto parsed = documents::parse_document_text(read_file(file_), options);
    for (const auto& w : parsed.warnings)
      std::cerr << file_ << ":" << w.line << ": warning (" << w.field << "): " << w.message << "\n";
    for (const auto& e : parsed.errors)
      std::cerr << file_ << ":" << e.line << ": error (" << e.field << "): " << e.message << "\n";
    if (!parsed.errors.empty())
      throw Failure(file_ + ": " + std::to_string(parsed.errors.size()) + " error(s); nothing was imported");
    std::cout << "Document " << parsed.code << " «" << parsed.title << "» (" << documents::type_label_nb(parsed.type)
              << ", " << documents::classification_label_nb(parsed.classification) << ")\n";
    for (std::size_t i = 0; i < parsed.sections.size(); ++i) {
      const auto& s = parsed.sections[i];
      std::cout << file_ << ":" << s.line << ": section " << (i + 1) << " " << s.heading << " ("
                << s.body.size() << " characters)\n";
    }
    std::cout << "Definitions: " << parsed.definitions.size() << " ("
              << (parsed.definitions.empty() ? "" : parsed.definitions.front().term + " … " + parsed.definitions.back().term)
              << ")\n";
    if (parsed.next_part_line)
      std::cout << file_ << ":" << *parsed.next_part_line << ": another document starts here (e.g. the action plan); not read by this command\n";
    if (dry_run_) {
      std::cout << "Dry run: 1 document with " << parsed.sections.size() << " section(s) and "
                << parsed.definitions.size() << " definition(s) would be created, " << parsed.warnings.size()
                << " warning(s); nothing written.\n";
      return 0;
    }
    auto db = open_database(g);
    store::migrate(*db, app::migrations());
    auto doc = store::with_write(*db, [&](store::Tx& tx) {
      auto node = node_by_code(tx, org_);
      return documents::write_document(tx, cli_actor(), node.id, parsed);
    });
    std::cout << "Imported " << doc.code << " for " << org_ << " as a draft (version 1, id " << doc.id << ").\n";
    return 0;
  }
  if (*export_) {
    auto db = open_database(g);
    auto tx = db->read();
    auto node = node_by_code(*tx, org_);
    auto d = documents::find_by_code(*tx, node.id, code_);
    if (!d) throw Failure(org_ + " has no governing document with code " + code_);
    const int number = d->approved_number.value_or(d->current_number);
    auto v = documents::find_version(*tx, d->id, number);
    if (!v) throw Failure(code_ + " has no version " + std::to_string(number));
    auto doc = documents::document_report(*d, *v, core::local_time_text());
    const auto body = reports::render_as(doc, format_)->body;
    std::ofstream out(out_, std::ios::binary);
    if (!out || !out.write(body.data(), static_cast<std::streamsize>(body.size()))) throw Failure("cannot write " + out_);
    std::cout << "Wrote " << d->code << " version " << number << " of " << org_ << " to " << out_ << ".\n";
    return 0;
  }
  return std::nullopt;
}

}  // namespace varde::cli
