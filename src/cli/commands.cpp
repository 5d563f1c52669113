#include "cli/commands.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <ostream>
#include <string_view>

#include "core/error.h"
#include "core/version.h"

namespace metareview::cli {
namespace {

// Levenshtein distance, for the "did you mean" hint on a mistyped command (as ninja does).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string version_text() {
  std::string v = std::string(core::kToolName) + ' ' + core::kVersion;
  if (std::string_view(core::kCommit).size() > 0) v += std::string(" (commit ") + core::kCommit + ')';
  return v;
}

std::string usage_text() {
  std::string text = "usage: metareview <command> [options]\n\ncommands:\n";
  std::size_t width = 0;
  for (const auto& c : commands()) width = std::max(width, std::string_view(c.name).size());
  for (const auto& c : commands()) {
    text += "  " + std::string(c.name) + std::string(width + 2 - std::string_view(c.name).size(), ' ') +
            c.summary + '\n';
  }
  text += "\n`metareview <command> --help` shows a command's options; `metareview --version` the version.\n";
  return text;
}

}  // namespace

std::string error_prefix(std::string_view command) { return "metareview " + std::string(command) + ": error: "; }

std::string internal_error_prefix(std::string_view command) {
  return "metareview " + std::string(command) + ": " + kInternalErrorLead + ": ";
}

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"validate", "check study files and review files and report every problem in them", &setup_validate},
      {"list", "validate study files and list them, one row per study", &setup_list},
      {"run", "run every review of the study library: figures, reports, PDF supplement, provenance", &setup_run},
      {"pool", "pool the studies of a CSV file (common or random effects, as metafor)", &setup_pool},
      {"forest", "draw the forest plot of a CSV file (SVG, PDF or PNG)", &setup_forest},
      {"funnel", "draw the funnel plot of a CSV file (SVG, PDF or PNG)", &setup_funnel},
      {"check", "recompute each study's printed statistics and flag numbers that cannot be true", &setup_check},
      {"leave1out", "the fit without each study in turn (as metafor's leave1out)", &setup_leave1out},
      {"cumul", "cumulative meta-analysis: the fit of the first 1, 2, ..., k studies (as metafor's cumul)",
       &setup_cumul},
      {"influence", "influence diagnostics of each study (as metafor's influence)", &setup_influence},
      {"baujat", "each study's contribution to heterogeneity and influence on the estimate (as metafor's baujat)",
       &setup_baujat},
      {"gosh", "fit every subset of the studies and summarise the estimates (as metafor's gosh)", &setup_gosh},
      {"permutest", "permutation tests of a meta-regression's coefficients and moderators (as metafor's permutest)",
       &setup_permutest},
      {"regtest", "regression test for funnel plot asymmetry, Egger's and others (as metafor's regtest)",
       &setup_regtest},
      {"ranktest", "Begg and Mazumdar's rank correlation test for funnel plot asymmetry (as metafor's ranktest)",
       &setup_ranktest},
      {"trimfill", "Duval and Tweedie's trim-and-fill: missing studies imputed, the fit redone (as metafor's trimfill)",
       &setup_trimfill},
      {"fsn", "fail-safe N: Rosenthal, Orwin or Rosenberg (as metafor's fsn)", &setup_fsn},
      {"export", "write every review analysis as a CSV and a metafor script that reproduces it (--format r)",
       &setup_export},
      {"import", "turn a RevMan 5 file (.rm5) into a study library and a review (import FILE.rm5 --out DIR)",
       &setup_import},
      {"new", "write a commented skeleton of a study file or a review file (new study|review -o FILE)", &setup_new},
  };
  return table;
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    (args.empty() ? err : out) << usage_text();
    return args.empty() ? kExitUsage : kExitOk;
  }
  if (args[0] == "--version" || args[0] == "version") {
    out << version_text() << '\n';
    return kExitOk;
  }
  const auto& table = commands();
  const auto it = std::find_if(table.begin(), table.end(), [&](const Command& c) { return args[0] == c.name; });
  if (it == table.end()) {
    err << "metareview: unknown command '" << args[0] << "'";
    const Command* best = nullptr;
    std::size_t best_distance = 3;  // suggest only near misses
    for (const auto& c : table) {
      const std::size_t d = edit_distance(args[0], c.name);
      if (d < best_distance) best_distance = d, best = &c;
    }
    if (best) err << "; did you mean '" << best->name << "'?";
    err << "\n\n" << usage_text();
    return kExitUsage;
  }

  return run_command(*it, argc - 1, argv + 1, out, err);
}

int run_command(const Command& command, int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  Context ctx{out, err};
  CLI::App app{command.summary, std::string("metareview ") + command.name};
  app.set_help_flag("-h,--help", "show this command's options");
  command.setup(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    err << "metareview " << command.name << ": " << e.what() << "\nRun 'metareview " << command.name
        << " --help' for its options.\n";
    return kExitUsage;
  } catch (const Error& e) {
    err << error_prefix(command.name) << e.what() << '\n';
    return kExitInvalidInput;
  } catch (const std::exception& e) {
    // InternalError, and anything else the library did not translate: a bug, not bad input.
    err << internal_error_prefix(command.name) << e.what() << '\n';
    return kExitInternal;
  }
  return ctx.exit_code;
}

}  // namespace metareview::cli
