#pragma once
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace metareview::cli {

/// Exit statuses of every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalidInput = 1;  ///< bad input data, or --strict findings
inline constexpr int kExitUsage = 2;         ///< bad command line
inline constexpr int kExitInternal = 3;      ///< a bug: InternalError or an exception the library did not expect

/// The one message style of every command: "metareview <command>: error: <message>" for a
/// metareview::Error (exit kExitInvalidInput), and for a bug (InternalError or any other
/// exception; exit kExitInternal) "metareview <command>: internal error (a bug in metareview;
/// please report it): <message>". run() catches both around every command, so a command
/// lets them propagate; the prefixes are for messages a command writes itself.
std::string error_prefix(std::string_view command);
std::string internal_error_prefix(std::string_view command);

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

/// One command with its arguments (argv[0] is the command's name): run()'s error boundary,
/// the one place that maps outcomes to exit statuses and error messages.
int run_command(const Command& command, int argc, const char* const* argv, std::ostream& out, std::ostream& err);

// One setup function per command, each in its own cmd_<name>.cpp (listed in commands()).
void setup_validate(CLI::App& app, Context& ctx);  ///< cmd_validate.cpp
void setup_list(CLI::App& app, Context& ctx);      ///< cmd_list.cpp
void setup_run(CLI::App& app, Context& ctx);       ///< cmd_run.cpp
void setup_pool(CLI::App& app, Context& ctx);  ///< cmd_pool.cpp
void setup_forest(CLI::App& app, Context& ctx);  ///< cmd_forest.cpp
void setup_funnel(CLI::App& app, Context& ctx);  ///< cmd_funnel.cpp
void setup_check(CLI::App& app, Context& ctx);   ///< cmd_check.cpp
void setup_import(CLI::App& app, Context& ctx);  ///< cmd_import.cpp
void setup_leave1out(CLI::App& app, Context& ctx);  ///< cmd_leave1out.cpp
void setup_cumul(CLI::App& app, Context& ctx);      ///< cmd_cumul.cpp
void setup_influence(CLI::App& app, Context& ctx);  ///< cmd_influence.cpp
void setup_baujat(CLI::App& app, Context& ctx);     ///< cmd_baujat.cpp
void setup_gosh(CLI::App& app, Context& ctx);       ///< cmd_gosh.cpp
void setup_permutest(CLI::App& app, Context& ctx);  ///< cmd_permutest.cpp
void setup_regtest(CLI::App& app, Context& ctx);    ///< cmd_regtest.cpp
void setup_ranktest(CLI::App& app, Context& ctx);   ///< cmd_ranktest.cpp
void setup_trimfill(CLI::App& app, Context& ctx);   ///< cmd_trimfill.cpp
void setup_fsn(CLI::App& app, Context& ctx);        ///< cmd_fsn.cpp
void setup_new(CLI::App& app, Context& ctx);     ///< cmd_new.cpp
void setup_export(CLI::App& app, Context& ctx);  ///< cmd_export.cpp

}  // namespace metareview::cli
