#include "model/spec.h"

#include <array>
#include <cmath>
#include <utility>

#include "core/format.h"

namespace metareview::model {
namespace {

// One table per enum: the code tables are the single source of parsing, printing and the
// "valid values" lists in error messages.
template <class E, std::size_t N>
using Codes = std::array<std::pair<E, std::string_view>, N>;

constexpr Codes<Method, 11> kMethods{{{Method::FE, "FE"},
                                      {Method::MH, "MH"},
                                      {Method::PETO, "PETO"},
                                      {Method::DL, "DL"},
                                      {Method::REML, "REML"},
                                      {Method::ML, "ML"},
                                      {Method::PM, "PM"},
                                      {Method::HE, "HE"},
                                      {Method::HS, "HS"},
                                      {Method::SJ, "SJ"},
                                      {Method::EB, "EB"}}};
constexpr Codes<Test, 2> kTests{{{Test::Z, "z"}, {Test::KNHA, "knha"}}};
constexpr Codes<PiDist, 3> kPiDists{{{PiDist::Z, "z"}, {PiDist::T_K1, "t-k1"}, {PiDist::T_K2, "t-k2"}}};
constexpr Codes<I2Def, 2> kI2Defs{{{I2Def::Tau2, "tau2"}, {I2Def::Q, "Q"}}};
constexpr Codes<KnhaAdhoc, 3> kAdhocs{
    {{KnhaAdhoc::None, "none"}, {KnhaAdhoc::Floor, "adhoc"}, {KnhaAdhoc::IQWiG, "iqwig"}}};
// Presets are data: the conventions each names, with where they come from.
struct PresetRow {
  std::string_view name;
  Method method;
  Test test;
  PiDist pi_dist;
  I2Def i2_def;
  KnhaAdhoc adhoc;
  bool drop00;  ///< leave double-zero studies out of the per-study outcomes
};
constexpr std::array<PresetRow, 4> kPresets{{
    // metafor's own defaults (rma.uni, predict.rma, escalc).
    {"metafor", Method::REML, Test::Z, PiDist::Z, I2Def::Tau2, KnhaAdhoc::None, false},
    // Cochrane Handbook 6.4, sec. 10.10.4 / RevMan Web: REML, Q-profile CI for tau2,
    // Hartung-Knapp-Sidik-Jonkman, PI with t(k-2); double-zero studies left out (10.4.4.2).
    {"cochrane", Method::REML, Test::KNHA, PiDist::T_K2, I2Def::Tau2, KnhaAdhoc::None, true},
    // RevMan 5: DerSimonian-Laird with z, I2 = (Q - df)/Q (Higgins & Thompson 2002), PI with
    // t(k-2) (Higgins, Thompson & Spiegelhalter 2009); double-zero studies left out.
    {"revman5", Method::DL, Test::Z, PiDist::T_K2, I2Def::Q, KnhaAdhoc::None, true},
    // IQWiG General Methods 6.1, sec. 10.3.2: Paule-Mandel, Knapp-Hartung with IQWiG's ad hoc
    // rule, PI with t(k-2).
    {"iqwig", Method::PM, Test::KNHA, PiDist::T_K2, I2Def::Tau2, KnhaAdhoc::IQWiG, false},
}};

template <class E, std::size_t N>
std::string_view code_of(const Codes<E, N>& codes, E value) {
  for (const auto& [v, code] : codes)
    if (v == value) return code;
  return "?";
}

template <class E, std::size_t N>
std::optional<E> parse_code(const Codes<E, N>& codes, std::string_view code) {
  for (const auto& [v, c] : codes)
    if (c == code) return v;
  return std::nullopt;
}

template <class Range>
std::string join_codes(const Range& codes) {
  std::string out;
  for (const auto& entry : codes) {
    if (!out.empty()) out += ", ";
    out += entry.second;
  }
  return out;
}

}  // namespace

std::string_view to_string(Method m) { return code_of(kMethods, m); }
std::optional<Method> parse_method(std::string_view code) { return parse_code(kMethods, code); }
std::string valid_methods() { return join_codes(kMethods); }

std::string_view to_string(Test t) { return code_of(kTests, t); }
std::optional<Test> parse_test(std::string_view code) {
  if (code == "hksj") return Test::KNHA;  // metafor accepts both names for Hartung-Knapp
  return parse_code(kTests, code);
}
std::string valid_tests() { return join_codes(kTests) + " (alias hksj)"; }

std::string_view to_string(PiDist d) { return code_of(kPiDists, d); }
std::optional<PiDist> parse_pi_dist(std::string_view code) { return parse_code(kPiDists, code); }
std::string valid_pi_dists() { return join_codes(kPiDists); }

std::string_view to_string(I2Def d) { return code_of(kI2Defs, d); }
std::optional<I2Def> parse_i2_def(std::string_view code) { return parse_code(kI2Defs, code); }
std::string valid_i2_defs() { return join_codes(kI2Defs); }

std::string_view to_string(KnhaAdhoc a) { return code_of(kAdhocs, a); }
std::optional<KnhaAdhoc> parse_knha_adhoc(std::string_view code) { return parse_code(kAdhocs, code); }
std::string valid_knha_adhocs() { return join_codes(kAdhocs); }

// The codes live with the correction itself (effect/correction.cpp); these forward to it.
std::string_view to_string(effect::CorrectionTo t) { return effect::to_string(t); }
std::optional<effect::CorrectionTo> parse_correction_to(std::string_view code) {
  return effect::parse_correction_to(code);
}
std::string valid_correction_tos() {
  std::string out;
  for (auto t : {effect::CorrectionTo::All, effect::CorrectionTo::Only0, effect::CorrectionTo::If0All,
                 effect::CorrectionTo::None}) {
    if (!out.empty()) out += ", ";
    out += effect::to_string(t);
  }
  return out;
}

bool ModelSpec::is_random_effects() const {
  return method != Method::FE && method != Method::MH && method != Method::PETO;
}

std::string ModelSpec::validate() const {
  if (!(level > 0 && level < 100)) return "level must be in (0, 100), got " + core::format_shortest(level);
  if (!(control.threshold > 0)) return "control.threshold must be > 0, got " + core::format_shortest(control.threshold);
  if (control.maxiter < 1) return "control.maxiter must be >= 1, got " + std::to_string(control.maxiter);
  if (!(control.stepadj > 0 && control.stepadj <= 1))
    return "control.stepadj must be in (0, 1], got " + core::format_shortest(control.stepadj);
  if (!(control.root_tol > 0)) return "control.root_tol must be > 0, got " + core::format_shortest(control.root_tol);
  if (!(control.ll0_tol >= 0)) return "control.ll0_tol must be >= 0, got " + core::format_shortest(control.ll0_tol);
  if (control.tau2_init && !(*control.tau2_init >= 0 && std::isfinite(*control.tau2_init)))
    return "control.tau2_init must be a finite value >= 0, got " + core::format_shortest(*control.tau2_init);
  if (tau2_fixed) {
    if (!is_random_effects())
      return "tau2 can be fixed only for a random-effects method (DL, REML, ML, PM, HE, HS, SJ, EB), not " +
             std::string(to_string(method));
    if (!(*tau2_fixed >= 0 && std::isfinite(*tau2_fixed)))
      return "tau2 must be a finite value >= 0, got " + core::format_shortest(*tau2_fixed);
  }
  if (test == Test::KNHA && (method == Method::MH || method == Method::PETO))
    return "test knha (Hartung-Knapp) applies to inverse-variance fits (FE, DL, REML, ML, PM, HE, HS, "
           "SJ, EB), not " +
           std::string(to_string(method));
  if (knha_adhoc != KnhaAdhoc::None && test != Test::KNHA)
    return "adhoc " + std::string(to_string(knha_adhoc)) + " modifies Hartung-Knapp and needs test knha";
  bool known_preset = false;
  for (const auto& row : kPresets) known_preset = known_preset || row.name == preset;
  if (!known_preset) return "unknown preset '" + preset + "'; valid presets: " + valid_presets();
  return {};
}

std::string valid_presets() {
  std::string out;
  for (const auto& row : kPresets) out += (out.empty() ? "" : ", ") + std::string(row.name);
  return out;
}

std::optional<Settings> preset(std::string_view name) {
  for (const auto& row : kPresets) {
    if (row.name != name) continue;
    Settings s;
    s.model.preset = std::string(name);
    s.model.method = row.method;
    s.model.test = row.test;
    s.model.pi_dist = row.pi_dist;
    s.model.i2_def = row.i2_def;
    s.model.knha_adhoc = row.adhoc;
    s.effect.drop00 = row.drop00;
    return s;
  }
  return std::nullopt;
}

}  // namespace metareview::model
