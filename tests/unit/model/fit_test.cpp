// Edge cases of model::fit: values from R metafor 3.8-1 (the call in a comment) or from a
// hand calculation written out next to the check.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "../../support/tolerance.h"
#include "core/error.h"
#include "model/fit.h"
#include "model/prediction.h"
#include "tables.h"

namespace model = metareview::model;
namespace effect = metareview::effect;
using metareview::test::kHandRelative;
using metareview::test::kRRelative;
using metareview::test::spec;
using metareview::test::table;

using metareview::test::two_by_two;

TEST_CASE("k = 1 gives the fit metafor gives: tau2 0, test z, no heterogeneity", "[model]") {
  // R: rma(0.3, 0.04, test = "knha") -> beta 0.3, se 0.2, tau2 0, QE 0, QEp 1, I2 0, H2 1
  // (with the warning 'Setting argument test="z" since k=1').
  const model::Fit f = model::fit(table({0.3}, {0.04}), spec(model::Method::REML, model::Test::KNHA));
  CHECK(f.k == 1);
  CHECK(f.estimate() == 0.3);
  CHECK(f.se[0] == Approx(0.2).epsilon(kHandRelative));
  CHECK(*f.tau2 == 0);
  CHECK(f.spec.test == model::Test::Z);
  CHECK_FALSE(f.df);
  CHECK(f.Q == 0);
  CHECK(f.Q_p == 1);
  CHECK(*f.I2 == 0);
  CHECK(*f.H2 == 1);
  CHECK_FALSE(f.se_tau2);
  CHECK_FALSE(f.tau2_ci_lb);
  CHECK_FALSE(f.pi_lb);
  CHECK(f.weights == std::vector<double>{100});
  CHECK(f.message ==
        "k = 1: tau2 cannot be estimated and is set to 0; k = 1: test z used instead of knha; k = 1: no prediction interval");
}

TEST_CASE("a fixed tau2 is used as given and not estimated", "[model]") {
  // R: rma(c(0.2, 0.9), c(0.04, 0.09), tau2 = 0.1) -> beta 0.4969697, se 0.2839121, I2 60.6060606.
  // By hand: w = 1/0.14, 1/0.19; beta = (0.2/0.14 + 0.9/0.19) / (1/0.14 + 1/0.19).
  model::ModelSpec s = spec(model::Method::REML);
  s.tau2_fixed = 0.1;
  const model::Fit f = model::fit(table({0.2, 0.9}, {0.04, 0.09}), s);
  const double w1 = 1 / 0.14, w2 = 1 / 0.19;
  CHECK(f.estimate() == Approx((0.2 * w1 + 0.9 * w2) / (w1 + w2)).epsilon(kHandRelative));
  CHECK(f.se[0] == Approx(1 / std::sqrt(w1 + w2)).epsilon(kHandRelative));
  CHECK(*f.I2 == Approx(60.6060606).epsilon(kRRelative));
  CHECK(f.tau2_fixed);
  CHECK_FALSE(f.se_tau2);
  CHECK_FALSE(f.tau2_ci_lb);
}

TEST_CASE("identical yi: every estimator is at 0 and Hartung-Knapp's s2w is 0", "[model]") {
  const auto t = table({0.5, 0.5, 0.5}, {0.1, 0.2, 0.3});
  for (auto m : {model::Method::DL, model::Method::REML, model::Method::ML, model::Method::PM, model::Method::HE,
                 model::Method::HS, model::Method::SJ, model::Method::EB}) {
    const model::Fit f = model::fit(t, spec(m));
    INFO(model::to_string(m));
    CHECK(*f.tau2 == 0);
    CHECK(f.Q == 0);
    CHECK(*f.I2 == 0);
    CHECK(f.tau2_ci_null);  // metafor: "both fall below 0 ... the null/empty set"
  }
  const model::Fit dl = model::fit(t, spec(model::Method::DL));
  CHECK(dl.tau2_at_boundary);
  CHECK(dl.message == "DL: the estimate was negative and is truncated at 0; both Q-profile bounds fall below 0; the CI "
                      "for tau2 is the null set");
  // R: rma(rep(0.5, 3), c(0.1, 0.2, 0.3), method = "REML", test = "knha") -> se 0, zval Inf, pval 0.
  const model::Fit hk = model::fit(t, spec(model::Method::REML, model::Test::KNHA));
  CHECK(*hk.s2w == 0);
  CHECK(hk.se[0] == 0);
  CHECK(std::isinf(hk.zval[0]));
  CHECK(hk.pval[0] == 0);
  CHECK(hk.message.find("Hartung-Knapp: the weighted residuals are all 0, so s2w = 0") != std::string::npos);
  model::ModelSpec floor = spec(model::Method::REML, model::Test::KNHA);
  floor.knha_adhoc = model::KnhaAdhoc::Floor;
  CHECK(*model::fit(t, floor).s2w == 1);
}

