#include "export/r_script.h"

#include <cmath>
#include <cstdio>
#include <string_view>

#include "core/error.h"
#include "core/format.h"
#include "core/measure.h"
#include "core/version.h"
#include "export/columns.h"

namespace metareview::exporter {
namespace {

using review::AnalysisResult;

/// One data set of an analysis: the primary rows or a sensitivity analysis' rows.
struct DataSet {
  std::string name;   ///< the CSV's set column
  std::string title;  ///< for the script's comments
  const AnalysisResult* result = nullptr;
};

std::vector<DataSet> data_sets(const AnalysisResult& r) {
  std::vector<DataSet> out{{"main", "the primary analysis", &r}};
  // floor-se's sensitivity result (review::kFloorSeId) comes first, then the declared ones.
  for (const AnalysisResult& s : r.sensitivity_analyses)
    out.push_back({s.declared ? "sensitivity:" + s.sensitivity_id : "floor-se", s.sensitivity_label, &s});
  return out;
}

/// Rows written for a result: those with pooled numbers, not left out by the review's policy.
std::vector<std::size_t> written_rows(const AnalysisResult& r) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < r.rows.size(); ++i)
    if (!r.rows[i].pooled.empty() && !r.rows[i].excluded_by_policy) out.push_back(i);
  return out;
}

/// An R constant to 17 significant digits (a double read back exactly); NA when absent.
std::string r_number(double x) {
  if (!std::isfinite(x)) return std::isnan(x) ? "NA" : (x > 0 ? "Inf" : "-Inf");
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}
/// A setting (level, add, threshold): the shortest text that reads back as the same double.
std::string r_setting(double x) { return core::format_shortest(x); }

/// An R string literal; non-ASCII characters as \u{...} escapes, so the script's bytes read
/// the same in any locale.
std::string r_string(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '"' || c == '\\') out += '\\';
      if (c == '\n') out += "\\n";
      else if (c >= 0x20) out += static_cast<char>(c);
      ++i;
      continue;
    }
    const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    unsigned cp = c & (len == 4 ? 0x07u : len == 3 ? 0x0Fu : 0x1Fu);
    for (std::size_t j = 1; j < len && i + j < s.size(); ++j) cp = (cp << 6) | (static_cast<unsigned char>(s[i + j]) & 0x3Fu);
    char buf[16];
    std::snprintf(buf, sizeof buf, "\\u{%X}", cp);
    out += buf;
    i += len;
  }
  return out + '"';
}

