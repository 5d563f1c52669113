#pragma once
// A meta-regression as JSON, shared by `metareview pool --mods --json` and a review's
// results.json: keys as metafor names them (coefficients, QM, QE, tau2, R2), as
// tests/unit/cli/metareg_test.cpp pins them.
#include <nlohmann/json.hpp>  // ordered_json: pool --json keeps this key order

#include "model/metareg.h"

namespace metareview::model {

nlohmann::ordered_json metareg_json(const MetaReg& m);

}  // namespace metareview::model