TEST_CASE("IQWiG's ad hoc rule floors s2w only when the HK CI is narrower than DL's z CI", "[model]") {
  // k = 3, vi = 0.04 each, so tau2 (PM and DL) is 0 and se = sqrt(0.04/3) = 0.1154700538.
  // t(2; 0.975) = 4.3026527297 (R: qt(0.975, 2)); z(0.975) = 1.9599639845.
  // DL z CI half-width: 1.9599639845 * 0.1154700538 = 0.2263171...
  const double se = std::sqrt(0.04 / 3), t2 = 4.3026527297494619;
  model::ModelSpec iqwig = spec(model::Method::PM, model::Test::KNHA);
  iqwig.knha_adhoc = model::KnhaAdhoc::IQWiG;

  // yi = 0, 0.1, 0.05: Q = (0.05^2 + 0.05^2)/0.04 = 0.125, s2w = Q/2 = 0.0625;
  // HK half-width 4.30265 * 0.25 * 0.11547 = 0.1242069 < 0.2263171: floored to s2w = 1,
  // CI 0.05 +- 4.30265 * 0.11547 (R: rma(..., method = "PM", test = "adhoc") -> -0.4468275, 0.5468275).
  const model::Fit narrow = model::fit(table({0, 0.1, 0.05}, {0.04, 0.04, 0.04}), iqwig);
  CHECK(*narrow.s2w == 1);
  CHECK(narrow.ci_lb[0] == Approx(0.05 - t2 * se).epsilon(kHandRelative));
  CHECK(narrow.ci_ub[0] == Approx(0.54682754235006603).epsilon(kRRelative));
  CHECK(narrow.message == "PM: Q(0) < k - p, so tau2 is 0; Hartung-Knapp CI was narrower than the "
                          "DerSimonian-Laird z CI; scaling factor floored at 1 (IQWiG)");

  // yi = 0, 0.2, 0.1: Q = 0.5, s2w = 0.25; HK half-width 4.30265 * 0.5 * 0.11547 = 0.2484138
  // > 0.2263171: kept (R: rma(..., method = "PM", test = "knha") -> -0.1484138, 0.3484138),
  // where metafor's "adhoc" would floor it.
  const model::Fit wide = model::fit(table({0, 0.2, 0.1}, {0.04, 0.04, 0.04}), iqwig);
  CHECK(*wide.s2w == Approx(0.25).epsilon(kHandRelative));
  CHECK(wide.ci_lb[0] == Approx(0.1 - t2 * 0.5 * se).epsilon(kHandRelative));
  CHECK(wide.ci_lb[0] == Approx(-0.14841377117503313).epsilon(kRRelative));
  model::ModelSpec floor = iqwig;
  floor.knha_adhoc = model::KnhaAdhoc::Floor;
  CHECK(*model::fit(table({0, 0.2, 0.1}, {0.04, 0.04, 0.04}), floor).s2w == 1);
}

