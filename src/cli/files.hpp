// What the CLI's commands share for files and organisation codes. Private to
// src/cli. Failures are cli::Failure, naming the file or the code.
#pragma once

#include <string>

#include "org/model.hpp"
#include "store/database.hpp"

namespace varde::cli {

// The whole file, as bytes.
std::string read_file(const std::string& path);
// Writes `content` to `path`, replacing it.
void write_file(const std::string& path, const std::string& content);
// The organisation node with that code.
org::Node node_by_code(store::Tx& tx, const std::string& code);

}  // namespace varde::cli
