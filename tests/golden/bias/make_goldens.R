#!/usr/bin/env Rscript
# Golden values for the small-study tests (src/methods/regtest, ranktest), made with R's
# metafor and metadat. Rerun from this directory with `Rscript make_goldens.R`; it rewrites
# inputs.csv, regtest.csv, ranktest.csv (17 significant digits) and made_with.txt.
# tests/golden/bias/bias_golden_test.cpp reads them.
#
# inputs.csv   case, study, yi, vi, ni (escalc output; ni is attr(yi, "ni"), n1i + n2i)
# regtest.csv  case, method, test, model, predictor, field, value: regtest(res, model, predictor)
#              for res <- rma(yi, vi, method, test); fields zval, pval, ddf, est, ci_lb, ci_ub,
#              intercept, slope (coef(r$fit): the line a funnel plot draws)
#              (NA where metafor gives none: ddf under z, est for predictor ni/sqrtni).
# ranktest.csv case, tau, pval: ranktest(res) with its defaults (exact = TRUE).
# fsn.csv      case, type, alpha, target, weighted, fsnum, pval, meanes, target_used:
#              fsn(yi, vi, type, alpha, target, weighted); target NA = metafor's default.
# trimfill.csv case, method, estimator, side, field, value: trimfill(res, side, estimator,
#              control = ctrl) for res <- rma(yi, vi, method); side "default" = metafor's choice;
#              fields k0, se_k0, side (1 left, 2 right), p_k0 (R0 only), the filled fit's
#              estimate, se, zval, pval, ci_lb, ci_ub, tau2 (NA for FE), and fill_yi_<j>.
# Fits use rma() with its defaults except for convergence, tightened as in
# tests/golden/rma/make_golden.R (Fisher scoring to |delta tau2| < 1e-12) so the C++ engine
# can be compared at 1e-6 relative; regtest() refits with the fit's control.
suppressPackageStartupMessages({
  library(metafor)
  library(metadat)
})

ctrl <- list(threshold = 1e-12, tol = 1e-12, maxiter = 10000)
fmt <- function(x) if (is.null(x)) "NA" else ifelse(is.na(x), "NA", sprintf("%.17g", x))
num <- function(x) if (is.null(x)) NA_real_ else unname(x)

cases <- list()
# dat.bcg: BCG vaccine trials (Colditz et al. 1994), log risk ratios, k = 13.
cases$bcg_RR <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg,
                       slab = paste(author, year))
# dat.normand1999: length of stay, stroke units vs general wards, SMD, k = 9.
cases$normand_SMD <- escalc(measure = "SMD", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i,
                            n2i = n2i, data = dat.normand1999, slab = source)

# dat.hackshaw1998: passive smoking and lung cancer, log odds ratios as given, k = 37. It has no
# sample sizes, so regtest's ni predictors are not asked of it (metafor stops: no ni).
cases$hackshaw_OR <- escalc(yi = yi, vi = vi, data = dat.hackshaw1998, slab = paste(author, year))
# dat.hackshaw1998 with variances rounded to one significant digit, so that 11 groups of them
# tie: ranktest() then uses the normal approximation with tie-corrected variance.
ties <- cases$hackshaw_OR
ties$vi <- signif(ties$vi, 1)
cases$hackshaw_ties <- ties
has_ni <- c(bcg_RR = TRUE, normand_SMD = TRUE, hackshaw_OR = FALSE, hackshaw_ties = FALSE)

inputs <- do.call(rbind, lapply(names(cases), function(name) {
  d <- cases[[name]]
  ni <- if (has_ni[[name]]) attr(d$yi, "ni") else rep(NA, nrow(d))
  data.frame(case = name, study = attr(d$yi, "slab"), yi = fmt(c(d$yi)), vi = fmt(d$vi), ni = fmt(ni))
}))