TEST_CASE("prediction intervals: z and t(k-1) raise df to 1 at k = 2, t(k-2) gives none", "[model]") {
  const auto t = table({0.2, 0.9}, {0.04, 0.09});
  model::ModelSpec s = spec(model::Method::DL);
  s.pi_dist = model::PiDist::T_K1;
  const model::Fit f = model::fit(t, s);
  CHECK(*f.pi_df == 1);
  // By hand: half-width = t(1; 0.975) * sqrt(se^2 + tau2), t(1; 0.975) = 12.706204736174698.
  CHECK(*f.pi_ub - f.estimate() == Approx(12.706204736174698 * std::sqrt(f.se[0] * f.se[0] + *f.tau2)).epsilon(1e-12));
  // Higgins et al.'s t(k - 2) has no df at k = 2: no interval (before: df forced up to 1).
  s.pi_dist = model::PiDist::T_K2;
  const model::Fit none = model::fit(t, s);
  CHECK_FALSE(none.pi_lb);
  CHECK_FALSE(none.pi_ub);
  CHECK(none.message.find("no prediction interval: its t has 0 df at k = 2") != std::string::npos);
  s.pi_dist = model::PiDist::Z;
  CHECK_FALSE(model::fit(t, s).pi_df);
  s.test = model::Test::KNHA;  // metafor's predict() then uses t(k - p), raised to 1 as metafor
  CHECK(*model::fit(t, s).pi_df == 1);
  CHECK(model::fit(t, s).message.find("prediction interval: t would have") == std::string::npos);
  s.pi_dist = model::PiDist::None;
  CHECK_FALSE(model::fit(t, s).pi_lb);
  CHECK(model::prediction_not_shown(5, model::PiDist::None) == "not reported: the analysis asks for none (pi-dist none)");
}

TEST_CASE("t(k-2) prediction intervals under Hartung-Knapp use the unscaled SE, as R meta's HTS", "[model]") {
  // dat.bcg log RR (escalc(measure = "RR", ...)). R meta 7.0:
  // metagen(yi, sqrt(vi), method.tau = "REML", method.random.ci = "HK", method.predict = "HTS")
  //   -> lower.predict -2.00837605069052, upper.predict 0.579311353960315; seTE.predict
  //   0.587847535633337 = sqrt(seTE.classic^2 + tau2) with seTE.classic 0.179781531780361.
  // Before the fix the HK-scaled SE (0.1807917455191) gave -2.00905778448572.
  const auto bcg = table({-0.889311333920205, -1.58538865720143, -1.34807314829969, -1.44155119002131,
                          -0.217547322211296, -0.786115585818864, -1.62089822359839, 0.0119523335238405,
                          -0.469417648738149, -1.37134480347278, -0.339358828338391, 0.445913400571379,
                          -0.0173139482168798},
                         {0.325584765003961, 0.194581121398144, 0.415367965367965, 0.0200100319022476,
                          0.0512101721696309, 0.00690561845590876, 0.223017247572315, 0.00396157929781773,
                          0.056434210463249, 0.0730247936130289, 0.0124122139715597, 0.532505845200153,
                          0.0714046596839863});
  model::ModelSpec s = spec(model::Method::REML, model::Test::KNHA);
  s.pi_dist = model::PiDist::T_K2;
  const model::Fit f = model::fit(bcg, s);
  CHECK(*f.pi_lb == Approx(-2.00837605069052).epsilon(kRRelative));
  CHECK(*f.pi_ub == Approx(0.579311353960315).epsilon(kRRelative));
  CHECK(*f.pi_df == 11);
}

