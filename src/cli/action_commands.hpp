// `varde import plan|measures …` and `varde export plan|measures …` for
// action plans (src/actions).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace varde::cli {

class ActionCommands {
 public:
  // Adds the subcommands under `import` and `export`.
  void add(CLI::App& import_cmd, CLI::App& export_cmd);
  // Runs the one that was given; nullopt when none of these was.
  std::optional<int> run(const Globals& g);

 private:
  CLI::App* import_plan_ = nullptr;
  CLI::App* export_plan_ = nullptr;
  CLI::App* import_measures_ = nullptr;
  CLI::App* export_measures_ = nullptr;
  std::string file_;
  std::string org_;
  std::string title_;
  std::string format_ = "docx";
  std::string out_;
  int64_t plan_id_ = 0;
  bool dry_run_ = false;
};

}  // namespace varde::cli
