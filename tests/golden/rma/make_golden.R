#!/usr/bin/env Rscript
# Golden values for the pooling engine (src/model/), made with R's metafor and metadat.
# Rerun from this directory with `Rscript make_golden.R`; it rewrites inputs.csv,
# expected.csv (17 significant digits) and made_with.txt (the R and package versions). tests/golden/rma/rma_golden_test.cpp reads both.
#
# inputs.csv   case, measure, study, yi, vi (escalc defaults), ai, n1i, ci, n2i (2x2 cases)
# expected.csv case, method, test, field, i, value: one number per line; i = 0 for a
#              scalar, 1..k for a per-study value (weights in percent); NA where metafor
#              gives none.
# Every fit uses rma()/rma.mh()/rma.peto() with their defaults except for convergence,
# which is tightened so the C++ engine (which solves to full precision) can be compared at
# 1e-6 relative: Fisher scoring until |delta tau2| < 1e-12, uniroot (PM) to 1e-12, and the
# Q-profile CI (confint) with uniroot tol 1e-12.
suppressPackageStartupMessages({
  library(metafor)
  library(metadat)
})

ctrl <- list(threshold = 1e-12, tol = 1e-12, maxiter = 10000)
ci_ctrl <- list(tol = 1e-12, maxiter = 10000)
fmt <- function(x) ifelse(is.na(x), "NA", ifelse(is.infinite(x), ifelse(x > 0, "Inf", "-Inf"),
                                                 sprintf("%.17g", x)))

cases <- list()
add_case <- function(name, measure, dat, counts = NULL) {
  cases[[name]] <<- list(measure = measure, dat = dat, counts = counts)
}

# dat.bcg: BCG vaccine trials (Colditz et al. 1994), k = 13.
bcg <- dat.bcg
bcg_counts <- data.frame(study = paste(bcg$author, bcg$year), ai = bcg$tpos, n1i = bcg$tpos + bcg$tneg,
                         ci = bcg$cpos, n2i = bcg$cpos + bcg$cneg)
