// A progress bar on standard error for long CLI work: redrawn in place on a
// terminal, one line per tenth of each stage otherwise (logs, CI).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace varde::cli {

class ProgressBar {
 public:
  ProgressBar();
  // Shows that `done` of `total` steps of `stage` are done.
  void update(const std::string& stage, int64_t done, int64_t total);
  // Ends the bar's line.
  void finish();

 private:
  bool terminal_;
  std::string stage_;
  int last_tenth_ = -1;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace varde::cli
