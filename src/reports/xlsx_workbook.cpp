#include "reports/xlsx_workbook.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace varde::reports {

namespace {

// /dev/shm when it is a directory this process may write in, else the
// system's temporary directory.
const std::string& temp_dir() {
  static const std::string dir = [] {
    if (access("/dev/shm", W_OK | X_OK) == 0 && std::filesystem::is_directory("/dev/shm")) return std::string("/dev/shm");
    std::error_code ec;
    auto d = std::filesystem::temp_directory_path(ec);
    return ec ? std::string("/tmp") : d.string();
  }();
  return dir;
}

// A new workbook at `path` whose parts go to the same directory.
lxw_workbook* new_workbook(const std::string& path) {
  lxw_workbook_options options{};
  options.tmpdir = const_cast<char*>(temp_dir().c_str());
  return workbook_new_opt(path.c_str(), &options);
}

}  // namespace

std::string workbook_bytes(const std::function<void(lxw_workbook*)>& fill) {
  std::string path = temp_dir() + "/varde-xlsx-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) return "";
  close(fd);
  std::string bytes;
  if (lxw_workbook* wb = new_workbook(path)) {
    fill(wb);
    if (workbook_close(wb) == LXW_NO_ERROR) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      bytes = ss.str();
    }
  }
  std::error_code ec;
  std::filesystem::remove(path, ec);
  return bytes;
}

}  // namespace varde::reports