TEST_CASE("ad hoc ci: the z CI and test replace a narrower Hartung-Knapp CI (R meta adhoc.hakn.ci = ci)", "[model]") {
  // R meta 7.0: metagen(yi, sqrt(vi), method.tau = "REML", method.random.ci = "HK",
  //   adhoc.hakn.ci = a, method.predict = "HTS"), with vi = 0.02, 0.03, 0.025, 0.04.
  const std::vector<double> vi{0.02, 0.03, 0.025, 0.04};
  model::ModelSpec s = spec(model::Method::REML, model::Test::KNHA);
  s.knha_adhoc = model::KnhaAdhoc::Ci;
  // yi = 0.10, 0.12, 0.11, 0.105: HK CI [0.094219428064341, 0.121847987665996] (a = ""),
  // narrower than z: a = "ci" -> CI [-0.0528932171526504, 0.268960632882987], z 1.31576600067768,
  // p 0.188252594041351, df.random Inf.
  const model::Fit narrow = model::fit(table({0.10, 0.12, 0.11, 0.105}, vi), s);
  CHECK(narrow.knha_adhoc_applied);
  CHECK_FALSE(narrow.df);
  CHECK(narrow.ci_lb[0] == Approx(-0.0528932171526504).epsilon(kRRelative));
  CHECK(narrow.ci_ub[0] == Approx(0.268960632882987).epsilon(kRRelative));
  CHECK(narrow.zval[0] == Approx(1.31576600067768).epsilon(kRRelative));
  CHECK(narrow.pval[0] == Approx(0.188252594041351).epsilon(kRRelative));
  CHECK(narrow.message.find("Hartung-Knapp CI was narrower than the z CI of the same fit; the z CI and test are "
                            "used (ad hoc ci)") != std::string::npos);
  // The same data without the rule keep the narrow HK CI.
  model::ModelSpec plain = s;
  plain.knha_adhoc = model::KnhaAdhoc::None;
  const model::Fit hk = model::fit(table({0.10, 0.12, 0.11, 0.105}, vi), plain);
  CHECK_FALSE(hk.knha_adhoc_applied);
  CHECK(hk.ci_lb[0] == Approx(0.094219428064341).epsilon(kRRelative));
  // yi = 0.10, 0.35, 0.05, 0.30: the HK CI is the wider and stays (a = "ci" and "" agree):
  // CI [-0.0532542862948469, 0.406063275058892], t 2.44448668466718 on 3 df.
  const model::Fit wide = model::fit(table({0.10, 0.35, 0.05, 0.30}, vi), s);
  CHECK_FALSE(wide.knha_adhoc_applied);
  CHECK(*wide.df == 3);
  CHECK(wide.ci_lb[0] == Approx(-0.0532542862948469).epsilon(kRRelative));
  CHECK(wide.ci_ub[0] == Approx(0.406063275058892).epsilon(kRRelative));
  // Jackson et al.'s hybrid compares two intervals of one pooled effect: with moderators (e.g. the
  // common-tau2 subgroup model) plain Hartung-Knapp is used, and the fit says so.
  Eigen::MatrixXd X(4, 2);
  X << 1, 0, 1, 1, 1, 2, 1, 3;
  const model::Fit mods = model::fit(table({0.10, 0.12, 0.11, 0.105}, vi), X, s);
  CHECK(*mods.df == 2);
  CHECK_FALSE(mods.knha_adhoc_applied);
  CHECK(mods.message.find("adhoc ci compares the two intervals of one pooled effect; with moderators plain "
                          "Hartung-Knapp is used") != std::string::npos);
}

TEST_CASE("REML at the boundary and without convergence say so", "[model]") {
  // Q = 0.5 < k - 1 = 2: the REML maximum is at tau2 = 0.
  const model::Fit f = model::fit(table({0, 0.2, 0.1}, {0.04, 0.04, 0.04}), spec(model::Method::REML));
  CHECK(f.converged);
  CHECK(f.tau2_at_boundary);
  CHECK(*f.tau2 < 1e-10);
  CHECK(f.message.rfind("REML: the maximum is on the boundary; tau2 converged towards 0", 0) == 0);
  // Regression (issue 16): a fit that did not converge was reported with the last iterate as its
  // tau2. metafor stops with an error ("Fisher scoring algorithm did not converge"); so do we.
  model::ModelSpec s = spec(model::Method::REML);
  s.control.maxiter = 1;
  REQUIRE_THROWS_MATCHES(model::fit(table({0.1, 0.9, -0.4, 0.3}, {0.01, 0.02, 0.03, 0.02}), s), metareview::Error,
                         Catch::Message("REML: the tau2 iteration (Fisher scoring) did not converge in 1 step, so "
                                        "there is no REML estimate (metafor stops here too); use another tau2 "
                                        "estimator, such as PM"));
}

