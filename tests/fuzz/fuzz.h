#pragma once
// What every libFuzzer harness in tests/fuzz/ shares (docs/building.md, "Fuzzing"). A
// finding is anything a user could not act on: a crash, a sanitizer report, an exception
// other than metareview::Error (the command line turns those into exit 3, "internal error"),
// or a diagnostic without a line to point at. metareview::Error and diagnostics with a
// FILE:LINE:COL are the library's normal answers to bad input, so they are not findings.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "core/error.h"

namespace metareview::fuzz {

/// Stops the run, naming what broke, so libFuzzer saves the input.
[[noreturn]] inline void finding(std::string_view what) {
  std::fprintf(stderr, "fuzz finding: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

/// Every diagnostic about bytes read from memory must have a line and a column.
inline void check_located(const core::Diagnostics& diags) {
  for (const auto& d : diags.items())
    if (d.where.line < 1 || d.where.col < 1) finding("diagnostic without a line and column: " + d.to_string());
}

/// Runs `step`, accepting metareview::Error; any other exception is a finding.
template <class F>
void run_step(F&& step) {
  try {
    step();
  } catch (const Error&) {
  } catch (const std::exception& e) {
    finding(std::string("exception other than metareview::Error: ") + e.what());
  }
}

}  // namespace metareview::fuzz
