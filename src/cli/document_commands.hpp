// `varde import document …` and `varde export document …`: governing
// documents from and to files.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace varde::cli {

class DocumentCommands {
 public:
  // Adds the subcommands under `import` and `export`.
  void add(CLI::App& import_cmd, CLI::App& export_cmd);
  // Adds `user clearance` under `user`.
  void add_user(CLI::App& user_cmd);
  // Runs the one that was given; nullopt when none of these was.
  std::optional<int> run(const Globals& g);

 private:
  CLI::App* import_ = nullptr;
  CLI::App* export_ = nullptr;
  std::string file_, org_, code_, title_, format_ = "docx", out_;
  bool dry_run_ = false;
  CLI::App* clearance_ = nullptr;
  std::string username_, role_, level_;
};

}  // namespace varde::cli
