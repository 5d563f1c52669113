#pragma once
// When does a recomputed number agree with a printed one? The rules every check uses.
//
// 1. Rounding. A value printed with d decimals matches a recomputed x when x rounds to it:
//    |x - printed| <= 0.5 * 10^-d ("5.865" accepts 5.8645 to 5.8655).
// 2. Truncation. Some software and authors cut digits instead of rounding: 0.50499 printed
//    as "0.504". printed <= x < printed + 10^-d is accepted too, and said so.
// 3. Rounded inputs. A statistic recomputed from printed means and SDs (or a printed HR and
//    CI) is itself uncertain: the inputs could have been anything that rounds to what was
//    printed. The printed statistic is accepted when some value reachable from inputs inside
//    their rounding intervals rounds or truncates to it. Every statistic checked this way is
//    monotone in each input over such a small box (t in each mean and SD, the Wald z in the HR
//    and each CI bound), so its extremes lie at the box's corners (see corner_range()).
//    Such a match is still "ok": the printed number is what the printed data give. The
//    message names the reachable range so a reader sees it is not an exact match.
// 4. Bounds. "P<0.001", "P>0.05", "P<=0.05" are bounds: a recomputed p agrees when it (or, under
//    rule 3, some reachable p) satisfies the bound.
#include <functional>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "core/study.h"

namespace metareview::check {

/// Half a unit of the last printed decimal: 0.0005 for 3 decimals.
double half_unit(int decimals);
/// One unit of the last printed decimal: 0.001 for 3 decimals.
double unit(int decimals);

/// The values a recomputation can reach, lo <= hi.
struct Range {
  double lo = 0, hi = 0;
};

/// How a recomputed value agrees with a printed one, best first.
enum class Agreement {
  Rounded,       ///< rule 1
  Truncated,     ///< rule 2
  Bound,         ///< rule 4: the printed bound holds for the exact recomputed value
  WithinInputs,  ///< rule 3 (or a bound reached only from rounded inputs)
  None,
};

/// A printed number (d decimals) against a recomputed `exact` value and, when the inputs
/// were rounded, the `reachable` range. Compares the numbers as given: callers pass
/// magnitudes for statistics printed without sign (|t|, |z|).
/// `truncation` false leaves rule 2 out (for quantities nobody truncates, e.g. a CI's midpoint).
Agreement agree(double printed, int decimals, double exact, std::optional<Range> reachable = std::nullopt,
                bool truncation = true);
Agreement agree(const core::Number& printed, double exact, std::optional<Range> reachable = std::nullopt,
                bool truncation = true);

/// A printed p-value (equality or bound) against a recomputed p and its reachable range.
Agreement agree_p(const core::PValue& printed, double exact, std::optional<Range> reachable = std::nullopt);

/// Rule 3 alone: some value in `reachable` rounds (or, with `truncation`, truncates) to the
/// printed one.
bool reachable_from_inputs(double printed, int decimals, Range reachable, bool truncation = true);

/// True for Rounded, Truncated, Bound and WithinInputs.
bool agrees(Agreement a);

/// What a message adds for a match: "" for an exact rounding or a satisfied bound,
/// "; printed truncated, not rounded", or "; reached within the rounding of the printed
/// INPUTS (LO to HI)" with LO and HI at decimals + 2 places. `subject` goes before the
/// verb ("P " gives "; P printed truncated, not rounded").
std::string agreement_clause(Agreement a, std::optional<Range> reachable, int decimals, std::string_view inputs,
                             std::string_view subject = "");

/// The minimum and maximum of `f` over the 2^k corners of the box centre[i] +- half[i],
/// with each corner coordinate clamped to >= floor[i] (an SD or a CI bound cannot go below
/// its floor). Valid for `f` monotone in each coordinate over the box (rule 3). A corner
/// where `f` throws metareview::Error is skipped; nullopt when every corner does.
std::optional<Range> corner_range(const std::vector<double>& centre, const std::vector<double>& half,
                                  const std::vector<double>& floor,
                                  const std::function<double(const std::vector<double>&)>& f);

/// The range of |f| from the range of f: [0, max] when f can change sign.
Range magnitude(Range r);

}  // namespace metareview::check
