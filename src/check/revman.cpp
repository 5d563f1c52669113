#include "check/revman.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>

namespace metareview::check {
namespace {

/// The stored number and the half unit of its last printed digit (Java prints "0.0" and
/// "1.0E-4" too).
struct Printed {
  double value = 0;
  double half_unit = 0;
};

std::optional<Printed> printed(const std::string& text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  const std::size_t e = text.find_first_of("eE");
  const std::string mantissa = text.substr(0, e);
  const std::size_t dot = mantissa.find('.');
  const int decimals = dot == std::string::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
  const int exponent = e == std::string::npos ? 0 : std::stoi(text.substr(e + 1));
  return Printed{v, 0.5 * std::pow(10.0, exponent - decimals)};
}

std::string full(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

Finding compare(const RevmanStored& s, const StoredValue& v, const Printed& p, double ours, const std::string& what,
                const std::string& item) {
  Finding f;
  f.study = s.review;
  f.outcome = s.analysis;
  f.item = item;
  f.check = "revman-stored";
  f.reported = p.value;
  f.recomputed = ours;
  f.reported_text = v.text;
  f.recomputed_text = full(ours);
  f.where = v.where;
  const double tol = std::max(p.half_unit, kRevmanRelTol * std::fabs(p.value));
  const bool same = std::fabs(ours - p.value) <= tol;
  f.severity = same ? Severity::Ok : Severity::Inconsistent;
  f.message = "RevMan stored " + v.name + " (" + what + ") " + v.text + "; metareview gives " + full(ours) +
              (same ? ", the same within its precision" : ", which differs beyond its precision");
  // RevMan 5.0's stored chi-squared p-values are accurate to about 1e-7 only: for Fleiss 1993
  // it stored P_CHI2 0.1269422521561745 where R's pchisq(9.946055983220074, 6, lower.tail =
  // FALSE) gives 0.12694217790629492, as we do. Such a difference is a note, not an error.
  if (!same && v.name.rfind("P_", 0) == 0 && std::fabs(ours - p.value) <= kRevmanPTol) {
    f.severity = Severity::Note;
    f.message += " by less than 1e-6 (RevMan's p-value approximation; R's pnorm() and pchisq() give ours)";
  }
  return f;
}

}  // namespace

std::vector<Finding> compare_with_revman(const RevmanStored& s, const model::Fit& ours) {
  std::vector<Finding> out;
  if (ours.beta.empty()) return out;
  const auto scale = [&](double x) { return s.ratio ? std::exp(x) : x; };
  struct Pair {
    const char* name;
    const char* what;
    std::optional<double> value;
  };
  const std::vector<Pair> pairs = {
      {"EFFECT_SIZE", "pooled estimate", scale(ours.beta[0])},
      {"CI_START", "lower CI bound", scale(ours.ci_lb[0])},
      {"CI_END", "upper CI bound", scale(ours.ci_ub[0])},
      {"Z", "|z| of the pooled estimate", std::fabs(ours.zval[0])},
      {"P_Z", "p-value of the pooled estimate", ours.pval[0]},
      {"CHI2", "heterogeneity chi-squared, Q", ours.Q},
      {"DF", "degrees of freedom of Q", ours.Q_df},
      {"P_CHI2", "p-value of Q", ours.Q_p},
      {"I2", "I-squared, percent", ours.I2},
      {"TAU2", "tau-squared", s.random ? ours.tau2 : std::nullopt},
  };
  for (const auto& pr : pairs) {
    for (const auto& v : s.pooled) {
      if (v.name != pr.name || !pr.value) continue;
      if (const auto p = printed(v.text)) out.push_back(compare(s, v, *p, *pr.value, pr.what, ""));
    }
  }
  for (std::size_t i = 0; i < s.weights.size() && i < ours.weights.size(); ++i) {
    if (const auto p = printed(s.weights[i].text))
      out.push_back(compare(s, s.weights[i], *p, ours.weights[i], "percent weight", s.labels.at(i)));
  }
  return out;
}

}  // namespace metareview::check
