#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace varde::cli {

ProgressBar::ProgressBar() : terminal_(isatty(STDERR_FILENO) == 1) {}

void ProgressBar::update(const std::string& stage, int64_t done, int64_t total) {
  if (total <= 0) return;
  const int percent = static_cast<int>(done * 100 / total);
  if (stage != stage_) {
    if (terminal_ && !stage_.empty()) std::fputc('\n', stderr);
    stage_ = stage;
    last_tenth_ = -1;
  }
  if (!terminal_) {
    if (percent / 10 == last_tenth_) return;
    last_tenth_ = percent / 10;
    std::fprintf(stderr, "%s: %3d %% (%lld av %lld)\n", stage.c_str(), percent, static_cast<long long>(done),
                 static_cast<long long>(total));
    return;
  }
  // A terminal is redrawn at most 20 times a second, and always at the end.
  const auto now = std::chrono::steady_clock::now();
  if (done < total && now - last_draw_ < std::chrono::milliseconds(50)) return;
  last_draw_ = now;
  constexpr int kWidth = 30;
  const int filled = percent * kWidth / 100;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(kWidth - filled), '.');
  std::fprintf(stderr, "\r[%s] %3d %%  %s (%lld av %lld)", bar.c_str(), percent, stage.c_str(),
               static_cast<long long>(done), static_cast<long long>(total));
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (terminal_ && !stage_.empty()) std::fputc('\n', stderr);
  stage_.clear();
}

}  // namespace varde::cli
