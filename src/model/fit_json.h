#pragma once
// A fit and its settings as JSON, written once for every output that carries them:
// results.json (review::results_json), provenance.json (report::provenance_json) and
// `metareview pool --json`, which prints a subset in its own key order. Keys are metafor's
// names; NaN, infinite and absent values are null.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "effect/effect_table.h"
#include "model/fit.h"
#include "model/spec.h"

namespace metareview::model {

/// `j` as the text of a JSON file (2-space indent, a final newline): the one writer of JSON
/// text, so every output escapes strings alike. Invalid UTF-8 in a string (a label read from
/// a file) becomes U+FFFD instead of throwing nlohmann's type_error 316.
std::string json_text(const nlohmann::json& j);
std::string json_text(const nlohmann::ordered_json& j);  ///< keys in insertion order

/// `x`, or null when it is NaN or infinite.
nlohmann::json json_number(double x);
/// json_number(*x), or null when absent.
nlohmann::json json_number(std::optional<double> x);

/// A model spec and the escalc options as used (the preset they started from included).
nlohmann::json settings_json(const ModelSpec& spec, const effect::EffectOptions& effect);

/// One fit of `es` (the table it was made from): estimates, heterogeneity, convergence,
/// per-row weights, the back-transformed estimate, CI and PI, and the settings as used.
nlohmann::json fit_json(const Fit& fit, const effect::EffectTable& es);

}  // namespace metareview::model
