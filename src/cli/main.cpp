// The only main: everything else is in the library (src/) and the command table (src/cli/).
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) { return metareview::cli::run(argc, argv, std::cout, std::cerr); }
