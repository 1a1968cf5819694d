// The subcommands, each a function of parsed options. Private to src/cli.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "audit/audit.hpp"
#include "store/database.hpp"

namespace varde::cli {

// A failure to report as one line on stderr, exit code 1.
class Failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Globals {
  std::string db = "data/varde.db";
};

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string ui_dir;
  int workers = 0;        // for reads; 0: one per core on SQLite, two per core on PostgreSQL
  int write_workers = 0;  // for writes; 0: two per core, at least 4
  int io_threads = 0;     // for HTTP; 0: one per two cores on SQLite, one per core on PostgreSQL
};

std::unique_ptr<store::Database> open_database(const Globals& g, int pool_size = 2);

// Who the audit trail names for changes made from the command line.
audit::Actor cli_actor();

int serve(const Globals& g, const ServeOptions& o, const char* argv0);

}  // namespace varde::cli
