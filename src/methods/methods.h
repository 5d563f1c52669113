#pragma once
// The list of analysis methods (metafor's methods on a fit: leave1out, influence, ...).
// Each method is one file in methods/ that refits with the spec it is given and returns
// its typed result, plus a MethodResult table; the list below is what commands, reports
// and results JSON iterate over. Adding a method is one file plus one entry in methods.cpp.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "effect/effect_table.h"
#include "model/spec.h"

namespace metareview::methods {

/// A method's result as a table: one row per study, numeric columns named as metafor
/// names them. A value is nullopt when it does not exist (a failed refit, tau2 of FE).
struct MethodResult {
  std::string method;                 ///< the list name, e.g. "leave_one_out"
  model::ModelSpec spec;              ///< the spec every refit used
  std::vector<std::string> columns;   ///< e.g. "estimate", "se", "zval"
  std::vector<std::size_t> rows;      ///< effect-table row of each result row
  std::vector<std::vector<std::optional<double>>> values;  ///< [row][column]
};

using RunMethod = MethodResult (*)(const effect::EffectTable& es, const model::ModelSpec& spec);

struct MethodInfo {
  std::string_view name;     ///< snake_case, the file name in methods/
  std::string_view summary;  ///< one line for help texts
  RunMethod run;
};

/// Every analysis method, in the order they are listed and run.
std::span<const MethodInfo> all_methods();
/// The method with this name; nullptr when there is none.
const MethodInfo* find_method(std::string_view name);

}  // namespace metareview::methods
