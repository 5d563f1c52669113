#pragma once
// `metareview ARGS...` run inside the test process: cli::run with in-memory streams.
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace metareview::test {

/// What one run returned and printed.
struct CliResult {
  int status;
  std::string out, err;
};

/// Runs `metareview` with `args` (the command first) and captures the exit code, stdout and stderr.
inline CliResult run_cli(const std::vector<std::string>& args) {
  std::vector<const char*> argv{"metareview"};
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const int status = cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {status, out.str(), err.str()};
}

}  // namespace metareview::test
