#include "cli/cli.hpp"

int main(int argc, char** argv) { return varde::cli::run(argc, argv); }
