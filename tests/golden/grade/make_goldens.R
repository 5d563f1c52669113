#!/usr/bin/env Rscript
# Golden values for GRADE's publication-bias suggestion (src/methods/grade.cpp): Egger's
# regression test as metafor's regtest(model = "rma", predictor = "sei"). Rerun from this
# directory with `Rscript make_goldens.R`; it rewrites regtest.csv (17 significant digits).
# Inputs are the yi/vi of tests/golden/methods/inputs.csv (case bcg_RR, dat.bcg log RR, k = 13),
# so tests/unit/methods/grade_test.cpp reads both files.
suppressPackageStartupMessages({
  library(metafor)
  library(metadat)
})
ctrl <- list(threshold = 1e-12, tol = 1e-12, maxiter = 10000)
fmt <- function(x) sprintf("%.17g", x)
bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
rows <- list()
for (m in list(c("FE", "z"), c("REML", "z"), c("DL", "z"), c("REML", "knha"))) {
  res <- rma(yi, vi, data = bcg, method = m[1], test = m[2], control = ctrl)
  rt <- regtest(res, model = "rma", predictor = "sei")
  rows[[length(rows) + 1]] <- data.frame(case = "bcg_RR", method = m[1], test = m[2],
                                         zval = fmt(rt$zval), pval = fmt(rt$pval))
}
write.csv(do.call(rbind, rows), "regtest.csv", row.names = FALSE, quote = FALSE)
