#include "model/spec.h"

#include <array>
#include <cmath>
#include <utility>

#include "core/codes.h"
#include "core/format.h"

namespace metareview::model {
namespace {

constexpr auto kMethods = core::enum_codes<Method>({{Method::FE, "FE"},
                                                   {Method::MH, "MH"},
                                                   {Method::PETO, "PETO"},
                                                   {Method::DL, "DL"},
                                                   {Method::REML, "REML"},
                                                   {Method::ML, "ML"},
                                                   {Method::PM, "PM"},
                                                   {Method::HE, "HE"},
                                                   {Method::HS, "HS"},
                                                   {Method::SJ, "SJ"},
                                                   {Method::EB, "EB"}});
constexpr auto kTests = core::enum_codes<Test>({{Test::Z, "z"}, {Test::KNHA, "knha"}});
constexpr auto kPiDists =
    core::enum_codes<PiDist>({{PiDist::Z, "z"}, {PiDist::T_K1, "t-k1"}, {PiDist::T_K2, "t-k2"}, {PiDist::None, "none"}});
constexpr auto kI2Defs = core::enum_codes<I2Def>({{I2Def::Tau2, "tau2"}, {I2Def::Q, "Q"}});
constexpr auto kAdhocs = core::enum_codes<KnhaAdhoc>(
    {{KnhaAdhoc::None, "none"}, {KnhaAdhoc::Floor, "adhoc"}, {KnhaAdhoc::IQWiG, "iqwig"}, {KnhaAdhoc::Ci, "ci"}});
// Presets are data: the conventions each names, with where they come from.
struct PresetRow {
  std::string_view name;
  Method method;
  Test test;
  PiDist pi_dist;
  I2Def i2_def;
  KnhaAdhoc adhoc;
  /// Leave double-zero studies out of the per-study OR and RR (not RD, where they carry
  /// information): EffectOptions::drop00_ratio.
  bool drop00;
  bool smd_revman5;  ///< EffectOptions::smd_revman5
};
constexpr std::array<PresetRow, 4> kPresets{{
    // metafor's own defaults (rma.uni, predict.rma, escalc).
    {"metafor", Method::REML, Test::Z, PiDist::Z, I2Def::Tau2, KnhaAdhoc::None, false, false},
    // Cochrane Methods, "Random-effects meta-analysis methods for Intervention Reviews"
    // (2022, RevMan 2025) and Handbook 10.10.4: REML, Q-profile CI for tau2, HKSJ, I2 from
    // tau2, PI with t(k-2); HKSJ never narrower than z (Jackson et al. 2017); double-zero
    // studies left out of OR and RR (Handbook 10.4.4.2).
    {"cochrane", Method::REML, Test::KNHA, PiDist::T_K2, I2Def::Tau2, KnhaAdhoc::Ci, true, false},
    // RevMan 5 (R meta settings.meta("RevMan5")): DerSimonian-Laird with z, I2 = (Q - df)/Q
    // (Higgins & Thompson 2002), no prediction interval, SMD with exact.smd = FALSE; double-zero
    // studies left out of OR and RR only.
    {"revman5", Method::DL, Test::Z, PiDist::None, I2Def::Q, KnhaAdhoc::None, true, true},
    // IQWiG General Methods 6.1, sec. 10.3.2: Paule-Mandel, Knapp-Hartung with IQWiG's ad hoc
    // rule, PI with t(k-2).
    {"iqwig", Method::PM, Test::KNHA, PiDist::T_K2, I2Def::Tau2, KnhaAdhoc::IQWiG, false, false},
}};

}  // namespace

std::string_view to_string(Method m) { return kMethods.code(m); }
std::optional<Method> parse_method(std::string_view code) { return kMethods.parse(code); }
std::string valid_methods() { return kMethods.valid(); }

std::string_view to_string(Test t) { return kTests.code(t); }
std::optional<Test> parse_test(std::string_view code) {
  if (code == "hksj") return Test::KNHA;  // metafor accepts both names for Hartung-Knapp
  return kTests.parse(code);
}
std::string valid_tests() { return kTests.valid() + " (alias hksj)"; }

std::string_view to_string(PiDist d) { return kPiDists.code(d); }
std::optional<PiDist> parse_pi_dist(std::string_view code) { return kPiDists.parse(code); }
std::string valid_pi_dists() { return kPiDists.valid(); }

std::string_view to_string(I2Def d) { return kI2Defs.code(d); }
std::optional<I2Def> parse_i2_def(std::string_view code) { return kI2Defs.parse(code); }
std::string valid_i2_defs() { return kI2Defs.valid(); }

std::string_view to_string(KnhaAdhoc a) { return kAdhocs.code(a); }
std::optional<KnhaAdhoc> parse_knha_adhoc(std::string_view code) { return kAdhocs.parse(code); }
std::string valid_knha_adhocs() { return kAdhocs.valid(); }

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
    s.effect.drop00_ratio = row.drop00;
    s.effect.smd_revman5 = row.smd_revman5;
    return s;
  }
  return std::nullopt;
}

}  // namespace metareview::model