for (m in c("OR", "RR", "RD")) {
  es <- escalc(measure = m, ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = bcg_counts)
  add_case(paste0("bcg_", m), m, data.frame(study = bcg_counts$study, yi = es$yi, vi = es$vi), bcg_counts)
}
# The same log RRs with absolute latitude as a moderator: the design-matrix path.
es <- escalc(measure = "RR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = bcg_counts)
add_case("bcg_RR_ablat", "RR", data.frame(study = bcg_counts$study, yi = es$yi, vi = es$vi, x1 = bcg$ablat))
# dat.hackshaw1998: passive smoking and lung cancer, log ORs given as yi/vi, k = 37.
hs <- dat.hackshaw1998
add_case("hackshaw_GEN", "GEN", data.frame(study = paste(hs$author, hs$year), yi = hs$yi, vi = hs$vi))
# dat.collins1985a: diuretics in pre-eclampsia, deaths (d.*), complete tables only (k = 24);
# single-zero and double-zero tables exercise the continuity corrections and drop00.
co <- dat.collins1985a[!is.na(dat.collins1985a$d.xti), ]
co_counts <- data.frame(study = paste(co$trial, co$year, co$id), ai = co$d.xti, n1i = co$nti,
                        ci = co$d.xci, n2i = co$nci)
for (m in c("OR", "RR", "RD")) {
  es <- escalc(measure = m, ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = co_counts)
  add_case(paste0("collins_", m), m, data.frame(study = co_counts$study, yi = es$yi, vi = es$vi), co_counts)
}
# dat.pritz1997: single-group proportions, k = 14 (two studies with xi = ni).
pr <- dat.pritz1997
for (m in c("PR", "PLO", "PAS", "PFT")) {
  es <- escalc(measure = m, xi = xi, ni = ni, data = pr)
  add_case(paste0("pritz_", m), m, data.frame(study = pr$authors, yi = es$yi, vi = es$vi))
}
# dat.normand1999: length of stay, stroke units vs general wards, k = 9.
no <- dat.normand1999
for (m in c("MD", "SMD")) {
  es <- escalc(measure = m, m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = no)
  add_case(paste0("normand_", m), m, data.frame(study = no$source, yi = es$yi, vi = es$vi))
}
# Edge cases: k = 2, extreme variances, and identical yi (Q = 0, every tau2 estimator at 0).
add_case("tiny_k2", "GEN", data.frame(study = c("A", "B"), yi = c(0.2, 0.9), vi = c(0.04, 0.09)))
# One study with a tiny and one with a huge variance (ratio 1e12: metafor warns, still fits).
add_case("extreme_vi", "GEN", data.frame(study = c("A", "B", "C", "D", "E"), yi = c(0.1, 0.4, -0.2, 0.3, 2),
                                         vi = c(1e-6, 0.05, 0.08, 0.02, 1e6)))
add_case("identical_yi", "GEN", data.frame(study = c("A", "B", "C", "D"), yi = rep(0.5, 4),
                                           vi = c(0.1, 0.2, 0.3, 0.15)))

inputs <- do.call(rbind, lapply(names(cases), function(name) {
  cs <- cases[[name]]
  d <- cs$dat
  cnt <- if (is.null(cs$counts)) data.frame(ai = NA, n1i = NA, ci = NA, n2i = NA)[rep(1, nrow(d)), ] else cs$counts
  x1 <- if (is.null(d$x1)) NA else d$x1
  data.frame(case = name, measure = cs$measure, study = d$study, yi = fmt(d$yi), vi = fmt(d$vi),
             ai = fmt(cnt$ai), n1i = fmt(cnt$n1i), ci = fmt(cnt$ci), n2i = fmt(cnt$n2i), x1 = fmt(x1))
}))

rows <- list()
emit <- function(case, method, test, field, value, i = 0) {
  rows[[length(rows) + 1]] <<- data.frame(case = case, method = method, test = test, field = field,
                                          i = i, value = fmt(value))
}
emit_common <- function(case, method, test, res) {
  emit(case, method, test, "k", res$k)
  # One coefficient: i = 0; with moderators: i = 1..p.
  coef <- function(field, x) {
    if (length(x) == 1) emit(case, method, test, field, x)
    else for (j in seq_along(x)) emit(case, method, test, field, x[j], j)
  }
  coef("estimate", c(res$beta))
  coef("se", res$se)
  coef("zval", res$zval)
  coef("pval", res$pval)
  coef("ci_lb", res$ci.lb)
  coef("ci_ub", res$ci.ub)
  emit(case, method, test, "Q", res$QE)
  emit(case, method, test, "Q_p", res$QEp)
  emit(case, method, test, "I2", res$I2)
  emit(case, method, test, "H2", res$H2)
  w <- weights(res)
  for (j in seq_along(w)) emit(case, method, test, "weight", w[j], j)
}

for (name in names(cases)) {
  cs <- cases[[name]]
  d <- cs$dat
  k <- nrow(d)
  for (method in c("FE", "DL", "REML", "ML", "PM", "HE", "HS", "SJ", "EB")) {
    for (test in c("z", "knha", "adhoc")) {
      if (method == "FE" && test == "adhoc") next
      mods <- if (is.null(d$x1)) ~ 1 else ~ x1
      res <- suppressWarnings(rma(yi, vi, mods = mods, data = d, method = method, test = test,
                                  control = ctrl))
      emit_common(name, method, test, res)
      emit(name, method, test, "Q_df", k - res$p)
      if (test != "z") emit(name, method, test, "s2w", res$s2w)
      if (method == "FE") next
      emit(name, method, test, "tau2", res$tau2)
      emit(name, method, test, "se_tau2", res$se.tau2)
      ci <- suppressWarnings(confint(res, control = ci_ctrl))
      if (ci$ub.sign == ">") {
        # metafor searches the upper bound only up to max(100, 10 tau2) and then reports
        # "> tau2.max"; the C++ engine widens the bracket until it finds the root, so the
        # golden value is the root metafor finds with a larger search limit.
        ci <- suppressWarnings(confint(res, control = c(ci_ctrl, tau2.max = 1e6)))
        stopifnot(ci$ub.sign == "")
      }
      ci <- ci$random
      emit(name, method, test, "tau2_ci_lb", ci["tau^2", "ci.lb"])
      emit(name, method, test, "tau2_ci_ub", ci["tau^2", "ci.ub"])
      emit(name, method, test, "I2_ci_lb", ci["I^2(%)", "ci.lb"])
      emit(name, method, test, "I2_ci_ub", ci["I^2(%)", "ci.ub"])
      emit(name, method, test, "H2_ci_lb", ci["H^2", "ci.lb"])
      emit(name, method, test, "H2_ci_ub", ci["H^2", "ci.ub"])
      # Prediction intervals: metafor's default (z, or t(k-1) with the scaled SE under knha),
      # then Higgins, Thompson & Spiegelhalter (2009) eq. 12 with t(k-1) and t(k-2): the
      # unscaled SE of the same fit (R meta's method.predict = "HTS"), none without df.
      # Without knha the unscaled SE is metafor's, and predict(pi.type = "t"/"riley") agrees.
      if (res$p > 1) next
      pr <- predict(res)
      emit(name, method, test, "pi_lb_z", pr$pi.lb)
      emit(name, method, test, "pi_ub_z", pr$pi.ub)
      se0 <- sqrt(1 / sum(1 / (res$vi + res$tau2)))  # the unscaled SE of the intercept
      for (tag in c("t-k1", "t-k2")) {
        df <- res$k - res$p - if (tag == "t-k2") 1 else 0
        if (df < 1) {
          lb <- ub <- NA
        } else if (test == "z") {
          pr <- predict(res, pi.type = if (tag == "t-k2") "riley" else "t")
          lb <- pr$pi.lb
          ub <- pr$pi.ub
        } else {
          half <- qt(1 - 0.05 / 2, df) * sqrt(se0^2 + res$tau2)
          lb <- res$beta[1] - half
          ub <- res$beta[1] + half
        }
        emit(name, method, test, paste0("pi_lb_", tag), lb)
        emit(name, method, test, paste0("pi_ub_", tag), ub)
      }
    }
  }
  if (!is.null(cs$counts) && cs$measure %in% c("OR", "RR", "RD")) {
    cnt <- cs$counts
    # rma.mh/rma.peto defaults: double-zero tables leave the per-study yi (and Q) but stay
    # in the pooled estimate; "Some yi/vi values are NA" says so.
    res <- suppressWarnings(rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = cnt, measure = cs$measure))
    emit_common(name, "MH", "z", res)
    emit(name, "MH", "z", "Q_df", res$k.yi - 1)
    if (cs$measure == "OR") {
      res <- suppressWarnings(rma.peto(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = cnt))
      emit_common(name, "PETO", "z", res)
      emit(name, "PETO", "z", "Q_df", res$k.yi - 1)
      for (j in seq_along(res$yi.f)) emit(name, "PETO", "z", "yi", res$yi.f[j], j)
    }
  }
}

write_csv <- function(df, path) {
  # Plain comma-separated values, no quoting (tests/support/golden_csv.h): no field may
  # contain a comma.
  stopifnot(!any(grepl(",", as.matrix(df), fixed = TRUE)))
  write.table(df, path, sep = ",", row.names = FALSE, quote = FALSE)
}
write_csv(inputs, "inputs.csv")
write_csv(do.call(rbind, rows), "expected.csv")
writeLines(sprintf("R %s, metafor %s, metadat %s", getRversion(), packageVersion("metafor"),
                   packageVersion("metadat")), "made_with.txt")