// Regression (issue 16): EB iterated metafor's empirical Bayes step, which oscillates on some
// data; after maxiter steps the last iterate was reported as tau2 (here it was off by far).
// metafor 3.8-1 on these data (found by a random search):
//   y <- c(-0.297308, -0.971325, -0.761675, -0.0238703, -0.342184, 0.155852, -0.492959)
//   v <- c(0.445929, 0.0834016, 0.318966, 0.0327598, 0.306598, 1.26468, 0.20734)
//   rma(y, v, method = "EB")  -> Error: Fisher scoring algorithm did not converge.
//   rma(y, v, method = "EB", control = list(stepadj = 0.1, maxiter = 1e5, threshold = 1e-13))
//     -> tau2 0.02706123362345546, se.tau2 0.1041318528273715, b -0.3872617682244344
//   rma(y, v, method = "PM", control = list(tol = 1e-12)) -> tau2 0.02706123362382759
// EB's fixed point solves the PM equation Q(tau2) = k - p, and is now found as PM's root.
TEST_CASE("EB finds the fixed point metafor's EB reaches when its step is damped", "[model]") {
  const auto t = table({-0.297308, -0.971325, -0.761675, -0.0238703, -0.342184, 0.155852, -0.492959},
                       {0.445929, 0.0834016, 0.318966, 0.0327598, 0.306598, 1.26468, 0.20734});
  const model::Fit eb = model::fit(t, spec(model::Method::EB));
  CHECK(eb.converged);
  CHECK(*eb.tau2 == Approx(0.02706123362345546).epsilon(kRRelative));
  CHECK(*eb.se_tau2 == Approx(0.1041318528273715).epsilon(kRRelative));
  CHECK(eb.estimate() == Approx(-0.3872617682244344).epsilon(kRRelative));
  CHECK(*eb.tau2 == *model::fit(t, spec(model::Method::PM)).tau2);
}

TEST_CASE("results do not depend on the number of threads", "[model]") {
  const auto t = metareview::test::simulated(150000, 42, -0.2, 0.05);
  model::ModelSpec s = spec(model::Method::REML);
  s.control.threads = 1;
  const model::Fit one = model::fit(t, s);
  s.control.threads = 4;
  const model::Fit four = model::fit(t, s);
  CHECK(one.estimate() == four.estimate());  // bit-identical on purpose
  CHECK(*one.tau2 == *four.tau2);
  CHECK(*one.tau2_ci_ub == *four.tau2_ci_ub);
  CHECK(one.iterations == four.iterations);
  CHECK(*one.tau2 == Approx(0.05).epsilon(0.05));  // the simulated tau2
}

TEST_CASE("bad input to fit() throws an error naming the value", "[model]") {
  using metareview::Error;
  CHECK_THROWS_WITH(model::fit(table({0.1, 0.2}, {0.04, 0}), spec(model::Method::REML)),
                    "sampling variances must be > 0; study 'B' has vi = 0");
  auto none = table({0.1}, {0.04});
  none.included = {false};
  CHECK_THROWS_WITH(model::fit(none, spec(model::Method::FE)), "no studies to pool (k = 0)");
  model::ModelSpec mh_knha = spec(model::Method::MH, model::Test::KNHA);
  CHECK_THROWS_WITH(model::fit(two_by_two({{3, 10, 1, 10}}), mh_knha),
                    "test knha (Hartung-Knapp) applies to inverse-variance fits (FE, DL, REML, ML, PM, HE, HS, "
                    "SJ, EB), not MH");
  // No events in the second group of any table: S = sum b*c/N = 0.
  CHECK_THROWS_WITH(model::fit(two_by_two({{3, 10, 0, 10}, {2, 12, 0, 11}}), spec(model::Method::MH)),
                    "mantel_haenszel(es): the Mantel-Haenszel OR is undefined (sum of b*c/N is 0)");
  CHECK_THROWS_WITH(model::fit(two_by_two({{0, 10, 0, 10}, {0, 12, 0, 11}}), spec(model::Method::PETO)),
                    "peto(es): one of the two outcomes occurs in no table, so Peto's OR is undefined");
  CHECK_THROWS_WITH(model::fit(table({0.1, 0.2}, {0.04, 0.05}), Eigen::MatrixXd::Ones(2, 1), spec(model::Method::MH)),
                    "MH takes no design matrix (it pools 2x2 tables)");
  Eigen::MatrixXd X(3, 2);
  X << 1, 2, 1, 2, 1, 2;  // the moderator is a multiple of the intercept
  CHECK_THROWS_WITH(model::fit(table({0.1, 0.2, 0.3}, {0.04, 0.05, 0.06}), X, spec(model::Method::FE)),
                    "the design matrix is not of full rank");
  CHECK_THROWS_WITH(model::fit(table({0.1, 0.2}, {0.04, 0.05}), Eigen::MatrixXd::Identity(2, 2), spec(model::Method::REML)),
                    "3 parameters cannot be estimated from k = 2 studies");
}

