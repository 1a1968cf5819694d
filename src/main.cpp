#include <cstdlib>
#include <ctime>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
  // Local times (report dates, deadlines) are Norwegian wherever the server
  // runs; stored instants are UTC and do not depend on this. Set before any
  // thread starts, as setenv is not thread-safe.
  setenv("TZ", "Europe/Oslo", 1);
  tzset();
  return varde::cli::run(argc, argv);
}
