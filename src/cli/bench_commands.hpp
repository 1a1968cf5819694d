// `varde bench generate`: the benchmark's data set (see bench/README.md).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace varde::cli {

class BenchCommands {
 public:
  // Adds `bench` and its subcommands to the app.
  void add(CLI::App& app);
  // Runs the one that was given; nullopt when none of these was.
  std::optional<int> run(const Globals& g);

 private:
  CLI::App* generate_ = nullptr;
  std::string scale_ = "small";
  uint64_t seed_ = 1;
  std::string password_ = "varde-bench";
};

}  // namespace varde::cli
