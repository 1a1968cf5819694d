// The seeds and fixtures of ../shared, read where they are, beside the
// repository, never copied into it. VARDE_SHARED_DIR is set by CMake to the
// folder beside the source tree (a path from __FILE__ would be relative when
// a compiler cache rewrites paths); the environment variables override it.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace varde::test_files {

// The path of ../shared/<kind>/<name>; VARDE_SEEDS_DIR or VARDE_FIXTURES_DIR
// name another folder for seeds or fixtures.
inline std::filesystem::path shared_path(const std::string& kind, const std::string& name) {
  const char* override_dir = std::getenv(kind == "seeds" ? "VARDE_SEEDS_DIR" : "VARDE_FIXTURES_DIR");
  if (override_dir) return std::filesystem::path(override_dir) / name;
  return std::filesystem::path(VARDE_SHARED_DIR) / kind / name;
}

// The whole file, or "" when it cannot be read (the test then says which).
inline std::string read_shared(const std::string& kind, const std::string& name) {
  std::ifstream in(shared_path(kind, name), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace varde::test_files