/// Text for a one-line R comment.
std::string comment_text(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

std::string r_bool(bool b) { return b ? "TRUE" : "FALSE"; }

// ---- escalc -------------------------------------------------------------------------------

std::string correction_args(const effect::EffectOptions& o, core::Measure m) {
  // metafor's escalc() leaves PAS and PFT uncorrected unless `add` is passed (add_given).
  const bool arcsine = m == core::Measure::PAS || m == core::Measure::PFT;
  const double add = arcsine && !o.add_given ? 0.0 : o.add;
  return "add = " + r_setting(add) + ", to = " + r_string(effect::to_string(o.to)) +
         ", drop00 = " + r_bool(o.drops_double_zero(m));
}

/// R lines setting `e` (a data frame with yi and vi) from the rows in `d`.
std::string effects_code(const effect::EffectTable& es) {
  const std::string m = r_string(core::to_string(es.measure));
  switch (family(es.measure)) {
    case Family::Generic:
      return "e <- data.frame(yi = d$yi, vi = d$vi)  # generic rows: yi and vi as given\n";
    case Family::Hazard:
      return "# HR rows, as metareview's escalc: from the HR and its CI, log HR and the SE from the CI's\n"
             "# width on the log scale at the CI's own level (Ref: Tierney et al. (2007), Trials 8:16;\n"
             "# Altman & Bland (2011), BMJ 343:d2090); from log-rank O - E and V, log HR = (O - E) / V\n"
             "# with variance 1 / V (Ref: Tierney et al. (2007), the Peto one-step estimate).\n"
             "from_ci <- !is.na(d$hr)\n"
             "sei_ci <- (log(d$hr_ci_ub) - log(d$hr_ci_lb)) / (2 * qnorm(1 - (1 - d$hr_level / 100) / 2))\n"
             "e <- data.frame(yi = ifelse(from_ci, log(d$hr), d$o_minus_e / d$v),\n"
             "                vi = ifelse(from_ci, sei_ci^2, 1 / d$v))\n";
    case Family::TwoByTwo:
      return "e <- escalc(measure = " + m +
             ", ai = as.numeric(d$ai), n1i = as.numeric(d$n1i), ci = as.numeric(d$ci), n2i = as.numeric(d$n2i), " +
             correction_args(es.options, es.measure) + ")\n";
    case Family::Proportion:
      return "e <- escalc(measure = " + m + ", xi = d$xi, ni = d$ni, " + correction_args(es.options, es.measure) +
             ")\n";
    case Family::Continuous:
      if (es.measure == core::Measure::SMD && es.options.smd_revman5)
        return "# SMD as RevMan 5 (Ref: Cochrane Handbook 5.1, 9.2.3.2; R meta exact.smd = FALSE): Hedges' g\n"
               "# with J = 1 - 3 / (4 N - 9) and variance N / (n1 n2) + g^2 / (2 (N - 3.94)).\n"
               "e <- with(d, {\n"
               "  N <- n1i + n2i\n"
               "  g <- (m1i - m2i) / sqrt(((n1i - 1) * sd1i^2 + (n2i - 1) * sd2i^2) / (N - 2)) * (1 - 3 / (4 * N - 9))\n"
               "  data.frame(yi = g, vi = N / (n1i * n2i) + g^2 / (2 * (N - 3.94)))\n"
               "})\n";
      return "e <- escalc(measure = " + m +
             ", m1i = as.numeric(d$m1i), sd1i = as.numeric(d$sd1i), n1i = as.numeric(d$n1i), m2i = as.numeric(d$m2i), "
             "sd2i = as.numeric(d$sd2i), n2i = as.numeric(d$n2i)" +
             (es.measure == core::Measure::SMD ? ", vtype = " + r_string(es.options.vtype) : std::string()) + ")\n";
  }
  return "";
}

// ---- fits ---------------------------------------------------------------------------------

/// metafor's control list for `spec`: metareview's threshold (metafor's default, 1e-5, stops
/// REML far sooner), and for PM its root tolerance (metafor's uniroot default, eps^0.25, leaves
/// tau2 off in the fifth digit; metafor reads `tol` for PM's root only, and for its ll0 check,
/// which only ML/REML/EB make).
std::string control_list(const model::ModelSpec& spec) {
  const model::Control& c = spec.control;
  std::string s = "list(threshold = " + r_setting(c.threshold) + ", maxiter = " + std::to_string(c.maxiter) +
                  ", stepadj = " + r_setting(c.stepadj);
  if (spec.method == model::Method::PM) s += ", tol = " + r_setting(c.root_tol);
  if (c.tau2_init) s += ", tau2.init = " + r_setting(*c.tau2_init);
  return s + ")";
}

/// metafor's test argument for an inverse-variance fit with `test_code` ("z", "knha", "adhoc").
std::string rma_call(const model::ModelSpec& spec, const std::string& data, const std::string& test_code,
                     const std::string& tau2) {
  std::string s = "rma(yi, vi, data = " + data + ", method = " + r_string(model::to_string(spec.method)) +
                  ", test = " + r_string(test_code) + ", level = " + r_setting(spec.level);
  if (!tau2.empty()) s += ", tau2 = " + tau2;
  return s + ", control = " + control_list(spec) + ")";
}

/// R code assigning the fit of `spec` over data frame `data` to `var`. `tau2` is an R
/// expression for a fixed tau2 ("" = the spec's own, if any).
std::string fit_code(const model::ModelSpec& spec, const effect::EffectOptions& eo, core::Measure measure,
                     const std::string& var, const std::string& data, std::string tau2) {
  if (tau2.empty() && spec.tau2_fixed && spec.is_random_effects()) tau2 = r_number(*spec.tau2_fixed);
  const std::string counts = "ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = " + data + ", ";
  const std::string corr = "add = " + r_setting(eo.add) + ", to = " + r_string(effect::to_string(eo.to)) +
                           ", drop00 = " + r_bool(eo.drops_double_zero(measure)) + ", level = " + r_setting(spec.level);
  switch (spec.method) {
    case model::Method::MH:
      return var + " <- rma.mh(" + counts + "measure = " + r_string(core::to_string(measure)) + ", " + corr + ")\n";
    case model::Method::PETO:
      return var + " <- rma.peto(" + counts + corr + ")\n";
    default: break;
  }
  if (spec.test == model::Test::Z) return var + " <- " + rma_call(spec, data, "z", tau2) + "\n";
  switch (spec.knha_adhoc) {
    case model::KnhaAdhoc::None: return var + " <- " + rma_call(spec, data, "knha", tau2) + "\n";
    case model::KnhaAdhoc::Floor: return var + " <- " + rma_call(spec, data, "adhoc", tau2) + "\n";
    case model::KnhaAdhoc::IQWiG: {
      model::ModelSpec dl = spec;
      dl.method = model::Method::DL;
      return "# IQWiG's ad hoc rule (Ref: IQWiG General Methods 6.1; R meta's adhoc.hakn.ci = \"IQWiG6\"):\n"
             "# Hartung-Knapp, its scaling factor floored at 1 (metafor's test = \"adhoc\") when its CI is\n"
             "# narrower than the DerSimonian-Laird z CI.\n" +
             var + " <- local({\n  hk <- " + rma_call(spec, data, "knha", tau2) + "\n  dl <- " +
             rma_call(dl, data, "z", "") +
             "\n  if (hk$ci.ub - hk$ci.lb < dl$ci.ub - dl$ci.lb) " + rma_call(spec, data, "adhoc", tau2) +
             " else hk\n})\n";
    }
    case model::KnhaAdhoc::Ci:
      return "# Ad hoc rule ci (Ref: Jackson et al. (2017), Stat Med 36:3923, hybrid method 2; R meta's\n"
             "# adhoc.hakn.ci = \"ci\"): the z CI and z test of the same model when that CI is wider\n"
             "# than the Hartung-Knapp CI.\n" +
             var + " <- local({\n  hk <- " + rma_call(spec, data, "knha", tau2) + "\n  z <- " +
             rma_call(spec, data, "z", tau2) +
             "\n  if (hk$ci.ub - hk$ci.lb < z$ci.ub - z$ci.lb) z else hk\n})\n";
  }
  return "";
}

/// R code comparing a fit `var` with metareview's `f`, each check named `label`. `rows` are the
/// rows of r.es that f.weights follow, in order.
std::string checks_code(const model::Fit& f, const std::string& var, const std::string& label,
                        const AnalysisResult& r, const std::vector<std::size_t>& rows, const std::string& q_var = "") {
  std::string s = "print(summary(" + var + "))\n";
  auto check = [&](const std::string& what, const std::string& got, double want) {
    s += "check(" + r_string(label + " " + what) + ", " + got + ", " + r_number(want) + ")\n";
  };
  check("estimate", var + "$beta", f.estimate());
  check("se", var + "$se", f.se.at(0));
  check("ci_lb", var + "$ci.lb", f.ci_lb.at(0));
  check("ci_ub", var + "$ci.ub", f.ci_ub.at(0));
  check("k", var + "$k", f.k);
  // Under RevMan 5's MH random-effects model Q and I2 are those of the rma.mh fit `q_var`.
  const std::string qv = q_var.empty() ? var : q_var;
  check("Q", qv + "$QE", f.Q);
  if (f.tau2) check("tau2", var + "$tau2", *f.tau2);
  const bool iv = f.spec.method != model::Method::MH && f.spec.method != model::Method::PETO;
  if (iv && f.weights.size() == rows.size()) {
    // metafor's weights() of an rma fit: percent, one per row with yi and vi (the written,
    // usable rows; the others weigh 0 in metareview's fit).
    std::string w;
    for (std::size_t j = 0; j < rows.size(); ++j) {
      const std::size_t i = rows[j];
      if (r.rows[i].pooled.empty() || r.rows[i].excluded_by_policy || !r.es.usable(i)) continue;
      w += (w.empty() ? "" : ", ") + r_number(f.weights[j]);
    }
    s += "check_weights(" + r_string(label) + ", weights(" + var + "), c(" + w + "))\n";
  }
  const bool iv_re = iv && f.spec.is_random_effects();
  if (f.I2) {
    switch (iv_re ? f.spec.i2_def : model::I2Def::Tau2) {
      case model::I2Def::Tau2: check("I2", var + "$I2", *f.I2); break;
      case model::I2Def::Q:
        // Ref: Higgins & Thompson (2002), Stat Med 21:1539, I2 = (Q - df) / Q, floored at 0
        // (R meta and RevMan 5); metafor's I2 is from tau2.
        check("I2", "with(" + qv + ", if (QE > " + (q_var.empty() ? "k" : "k.yi") + " - 1) 100 * (QE - (" +
                        (q_var.empty() ? "k" : "k.yi") + " - 1)) / QE else 0)",
              *f.I2);
        break;
    }
  }
  if (f.pi_lb && f.pi_ub) {
    switch (f.spec.pi_dist) {
      case model::PiDist::Z:
        // predict() gives z, or t(k - p) under Hartung-Knapp, with the model's own SE.
        s += "pred <- predict(" + var + ")\nprint(pred)\n";
        check("pi_lb", "pred$pi.lb", *f.pi_lb);
        check("pi_ub", "pred$pi.ub", *f.pi_ub);
        break;
      case model::PiDist::T_K1:
      case model::PiDist::T_K2: {
        const std::string df = f.spec.pi_dist == model::PiDist::T_K1 ? "k - 1" : "k - 2";
        s += "# Prediction interval with t(" + df +
             ") df and the unscaled SE of the pooled effect, also under Hartung-Knapp (Ref: Higgins,\n"
             "# Thompson & Spiegelhalter (2009), JRSS A 172:137, eq. 12; R meta's method.predict = \"HTS\";\n"
             "# metafor 3.8's predict() has only z or t(k - p) with the model's own SE).\n"
             "pi_half <- with(" + var + ", qt(1 - (1 - " + r_setting(f.spec.level) + " / 100) / 2, " + df +
             ") * sqrt(1 / sum(1 / (vi + tau2)) + tau2))\n";
        check("pi_lb", "as.numeric(" + var + "$beta) - pi_half", *f.pi_lb);
        check("pi_ub", "as.numeric(" + var + "$beta) + pi_half", *f.pi_ub);
        break;
      }
      case model::PiDist::None: break;  // the fit has no interval to check
    }
  }
  return s;
}

/// Fits (and checks) the common and random models of `r`'s fits over data frame `data`.
std::string model_code(const AnalysisResult& r, const std::optional<model::Fit>& common,
                       const std::optional<model::Fit>& random, const std::string& data, const std::string& label,
                       const std::string& random_tau2, const std::string& prefix,
                       const std::vector<std::size_t>& rows) {
  std::string s;
  const effect::EffectOptions& eo = r.es.options;
  if (common) {
    s += fit_code(common->spec, eo, r.es.measure, prefix + "common", data, "");
    s += checks_code(*common, prefix + "common", label + " common", r, rows);
  }
  if (random && review::mh_q_convention(r.analysis->pooling, random->spec) && random_tau2.empty()) {
    model::ModelSpec mh = random->spec;
    mh.method = model::Method::MH;
    const std::string q = prefix + "mh_q";
    s += "# RevMan 5's random-effects model after Mantel-Haenszel pooling (Ref: Deeks & Higgins (2010),\n"
         "# \"Statistical algorithms in Review Manager 5\", 2.1.3 and 2.3; R meta's metabin(method = \"MH\",\n"
         "# Q.Cochrane = TRUE)): Q around the MH estimate (rma.mh's QE, weights 1/vi), I2 from that Q, and\n"
         "# the DerSimonian-Laird tau2 from it; then the inverse-variance random-effects pool with that tau2.\n" +
         fit_code(mh, eo, r.es.measure, q, data, "") + prefix + "tau2_mh <- with(" + q +
         ", if (k.yi < 2) 0 else { w <- 1 / vi; max(0, (QE - (k.yi - 1)) / (sum(w) - sum(w^2) / sum(w))) })\n";
    s += fit_code(random->spec, eo, r.es.measure, prefix + "random", data, prefix + "tau2_mh");
    s += checks_code(*random, prefix + "random", label + " random", r, rows, q);
  } else if (random) {
    s += fit_code(random->spec, eo, r.es.measure, prefix + "random", data, random_tau2);
    s += checks_code(*random, prefix + "random", label + " random", r, rows);
  }
  return s;
}

std::string subgroup_code(const AnalysisResult& r, const std::string& set) {
  if (r.subgroups.empty()) return "";
  std::string s = "\n# Subgroups (" + comment_text(r.analysis->subgroup_variable) + "): the same models on each subgroup's rows.\n";
  std::string tau2;
  if (r.subgroup_test && r.subgroup_test->tau2_common) {
    // The spec of the common tau2 is the random-effects one, its own tau2 estimated.
    model::ModelSpec spec = r.random->spec;
    spec.tau2_fixed.reset();
    s += "# One tau2 for every subgroup: the mixed-effects model with the subgroup as a factor\n"
         "# (Ref: Viechtbauer (2010), JSS 36(3), sec. 3.3; Borenstein et al. (2009), ch. 19; R meta's\n"
         "# tau.common = TRUE), over the rows that have a subgroup.\n"
         "mm <- rma(yi, vi, mods = ~ factor(subgroup), data = d[d$subgroup != \"\", ], method = " +
         r_string(model::to_string(spec.method)) + ", level = " + r_setting(spec.level) +
         ", control = " + control_list(spec) + ")\nprint(mm)\n";
    s += "check(" + r_string(set + " common tau2 of the subgroups") + ", mm$tau2, " +
         r_number(*r.subgroup_test->tau2_common) + ")\n";
    tau2 = "mm$tau2";
  }
  std::string est, se;
  std::size_t n = 0;
  for (const auto& g : r.subgroups) {
    const std::string prefix = "g" + std::to_string(++n) + "_";
    if (!g.common && !g.random) {
      s += "# subgroup " + comment_text(g.name) + ": no usable row, not fitted\n";
      continue;
    }
    s += "\n## subgroup " + comment_text(g.name) + "\ndg <- d[d$subgroup == " + r_string(g.name) + ", ]\n";
    s += model_code(r, g.common, g.random, "dg", set + " subgroup " + g.name, tau2, prefix, g.rows);
    const std::string compared = prefix + (g.random ? "random" : "common");
    est += std::string(est.empty() ? "" : ", ") + "as.numeric(" + compared + "$beta)";
    se += std::string(se.empty() ? "" : ", ") + compared + "$se";
  }
  if (r.subgroup_test) {
    s += "\n# Test for subgroup differences: a common-effect meta-analysis of the subgroup estimates,\n"
         "# Q_between on (subgroups - 1) df, as R meta's Q.b." +
         r.subgroup_test->model + " and RevMan (Ref: Borenstein et al. (2009), ch. 19).\n";
    s += "between <- rma(yi = c(" + est + "), sei = c(" + se + "), method = \"FE\")\nprint(between)\n";
    s += "check(" + r_string(set + " subgroup differences Q") + ", between$QE, " + r_number(r.subgroup_test->Q) + ")\n";
    s += "check(" + r_string(set + " subgroup differences p") + ", between$QEp, " + r_number(r.subgroup_test->p) +
         ")\n";
  }
  return s;
}

std::string leave_one_out_code(const AnalysisResult& r, const std::string& set) {
  if (!r.leave_one_out) return "";
  const bool random = r.random.has_value();
  std::string s = "\n# Leave-one-out: the " + std::string(random ? "random" : "common") +
                  "-effects model refitted without each study (metafor's leave1out).\n"
                  "l1o <- leave1out(" + (random ? "random" : "common") + ")\nprint(l1o)\n";
  std::size_t n = 0;
  for (const auto& row : r.leave_one_out->rows) {
    ++n;
    if (!row.fit) continue;
    const std::string label = set + " leave-one-out without " + r.rows.at(row.row).label;
    const std::string at = "[" + std::to_string(n) + "]";
    s += "check(" + r_string(label + " estimate") + ", l1o$estimate" + at + ", " + r_number(row.fit->estimate) + ")\n";
    s += "check(" + r_string(label + " se") + ", l1o$se" + at + ", " + r_number(row.fit->se) + ")\n";
    if (row.fit->tau2)
      s += "check(" + r_string(label + " tau2") + ", l1o$tau2" + at + ", " + r_number(*row.fit->tau2) + ")\n";
  }
  return s;
}

/// True when a row gives yi directly (a <generic> outcome) rather than the measure's inputs.
bool gives_yi(const effect::EffectTable& es) {
  for (const effect::StudyInput& in : es.input)
    if (std::isfinite(in.yi)) return true;
  return false;
}

std::string set_code(const DataSet& set) {
  const AnalysisResult& r = *set.result;
  std::string s = "\n# ---- " + set.name + ": " + comment_text(set.title) + " ----\n";
  if (written_rows(r).empty()) return s + "# no row has data; " + comment_text(r.not_pooled) + "\n";
  s += "d <- csv[csv$set == " + r_string(set.name) + ", ]\n";
  s += effects_code(r.es);
  if (r.es.measure != core::Measure::GEN && gives_yi(r.es))
    s += "# Rows without arm data give yi and its SE (a study's <generic> estimate, on this measure's scale):\n"
         "# they enter as given, as rma(yi, vi) takes them.\n"
         "given <- is.na(e$yi) & !is.na(d$yi)\n"
         "e$yi[given] <- d$yi[given]\n"
         "e$vi[given] <- d$vi[given]\n";
  if (set.name == "floor-se")
    s += "# floor-se: where metareview raised an implausibly small SE to the smallest its size allows\n"
         "# (check/plausibility.cpp; SE(log HR) >= 2 / sqrt(events)), the CSV's vi is that floor.\n"
         "e$vi[d$se_floored == 1] <- d$vi[d$se_floored == 1]\n";
  s += "check_rows(" + r_string(set.name) + ", d, e)\nd$yi <- as.numeric(e$yi)\nd$vi <- as.numeric(e$vi)\n";
  if (!r.not_pooled.empty()) return s + "# " + comment_text(r.not_pooled) + "\n";
  std::vector<std::size_t> all(r.es.k());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  s += model_code(r, r.common, r.random, "d", set.name, "", "", all);
  s += subgroup_code(r, set.name);
  s += leave_one_out_code(r, set.name);
  return s;
}

}  // namespace

