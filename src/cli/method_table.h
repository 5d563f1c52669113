#pragma once
// The sensitivity commands that print one row per study (leave1out, cumul, influence, baujat):
// the shared analysis options, one method of methods/ run on --data, and its MethodResult
// printed as a table or as JSON {"rows": [{"study": ..., <metafor's names>}, ...]}.
#include <functional>
#include <string>

#include "cli/analysis_options.h"
#include "cli/commands.h"
#include "effect/effect_table.h"
#include "methods/methods.h"
#include "model/spec.h"

namespace metareview::cli {

/// Runs the method on the resolved data and spec; throws metareview::Error for bad input.
using MethodRunner = std::function<methods::MethodResult(const effect::EffectTable& es, const model::ModelSpec& spec)>;

/// Adds the analysis options, --json, and a callback that resolves them, reads --data, runs
/// `runner` and prints its result. `extra` (may be empty) is called first with the app, to
/// add the command's own options.
void setup_method_command(CLI::App& app, Context& ctx, std::string command, MethodRunner runner,
                          const std::function<void(CLI::App&)>& extra = {});

/// Error unless at least `min_k` studies enter fit(es, spec) (the methods metafor stops on
/// with k = 1 need more to say anything: influence, baujat, gosh).
void require_studies(const effect::EffectTable& es, const model::ModelSpec& spec, const std::string& command,
                     std::size_t min_k);

}  // namespace metareview::cli
