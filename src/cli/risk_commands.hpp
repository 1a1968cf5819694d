// `varde import risk-matrix`, `varde import risks` and `varde export risks`.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace varde::cli {

class RiskCommands {
 public:
  // Adds the subcommands under `import` and `export`.
  void add(CLI::App& import_cmd, CLI::App& export_cmd);
  // Runs the one that was given; nullopt when none of these was.
  std::optional<int> run(const Globals& g);

 private:
  CLI::App* import_matrix_ = nullptr;
  CLI::App* import_risks_ = nullptr;
  CLI::App* export_risks_ = nullptr;
  CLI::App* export_overview_ = nullptr;
  std::string file_, org_, out_, format_ = "docx";
  bool dry_run_ = false;
  bool make_default_ = false;
};

// Gives every region without a risk matrix the default one (for `init`);
// returns how many were given one.
int risk_ensure_default_matrices(store::Tx& tx);

}  // namespace varde::cli