// Regression (issue 10): yi = 1e200 and a subnormal vi (4e-320) were accepted and ended in an
// internal error (exit 3); vi = 1e-300 gave Q = 7.7e266 (true 7.63). The fit now states its
// range and names the study outside it.
TEST_CASE("effects and variances beyond the fit's range are refused naming the study", "[model]") {
  using metareview::Error;
  CHECK_THROWS_MATCHES(model::fit(table({0.1, 1e200}, {0.04, 0.05}), spec(model::Method::REML)), Error,
                       Catch::Message("study 'B' has yi = 1e+200; effects from -1e50 to 1e50 can be pooled "
                                      "(beyond, weighted sums of squares overflow)"));
  CHECK_THROWS_MATCHES(model::fit(table({0.1, 0.2}, {0.04, 4e-320}), spec(model::Method::DL)), Error,
                       Catch::Message("study 'B' has vi = 4e-320; sampling variances from 1e-100 to 1e100 can "
                                      "be pooled (beyond, sums of powers of their weights overflow or lose their "
                                      "digits)"));
  CHECK_THROWS_WITH(model::fit(table({0.1, 0.2}, {1e-300, 0.04}), spec(model::Method::FE)),
                    Catch::Contains("study 'A' has vi = 1e-300;"));
  CHECK_THROWS_WITH(model::fit(table({0.1, 0.2}, {0.04, 1e101}), spec(model::Method::FE)),
                    Catch::Contains("study 'B' has vi = 1e+101;"));
}

TEST_CASE("within the range, DerSimonian-Laird is exact at any scale (dat.bcg scaled by 1e-45 and 1e45)", "[model]") {
  // dat.bcg log risk ratios (escalc("RR", ...)); yi scaled by s and vi by s^2 leave Q and I2
  // unchanged and scale beta and se by s, tau2 by s^2. R, metafor 3.8-1:
  //   rma(yi*s, vi*s^2, method = "DL") for s = 1, 1e-45, 1e45 ->
  //   beta -0.714117222073227 s, se 0.178742089535403 s, tau2 0.308760262862376 s^2,
  //   QE 152.233008082373, I2 92.1173468545621 (the same digits at all three scales).
  const std::vector<double> yi{-0.88931133392020545, -1.5853886572014306, -1.3480731482996933, -1.4415511900213054,
                               -0.21754732221129558, -0.78611558581886398, -1.6208982235983918, 0.011952333523840508,
                               -0.4694176487381494,  -1.3713448034727844,  -0.33935882833839059, 0.44591340057137874,
                               -0.017313948216879815};
  const std::vector<double> vi{0.32558476500396133, 0.19458112139814385,  0.41536796536796539, 0.020010031902247573,
                               0.051210172169630863, 0.0069056184559087574, 0.22301724757231517, 0.0039615792978177295,
                               0.056434210463248966, 0.07302479361302891,  0.01241221397155972, 0.53250584520015276,
                               0.071404659683986293};
  for (const double s : {1e-45, 1e45}) {
    std::vector<double> y = yi, v = vi;
    for (double& x : y) x *= s;
    for (double& x : v) x *= s * s;
    const model::Fit f = model::fit(table(y, v), spec(model::Method::DL));
    INFO("s = " << s);
    CHECK(f.estimate() == Approx(-0.714117222073227 * s).epsilon(kRRelative));
    CHECK(f.se[0] == Approx(0.178742089535403 * s).epsilon(kRRelative));
    CHECK(*f.tau2 == Approx(0.308760262862376 * s * s).epsilon(kRRelative));
    CHECK(f.Q == Approx(152.233008082373).epsilon(kRRelative));
    CHECK(*f.I2 == Approx(92.1173468545621).epsilon(kRRelative));
  }
}
