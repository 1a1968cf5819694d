// `varde import …` and `varde export …` for the commissioning document and
// the reports on it.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace varde::cli {

class CommissionCommands {
 public:
  // Adds the subcommands under `import`, `export` and `report`.
  void add(CLI::App& import_cmd, CLI::App& export_cmd, CLI::App& report_cmd);
  // Runs the one that was given; nullopt when none of these was.
  std::optional<int> run(const Globals& g);

 private:
  CLI::App* import_report_ = nullptr;
  CLI::App* report_tertial_ = nullptr;
  CLI::App* report_matrix_ = nullptr;
  std::string format_ = "docx";
  std::string period_;
  CLI::App* import_requirements_ = nullptr;
  CLI::App* export_requirements_ = nullptr;
  std::string file_;
  std::string org_;
  int year_ = 0;
  bool dry_run_ = false;
  bool all_trusts_ = false;  // `report tertial --all-trusts`: the region's one document
  std::string out_;
  std::string template_format_;
  std::string matrix_format_ = "xlsx";  // csv or xlsx for `export requirements`
};

}  // namespace varde::cli