std::string r_data_csv(const AnalysisResult& result) {
  const Family fam = family(result.es.measure);
  const auto columns = input_columns(fam);
  std::string out = "set,study,subgroup";
  for (const auto& c : columns) out += std::string(",") + c.first;
  out += ",yi,vi,se_floored\n";
  for (const DataSet& set : data_sets(result)) {
    const AnalysisResult& r = *set.result;
    const AnalysisResult* main = &result;
    for (const std::size_t i : written_rows(r)) {
      const effect::StudyInput& in = r.es.input.at(i);
      out += csv_text(set.name) + ',' + csv_text(r.rows[i].label) + ',' + csv_text(in.subgroup);
      for (const auto& c : columns) out += ',' + csv_number(in.*(c.second));
      const bool usable = r.es.usable(i);
      const bool floored = set.name == "floor-se" && usable && i < main->es.k() && r.es.vi[i] != main->es.vi[i];
      out += ',' + (usable ? csv_number(r.es.yi[i]) : "NA") + ',' + (usable ? csv_number(r.es.vi[i]) : "NA") + ',' +
             (floored ? "1" : "0") + '\n';
    }
  }
  return out;
}

std::string r_script(const AnalysisResult& result, const std::string& review_id) {
  const review::Analysis& a = *result.analysis;
  std::string s;
  s += "# metareview export --format r: review " + r_string(review_id) + ", analysis " + r_string(a.id) + "\n";
  s += "# " + comment_text(a.title) + "\n";
  s += "# Rebuilds the analysis with metafor from " + a.id +
       ".csv (the rows it pooled, read beside this script), prints\n"
       "# metafor's summaries, and compares every pooled number with the value metareview computed\n"
       "# (the constants below, to 17 significant digits): it stops with an error when any differs by\n"
       "# more than 1e-6 relative, else prints OK. Run: Rscript " +
       a.id + ".R   (docs/export.md)\n";
  s += "# Written by " + std::string(core::kToolName) + " " + core::kVersion + ".\n\n";
  s += "suppressPackageStartupMessages(library(metafor))\n"
       "here <- local({\n"
       "  f <- grep(\"^--file=\", commandArgs(trailingOnly = FALSE), value = TRUE)\n"
       "  if (length(f) > 0) dirname(normalizePath(sub(\"^--file=\", \"\", f[1]))) else getwd()\n"
       "})\n"
       "csv <- read.csv(file.path(here, " + r_string(a.id + ".csv") +
       "), fileEncoding = \"UTF-8\", stringsAsFactors = FALSE,\n"
       "                colClasses = c(set = \"character\", study = \"character\", subgroup = \"character\"))\n"
       "csv$subgroup[is.na(csv$subgroup)] <- \"\"\n"
       "mismatches <- character(0)\n"
       "# Relative difference, with 1e-12 absolute near 0 (a tau2 of exactly 0 on both sides).\n"
       "check <- function(what, got, want) {\n"
       "  got <- as.numeric(got)[1]\n"
       "  ok <- if (is.na(want)) is.na(got) else isTRUE(abs(got - want) <= " +
       r_setting(kRTolerance) + " * max(abs(want), 1e-6))\n"
       "  if (!ok) mismatches <<- c(mismatches, sprintf(\"%s: metafor %s, metareview %s\", what,\n"
       "                                                format(got, digits = 17), format(want, digits = 17)))\n"
       "}\n"
       "check_weights <- function(what, got, want) {\n"
       "  if (length(got) != length(want)) {\n"
       "    mismatches <<- c(mismatches, sprintf(\"%s weights: metafor %d rows, metareview %d\", what, length(got), length(want)))\n"
       "  } else {\n"
       "    for (i in seq_along(want)) check(paste0(what, \" weight \", i), got[i], want[i])\n"
       "  }\n"
       "}\n"
       "# Each row's yi and vi against the ones metareview pooled (NA where escalc dropped the row).\n"
       "check_rows <- function(set, d, e) {\n"
       "  for (i in seq_len(nrow(d))) {\n"
       "    check(paste0(set, \" yi of \", d$study[i]), e$yi[i], d$yi[i])\n"
       "    check(paste0(set, \" vi of \", d$study[i]), e$vi[i], d$vi[i])\n"
       "  }\n"
       "}\n";
  for (const DataSet& set : data_sets(result)) s += set_code(set);
  s += "\nif (length(mismatches) > 0) {\n"
       "  message(paste(mismatches, collapse = \"\\n\"))\n"
       "  stop(length(mismatches), \" numbers differ between metafor and metareview by more than 1e-6 relative (above)\",\n"
       "       call. = FALSE)\n"
       "}\n"
       "cat(\"OK\\n\")\n";
  return s;
}

std::vector<report::AnalysisFile> r_files(const review::ReviewResult& result) {
  std::vector<report::AnalysisFile> out;
  for (const AnalysisResult& a : result.analyses) {
    out.push_back({a.analysis->id, a.analysis->id + ".csv", r_data_csv(a)});
    out.push_back({a.analysis->id, a.analysis->id + ".R", r_script(a, result.review->id)});
  }
  return out;
}

}  // namespace metareview::exporter
