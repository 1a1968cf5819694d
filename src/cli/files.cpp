#include "cli/files.hpp"

#include <fstream>
#include <sstream>

#include "cli/commands.hpp"
#include "org/store.hpp"

namespace varde::cli {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Failure("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  if (!out || !out.write(content.data(), static_cast<std::streamsize>(content.size())))
    throw Failure("cannot write " + path);
}

org::Node node_by_code(store::Tx& tx, const std::string& code) {
  auto n = org::find_by_code(tx, code);
  if (!n) throw Failure("no organisation with code " + code + " (see `varde org list`)");
  return *n;
}

}  // namespace varde::cli