rows <- list()
tf_rows <- list()
fsn_rows <- list()
rank_rows <- list()
for (name in names(cases)) {
  d <- cases[[name]]
  for (method in c("FE", "DL", "REML")) for (test in c("z", "knha")) {
    res <- rma(yi, vi, data = d, method = method, test = test, control = ctrl)
    for (model in c("rma", "lm")) for (predictor in c("sei", "vi", "ni", "ninv", "sqrtni", "sqrtninv")) {
      if (!has_ni[[name]] && !predictor %in% c("sei", "vi")) next
      r <- regtest(res, model = model, predictor = predictor)
      vals <- c(zval = num(r$zval), pval = num(r$pval), ddf = num(r$ddf), est = num(r$est),
                ci_lb = num(r$ci.lb), ci_ub = num(r$ci.ub),
                intercept = unname(coef(r$fit)[1]), slope = unname(coef(r$fit)[2]))
      rows[[length(rows) + 1]] <- data.frame(case = name, method = method, test = test, model = model,
                                             predictor = predictor, field = names(vals), value = fmt(vals))
    }
  }
  for (method in c("FE", "DL", "REML")) {
    res <- rma(yi, vi, data = d, method = method, control = ctrl)
    for (estimator in c("L0", "R0", "Q0")) for (side in c("default", "left", "right")) {
      tf <- if (side == "default") try(trimfill(res, estimator = estimator, control = ctrl), silent = TRUE)
            else try(trimfill(res, side = side, estimator = estimator, control = ctrl), silent = TRUE)
      if (inherits(tf, "try-error")) next
      fill <- if (tf$k0 > 0) tf$yi[tf$fill] else numeric(0)
      vals <- c(k0 = tf$k0, se_k0 = tf$se.k0, side = match(tf$side, c("left", "right")), p_k0 = tf$p.k0,
                estimate = c(tf$beta), se = tf$se, zval = tf$zval, pval = tf$pval, ci_lb = tf$ci.lb,
                ci_ub = tf$ci.ub, tau2 = if (method == "FE") NA else tf$tau2)
      if (length(fill) > 0) vals <- c(vals, setNames(fill, paste0("fill_yi_", seq_along(fill))))
      tf_rows[[length(tf_rows) + 1]] <- data.frame(case = name, method = method, estimator = estimator,
                                                   side = side, field = names(vals), value = fmt(vals))
    }
  }
  fsn_calls <- list(list("Rosenthal", 0.05, NULL, FALSE), list("Rosenthal", 0.01, NULL, FALSE),
                    list("Orwin", 0.05, NULL, FALSE), list("Orwin", 0.05, 0.05, FALSE),
                    list("Orwin", 0.05, NULL, TRUE), list("Orwin", 0.05, -0.1, TRUE),
                    list("Rosenberg", 0.05, NULL, FALSE), list("Rosenberg", 0.01, NULL, FALSE))
  for (a in fsn_calls) {
    f <- if (is.null(a[[3]])) fsn(d$yi, d$vi, type = a[[1]], alpha = a[[2]], weighted = a[[4]])
         else fsn(d$yi, d$vi, type = a[[1]], alpha = a[[2]], target = a[[3]], weighted = a[[4]])
    fsn_rows[[length(fsn_rows) + 1]] <- data.frame(case = name, type = a[[1]], alpha = fmt(a[[2]]),
      target = fmt(a[[3]]), weighted = a[[4]], fsnum = fmt(f$fsnum), pval = fmt(f$pval),
      meanes = fmt(f$meanes), target_used = fmt(f$target))
  }
  rt <- ranktest(rma(yi, vi, data = d, method = "REML", control = ctrl))
  rank_rows[[length(rank_rows) + 1]] <- data.frame(case = name, tau = fmt(rt$tau), pval = fmt(rt$pval))
}

write.csv(inputs, "inputs.csv", row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, rows), "regtest.csv", row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, rank_rows), "ranktest.csv", row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, tf_rows), "trimfill.csv", row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, fsn_rows), "fsn.csv", row.names = FALSE, quote = FALSE)
writeLines(c(R.version.string, paste("metafor", packageVersion("metafor")),
             paste("metadat", packageVersion("metadat"))), "made_with.txt")
