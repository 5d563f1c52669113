#!/usr/bin/env Rscript
# Golden values for meta-regression (`pool --mods`, model/metareg.h) and the exact permutation
# test (`permutest`, methods/permutest.h), made with R's metafor and metadat. Rerun from this
# directory with `Rscript make_goldens.R`; it rewrites bcg.csv, expected.csv (17 significant
# digits), permutest.csv and made_with.txt. tests/golden/metareg/metareg_golden_test.cpp
# reads them.
#
# bcg.csv       dat.bcg (Colditz et al. 1994) as `pool --measure GEN --mods` reads it: study,
#               yi, vi (log RR, escalc defaults), ablat, year, alloc (text: a factor).
# expected.csv  case, method, test, field, i, value: one number per line; i = 0 for a scalar,
#               1..p for coefficient i; NA where metafor gives none.
# permutest.csv case, method, test, field, i, value from permutest(exact = TRUE) on subsets
#               small enough to enumerate (rows named by `rows`, 1-based, in bcg.csv).
# Fits use rma() defaults except for convergence, tightened as in tests/golden/rma so the C++
# engine (which solves to full precision) can be compared at 1e-6 relative.
suppressPackageStartupMessages({
  library(metafor)
  library(metadat)
})
ctrl <- list(threshold = 1e-12, tol = 1e-12, maxiter = 10000)
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
bcg$study <- paste(bcg$author, bcg$year)
write.csv(data.frame(study = bcg$study, yi = sprintf("%.17g", bcg$yi), vi = sprintf("%.17g", bcg$vi),
                     ablat = bcg$ablat, year = bcg$year, alloc = bcg$alloc),
          "bcg.csv", row.names = FALSE, quote = FALSE)
d <- read.csv("bcg.csv")

mods <- list(ablat = ~ ablat, ablat_year = ~ ablat + year, alloc = ~ factor(alloc),
             ablat_alloc = ~ ablat + factor(alloc))
rows <- list()
out <- function(case, method, test, field, i, value)
  rows[[length(rows) + 1]] <<- data.frame(case = case, method = method, test = test, field = field, i = i,
                                          value = fmt(value))
for (case in names(mods)) for (method in c("FE", "DL", "REML", "ML", "PM")) for (test in c("z", "knha")) {
  res <- rma(yi, vi, mods = mods[[case]], data = d, method = method, test = test, control = ctrl)
  p <- length(res$beta)
  for (j in seq_len(p)) {
    out(case, method, test, "estimate", j, res$beta[j]); out(case, method, test, "se", j, res$se[j])
    out(case, method, test, "zval", j, res$zval[j]); out(case, method, test, "pval", j, res$pval[j])
    out(case, method, test, "ci_lb", j, res$ci.lb[j]); out(case, method, test, "ci_ub", j, res$ci.ub[j])
  }
  out(case, method, test, "k", 0, res$k); out(case, method, test, "p", 0, p)
  out(case, method, test, "QM", 0, res$QM); out(case, method, test, "QM_p", 0, res$QMp)
  out(case, method, test, "QM_df1", 0, res$QMdf[1]); out(case, method, test, "QM_df2", 0, res$QMdf[2])
  out(case, method, test, "QE", 0, res$QE); out(case, method, test, "QE_p", 0, res$QEp)
  out(case, method, test, "tau2", 0, res$tau2); out(case, method, test, "I2", 0, res$I2)
  out(case, method, test, "H2", 0, res$H2); out(case, method, test, "R2", 0, if (is.null(res$R2)) NA else res$R2)
}
write.csv(do.call(rbind, rows), "expected.csv", row.names = FALSE, quote = FALSE)

# Exact permutation tests: small subsets of dat.bcg (k = 6 and 7: 720 and 5040 orderings of
# ablat, 64 and 128 sign flips), and the factor alloc (duplicated rows: fewer unique orderings).
perm_cases <- list(
  list(name = "ablat_k6", rows = 1:6, mods = ~ ablat),
  list(name = "ablat_k7", rows = 7:13, mods = ~ ablat),
  list(name = "alloc_k8", rows = 1:8, mods = ~ factor(alloc)),
  list(name = "intercept_k7", rows = 1:7, mods = ~ 1))
prow <- list()
for (pc in perm_cases) for (method in c("FE", "DL", "REML")) for (test in c("z", "knha")) {
  res <- rma(yi, vi, mods = pc$mods, data = d[pc$rows, ], method = method, test = test, control = ctrl)
  pt <- permutest(res, exact = TRUE, progbar = FALSE)
  add <- function(field, i, value)
    prow[[length(prow) + 1]] <<- data.frame(case = pc$name, rows = paste(range(pc$rows), collapse = "-"),
                                            method = method, test = test, field = field, i = i, value = fmt(value))
  add("QM", 0, res$QM); add("QM_p", 0, pt$QMp); add("iter", 0, length(pt$QM.perm))
  for (j in seq_along(pt$pval)) add("pval", j, pt$pval[j])
}
write.csv(do.call(rbind, prow), "permutest.csv", row.names = FALSE, quote = FALSE)
writeLines(sprintf("R %s, metafor %s, metadat %s", paste(R.version$major, R.version$minor, sep = "."),
                   packageVersion("metafor"), packageVersion("metadat")), "made_with.txt")
