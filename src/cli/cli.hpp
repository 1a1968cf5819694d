// The command line of the `varde` binary: serve, init, migrate, user, org,
// audit, backup. Every command exits non-zero with a one-line reason on
// failure, and never prompts.
#pragma once

namespace varde::cli {

int run(int argc, char** argv);

}  // namespace varde::cli
