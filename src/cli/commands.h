#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace metareview::cli {

/// Exit statuses of every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalidInput = 1;  ///< bad input data, or --strict findings
inline constexpr int kExitUsage = 2;         ///< bad command line
inline constexpr int kExitInternal = 3;      ///< a bug: an exception the library did not expect

/// What a command writes to and the status it leaves.
struct Context {
  std::ostream& out;
  std::ostream& err;
  int exit_code = kExitOk;
};

/// One subcommand: the table row that help text, dispatch and "did you mean" come from.
struct Command {
  const char* name;
  const char* summary;
  /// Adds the command's options to `app` and sets its callback, which writes to ctx.
  void (*setup)(CLI::App& app, Context& ctx);
};

const std::vector<Command>& commands();

/// The whole command line: parses argv, runs one command, returns the exit status.
/// Writes only to out/err, so tests run it in memory.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

// One setup function per command, each in its own cmd_<name>.cpp (listed in commands()).
void setup_validate(CLI::App& app, Context& ctx);  ///< cmd_validate.cpp
void setup_list(CLI::App& app, Context& ctx);      ///< cmd_list.cpp
void setup_run(CLI::App& app, Context& ctx);       ///< cmd_run.cpp
void setup_pool(CLI::App& app, Context& ctx);  ///< cmd_pool.cpp
void setup_forest(CLI::App& app, Context& ctx);  ///< cmd_forest.cpp
void setup_funnel(CLI::App& app, Context& ctx);  ///< cmd_funnel.cpp
void setup_check(CLI::App& app, Context& ctx);   ///< cmd_check.cpp

}  // namespace metareview::cli
